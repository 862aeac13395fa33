import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_FILE } from '../../src/load/discover.js';
import { run, World } from '../../src/pipeline/index.js';
import { pdfPages } from '../support/pdf-text.js';
import { pageImages } from '../support/visual.js';

/*
 * A preview's PDF (run's `preview`) leaves out what only the published file needs — object
 * streams, the structure tree, the archive (the data inside), a slow deflate — and its pages
 * look the same: the reference made both ways, the same page images and the same text per page.
 */

const world = new World();
const draft = { date: '2026-03-01' };

/** The file's text with every deflated stream inflated: object streams' objects and content streams read as written. */
function inflated(pdf: Buffer): string {
  const s = pdf.toString('latin1');
  const parts: string[] = [];
  let at = 0;
  for (const m of s.matchAll(/stream\r?\n/g)) {
    if (m.index < at || !s.slice(Math.max(0, m.index - 300), m.index).includes('/FlateDecode')) continue;
    const start = m.index + m[0].length;
    const end = s.indexOf('endstream', start);
    parts.push(s.slice(at, m.index));
    try {
      parts.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // a stream whose end the search misjudged: its raw bytes still hold no marker
    }
    at = end;
  }
  return parts.join('') + s.slice(at);
}

describe('a preview PDF', () => {
  it('has the published file’s pages, without what only the published file needs', async () => {
    const [published, preview] = await Promise.all([run(world, { file: DEFAULT_DATA_FILE }, { force: true, draft }), run(world, { file: DEFAULT_DATA_FILE }, { force: true, draft, preview: true })]);
    expect(published.bytes && preview.bytes).toBeTruthy();
    const a = published.bytes!;
    const b = preview.bytes!;
    expect(b.equals(a)).toBe(false);
    expect(preview.pages).toBe(published.pages);
    expect(preview.diagnostics).toEqual(published.diagnostics);

    // the published file has them, the preview not
    const [textA, textB] = [inflated(a), inflated(b)];
    for (const [what, mark] of [
      ['object streams', '/Type /ObjStm'],
      ['the structure tree', '/StructTreeRoot'],
      ['its marks on the pages', '/StructParents'],
      ['the claim to be tagged', '/Marked true'],
      ['the data inside (PDF/A-3 associated files)', '/EmbeddedFile'],
      ['the OutputIntent', '/OutputIntents'],
      ['marked content for the structure tree', '/MCID'],
    ] as const) {
      expect(textA.includes(mark), `published: ${what}`).toBe(true);
      expect(textB.includes(mark), `preview: ${what}`).toBe(false);
    }

    // deflated fast: a zlib stream's header names its level (78 01: the fastest; 78 9C: zlib's default)
    const headers = (pdf: Buffer) => [...pdf.toString('latin1').matchAll(/\/FlateDecode[^]*?stream\r?\n/g)].map((m) => pdf.subarray(m.index + m[0].length, m.index + m[0].length + 2).toString('hex'));
    expect(new Set(headers(b))).toEqual(new Set(['7801']));
    expect(headers(a)).toContain('789c');

    // the same pages: every page image identical, pixel for pixel, and the same text on each
    const [x, y] = [pageImages(a), pageImages(b)];
    expect(y.length).toBe(x.length);
    expect(y.length).toBe(published.pages);
    const differing = y.map((png, i) => (png.equals(x[i]!) ? -1 : i + 1)).filter((i) => i > 0);
    expect(differing).toEqual([]);
    expect(await pdfPages(b)).toEqual(await pdfPages(a));
  }, 120_000);
});
