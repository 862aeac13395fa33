import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The horizontal extent of the ink on each page, read back from the PDF with pdf.js: every path
 * (table rules, the chart) by its bounding box, every text run by its start and width.
 */
export async function inkExtents(pdf: Uint8Array): Promise<Array<{ left: number; right: number }>> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  const out: Array<{ left: number; right: number }> = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    let left = Infinity;
    let right = -Infinity;
    const ops = await page.getOperatorList();
    // paths are given in the user space of the moment: follow the current transformation matrix
    let ctm = [1, 0, 0, 1, 0, 0];
    const stack: number[][] = [];
    for (let k = 0; k < ops.fnArray.length; k++) {
      const fn = ops.fnArray[k];
      const args = ops.argsArray[k] as unknown[];
      if (fn === OPS.save) stack.push(ctm);
      else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
      else if (fn === OPS.transform) {
        const [a, b, c, d, e, f] = args as number[];
        const [A, B, C, D, E, F] = ctm as [number, number, number, number, number, number];
        ctm = [a! * A + b! * C, a! * B + b! * D, c! * A + d! * C, c! * B + d! * D, e! * A + f! * C + E, e! * B + f! * D + F];
      } else if (fn === OPS.constructPath) {
        const minMax = args[2] as ArrayLike<number> | undefined;
        if (!minMax || minMax.length < 4) continue;
        const [a, , c, , e] = ctm as [number, number, number, number, number, number];
        for (const [x, y] of [[minMax[0]!, minMax[1]!], [minMax[2]!, minMax[3]!], [minMax[0]!, minMax[3]!], [minMax[2]!, minMax[1]!]] as const) {
          const px = a * x + c * y + e;
          left = Math.min(left, px);
          right = Math.max(right, px);
        }
      }
    }
    const text = await page.getTextContent();
    for (const item of text.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const x = item.transform[4] as number;
      left = Math.min(left, x);
      right = Math.max(right, x + item.width);
    }
    out.push({ left, right });
  }
  await doc.destroy();
  return out;
}

export interface TextItem {
  str: string;
  /** Left edge and baseline, points from the page's bottom-left corner. */
  x: number;
  y: number;
  width: number;
  /** The font size, as pdf.js reports the item's height. */
  height: number;
}

/** The text runs of each page with their positions, as pdf.js reads them. */
export async function textItems(pdf: Uint8Array): Promise<TextItem[][]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  const out: TextItem[][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const text = await (await doc.getPage(i)).getTextContent();
    const items: TextItem[] = [];
    for (const item of text.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      items.push({ str: item.str.trim(), x: item.transform[4] as number, y: item.transform[5] as number, width: item.width, height: item.height });
    }
    out.push(items);
  }
  await doc.destroy();
  return out;
}

const NUMERIC = /^[-\d.,%]+$/;

/** A 目录 line's leader dots: its page number is not a table's figure. */
const LEADER = /\.{6,}|…{3,}/;

/**
 * Figures broken over two lines of a cell, as a reader sees them: a numeric run with another one
 * right below it, one text line down (closer than the next table row can be) and flush with it
 * at the right (a right-aligned amount) or the left (a code). 目录 page numbers stand in such a
 * column too, a line apart: they are told by the leader on their line.
 */
export function splitFiguresOnPage(items: readonly TextItem[]): string[] {
  const out: string[] = [];
  const led = items.filter((i) => LEADER.test(i.str)).map((i) => i.y);
  const nums = items.filter((i) => NUMERIC.test(i.str) && !led.some((y) => Math.abs(y - i.y) < 0.5));
  for (const head of nums) {
    for (const tail of nums) {
      if (tail === head) continue;
      const down = head.y - tail.y;
      if (down <= 0 || down > 1.7 * head.height) continue;
      const flushRight = Math.abs(head.x + head.width - (tail.x + tail.width)) < 1;
      const flushLeft = Math.abs(head.x - tail.x) < 1;
      if (flushRight || flushLeft) out.push(`${head.str}/${tail.str}`);
    }
  }
  return out;
}
