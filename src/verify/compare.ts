/*
 * What a printed PDF says against what its data makes, page by page: the figures first (every
 * number a reader could copy — amounts, percentages, counts, years), aligned in reading order so
 * that one edited figure is named as one, not as every figure after it; then, where the figures
 * agree, the first text that differs.
 */

export interface Difference {
  /** 1-based page; absent for the document as a whole. */
  page?: number;
  /** What the PDF prints there, and what the data gives (absent: nothing). */
  printed?: string;
  expected?: string;
  /** Chinese, for a reader. */
  message: string;
}

const FIGURE = /[-−]?\d[\d,]*(?:\.\d+)?%?/g;

/** The figures of a page's text runs, in order. Runs are kept apart: two cells never make one number. */
export function figuresOf(items: readonly string[]): string[] {
  return items.flatMap((s) => s.match(FIGURE) ?? []);
}

type Op = { kind: 'same'; a: string } | { kind: 'printed'; a: string } | { kind: 'expected'; b: string };

/** The longest common subsequence's edit script, a's order kept. */
function align(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  const dp = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i * w + j] = a[i] === b[j] ? dp[(i + 1) * w + j + 1]! + 1 : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: 'same', a: a[i++]! }), j++;
    else if (j < m && (i === n || dp[i * w + j + 1]! >= dp[(i + 1) * w + j]!)) ops.push({ kind: 'expected', b: b[j++]! });
    else ops.push({ kind: 'printed', a: a[i++]! });
  }
  return ops;
}

/** One page's differing figures: a run of printed and expected figures between equal ones is paired off, one by one. */
function pageFigures(page: number, printed: readonly string[], expected: readonly string[]): Difference[] {
  const out: Difference[] = [];
  const ops = align(printed, expected);
  for (let k = 0; k < ops.length; ) {
    if (ops[k]!.kind === 'same') {
      k++;
      continue;
    }
    const gone: string[] = [];
    const come: string[] = [];
    while (k < ops.length && ops[k]!.kind !== 'same') {
      const op = ops[k++]!;
      if (op.kind === 'printed') gone.push(op.a);
      else if (op.kind === 'expected') come.push(op.b);
    }
    for (let x = 0; x < Math.max(gone.length, come.length); x++) {
      const p = gone[x];
      const e = come[x];
      const message = p !== undefined && e !== undefined ? `第 ${page} 页：印有 ${p}，数据得出 ${e}` : p !== undefined ? `第 ${page} 页：印有 ${p}，数据得出的这一页没有这个数` : `第 ${page} 页：数据得出 ${e}，这一页没有印出`;
      out.push({ page, ...(p !== undefined ? { printed: p } : {}), ...(e !== undefined ? { expected: e } : {}), message });
    }
  }
  return out;
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** The first differing text of a page whose figures agree. */
function pageText(page: number, printed: readonly string[], expected: readonly string[]): Difference[] {
  const a = printed.join('');
  const b = expected.join('');
  if (a === b) return [];
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 8);
  const p = clip(a.slice(from, i + 24));
  const e = clip(b.slice(from, i + 24));
  return [{ page, printed: p, expected: e, message: `第 ${page} 页：文字不同，印有“${p}”，数据得出“${e}”` }];
}

/** Every difference between the printed pages and the pages the data makes. */
export function comparePages(printed: readonly (readonly string[])[], expected: readonly (readonly string[])[]): Difference[] {
  const out: Difference[] = [];
  if (printed.length !== expected.length) out.push({ message: `页数不同：PDF 有 ${printed.length} 页，数据得出 ${expected.length} 页` });
  const n = Math.min(printed.length, expected.length);
  for (let i = 0; i < n; i++) {
    const figures = pageFigures(i + 1, figuresOf(printed[i]!), figuresOf(expected[i]!));
    out.push(...(figures.length > 0 ? figures : pageText(i + 1, printed[i]!, expected[i]!)));
  }
  return out;
}
