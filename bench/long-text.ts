/*
 * Text layout must be near-linear in text length (issue 9): one paragraph of n characters (and
 * one unbroken word of n letters, which pdfmake wraps by force on every line), body
 * style, laid out and written to PDF alone (pdfmake with our patches, warm, median of 5); the
 * ratio between successive doublings is ≈ 2 when linear, ≈ 4 when quadratic.
 */
import type { TDocumentDefinitions } from '../src/layout/engine/index.js';
import { setupFonts } from '../src/fonts/index.js';
import { installFonts, print } from '../src/layout/engine/index.js';
import { loadFontSet } from '../src/load/font-set.js';
import type { Figure } from './run.js';

const LENGTHS = [5_000, 10_000, 20_000, 40_000, 80_000];

function text(n: number): string {
  const alphabet = '政务服务平台建设运维数据共享交换项目预算绩效管理资金保障公开监督审核统筹规划组织实施，。';
  let x = 7;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[x % alphabet.length];
  }
  return out;
}

export async function longTextFigures(): Promise<Figure[]> {
  const fonts = setupFonts((await loadFontSet()).roles);
  installFonts(fonts.families);
  const time = async (n: number, word = false): Promise<number> => {
    // a word: one unbroken run of letters (a pasted number or URL), wrapped by force on every line
    const body = word ? 'a'.repeat(n) : text(n);
    const ts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const doc: TDocumentDefinitions = { pageSize: 'A4', content: [{ text: body, fontSize: 14, lineHeight: 1.45, leadingIndent: 28 } as never], defaultStyle: { font: fonts.familyOf.body } };
      const t0 = performance.now();
      await print(doc);
      ts.push(performance.now() - t0);
    }
    ts.sort((a, b) => a - b);
    return ts[ts.length >> 1]!;
  };
  await time(LENGTHS[2]!); // warm-up
  const figures: Figure[] = [];
  let previous: number | undefined;
  for (const n of LENGTHS) {
    const ms = await time(n);
    figures.push([`one paragraph of ${n.toLocaleString('en-US')} characters`, `${ms.toFixed(0)} ms${previous ? ` (×${(ms / previous).toFixed(2)} for ×2 length)` : ''}`]);
    previous = ms;
  }
  previous = undefined;
  for (const n of LENGTHS.slice(0, 4)) {
    const ms = await time(n, true);
    figures.push([`one unbroken word of ${n.toLocaleString('en-US')} letters`, `${ms.toFixed(0)} ms${previous ? ` (×${(ms / previous).toFixed(2)} for ×2 length)` : ''}`]);
    previous = ms;
  }
  return figures;
}
