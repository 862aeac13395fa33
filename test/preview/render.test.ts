import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/*
 * renderPreview's wiring, with the composition replaced by a spy: the preview is the one
 * composition (pipeline/compose.ts) with the 草稿 mark, printing a preview's PDF despite audit
 * errors, stopping when superseded, a new World when a template or font file changed, and a save
 * that changed nothing answered from the last PDF. What the steps do
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
    return { name: 'new world' };
  }),
  run: vi.fn(async (w: unknown, source: { file: string }, options: { force?: boolean; draft?: unknown; preview?: boolean; isCurrent?: () => boolean }) => {
    calls.push(`run ${w === world ? 'world' : (w as { name: string }).name} ${source.file} ${JSON.stringify({ force: options.force, draft: options.draft, preview: options.preview })} current=${options.isCurrent?.()}`);
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
    expect(calls).toEqual(['world', 'run world /d.json {"force":true,"draft":{"date":"2026-03-01"},"preview":true} current=true']);
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

  it('a save that changed nothing gets the last PDF without a check or a render; any change renders again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-preview-memo-'));
    try {
      const file = path.join(dir, 'd.json');
      writeFileSync(file, '{"a":1}');
      const memo = {};
      const at = (date: string, fresh = false) => renderPreview(file, { date, fresh, isCurrent: () => true, memo });
      const runs = () => calls.filter((c) => c.startsWith('run')).length;
      const first = await at('2026-03-01');
      expect(runs()).toBe(1);
      // saved again, the same bytes
      const again = await at('2026-03-01');
      expect(runs()).toBe(1);
      expect(again).toMatchObject({ kind: 'ok', pages: 2, templateSet: 'shanxi-zonggai', diagnostics: [warning] });
      expect(again.kind === 'ok' && first.kind === 'ok' && again.pdf).toBe(first.kind === 'ok' && first.pdf);
      // one number changed
      writeFileSync(file, '{"a":2}');
      await at('2026-03-01');
      expect(runs()).toBe(2);
      // another day's 草稿 mark, a template or font change (a new World): rendered again
      await at('2026-03-02');
      expect(runs()).toBe(3);
      await at('2026-03-02', true);
      expect(runs()).toBe(4);
      // a render that printed nothing is not remembered: the last PDF still answers its own bytes
      result = { file, checked: { file, diagnostics: [] }, diagnostics: [{ ...warning, rule: 'json-syntax', severity: 'error' }], refused: 'errors' };
      writeFileSync(file, '{"a":');
      expect((await at('2026-03-02', false)).kind).toBe('error');
      expect((await at('2026-03-02', false)).kind).toBe('error');
      expect(runs()).toBe(6);
      // without a memo (the default), every save renders
      await renderPreview(file, { date: '2026-03-02', fresh: false, isCurrent: () => true });
      await renderPreview(file, { date: '2026-03-02', fresh: false, isCurrent: () => true });
      expect(runs()).toBe(8);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
