import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalise, pdfPages } from './pdf-text.js';

/*
 * The reproduction criterion of a seed (the layout text of a published document, page by page):
 * split each line into cells — at tabs (the Shanxi seed) or at runs of two or more spaces (layout
 * text from pdftotext -layout) — normalise each cell and the PDF's text alike (NFKC, no
 * whitespace, no digit-group commas: a 元 table prints 371,514,655.00, a text 37151.47 or
 * 37,151.47) and count the cells found in the text.
 *
 * The same measure as test/e2e/reference.test.ts, generalised to any seed; run from a shell:
 *   npx tsx test/support/seed-cells.ts <seed.txt> <document.pdf>
 */

/** NFKC, all whitespace removed, and the comma of a digit group (1,234) dropped. */
export function normaliseCell(s: string): string {
  return normalise(s).replace(/(?<=\d),(?=\d{3}(?!\d))/gu, '');
}

/**
 * The cells of a seed. A seed may open with a header of `KEY: value` lines before its first page
 * marker (`=== 第N页 ===`); the header and the markers are not the document's text.
 */
export function seedCells(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const marker = /^=== 第\d+页 ===$/u;
  const first = lines.findIndex((l) => marker.test(l.trim()));
  return lines
    .slice(first < 0 ? 0 : first)
    .filter((l) => !marker.test(l.trim()))
    .flatMap((l) => l.split(/\t| {2,}|\u3000{2,}/u))
    .map(normaliseCell)
    .filter((c) => c !== '');
}

export interface Coverage {
  cells: number;
  found: number;
  /** found / cells (0 when the seed has no cells). */
  share: number;
  /** The cells not found, each once, in seed order. */
  misses: string[];
}

/** How many of the seed's cells the document's text (pages joined) holds. */
export function coverage(cells: readonly string[], pages: readonly string[]): Coverage {
  // a paragraph running over a page break reads on after the page number: leave footers out
  const text = normaliseCell(pages.map((p) => p.replace(/—\s*\d+\s*—\s*$/u, '')).join(''));
  const missed = cells.filter((c) => !text.includes(c));
  return { cells: cells.length, found: cells.length - missed.length, share: cells.length ? (cells.length - missed.length) / cells.length : 0, misses: [...new Set(missed)] };
}

export async function seedCoverage(seedFile: string, pdf: Uint8Array): Promise<Coverage> {
  return coverage(seedCells(readFileSync(seedFile, 'utf8')), await pdfPages(pdf));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [seed, pdf] = process.argv.slice(2);
  if (!seed || !pdf) {
    process.stderr.write('用法：npx tsx test/support/seed-cells.ts <种子文本.txt> <文档.pdf>\n');
    process.exit(2);
  }
  const c = await seedCoverage(seed, readFileSync(pdf));
  process.stdout.write(`${path.basename(seed)}：${c.found}/${c.cells} = ${(c.share * 100).toFixed(2)}%\n`);
  process.stdout.write(`未找到的单元格（${c.misses.length}）：\n${c.misses.map((m) => `  ${m}`).join('\n')}\n`);
}
