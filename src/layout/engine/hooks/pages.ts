import { bind, jobOf, type Job } from '../job.js';
import { load } from '../runtime.js';
import type { LaidLine, LaidPage, LaidVector, PageNumbering } from '../types.js';

/*
 * What pdfmake does not do, done once its pages are laid out (LayoutBuilder):
 *
 *   lineNotes     each line carries the number of the text node it was built from, and the 目录's
 *                 page-number and leader marks of that node;
 *   pages         the laid-out pages are read for the checks (complete.ts: nothing lost, nothing
 *                 past the margins, no figure broken);
 *   pageNumbers   the 目录's placeholders become the printed numbers of their targets' pages,
 *                 right-aligned again, and the leader dots run on up to them;
 *   justify       justified lines are spread per character.
 */

/**
 * Our note on a pdfmake line. Hung on the line itself — the one field the engine puts on a library
 * object — because pdfmake repeats a table's header rows on a new page by copying the lines' own
 * fields (Line.clone): the copy must keep its source to be tagged as a repeat.
 */
export interface LineNote {
  src?: number;
  pageOf?: string;
  leaderTo?: string;
}

export interface Inline {
  text: string;
  width: number;
  x: number;
  alignment?: string;
  fontSize: number;
  characterSpacing?: number;
  trailingCut?: number;
  font: { widthOfString(text: string, size: number, features?: unknown): number };
  fontFeatures?: unknown;
}
export interface Line {
  x: number;
  _note?: LineNote;
  id?: string;
  inlines: Inline[];
  _outline?: { id?: string; parentId?: string; text: string; expanded?: boolean };
}
interface Page {
  items: Array<{ type: string; item: unknown }>;
}

/** The 目录's page numbers: the printed number of each target's page, in the placeholder's place. */
function printPageNumbers(pages: Page[], numbering: PageNumbering): void {
  const pageOf = new Map<string, number>();
  pages.forEach((page, i) => {
    for (const { type, item } of page.items) {
      const id = type === 'line' ? (item as Line).id : undefined;
      if (id !== undefined && !pageOf.has(id)) pageOf.set(id, i + 1);
    }
  });
  for (const page of pages) {
    for (const { type, item } of page.items) {
      const line = item as Line;
      const target = line._note?.pageOf;
      if (type !== 'line' || target === undefined || !line.inlines[0]) continue;
      const physical = pageOf.get(target);
      const n = physical === undefined ? null : numbering.printed(physical);
      const inline = line.inlines[0];
      const text = n === null ? '' : String(n);
      const width = inline.font.widthOfString(text, inline.fontSize, inline.fontFeatures) + (inline.characterSpacing ?? 0) * Math.max(0, text.length - 1);
      if (inline.alignment === 'right') inline.x += inline.width - width;
      else if (inline.alignment === 'center') inline.x += (inline.width - width) / 2;
      inline.text = text;
      inline.width = width;
    }
  }
}

/**
 * Leader dots drawn on to the printed number: laid out up to the widest number's place, they end
 * (less a small gap) where the actual number starts. Decoration only: done after the
 * checks have read the pages.
 */
function extendLeaders(pages: Page[], gap = 4): void {
  for (const page of pages) {
    const numberAt = new Map<string, number>();
    for (const { type, item } of page.items) {
      const line = item as Line;
      const target = line._note?.pageOf;
      if (type === 'line' && target !== undefined && line.inlines[0]?.text) numberAt.set(target, line.x + line.inlines[0].x);
    }
    for (const { type, item } of page.items) {
      const line = item as Line;
      const to = type === 'line' ? line._note?.leaderTo : undefined;
      if (to === undefined) continue;
      const dots = line.inlines[line.inlines.length - 1];
      if (!dots || !/^\.+$/.test(dots.text)) continue;
      const at = numberAt.get(to);
      if (at === undefined) continue;
      const dot = dots.font.widthOfString('.', dots.fontSize, dots.fontFeatures) + (dots.characterSpacing ?? 0);
      const more = Math.floor((at - gap - (line.x + dots.x + dots.width)) / dot);
      if (more <= 0) continue;
      dots.text += '.'.repeat(more);
      dots.width += more * dot;
    }
  }
}

/** Characters of a figure (8381.21, 12%, 1,024): no space may be put between two of them. */
const FIGURE_CHAR = /[\d.,%]/;

/**
 * Justified lines, spread per character. pdfmake spreads a justified line's slack evenly over
 * the gaps between its words — for Chinese, between characters, but a word such as 12 or 心）
 * gets no share inside it, and text extraction then reads the wider gaps as spaces (区 公 共).
 * The same slack is spread over the line's character gaps instead, and drawn as character
 * spacing: even Chinese justification, and copied text without invented spaces. A gap between
 * two characters of a figure gets none ("8 3 8 1 . 2 1" when a long figure moved to the next
 * line): the figure is split off as an inline of its own, drawn without spacing, and its share
 * goes to the other gaps. A line with no other gap is left unjustified.
 */
function spreadJustified(pages: Page[]): void {
  for (const page of pages) {
    for (const { type, item } of page.items) {
      if (type !== 'line') continue;
      const line = item as Line;
      const inlines = line.inlines as Array<Inline & { justifyShift?: number }>;
      const shift = inlines[1]?.justifyShift;
      if (inlines[0]?.alignment !== 'justify' || !shift) continue;
      const chars = inlines.flatMap((i) => [...i.text]);
      if (chars.length < 2) continue;
      // gap k lies after character k; the last character has none
      const rigid = chars.map((c, k) => k < chars.length - 1 && FIGURE_CHAR.test(c) && FIGURE_CHAR.test(chars[k + 1]!));
      const flexible = chars.length - 1 - rigid.filter(Boolean).length;
      const slack = shift * (inlines.length - 1);
      const each = flexible > 0 ? slack / flexible : 0;
      const out: Inline[] = [];
      let at = 0;
      let flexBefore = 0;
      inlines.forEach((inline, i) => {
        const text = [...inline.text];
        // pieces of the inline: a run joined by rigid gaps (a figure), or a run of flexible ones
        const pieces: Array<{ from: number; to: number; figure: boolean }> = [];
        for (let k = 0; k < text.length; k++) {
          const figure = rigid[at + k]! || (k > 0 && rigid[at + k - 1]!);
          const last = pieces[pieces.length - 1];
          if (last && last.figure === figure && !(figure && !rigid[at + k - 1]!)) last.to = k + 1;
          else pieces.push({ from: k, to: k + 1, figure });
        }
        const base = inline.x - i * shift;
        if (pieces.length === 1) {
          inline.x = base + flexBefore * each;
          if (!pieces[0]!.figure) inline.characterSpacing = (inline.characterSpacing ?? 0) + each;
          out.push(inline);
        } else {
          for (const { from, to, figure } of pieces) {
            const piece = { ...inline, text: text.slice(from, to).join('') } as Inline & Record<string, unknown>;
            // a grouped inline's words describe the whole text, not the piece
            delete piece._words;
            delete piece._widths;
            delete piece._iw0;
            const before = text.slice(0, from).join('');
            piece.x = base + (before ? inline.font.widthOfString(before, inline.fontSize, inline.fontFeatures) + (inline.characterSpacing ?? 0) * from : 0) + (flexBefore + flexIn(rigid, at, from)) * each;
            piece.width = inline.font.widthOfString(piece.text, inline.fontSize, inline.fontFeatures);
            if (!figure) piece.characterSpacing = (inline.characterSpacing ?? 0) + each;
            out.push(piece);
          }
        }
        flexBefore += flexIn(rigid, at, text.length);
        at += text.length;
      });
      line.inlines = out;
    }
  }
}

/** Flexible gaps among the `n` gaps after characters at..at+n-1 (the line's last one has none). */
function flexIn(rigid: readonly boolean[], at: number, n: number): number {
  let f = 0;
  for (let k = at; k < at + n && k < rigid.length - 1; k++) if (!rigid[k]) f++;
  return f;
}

/** The pages as the checks read them: lines (their source and text) and vectors, copied as they are now. */
function readPages(pages: Page[]): LaidPage[] {
  return pages.map((page) => {
    const items: LaidPage['items'] = [];
    for (const { type, item } of page.items) {
      if (type === 'line') {
        const line = item as Line;
        const laid: LaidLine = { x: line.x, inlines: line.inlines.map((i) => ({ x: i.x, width: i.width, text: i.text, ...(i.trailingCut !== undefined ? { trailingCut: i.trailingCut } : {}) })) };
        if (line._note?.src !== undefined) laid.src = line._note.src;
        items.push({ type: 'line', item: laid });
      } else if (type === 'vector') items.push({ type: 'vector', item: { ...(item as LaidVector) } });
    }
    const size = (page as { pageSize?: { width: number; height: number } }).pageSize;
    return { items, ...(size ? { pageSize: { width: size.width, height: size.height } } : {}) };
  });
}

/** Once the pages are laid out: numbers, justification, the checks' reading, then the leaders. */
function laidOut(job: Job, pages: Page[]): void {
  job.pageCount = pages.length;
  if (job.numbering && job.has('pageNumbers')) printPageNumbers(pages, job.numbering);
  if (job.has('justify')) spreadJustified(pages);
  job.laid = readPages(pages);
  if (job.numbering && job.has('pageNumbers')) extendLeaders(pages);
}

interface Writer {
  transactionLevel: number;
  moveToNextPage(orientation?: unknown): void;
  context(): { availableHeight: number; availableWidth: number; y: number; pageMargins: { top: number }; snapshots?: unknown[]; inSnakingColumns?(): boolean };
}

/** Lines of a paragraph already placed, by its node: for the widow and orphan rule. */
const placedLines = new WeakMap<object, number>();

/**
 * No single line of a paragraph alone at a page's foot (an orphan) or head (a widow: 他收入。
 * opened the last 名词解释 page). Decided as each line is built, before pdfmake places it: a
 * first line that would be alone at the foot goes to the next page, and so does the line before
 * a last line that would be alone at the head (or the whole paragraph, when it has three lines
 * and the page holds two). How many lines are left is estimated from the width of the words
 * not yet set. Paragraphs of the flow only (tagged P): not in table cells, columns or blocks
 * kept whole.
 */
function keepLines(writer: Writer, node: object & { _inlines?: Array<{ width: number }> }, line: Line & { getHeight(): number }): void {
  const k = placedLines.get(node) ?? 0;
  placedLines.set(node, k + 1);
  const ctx = writer.context();
  if (writer.transactionLevel > 0 || (ctx.snapshots?.length ?? 0) > 0 || ctx.inSnakingColumns?.()) return;
  if (ctx.y <= ctx.pageMargins.top + 0.5) return;
  const h = line.getHeight();
  const avail = ctx.availableHeight;
  if (h > avail) return;
  const rest = (node._inlines ?? []).reduce((a, i) => a + i.width, 0);
  const after = rest > 0 ? Math.max(1, Math.ceil(rest / ctx.availableWidth)) : 0;
  const fits = Math.floor(avail / h + 1e-6);
  // lines of this paragraph from here that this page holds, and how many would go over
  const here = Math.min(fits, after + 1);
  const over = after + 1 - here;
  // an orphan: the first line alone at the foot
  if (over > 0 && k === 0 && here === 1) writer.moveToNextPage();
  // a widow ahead: this line, the last but one, goes over with the last when two stay behind
  else if (over === 1 && here === 1 && k >= 2) writer.moveToNextPage();
  // three lines, two of them here: one would be a widow, and moving one leaves an orphan
  else if (over === 1 && k === 0 && here === 2) writer.moveToNextPage();
}

type LB = {
  writer?: Writer;
  buildNextLine(node: object): Line | null;
  layoutDocument(content: object, pdfDocument: object, ...rest: unknown[]): Page[];
  docMeasure?: { pdfDocument?: object };
};

export function installPageHooks(): void {
  const LayoutBuilder = load<{ prototype: LB }>('LayoutBuilder');
  const build = LayoutBuilder.prototype.buildNextLine;
  LayoutBuilder.prototype.buildNextLine = function (this: LB, node) {
    const line = build.call(this, node);
    const job = jobOf(this.docMeasure?.pdfDocument);
    if (line && this.writer && job?.has('keepLines') && job.annotations?.of(node)?.tag === 'P') keepLines(this.writer, node, line as Line & { getHeight(): number });
    if (!line || !job?.has('lineNotes')) return line;
    const src = job.tagged?.numberOf.get(node);
    const a = job.annotations?.of(node);
    if (src !== undefined || a?.pageOf !== undefined || a?.leaderTo !== undefined) {
      line._note = { ...(src !== undefined ? { src } : {}), ...(a?.pageOf !== undefined ? { pageOf: a.pageOf } : {}), ...(a?.leaderTo !== undefined ? { leaderTo: a.leaderTo } : {}) };
    }
    return line;
  };
  const layout = LayoutBuilder.prototype.layoutDocument;
  LayoutBuilder.prototype.layoutDocument = function (this: LB, content, pdfDocument, ...rest) {
    // the content is print()'s: from here on every step finds the job through the pdfkit document
    const job = jobOf(content);
    if (job) bind(pdfDocument, job);
    const start = job?.observe?.clock();
    const pages = layout.call(this, content, pdfDocument, ...rest);
    if (job?.observe) job.observe.phase('layout', start!, job.observe.clock());
    if (job?.has('pages')) laidOut(job, pages);
    return pages;
  };
}
