/*
 * Where a short text may break, decided before pdfmake sees it. pdfmake breaks Chinese between
 * any two characters, which splits words (一般公共预/算) and leaves a lone fragment on a title's
 * last line (…结转）). Titles, 目录 entries, table headers and name cells are therefore broken
 * here, between words (ICU's dictionary segmentation, with punctuation kept on the side it
 * belongs to), and the chosen lines are handed to pdfmake with explicit line breaks:
 *
 *   balanced   as few lines as greedy breaking needs, but of even length (titles, headers);
 *   greedy     each line as full as it goes, breaking only between words (names in tables).
 *
 * A word wider than the whole line is left to pdfmake, which then breaks inside it. Widths are
 * measured with a small allowance, so pdfmake never needs to break a chosen line again.
 */

let segmenter: Intl.Segmenter | undefined;

/** An ICU object cannot be in a V8 startup snapshot: the snapshot builder (src/snapshot/) drops it first. */
export function dropSegmenter(): void {
  segmenter = undefined;
}

/** No line may start with these (closing punctuation)… */
const NO_START = new Set([...'，。、；：？！）」』】》〉”’%％·…—,.;:?!)]}']);
/** …nor end with these (opening punctuation). */
const NO_END = new Set([...'（「『【《〈“‘([{']);

/** A CJK ideograph (not punctuation): what ICU's dictionary cuts into words. */
const HAN = /^\p{Script=Han}$/u;

/**
 * The pieces a line may break between: words, punctuation glued to its neighbour. ICU's
 * dictionary does not know the budget's own words (上年结转 comes back as 上/年/结/转, 财政专户
 * as 财政/专/户, 满意度 as 满意/度), and a line broken between those pieces splits a word. A lone
 * ideograph is therefore glued to the piece before it — a suffix (度, 性, 费) or one character of
 * a word ICU did not know. `fine` gives ICU's own pieces: what a line too narrow for a glued
 * piece falls back to, rather than to breaks between any two characters. Each of `keep` (phrases
 * a set's reader takes for one word though the dictionary splits them: 县（区）级) stays whole.
 */
export function breakUnits(text: string, { keep = [], fine = false }: { keep?: readonly string[]; fine?: boolean } = {}): readonly string[] {
  const key = `${fine ? 1 : 0}${keep.join('\u0001')}\u0000${text}`;
  const known = unitsOf.get(key);
  if (known) return known;
  if (unitsOf.size >= UNITS_KEPT) unitsOf.clear();
  const units = Object.freeze(segment(text, keep, fine));
  unitsOf.set(key, units);
  return units;
}

/**
 * Units by text, for the process: the same headers, 类 names, labels and sheet rows come back in
 * every table and every department of a batch, and ICU's segmentation was ~5 % of a warm render
 * (25 ms of ~600, the reference). A pure function of its arguments, so what the process broke
 * before never changes an answer; frozen, as every caller shares them. Bounded for a long batch.
 */
const unitsOf = new Map<string, readonly string[]>();
const UNITS_KEPT = 50_000;

function segment(text: string, keep: readonly string[], fine: boolean): string[] {
  const out: string[] = [];
  let glueNext = false;
  let lone = false;
  for (const { segment } of (segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' })).segment(text)) {
    const first = segment[0]!;
    const single = !fine && HAN.test(segment);
    if (out.length && (glueNext || NO_START.has(first) || /^\s+$/.test(segment) || (single && /[\p{Script=Han}\d）)]$/u.test(out[out.length - 1]!)) || (lone && HAN.test(first) && !fine))) out[out.length - 1] += segment;
    else out.push(segment);
    // a word's lone first character (上 of 上/年/结/转) takes the next piece too
    lone = single && out[out.length - 1] === segment;
    glueNext = NO_END.has(segment[segment.length - 1]!);
  }
  return keep.length ? keepWhole(out, text, keep) : out;
}

/** Units joined wherever a boundary between them falls inside an occurrence of a kept phrase. */
function keepWhole(units: readonly string[], text: string, keep: readonly string[]): string[] {
  const inside = new Set<number>();
  for (const k of keep) for (let at = text.indexOf(k); k && at >= 0; at = text.indexOf(k, at + 1)) for (let i = at + 1; i < at + k.length; i++) inside.add(i);
  const out: string[] = [];
  let end = 0;
  for (const u of units) {
    if (out.length && inside.has(end)) out[out.length - 1] += u;
    else out.push(u);
    end += u.length;
  }
  return out;
}

export type Measure = (text: string) => number;

/** The allowance: lines are chosen this much narrower than the room pdfmake has. */
const slack = (width: number) => width * 0.985 - 0.5;

/** Greedy lines over units; null when a unit alone is wider than the line. */
function greedy(units: readonly string[], measure: Measure, width: number): string[] | null {
  const lines: string[] = [];
  let line = '';
  for (const u of units) {
    if (measure(u.trimEnd()) > width) return null;
    if (line && measure((line + u).trimEnd()) > width) {
      lines.push(line.trimEnd());
      line = u.trimStart();
    } else line += u;
  }
  if (line) lines.push(line.trimEnd());
  return lines;
}

/** `lines` lines over units, each within `width`, as even as possible (least sum of squared widths). */
function even(units: readonly string[], measure: Measure, width: number, lines: number): string[] | null {
  const k = units.length;
  const text = (i: number, j: number) => units.slice(i, j).join('').trim();
  // best[n][j]: least cost of the first j units in n lines
  const best: number[][] = Array.from({ length: lines + 1 }, () => new Array<number>(k + 1).fill(Infinity));
  const from: number[][] = Array.from({ length: lines + 1 }, () => new Array<number>(k + 1).fill(-1));
  best[0]![0] = 0;
  for (let n = 1; n <= lines; n++) {
    for (let j = 1; j <= k; j++) {
      for (let i = j - 1; i >= n - 1; i--) {
        const w = measure(text(i, j));
        if (w > width) break;
        const c = best[n - 1]![i]! + w * w;
        if (c < best[n]![j]!) {
          best[n]![j] = c;
          from[n]![j] = i;
        }
      }
    }
  }
  if (!Number.isFinite(best[lines]![k]!)) return null;
  const out: string[] = [];
  for (let n = lines, j = k; n > 0; n--) {
    const i = from[n]![j]!;
    out.unshift(text(i, j));
    j = i;
  }
  return out;
}

/**
 * `text` with line breaks where it should break in a line `width` wide: between words, and in
 * balanced mode with lines of even length. Existing line breaks are kept; text that fits is
 * returned as it is.
 */
export function breakLines(text: string, measure: Measure, width: number, mode: 'balanced' | 'greedy' = 'balanced', keep: readonly string[] = []): string {
  const room = slack(width);
  return text
    .split('\n')
    .map((para) => {
      if (measure(para) <= room) return para;
      let units = breakUnits(para, { keep });
      let lines = greedy(units, measure, room);
      // a glued piece wider than the line: ICU's pieces, still between words as far as it knows
      if (!lines) lines = greedy((units = breakUnits(para, { keep, fine: true })), measure, room);
      if (!lines) return para;
      if (mode === 'greedy' || lines.length < 2) return lines.join('\n');
      return (even(units, measure, room, lines.length) ?? lines).join('\n');
    })
    .join('\n');
}

/** The room a line needs for text `measured` wide to be kept on it (the allowance added back). */
export function roomFor(measured: number): number {
  return (measured + 0.5) / 0.985;
}

/**
 * The narrowest room in which `text` breaks between words into at most two lines (a header
 * set in two even lines rather than stacked word by word); its one unit's room when it has one.
 */
export function twoLineRoom(text: string, measure: Measure): number {
  let need = 0;
  for (const para of text.split('\n')) {
    const units = breakUnits(para);
    let best = measure(para.trim());
    for (let i = 1; i < units.length; i++) best = Math.min(best, Math.max(measure(units.slice(0, i).join('').trim()), measure(units.slice(i).join('').trim())));
    need = Math.max(need, best);
  }
  return roomFor(need);
}

/** The widest unit of `text`: a column narrower than this must break inside a word. */
export function widestUnit(text: string, measure: Measure, keep: readonly string[] = []): number {
  let w = 0;
  for (const para of text.split('\n')) for (const u of breakUnits(para, { keep })) w = Math.max(w, measure(u.trim()));
  return w;
}
