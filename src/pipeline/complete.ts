import type { Diagnostic } from '../diagnostics/index.js';
import { formatPath } from '../diagnostics/index.js';
import type { MissingUnit, SplitFigure } from '../layout/complete.js';

/*
 * A unit the layout could not place on any page becomes an error naming the data it came from:
 * the data string that makes up the largest part of the unit's text (or the one the unit is a
 * piece of, for a paragraph split at a line break). Computed only when something is missing.
 */

const WS = /\s+/g;

function dataStrings(data: unknown): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  const walk = (v: unknown, path: Array<string | number>) => {
    if (typeof v === 'string') {
      const text = v.replace(WS, '');
      if (text.length >= 2) out.push({ path: formatPath(path), text });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(data, []);
  return out;
}

/** The data path whose string is the largest part of `text`, or of which `text` is a part. */
export function dataPathOf(text: string, strings: ReadonlyArray<{ path: string; text: string }>): string {
  let best: { path: string; len: number } | undefined;
  for (const s of strings) {
    const len = text.includes(s.text) ? s.text.length : s.text.includes(text) ? text.length : 0;
    if (len > (best?.len ?? 0)) best = { path: s.path, len };
  }
  return best?.path ?? '';
}

export function completenessDiagnostics(missing: readonly MissingUnit[], data: unknown, file: string): Diagnostic[] {
  if (missing.length === 0) return [];
  const strings = dataStrings(data);
  return missing.map((m) => {
    const lost = m.text.length - Math.min(m.text.length, m.placed.length);
    return {
      file,
      path: dataPathOf(m.text, strings),
      rule: 'content-not-placed',
      severity: 'error' as const,
      message: `${m.label}未能完整排入页面（应印 ${m.text.length} 字，页面上只有 ${m.text.length - lost} 字）：PDF 会缺少这部分内容，因此没有生成。请缩短这段文字或拆成几段；如仍出现，请报告此问题`,
    };
  });
}

/** A4 portrait in points: the width of a page whose size the layout did not report. */
const PAGE_WIDTH = 595.28;
/** How far ink may reach past the text block: half a 0.6 pt rule and rounding. */
const TOLERANCE = 0.5;

/** Pages whose ink crosses the text block's left or right edge: an error, as clipped print is lost print. */
export function boundsDiagnostics(extents: ReadonlyArray<{ left: number; right: number; width?: number }>, doc: { pageMargins?: unknown }, file: string): Diagnostic[] {
  const [ml, , mr] = (Array.isArray(doc.pageMargins) ? doc.pageMargins : [0, 0, 0, 0]) as number[];
  const left = ml ?? 0;
  // each page's own right edge: a landscape page is wider
  const rightOf = (e: { width?: number }) => (e.width ?? PAGE_WIDTH) - (mr ?? 0);
  const bad = extents.map((e, i) => ({ ...e, page: i + 1 })).filter((e) => e.right > rightOf(e) + TOLERANCE || e.left < left - TOLERANCE);
  if (!bad.length) return [];
  const worst = bad.reduce((a, b) => (b.right - rightOf(b) > a.right - rightOf(a) ? b : a));
  const right = rightOf(worst);
  return [
    {
      file,
      path: '',
      rule: 'content-out-of-bounds',
      severity: 'error',
      message: `第 ${bad.map((b) => b.page).join('、')} 页（物理页码）有内容越出版心（最远到 ${worst.right.toFixed(1)} pt，版心右边界 ${right.toFixed(1)} pt）：打印时会被裁掉，因此没有生成；这是模板或排版问题，请报告`,
    },
  ];
}

/**
 * A figure broken over two lines of its cell is read as two numbers: an error, one per cell. The
 * column is too narrow for the figure at the template set's type size — a layout problem, not
 * the clerk's, so the message names the printed cell (no data path) and asks for a report.
 */
export function splitFigureDiagnostics(split: readonly SplitFigure[], file: string): Diagnostic[] {
  return split.map((s) => ({
    file,
    path: '',
    rule: 'figure-split',
    severity: 'error' as const,
    message: `${s.label}的数字 ${s.text} 被拆成了 ${s.lines.length} 行（${s.lines.map((l) => `“${l}”`).join('、')}）：读者会把它抄错，因此没有生成。这一列放不下这个数字，是模板或排版问题，请报告`,
  }));
}
