import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/index.js';

/*
 * The composition exists once: build, batch (its per-department job), preview and the library
 * API all go through pipeline/compose.ts `run`, and so give one department the same PDF (the
 * preview's carries its 草稿 mark) and the same diagnostics — a render diagnostic about the data
 * included, with its line:col on every route.
 */

vi.mock('../../src/pipeline/compose.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/pipeline/compose.js')>();
  return { ...actual, run: vi.fn(actual.run) };
});

const { run } = await import('../../src/pipeline/compose.js');
const { buildFile } = await import('../../src/pipeline/index.js');
const { runJob } = await import('../../src/batch/job.js');
const { renderPreview } = await import('../../src/preview/render.js');
const api = await import('../../src/index.js');

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gongkai-compose-'));
  file = path.join(dir, 'd.json');
  // a clash wholly inside a text the department typed: the render's warning, placed in the data
  const text = await readFile(path.join(import.meta.dirname, '..', '..', 'data', 'examples', 'yuci-government-services.json'), 'utf8');
  expect(text).toContain('督办工作；负责');
  await writeFile(file, text.replace('督办工作；负责', '督办工作。。负责'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const placed = (ds: readonly Diagnostic[]) => ds.filter((d) => d.rule === 'data-text-punctuation').map((d) => ({ path: d.path, line: d.line, column: d.column, message: d.message }));

describe('one composition', () => {
  it('build, batch, preview and the API run it, with the same PDF and the same placed diagnostics', async () => {
    vi.mocked(run).mockClear();
    const built = await buildFile(file, { outDir: path.join(dir, 'build') });
    const job = await runJob({ type: 'job', id: 1, file, outDir: path.join(dir, 'batch'), version: 'test' });
    const preview = await renderPreview(file, { date: '2026-03-01', fresh: false, isCurrent: () => true });
    const rendered = await api.render(file);
    expect(vi.mocked(run).mock.calls.length).toBe(4);

    expect(built.refused).toBeUndefined();
    const pdf = await readFile(built.output!);
    expect(job).toMatchObject({ status: 'produced' });
    expect(job.status === 'produced' && (await readFile(job.output!)).equals(pdf)).toBe(true);
    expect(rendered.pdf.equals(pdf)).toBe(true);
    expect(preview.kind).toBe('ok');
    // the preview is the same document with its 草稿 mark
    expect(preview.kind === 'ok' && preview.pages).toBe(built.pages);

    const expected = placed(built.diagnostics);
    expect(expected).toHaveLength(1);
    expect(expected[0]).toMatchObject({ path: 'department.duties[0]', line: expect.any(Number), column: expect.any(Number) });
    expect(placed(rendered.diagnostics)).toEqual(expected);
    expect(preview.kind === 'ok' && placed(preview.diagnostics)).toEqual(expected);
    expect(job.status === 'produced' && placed(job.warningList ?? [])).toEqual(expected);
    expect(rendered.diagnostics).toEqual(built.diagnostics);
  });

  it('asks for the fonts before the data is read: they are read while the data is checked', async () => {
    const { World } = await import('../../src/pipeline/world.js');
    const order: string[] = [];
    const world = new World(undefined, {
      fontRoles: () => (order.push('fonts'), Promise.resolve([])),
      data: () => (order.push('data'), Promise.resolve({ positions: new Map(), diagnostics: [{ file, path: '', rule: 'json-syntax', severity: 'error' as const, message: '不是合法的 JSON' }] })),
    });
    const r = await run(world, { file });
    expect(r.refused).toBe('errors');
    expect(order).toEqual(['fonts', 'data']);
  });

  it('a superseded request stops between steps: nothing rendered', async () => {
    const { processWorld } = await import('../../src/pipeline/world.js');
    const r = await run(processWorld(), { file }, { isCurrent: () => false });
    expect(r.refused).toBe('superseded');
    expect(r.bytes).toBeUndefined();
  });
});
