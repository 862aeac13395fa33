import type { Annotations, Content, LaidLine, LaidPage, LaidVector, StructElement } from './engine/index.js';

export type { LaidPage, StructElement };

/*
 * Nothing lost: every piece of text the layout stage hands pdfmake must be on a page of the PDF.
 * pdfmake silently drops what it cannot place — an unbreakable block or a table row taller than a
 * page, a canvas that does not fit — so the layout checks, not hopes:
 *
 *   tagContent     before layout, every text node of the document gets a number and is
 *                  listed with its text and the unit it belongs to (a paragraph, a table row…);
 *   (engine)       the laid-out lines carry the number of the node they were built from; once the
 *                  pages are laid out, the text of the lines on them is gathered per number;
 *   missingUnits   a node whose text is not all on the pages makes its unit missing.
 *
 * The render stage's units are labelled where the layout builds them (annotate(node, { unit }) in
 * the document's Annotations):
 * its label applies to everything inside); a table's rows are units of their own.
 */

export interface Unit {
  /** What a reader would call it: 段落“一、本部门职责…”, a table's label and 第3行. */
  label: string;
}

interface Expected {
  unit: Unit;
  text: string;
  /** A repeated table header row: on the pages once or more. */
  repeats: boolean;
  /** A figure (an amount, a code): it must print on one line. Its cell's name. */
  figure?: string;
}

export interface Tagged {
  nodes: Expected[];
  /** Each text node's number, by node. */
  numberOf: WeakMap<object, number>;
  /** The document's logical structure for the tagged PDF: elements whose leaves are node numbers. */
  structure: StructElement;
}

/** Elements that hold text themselves; a text node anywhere else becomes a paragraph (P). */
const TEXT_HOLDERS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TH', 'TD', 'LI', 'LBody', 'Lbl', 'TOCI', 'Caption', 'Span', 'Note']);

export interface MissingUnit {
  label: string;
  /** The unit's whole text, and what of it reached the pages (whitespace removed). */
  text: string;
  placed: string;
}

type Node = Record<string, unknown>;

const WS = /\s+/g;
const squash = (s: string) => s.replace(WS, '');

function textOf(text: unknown): string {
  if (typeof text === 'string') return text;
  if (Array.isArray(text)) return text.map((t) => textOf(typeof t === 'object' && t !== null ? (t as Node).text : t)).join('');
  if (typeof text === 'object' && text !== null) return textOf((text as Node).text);
  return text === undefined || text === null ? '' : String(text);
}

const short = (s: string, n = 16) => {
  const t = s.replace(WS, ' ').trim();
  return t.length > n ? `${t.slice(0, n)}…` : t;
};

/**
 * Numbers every text node and records what it must print. Page references (the
 * 目录's numbers) are filled in while drawing and are not checked here; footers and watermarks
 * are not content.
 */
export function tagContent(content: Content[] | Content, annotations: Annotations, root: Unit = { label: '文档' }): Tagged {
  const nodes: Expected[] = [];
  const numberOf = new WeakMap<object, number>();
  const structure: StructElement = { type: 'Document', children: [] };
  let tables = 0;
  const open = (parent: StructElement, type: string, scope?: StructElement['scope']): StructElement => {
    const el: StructElement = { type, children: [], ...(scope ? { scope } : {}) };
    parent.children.push(el);
    return el;
  };
  /** `placed`: the node's own element is already open (a table cell's TH / TD). */
  const walk = (n: unknown, unit: Unit, repeats: boolean, parent: StructElement, placed = false) => {
    if (n === null || n === undefined) return;
    if (Array.isArray(n)) {
      for (const x of n) walk(x, unit, repeats, parent);
      return;
    }
    if (typeof n !== 'object') return;
    const node = n as Node;
    const note = annotations.of(node);
    const u = note?.unit ?? unit;
    const tag = placed ? undefined : note?.tag;
    if ('text' in node && node.pageReference === undefined) {
      const text = textOf(node.text);
      if (squash(text) !== '') {
        const n = nodes.length;
        numberOf.set(node, n);
        // a page number is printed once the pages are known (the engine): placed, not checked here
        const pageOf = note?.pageOf !== undefined;
        nodes.push({ unit: u, text: pageOf ? '' : text, repeats: repeats || pageOf, ...(note?.figure !== undefined ? { figure: note.figure } : {}) });
        const holder = tag ? open(parent, tag) : TEXT_HOLDERS.has(parent.type) ? parent : open(parent, 'P');
        holder.children.push(n);
      }
      return;
    }
    if (note?.alt !== undefined && tag) {
      // a drawing (the chart's ring): numbered like text, so the engine draws it as its element's content
      const n = nodes.length;
      numberOf.set(node, n);
      nodes.push({ unit: u, text: '', repeats: true });
      const figure = open(parent, tag);
      figure.alt = note.alt;
      figure.children.push(n);
      return;
    }
    const el = tag ? open(parent, tag) : parent;
    if (Array.isArray(node.stack)) walk(node.stack, u, repeats, el);
    if (Array.isArray(node.columns)) walk(node.columns, u, repeats, el);
    const table = node.table as { body?: unknown[][]; headerRows?: number } | undefined;
    if (table && Array.isArray(table.body)) {
      const headerRows = table.headerRows ?? 0;
      // a 目录 is entries (TOCI), each holding its title and page number; a table rows of cells
      const toc = el.type === 'TOC';
      // cells covered by another's colSpan / rowSpan are placeholders, not cells of their own
      const covered = new Set<string>();
      // a header of more than one row: each data cell names the header cells above it (/Headers)
      const tableNo = tables++;
      const named = !toc && headerRows > 1;
      const above: string[][] = [];
      table.body.forEach((row, r) => {
        const first = (row ?? []).map((c) => squash(textOf(typeof c === 'object' && c !== null ? (c as Node).text : c))).find((t) => t !== '');
        const rowUnit: Unit = { label: r < headerRows ? `${u.label} 表头` : `${u.label} 第${r + 1 - headerRows}行${first ? `（“${short(first)}”）` : ''}` };
        const tr = open(el, toc ? 'TOCI' : 'TR');
        (row ?? []).forEach((cell, k) => {
          const c = (typeof cell === 'object' && cell !== null ? cell : { text: cell }) as Node;
          if (toc) return walk(c, rowUnit, r < headerRows, tr);
          if (covered.has(`${r},${k}`)) return;
          const rowSpan = Number(c.rowSpan ?? 1);
          const colSpan = Number(c.colSpan ?? 1);
          for (let i = 0; i < rowSpan; i++) for (let j = 0; j < colSpan; j++) if (i || j) covered.add(`${r + i},${k + j}`);
          const type = annotations.of(c)?.tag ?? (r < headerRows ? 'TH' : 'TD');
          const td = open(tr, type, type === 'TH' ? (r < headerRows ? 'Column' : 'Row') : undefined);
          if (rowSpan > 1) td.rowSpan = rowSpan;
          if (colSpan > 1) td.colSpan = colSpan;
          if (named && r < headerRows && type === 'TH') {
            td.id = `t${tableNo}r${r}c${k}`;
            for (let j = k; j < k + colSpan; j++) (above[j] ??= []).push(td.id);
          } else if (named && type === 'TD') {
            const ids = new Set<string>();
            for (let j = k; j < k + colSpan; j++) for (const id of above[j] ?? []) ids.add(id);
            if (ids.size) td.headers = [...ids];
          }
          walk(c, rowUnit, r < headerRows, td, true);
        });
      });
    }
  };
  walk(content, root, false, structure);
  return { nodes, numberOf, structure };
}

/** The text on the pages, per node number, in page order. */
export function collectPlaced(pages: readonly LaidPage[]): Map<number, string> {
  const placed = new Map<number, string>();
  for (const page of pages) {
    for (const { type, item } of page.items) {
      if (type !== 'line') continue;
      const line = item as LaidLine;
      if (line.src === undefined) continue;
      let text = '';
      for (const inline of line.inlines ?? []) text += inline.text ?? '';
      placed.set(line.src, (placed.get(line.src) ?? '') + text);
    }
  }
  return placed;
}

/** Units with a node whose text did not reach the pages, in document order. */
export function missingUnits(tagged: Tagged, placed: ReadonlyMap<number, string>): MissingUnit[] {
  const byUnit = new Map<Unit, MissingUnit & { bad: boolean }>();
  tagged.nodes.forEach((n, i) => {
    const want = squash(n.text);
    const got = squash(placed.get(i) ?? '');
    const ok = n.repeats ? got.startsWith(want) : got === want;
    let u = byUnit.get(n.unit);
    if (!u) byUnit.set(n.unit, (u = { label: n.unit.label, text: '', placed: '', bad: false }));
    u.text += want;
    u.placed += got;
    if (!ok) u.bad = true;
  });
  return [...byUnit.values()].filter((u) => u.bad).map(({ label, text, placed }) => ({ label, text, placed }));
}

export interface SplitFigure {
  /** The cell: the table's label（…）第12行“收入总计”“收入·金额”列. */
  label: string;
  text: string;
  /** What each of its lines printed. */
  lines: string[];
}

/**
 * Figures pdfmake broke over lines (a word wider than its cell is broken between characters):
 * "11849.0" above "3" is read as two numbers. Widths are reserved so this does not happen
 * (table.ts); this is the check that it did not, on the laid-out lines themselves.
 */
export function splitFigures(tagged: Tagged, pages: readonly LaidPage[]): SplitFigure[] {
  const lines = new Map<number, string[]>();
  tagged.nodes.forEach((n, i) => {
    if (n.figure !== undefined) lines.set(i, []);
  });
  if (!lines.size) return [];
  for (const page of pages) {
    for (const { type, item } of page.items) {
      if (type !== 'line') continue;
      const line = item as LaidLine;
      const got = line.src === undefined ? undefined : lines.get(line.src);
      if (!got) continue;
      let text = '';
      for (const inline of line.inlines ?? []) text += inline.text ?? '';
      if (squash(text) !== '') got.push(squash(text));
    }
  }
  const out: SplitFigure[] = [];
  for (const [i, printed] of lines) if (printed.length > 1) out.push({ label: tagged.nodes[i]!.figure!, text: squash(tagged.nodes[i]!.text), lines: printed });
  return out;
}

/*
 * Nothing past the text block either: a printer clips what crosses the margins. After layout,
 * the horizontal extent of every line and rule on each page is compared with the text block.
 */

/** Left- and rightmost ink of each page (lines of text by their inlines, rules by their ends). */
/** Each page's ink from left to right, and the page's width (pages differ when a table is landscape). */
export function pageExtents(pages: readonly LaidPage[]): Array<{ left: number; right: number; width?: number }> {
  return pages.map((page) => {
    let left = Infinity;
    let right = -Infinity;
    for (const { type, item } of page.items) {
      if (type === 'line') {
        const line = item as { x?: number; inlines?: Array<{ x?: number; width?: number; text?: string; trailingCut?: number }> };
        const inlines = (line.inlines ?? []).filter((i) => (i.text ?? '').trim() !== '');
        if (!inlines.length) continue;
        const x = line.x ?? 0;
        left = Math.min(left, x + (inlines[0]!.x ?? 0));
        const last = inlines[inlines.length - 1]!;
        right = Math.max(right, x + (last.x ?? 0) + (last.width ?? 0) - (last.trailingCut ?? 0));
      } else if (type === 'vector') {
        const v = item as LaidVector;
        const half = (v.lineWidth ?? 0) / 2;
        const xs = v.type === 'line' ? [v.x1 ?? 0, v.x2 ?? 0] : v.type === 'rect' ? [v.x ?? 0, (v.x ?? 0) + (v.w ?? 0)] : v.type === 'ellipse' ? [(v.x ?? 0) - (v.r1 ?? 0), (v.x ?? 0) + (v.r1 ?? 0)] : (v.points ?? []).map((p) => p.x);
        if (!xs.length) continue;
        left = Math.min(left, Math.min(...xs) - half);
        right = Math.max(right, Math.max(...xs) + half);
      }
    }
    return { left, right, ...(page.pageSize ? { width: page.pageSize.width } : {}) };
  });
}
