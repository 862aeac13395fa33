import path from 'node:path';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, runUnits, processWorld, type RunResult } from '../../src/pipeline/index.js';
import { verifyPath, verifyPdf } from '../../src/verify/index.js';
import { editEmbedded, editOneDigit } from '../support/pdf-edit.js';

/*
 * verify on what gongkai makes (the reference, the mixed-kinds example, the Shanghai document and one of
 * its 单位 documents, a workbook-built PDF), and on copies tampered with as someone would: one
 * figure's digit changed in a content stream, the embedded data changed, no data at all.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const world = processWorld();
const made = new Map<string, RunResult>();

async function build(rel: string): Promise<Buffer> {
  const file = path.join(ROOT, rel);
  const r = made.get(rel) ?? (await run(world, { file }));
  made.set(rel, r);
  expect(r.bytes, `${rel}: ${r.refused}`).toBeDefined();
  return r.bytes!;
}

// one document of each kind (the other two examples are made the same way: bytes.test.ts pins them)
const DOCUMENTS = ['data/640-zwfw.json', 'data/examples/yangqu-agriculture-mixed-kinds.json', 'data/shanghai-putuo-commerce.json', 'test/fixtures/workbooks/source.xlsx'];

describe('verify what gongkai makes', () => {
  for (const rel of DOCUMENTS) {
    it(`${rel}: verified byte for byte`, async () => {
      const pdf = await build(rel);
      const r = await verifyPdf(path.basename(rel) + '.pdf', { bytes: pdf, world });
      expect(r.differences).toEqual([]);
      expect(r.status).toBe('verified');
      expect(r.compared).toBe('bytes');
    });
  }

  it('a 单位 document: verified with its unit, and carries the department’s data', async () => {
    const dept = made.get('data/shanghai-putuo-commerce.json') ?? (await run(world, { file: path.join(ROOT, 'data/shanghai-putuo-commerce.json') }));
    const units = await runUnits(world, dept.checked, { ...(dept.carried ? { carried: dept.carried } : {}) });
    const first = units!.units[0]!;
    const r = await verifyPdf('unit.pdf', { bytes: first.result.bytes!, world });
    expect(r.recorded?.unit).toBe(first.unit);
    expect(r.status).toBe('verified');
    expect(r.compared).toBe('bytes');
  });

  it('a workbook-built PDF carries the workbook and its JSON', async () => {
    const r = await verifyPdf('wb.pdf', { bytes: await build('test/fixtures/workbooks/source.xlsx'), world });
    expect(r.recorded).toMatchObject({ dataFile: 'source.json', sourceFile: 'source.xlsx', templateSet: expect.any(String) });
  });

  it('a preview’s draft: made again as that draft (its mark and date), and said to be one', async () => {
    const draft = await run(world, { file: path.join(ROOT, 'data/shanghai-putuo-commerce.json') }, { force: true, draft: { date: '2026-12-07 16:30' } });
    const r = await verifyPdf('draft.pdf', { bytes: draft.bytes!, world });
    expect(r.differences).toEqual([]);
    expect(r.status).toBe('verified');
    expect(r.compared).toBe('bytes');
    expect(r.recorded?.draft).toBe('2026-12-07 16:30');
    expect(r.notes.join('')).toContain('草稿');
    // the document to publish says nothing of a draft
    const published = await verifyPdf('published.pdf', { bytes: await build('data/shanghai-putuo-commerce.json'), world });
    expect(published.recorded?.draft).toBeUndefined();
    expect(published.notes.join('')).not.toContain('草稿');
  });

  it('the same input twice: the same bytes', async () => {
    const again = await run(world, { file: path.join(ROOT, 'data/640-zwfw.json') });
    expect(again.bytes!.equals(await build('data/640-zwfw.json'))).toBe(true);
  });
});

describe('verify what was changed', () => {
  it('one digit of one figure edited in a content stream: differs, naming the page and the figure', async () => {
    const edited = editOneDigit(await build('data/640-zwfw.json'), 6);
    const r = await verifyPdf('edited.pdf', { bytes: edited.pdf, world });
    expect(r.status).toBe('differs');
    expect(r.compared).toBe('figures');
    expect(r.differences).toHaveLength(1);
    const d = r.differences[0]!;
    expect(d.page).toBe(edited.page);
    // the printed figure is the data's with the one digit changed
    expect(d.printed!.length).toBe(d.expected!.length);
    const at = [...d.printed!].findIndex((c, i) => c !== d.expected![i]);
    expect([d.printed![at], d.expected![at]]).toEqual([edited.to, edited.from]);
    expect(d.message).toBe(`第 ${edited.page} 页：印有 ${d.printed}，数据得出 ${d.expected}`);
  });

  it('the embedded data changed: differs, the SHA-256 no longer the recorded one', async () => {
    let changed = false;
    const edited = editEmbedded(await build('data/640-zwfw.json'), (b) => {
      // the first figure of the data, one more in its first digit
      const text = b.toString('utf8');
      const after = text.replace(/: (\d)/, (_m, d: string) => `: ${(Number(d) + 1) % 10}`);
      changed = after !== text;
      return Buffer.from(after, 'utf8');
    });
    expect(changed).toBe(true);
    const r = await verifyPdf('edited.pdf', { bytes: edited, world });
    expect(r.status).toBe('differs');
    expect(r.differences.map((d) => d.message).join('')).toMatch(/640-zwfw\.json.*SHA-256 不符/);
  });

  it('a PDF without data, and a file that is no PDF', async () => {
    const { renderToPdf } = await import('../../src/pipeline/index.js');
    const checked = made.get('data/640-zwfw.json')!.checked;
    const { env } = await world.environment(checked.data!.templateSet);
    const plain = await renderToPdf(checked.data!, checked.derived!, env!, 'x.json');
    expect((await verifyPdf('plain.pdf', { bytes: plain.pdf, world })).status).toBe('no-data');
    expect((await verifyPdf('junk.pdf', { bytes: Buffer.from('not a pdf at all'), world })).status).toBe('unreadable');
  });
});

describe('verify a folder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gongkai-verify-'));
    await mkdir(path.join(dir, 'sub'));
    await writeFile(path.join(dir, 'a.pdf'), await build('data/640-zwfw.json'));
    await writeFile(path.join(dir, 'sub', 'b.pdf'), Buffer.from('%PDF-1.7 broken'));
    await writeFile(path.join(dir, 'notes.txt'), 'not a pdf');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('every PDF under it, with a count per outcome', async () => {
    const s = await verifyPath(dir, { world });
    expect(s.results.map((r) => [path.relative(dir, r.file), r.status])).toEqual([
      ['a.pdf', 'verified'],
      [path.join('sub', 'b.pdf'), 'unreadable'],
    ]);
    expect(s.counts).toMatchObject({ verified: 1, unreadable: 1, differs: 0 });
  });
});
