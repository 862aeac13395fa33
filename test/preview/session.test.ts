import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import type { PreviewRender } from '../../src/preview/render.js';
import type { RenderJob, Timer } from '../../src/preview/scheduler.js';
import { PreviewSession, type PreviewState } from '../../src/preview/session.js';
import { classify, isScratch } from '../../src/preview/watch.js';

const FILE = '/abs/dept.json';

function diag(severity: 'error' | 'warning', rule: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { file: FILE, path: 'department.duties[0]', rule, severity, message: `${rule} in ${FILE}`, ...extra };
}

/** Session with a renderer that returns whatever the test queues, one per render. */
function setup() {
  const results: PreviewRender[] = [];
  const jobs: RenderJob[] = [];
  let fire: (() => void) | undefined;
  const timer: Timer = (fn) => {
    fire = fn;
    return () => (fire = undefined);
  };
  const session = new PreviewSession({
    file: FILE,
    displayFile: 'dept.json',
    timer,
    render: async (job) => {
      jobs.push(job);
      const r = results.shift();
      if (!r) throw new Error('no result queued');
      return r;
    },
  });
  const states: PreviewState[] = [];
  session.subscribe((s) => states.push(s));
  const change = async (r: PreviewRender) => {
    results.push(r);
    session.notify('data');
    fire?.();
    await session.idle();
  };
  return { session, states, jobs, results, change, fireTimer: () => fire?.() };
}

const ok = (text: string, diagnostics: Diagnostic[] = []): PreviewRender => ({ kind: 'ok', pdf: Buffer.from(`%PDF ${text}`), pages: 3, diagnostics, templateSet: 'shanxi-zonggai', ms: 5 });
const bad = (diagnostics: Diagnostic[]): PreviewRender => ({ kind: 'error', diagnostics, ms: 1 });

describe('PreviewSession', () => {
  it('starts pending, then shows the first PDF with its warnings', async () => {
    const { session, results } = setup();
    expect(session.state()).toMatchObject({ status: 'pending', pdf: null, rendering: false });
    results.push(ok('one', [diag('warning', 'w1')]));
    session.start();
    await session.idle();
    const s = session.state();
    expect(s).toMatchObject({ status: 'ok', stale: false, counts: { errors: 0, warnings: 1 }, pdf: { version: 1, url: '/document.pdf?v=1', pages: 3 } });
    expect(session.pdf()?.bytes.toString()).toBe('%PDF one');
    // the data file is named as the user named it
    expect(s.diagnostics[0]).toMatchObject({ file: 'dept.json', message: 'w1 in dept.json' });
    expect(session.templateSet).toBe('shanxi-zonggai');
  });

  it('keeps the last good PDF when the new state has errors, and says it is stale', async () => {
    const { session, results, change } = setup();
    results.push(ok('good'));
    session.start();
    await session.idle();
    await change(bad([diag('warning', 'w'), diag('error', 'json-syntax', { path: '', line: 3, column: 7 })]));
    const s = session.state();
    expect(s.status).toBe('error');
    expect(s.stale).toBe(true);
    expect(s.pdf?.version).toBe(1);
    expect(session.pdf()?.bytes.toString()).toBe('%PDF good');
    // errors first
    expect(s.diagnostics.map((d) => d.severity)).toEqual(['error', 'warning']);
    expect(s.diagnostics[0]).toMatchObject({ rule: 'json-syntax', line: 3, column: 7, file: 'dept.json' });
    expect(s.counts).toEqual({ errors: 1, warnings: 1 });

    // fixed: a fresh PDF replaces it
    await change(ok('better'));
    expect(session.state()).toMatchObject({ status: 'ok', stale: false, pdf: { version: 2, url: '/document.pdf?v=2' }, diagnostics: [] });
    expect(session.pdf()?.bytes.toString()).toBe('%PDF better');
  });

  it('has no PDF at all when the first state already has errors', async () => {
    const { session, results } = setup();
    results.push(bad([diag('error', 'schema')]));
    session.start();
    await session.idle();
    expect(session.state()).toMatchObject({ status: 'error', pdf: null, stale: false });
    expect(session.pdf()).toBeUndefined();
  });

  it('tells listeners a change is being rendered, and when it is done', async () => {
    const { session, results, states, change } = setup();
    results.push(ok('a'));
    session.start();
    await session.idle();
    states.length = 0;
    await change(ok('b'));
    expect(states[0]!.rendering).toBe(true);
    expect(states.at(-1)).toMatchObject({ rendering: false, status: 'ok', pdf: { version: 2 } });
    // each state has a higher version
    for (let i = 1; i < states.length; i++) expect(states[i]!.version).toBeGreaterThan(states[i - 1]!.version);
  });

  it('a renderer that throws shows an internal error over the last good PDF', async () => {
    const { session, results, fireTimer } = setup();
    results.push(ok('a'));
    session.start();
    await session.idle();
    session.notify('data'); // nothing queued: the fake renderer throws
    fireTimer();
    await session.idle();
    expect(session.state()).toMatchObject({ status: 'error', stale: true, pdf: { version: 1 } });
    expect(session.state().diagnostics[0]).toMatchObject({ rule: 'internal', severity: 'error' });
  });
});

describe('watch classification', () => {
  it('tells data, template and font changes apart', () => {
    expect(classify('/d/dept.json', '/d/dept.json', '/pkg/templates/s', '/pkg/fonts')).toBe('data');
    expect(classify('/pkg/templates/s/partials/cover.hbs', '/d/dept.json', '/pkg/templates/s', '/pkg/fonts')).toBe('templates');
    expect(classify('/pkg/templates/s/theme.json', '/d/dept.json', '/pkg/templates/s', '/pkg/fonts')).toBe('templates');
    expect(classify('/pkg/fonts/roles.json', '/d/dept.json', '/pkg/templates/s', '/pkg/fonts')).toBe('fonts');
    expect(classify('/pkg/fonts/x/NotoSerifSC.ttf', '/d/dept.json', '/pkg/templates/s', '/pkg/fonts')).toBe('fonts');
    expect(classify('/pkg/templates/other/document.hbs', '/d/dept.json', '/pkg/templates/s', '/pkg/fonts')).toBeUndefined();
    expect(classify('/pkg/templates/s-old/document.hbs', '/d/dept.json', '/pkg/templates/s', '/pkg/fonts')).toBeUndefined();
    expect(classify('/d/other.json', '/d/dept.json', '/pkg/templates/s', '/pkg/fonts')).toBeUndefined();
  });

  it('ignores editors’ scratch files', () => {
    for (const f of ['.#cover.hbs', '#cover.hbs#', 'cover.hbs~', '.cover.hbs.swp', 'theme.json.tmp']) expect(isScratch(f)).toBe(true);
    for (const f of ['cover.hbs', 'theme.json', 'roles.json', 'NotoSansSC.ttf']) expect(isScratch(f)).toBe(false);
  });
});
