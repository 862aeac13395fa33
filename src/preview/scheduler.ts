/*
 * When to re-render. Changes arrive as `notify(reason)`; a burst of them (an editor's save is
 * often several events: truncate, write, rename, chmod) is coalesced by a short debounce into
 * one render. A render already in flight is never queued behind: each change bumps a generation
 * counter, a job can ask `isCurrent()` between its stages and give up early, and a result whose
 * generation is no longer the newest is dropped instead of published. When the in-flight render
 * ends (finished, given up or failed), the newest state is rendered next — once, however many
 * changes came in meanwhile.
 *
 * No clock of its own beyond the injectable timer, no I/O: tests drive it with a manual timer
 * and controllable promises.
 */

export type ChangeReason = 'data' | 'templates' | 'fonts' | 'initial';

export interface RenderJob {
  /** The change counter this job renders the state of. */
  generation: number;
  /**
   * Every reason notified since the last job started, plus those of jobs that ended without
   * publishing (so a superseded template change still reloads the templates).
   */
  reasons: ReadonlySet<ChangeReason>;
  /** False as soon as a newer change has been notified: the job's result will be dropped. */
  isCurrent(): boolean;
}

/** Starts a timer; returns its cancel function. */
export type Timer = (fn: () => void, ms: number) => () => void;

export const realTimer: Timer = (fn, ms) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

export interface SchedulerOptions<R> {
  run: (job: RenderJob) => Promise<R>;
  /** Called with a job's result only while the job is still the newest generation. */
  publish: (result: R, job: RenderJob) => void;
  /** A job that threw (a bug: the runner should turn data problems into results). */
  onError?: (error: unknown, job: RenderJob) => void;
  /** Called when a job's result is dropped because a newer change arrived. */
  onDropped?: (job: RenderJob) => void;
  debounceMs?: number;
  timer?: Timer;
}

export interface SchedulerStats {
  started: number;
  published: number;
  dropped: number;
  failed: number;
}

export class RenderScheduler<R> {
  private generation = 0;
  private pending = new Set<ChangeReason>();
  private cancelTimer: (() => void) | undefined;
  private inFlight: Promise<void> | undefined;
  /** A debounced burst ended while a job was running: start the newest state when it ends. */
  private due = false;
  private closed = false;
  private idleWaiters: Array<() => void> = [];
  readonly stats: SchedulerStats = { started: 0, published: 0, dropped: 0, failed: 0 };

  private readonly debounceMs: number;
  private readonly timer: Timer;

  constructor(private readonly options: SchedulerOptions<R>) {
    this.debounceMs = options.debounceMs ?? 50;
    this.timer = options.timer ?? realTimer;
  }

  /** The newest change counter. */
  get current(): number {
    return this.generation;
  }

  get running(): boolean {
    return this.inFlight !== undefined;
  }

  /** A change: bump the generation (superseding any job in flight) and (re)start the debounce. */
  notify(reason: ChangeReason): void {
    if (this.closed) return;
    this.generation++;
    this.pending.add(reason);
    this.cancelTimer?.();
    this.cancelTimer = this.timer(() => {
      this.cancelTimer = undefined;
      this.kick();
    }, this.debounceMs);
  }

  /** Render now, without waiting for the debounce (the first render; tests). */
  now(reason: ChangeReason): void {
    if (this.closed) return;
    this.generation++;
    this.pending.add(reason);
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.kick();
  }

  /** Resolves when no job is running and none is waiting to start (debounce included). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops accepting changes; resolves when the job in flight (if any) has ended. */
  async close(): Promise<void> {
    this.closed = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.due = false;
    this.pending.clear();
    await this.inFlight;
    this.settleIdle();
  }

  private isIdle(): boolean {
    return !this.inFlight && !this.cancelTimer && !this.due;
  }

  private settleIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /**
   * A job that did not publish may not have acted on its reasons (it can give up before reloading
   * templates): the next job inherits them.
   */
  private carryOver(reasons: ReadonlySet<ChangeReason>): void {
    if (this.closed) return;
    for (const r of reasons) if (r !== 'initial') this.pending.add(r);
  }

  private kick(): void {
    if (this.closed) return;
    if (this.inFlight) {
      this.due = true; // the job in flight is stale already (its generation < this.generation)
      return;
    }
    this.due = false;
    const generation = this.generation;
    const reasons = this.pending;
    this.pending = new Set();
    const job: RenderJob = { generation, reasons, isCurrent: () => !this.closed && this.generation === generation };
    this.stats.started++;
    this.inFlight = (async () => {
      try {
        const result = await this.options.run(job);
        if (job.isCurrent()) {
          this.stats.published++;
          this.options.publish(result, job);
        } else {
          this.stats.dropped++;
          this.carryOver(reasons);
          this.options.onDropped?.(job);
        }
      } catch (err) {
        this.stats.failed++;
        this.carryOver(reasons);
        this.options.onError?.(err, job);
      }
    })().finally(() => {
      this.inFlight = undefined;
      // A burst that ended while this job ran — or a change whose debounce is still pending:
      // then the timer will kick. Either way only the newest state is rendered.
      if (this.due) this.kick();
      else this.settleIdle();
    });
  }
}
