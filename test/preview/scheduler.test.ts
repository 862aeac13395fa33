import { describe, expect, it } from 'vitest';
import { RenderScheduler, type ChangeReason, type RenderJob, type Timer } from '../../src/preview/scheduler.js';

/** A timer the test fires by hand: no real time passes. */
function manualTimer() {
  let pending: { fn: () => void; ms: number } | undefined;
  const timer: Timer = (fn, ms) => {
    const entry = { fn, ms };
    pending = entry;
    return () => {
      if (pending === entry) pending = undefined;
    };
  };
  return {
    timer,
    get armed() {
      return pending !== undefined;
    },
    fire() {
      const p = pending;
      pending = undefined;
      if (!p) throw new Error('no timer armed');
      p.fn();
    },
  };
}

/** A renderer whose every call waits for the test to resolve it. */
function controllableRenderer() {
  const calls: Array<{ job: RenderJob; resolve: (v: string) => void; reject: (e: unknown) => void; reasons: ChangeReason[] }> = [];
  const run = (job: RenderJob) =>
    new Promise<string>((resolve, reject) => {
      calls.push({ job, resolve, reject, reasons: [...job.reasons].sort() });
    });
  return { calls, run };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

function setup() {
  const clock = manualTimer();
  const renderer = controllableRenderer();
  const published: Array<{ result: string; generation: number }> = [];
  const dropped: number[] = [];
  const errors: unknown[] = [];
  const scheduler = new RenderScheduler<string>({
    run: renderer.run,
    publish: (result, job) => published.push({ result, generation: job.generation }),
    onDropped: (job) => dropped.push(job.generation),
    onError: (err) => errors.push(err),
    debounceMs: 75,
    timer: clock.timer,
  });
  return { clock, renderer, published, dropped, errors, scheduler };
}

describe('RenderScheduler', () => {
  it('coalesces a burst of changes into one render of the newest generation', async () => {
    const { clock, renderer, published, scheduler } = setup();
    scheduler.notify('data');
    scheduler.notify('data');
    scheduler.notify('data');
    expect(renderer.calls).toHaveLength(0); // still debouncing
    clock.fire();
    expect(renderer.calls).toHaveLength(1);
    expect(renderer.calls[0]!.job.generation).toBe(3);
    expect(renderer.calls[0]!.job.isCurrent()).toBe(true);
    renderer.calls[0]!.resolve('v3');
    await scheduler.idle();
    expect(published).toEqual([{ result: 'v3', generation: 3 }]);
  });

  it('restarts the debounce on each change', () => {
    const { clock, renderer, scheduler } = setup();
    scheduler.notify('data');
    expect(clock.armed).toBe(true);
    scheduler.notify('templates'); // the first timer is cancelled, a new one armed
    clock.fire();
    expect(clock.armed).toBe(false);
    expect(renderer.calls).toHaveLength(1);
    expect(renderer.calls[0]!.reasons).toEqual(['data', 'templates']);
  });

  it('now() renders at once without debounce', () => {
    const { clock, renderer, scheduler } = setup();
    scheduler.now('initial');
    expect(clock.armed).toBe(false);
    expect(renderer.calls).toHaveLength(1);
  });

  it('supersedes a render in flight: its result is dropped and only the newest state renders next', async () => {
    const { clock, renderer, published, dropped, scheduler } = setup();
    scheduler.now('initial');
    const first = renderer.calls[0]!;
    expect(first.job.isCurrent()).toBe(true);

    // three saves while the first render runs
    scheduler.notify('data');
    expect(first.job.isCurrent()).toBe(false);
    clock.fire();
    scheduler.notify('data');
    clock.fire();
    scheduler.notify('data');
    clock.fire();
    expect(renderer.calls).toHaveLength(1); // not queued behind, nor run alongside

    first.resolve('stale');
    await tick();
    expect(dropped).toEqual([1]);
    expect(published).toEqual([]);
    // one render, of the newest generation
    expect(renderer.calls).toHaveLength(2);
    expect(renderer.calls[1]!.job.generation).toBe(4);
    renderer.calls[1]!.resolve('fresh');
    await scheduler.idle();
    expect(published).toEqual([{ result: 'fresh', generation: 4 }]);
    expect(renderer.calls).toHaveLength(2);
    expect(scheduler.stats).toEqual({ started: 2, published: 1, dropped: 1, failed: 0 });
  });

  it('a change during a render whose debounce has not ended yet starts after the timer, not before', async () => {
    const { clock, renderer, published, scheduler } = setup();
    scheduler.now('initial');
    scheduler.notify('data'); // debounce still armed
    renderer.calls[0]!.resolve('old');
    await tick();
    expect(published).toEqual([]); // dropped: superseded
    expect(renderer.calls).toHaveLength(1);
    clock.fire();
    expect(renderer.calls).toHaveLength(2);
    renderer.calls[1]!.resolve('new');
    await scheduler.idle();
    expect(published.map((p) => p.result)).toEqual(['new']);
  });

  it('a superseded job can give up early by asking isCurrent()', async () => {
    const clock = manualTimer();
    const stages: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const published: string[] = [];
    const scheduler = new RenderScheduler<string>({
      run: async (job) => {
        stages.push(`check ${job.generation}`);
        if (job.generation === 1) await gate;
        if (!job.isCurrent()) return 'gave up';
        stages.push(`render ${job.generation}`);
        return `pdf ${job.generation}`;
      },
      publish: (r) => published.push(r),
      timer: clock.timer,
    });
    scheduler.now('initial');
    scheduler.notify('data');
    clock.fire();
    release();
    await scheduler.idle();
    expect(stages).toEqual(['check 1', 'check 2', 'render 2']);
    expect(published).toEqual(['pdf 2']);
  });

  it('carries the reasons of a dropped job over, so a superseded template change still reloads', async () => {
    const { clock, renderer, scheduler } = setup();
    scheduler.now('initial');
    scheduler.notify('templates');
    clock.fire();
    // the initial render ends (dropped); the templates job starts…
    renderer.calls[0]!.resolve('x');
    await tick();
    expect(renderer.calls[1]!.reasons).toEqual(['templates']);
    // …and is superseded by a data change before it reloaded anything
    scheduler.notify('data');
    clock.fire();
    renderer.calls[1]!.resolve('y');
    await tick();
    expect(renderer.calls[2]!.reasons).toEqual(['data', 'templates']);
    renderer.calls[2]!.resolve('z');
    await scheduler.idle();
  });

  it('a published job consumes its reasons', async () => {
    const { clock, renderer, scheduler } = setup();
    scheduler.notify('fonts');
    clock.fire();
    renderer.calls[0]!.resolve('a');
    await scheduler.idle();
    scheduler.notify('data');
    clock.fire();
    expect(renderer.calls[1]!.reasons).toEqual(['data']);
    renderer.calls[1]!.resolve('b');
    await scheduler.idle();
  });

  it('a job that throws is reported, and the next change renders again', async () => {
    const { clock, renderer, published, errors, scheduler } = setup();
    scheduler.now('initial');
    renderer.calls[0]!.reject(new Error('boom'));
    await scheduler.idle();
    expect(errors).toHaveLength(1);
    scheduler.notify('data');
    clock.fire();
    renderer.calls[1]!.resolve('ok');
    await scheduler.idle();
    expect(published.map((p) => p.result)).toEqual(['ok']);
  });

  it('close() drops the result in flight and ignores later changes', async () => {
    const { clock, renderer, published, scheduler } = setup();
    scheduler.now('initial');
    const closed = scheduler.close();
    renderer.calls[0]!.resolve('late');
    await closed;
    expect(published).toEqual([]);
    scheduler.notify('data');
    expect(clock.armed).toBe(false);
    expect(renderer.calls).toHaveLength(1);
  });

  it('idle() waits for the debounce and the render', async () => {
    const { clock, renderer, scheduler } = setup();
    let idle = false;
    scheduler.notify('data');
    void scheduler.idle().then(() => (idle = true));
    await tick();
    expect(idle).toBe(false);
    clock.fire();
    await tick();
    expect(idle).toBe(false);
    renderer.calls[0]!.resolve('done');
    await tick();
    await tick();
    expect(idle).toBe(true);
  });
});
