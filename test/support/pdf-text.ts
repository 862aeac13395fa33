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

/**
 * In how many contiguous pieces `needle` occurs in `text`, in order (0 when it does not occur in
 * order at all). A table cell that breaks across pages reads on after the repeated header and the
 * other cells of its row: its text is whole when it comes in a few ordered pieces.
 */
export function piecesInOrder(text: string, needle: string): number {
  let at = 0;
  let pieces = 0;
  let rest = needle;
  while (rest.length > 0) {
    // the longest prefix of `rest` found at or after `at`
    let lo = 1;
    let hi = rest.length;
    let best = -1;
    let bestAt = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const i = text.indexOf(rest.slice(0, mid), at);
      if (i >= 0) {
        best = mid;
        bestAt = i;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best < 0) return 0;
    pieces++;
    at = bestAt + best;
    rest = rest.slice(best);
  }
  return pieces;
}

/** A deterministic text of `n` characters drawn from `alphabet`, without the repeats that would make matching ambiguous. */
export function varied(n: number, alphabet = '政务服务平台建设运维数据共享交换项目预算绩效管理资金保障公开监督审核统筹规划组织实施'): string {
  let x = 12345;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[x % alphabet.length];
  }
  return out;
}
