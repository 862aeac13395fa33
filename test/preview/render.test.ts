import { beforeEach, describe, expect, it, vi } from 'vitest';

/*
 * renderPreview's wiring, with the pipeline replaced by spies: which stages run, whether the
 * environment is reloaded, and that a superseded job stops before rendering.
 */

const calls: string[] = [];
let checked: Record<string, unknown>;
let rendered: Record<string, unknown>;

vi.mock('../../src/pipeline/index.js', () => ({
  checkDataFile: vi.fn(async () => {
    calls.push('check');
    return checked;
  }),
  environment: vi.fn(async (set: string, options: { fresh?: boolean }) => {
    calls.push(`environment ${set} fresh=${options.fresh === true}`);
    return { env: { set: {}, fonts: {} }, diagnostics: [] };
  }),
  renderToPdf: vi.fn(async (_data: unknown, _derived: unknown, _env: unknown, _file: string, options: unknown) => {
    calls.push(`render ${JSON.stringify(options)}`);
    return rendered;
  }),
}));

const { renderPreview, today } = await import('../../src/preview/render.js');
const { inProcessRenderer, needsFreshEnvironment } = await import('../../src/preview/session.js');

const warning = { file: '/d.json', path: 'x', rule: 'w', severity: 'warning' as const, message: 'w' };

beforeEach(() => {
  calls.length = 0;
  checked = { file: '/d.json', data: { templateSet: 'shanxi-zonggai' }, derived: {}, diagnostics: [warning] };
  rendered = { pdf: Buffer.from('%PDF-1.7'), pages: 2, diagnostics: [] };
});

describe('renderPreview', () => {
  it('checks, then renders with the 草稿 mark and the given date; warnings travel with the PDF', async () => {
    const r = await renderPreview('/d.json', { date: '2026-03-01', fresh: false, isCurrent: () => true });
    expect(calls).toEqual(['check', 'environment shanxi-zonggai fresh=false', 'render {"draft":{"date":"2026-03-01"}}']);
    expect(r).toMatchObject({ kind: 'ok', pages: 2, templateSet: 'shanxi-zonggai', diagnostics: [warning] });
  });

  it('renders data that fails the audit, marked 未通过审核 as build --force marks it', async () => {
    checked = { file: '/d.json', data: { templateSet: 's' }, derived: {}, diagnostics: [{ ...warning, severity: 'error' }, { ...warning, severity: 'error' }] };
    const r = await renderPreview('/d.json', { date: '2026-03-01', fresh: false, isCurrent: () => true });
    expect(calls).toEqual(['check', 'environment s fresh=false', 'render {"draft":{"date":"2026-03-01"},"forced":{"errors":2}}']);
    expect(r.kind).toBe('ok');
  });

  it('does not render data that does not validate (no derived model)', async () => {
    checked = { file: '/d.json', data: undefined, diagnostics: [{ ...warning, rule: 'schema', severity: 'error' }] };
    const r = await renderPreview('/d.json', { date: '2026-03-01', fresh: false, isCurrent: () => true });
    expect(calls).toEqual(['check']);
    expect(r.kind).toBe('error');
  });

  it('does not render unreadable data', async () => {
    checked = { file: '/d.json', diagnostics: [{ ...warning, rule: 'json-syntax', severity: 'error' }] };
    const r = await renderPreview('/d.json', { date: '2026-03-01', fresh: false, isCurrent: () => true });
    expect(calls).toEqual(['check']);
    expect(r).toMatchObject({ kind: 'error', templateSet: undefined });
  });

  it('font coverage errors from the render keep the last good PDF', async () => {
    rendered = { pdf: Buffer.alloc(0), pages: 0, diagnostics: [{ ...warning, rule: 'font-coverage', severity: 'error' }] };
    const r = await renderPreview('/d.json', { date: '2026-03-01', fresh: false, isCurrent: () => true });
    expect(r.kind).toBe('error');
  });

  it('a broken template (an exception while rendering) is an error result, not a crash', async () => {
    const { renderToPdf } = await import('../../src/pipeline/index.js');
    vi.mocked(renderToPdf).mockRejectedValueOnce(new Error('Parse error on line 3'));
    const r = await renderPreview('/d.json', { date: '2026-03-01', fresh: true, isCurrent: () => true });
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.diagnostics.at(-1)).toMatchObject({ rule: 'render-failed', severity: 'error' });
  });

  it('a superseded job stops after the check, before rendering', async () => {
    let current = true;
    const { checkDataFile } = await import('../../src/pipeline/index.js');
    vi.mocked(checkDataFile).mockImplementationOnce(async () => {
      calls.push('check');
      current = false; // a newer save arrived meanwhile
      return checked as never;
    });
    const r = await renderPreview('/d.json', { date: '2026-03-01', fresh: false, isCurrent: () => current });
    expect(r).toEqual({ kind: 'superseded' });
    expect(calls).toEqual(['check']);
  });

  it('template and font changes reload the environment; data changes keep it warm', async () => {
    expect(needsFreshEnvironment(new Set(['data']))).toBe(false);
    expect(needsFreshEnvironment(new Set(['initial']))).toBe(false);
    expect(needsFreshEnvironment(new Set(['data', 'templates']))).toBe(true);
    expect(needsFreshEnvironment(new Set(['fonts']))).toBe(true);
    const render = inProcessRenderer('/d.json');
    await render({ generation: 1, reasons: new Set(['data']), isCurrent: () => true });
    await render({ generation: 2, reasons: new Set(['templates']), isCurrent: () => true });
    await render({ generation: 3, reasons: new Set(['fonts', 'data']), isCurrent: () => true });
    expect(calls.filter((c) => c.startsWith('environment'))).toEqual([
      'environment shanxi-zonggai fresh=false',
      'environment shanxi-zonggai fresh=true',
      'environment shanxi-zonggai fresh=true',
    ]);
    // the 草稿 date is today's
    expect(calls.at(-1)).toBe(`render {"draft":{"date":"${today()}"}}`);
    expect(today(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});
