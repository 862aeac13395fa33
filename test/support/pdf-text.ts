import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The text of each page in content-stream order, as a reader's copy/search sees it — read with
 * pdf.js, a JS extractor, so CI needs no system tool.
 */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(''));
  }
  await doc.destroy();
  return pages;
}

/** The document information dictionary and language, as a reader's "properties" shows them. */
export async function pdfInfo(pdf: Uint8Array): Promise<{ info: Record<string, unknown>; outline: string[] }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  const meta = await doc.getMetadata();
  const outline = (await doc.getOutline()) ?? [];
  const titles: string[] = [];
  const walk = (items: typeof outline) => items.forEach((o) => (titles.push(o.title), walk(o.items)));
  walk(outline);
  await doc.destroy();
  return { info: meta.info as Record<string, unknown>, outline: titles };
}

/** NFKC, all whitespace removed: how the reference's cells are compared with our text. */
export function normalise(s: string): string {
  return s.normalize('NFKC').replace(/\s+/gu, '');
}
