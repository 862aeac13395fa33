import { beforeEach, describe, expect, it, vi } from 'vitest';

/*
 * renderPreview's wiring, with the composition replaced by a spy: the preview is the one
 * composition (pipeline/compose.ts) with the 草稿 mark, printing despite audit errors, stopping
 * when superseded, and a new World when a template or font file changed. What the steps do
 * between them is the composition's test (test/pipeline/compose.test.ts).
 */

const calls: string[] = [];
let result: Record<string, unknown>;
const world = { name: 'world' };

vi.mock('../../src/pipeline/index.js', () => ({
  processWorld: vi.fn(() => {
    calls.push('world');
    return world;
  }),
  renewProcessWorld: vi.fn(() => {
    calls.push('new world');
    return world;
  }),
  run: vi.fn(async (w: unknown, source: { file: string }, options: { force?: boolean; draft?: unknown; isCurrent?: () => boolean }) => {
    calls.push(`run ${w === world ? 'world' : '?'} ${source.file} ${JSON.stringify({ force: options.force, draft: options.draft })} current=${options.isCurrent?.()}`);
    return result;
  }),
}));

const { renderPreview, today } = await import('../../src/preview/render.js');
const { inProcessRenderer, needsFreshEnvironment } = await import('../../src/preview/session.js');

const warning = { file: '/d.json', path: 'x', rule: 'w', severity: 'warning' as const, message: 'w' };

beforeEach(() => {
  calls.length = 0;
  result = { file: '/d.json', checked: { file: '/d.json', data: { templateSet: 'shanxi-zonggai' }, derived: {}, diagnostics: [warning] }, diagnostics: [warning], bytes: Buffer.from('%PDF-1.7'), pages: 2 };
});

describe('renderPreview', () => {
  it('runs the composition with the 草稿 mark and the given date, printing despite audit errors; warnings travel with the PDF', async () => {
    const r = await renderPreview('/d.json', { date: '2026-03-01', fresh: false, isCurrent: () => true });
    expect(calls).toEqual(['world', 'run world /d.json {"force":true,"draft":{"date":"2026-03-01"}} current=true']);
    expect(r).toMatchObject({ kind: 'ok', pages: 2, templateSet: 'shanxi-zonggai', diagnostics: [warning] });
  });

  it('nothing printable (refused) keeps the last good PDF and says why', async () => {
    result = { file: '/d.json', checked: { file: '/d.json', diagnostics: [] }, diagnostics: [{ ...warning, rule: 'json-syntax', severity: 'error' }], refused: 'errors' };
    const r = await renderPreview('/d.json', { date: '2026-03-01', fresh: false, isCurrent: () => true });
    expect(r).toMatchObject({ kind: 'error', templateSet: undefined, diagnostics: [{ rule: 'json-syntax' }] });
  });

  it('a render refused by its own checks names the template set', async () => {
    result = { ...result, bytes: undefined, diagnostics: [{ ...warning, rule: 'font-coverage', severity: 'error' }], refused: 'errors' };
    const r = await renderPreview('/d.json', { date: '2026-03-01', fresh: false, isCurrent: () => true });
    expect(r).toMatchObject({ kind: 'error', templateSet: 'shanxi-zonggai' });
  });

  it('a superseded run is never published', async () => {
    result = { ...result, bytes: undefined, refused: 'superseded' };
    const r = await renderPreview('/d.json', { date: '2026-03-01', fresh: false, isCurrent: () => false });
    expect(r).toEqual({ kind: 'superseded' });
  });

  it('a broken template (an exception while rendering) is an error result, not a crash', async () => {
    const { run } = await import('../../src/pipeline/index.js');
    vi.mocked(run).mockRejectedValueOnce(new Error('Parse error on line 3'));
    const r = await renderPreview('/d.json', { date: '2026-03-01', fresh: true, isCurrent: () => true });
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.diagnostics.at(-1)).toMatchObject({ rule: 'render-failed', severity: 'error' });
  });

  it('template and font changes make a new World; data changes keep it warm', async () => {
    expect(needsFreshEnvironment(new Set(['data']))).toBe(false);
    expect(needsFreshEnvironment(new Set(['initial']))).toBe(false);
    expect(needsFreshEnvironment(new Set(['data', 'templates']))).toBe(true);
    expect(needsFreshEnvironment(new Set(['fonts']))).toBe(true);
    const render = inProcessRenderer('/d.json');
    await render({ generation: 1, reasons: new Set(['data']), isCurrent: () => true });
    await render({ generation: 2, reasons: new Set(['templates']), isCurrent: () => true });
    await render({ generation: 3, reasons: new Set(['fonts', 'data']), isCurrent: () => true });
    expect(calls.filter((c) => c.endsWith('world'))).toEqual(['world', 'new world', 'new world']);
    // the 草稿 date is today's
    expect(calls.at(-1)).toContain(`"draft":{"date":"${today()}"}`);
    expect(today(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});
