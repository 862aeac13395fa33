import { jobOf, type Job } from '../job.js';
import { load } from '../runtime.js';
import type { StructElement } from '../types.js';
import type { Line } from './pages.js';

/*
 * What pdfmake does not do while it draws the pages (Renderer):
 *
 *   tags          every line is marked content of its structure element (H1, P, TD…); what is
 *                 not content — footers, rules, the chart's shapes, watermarks, a table header
 *                 repeated on a later page — is an artifact;
 *   pageNumbers   the PDF's /PageLabels say the printed numbers (viewer page 10 is page 10);
 *   outline       bookmarks point at their heading's line, not at the top of its page;
 *   emptyLines    an empty table cell is drawn as nothing.
 */

export type Kit = {
  page: { width: number; height: number };
  outline: { addItem(title: string, options: Record<string, unknown>): unknown };
  _root: { data: Record<string, unknown> };
  ref(data: unknown): { end(): void };
  struct(type: string, options?: Record<string, unknown>): KitElement;
  addStructure(el: KitElement): void;
  markContent(tag: string, options?: Record<string, unknown> | null): void;
  markStructureContent(tag: string): unknown;
  endMarkedContent(): void;
  annotate(x: number, y: number, w: number, h: number, options: Record<string, unknown>): unknown;
};
type KitElement = { add(child: unknown): void; end(): void; dictionary: { data: Record<string, unknown> } };

/** A cell's spans, id and headers (PDF 1.7 §14.8.5.7, Table attributes), beside its /Scope. */
function tableAttributes(el: KitElement, s: StructElement): void {
  const data = el.dictionary.data;
  const a: Record<string, unknown> = {};
  if (s.rowSpan) a.RowSpan = s.rowSpan;
  if (s.colSpan) a.ColSpan = s.colSpan;
  // strings, not names: pdfkit writes a JS string as a name
  if (s.headers) a.Headers = s.headers.map((h) => new String(h));
  if (s.id) data.ID = new String(s.id);
  if (Object.keys(a).length) data.A = { ...(data.A as object), O: 'Table', ...a };
}

/**
 * The layout tags a heading by its rank (H1 a part, H2 the kind below it…), and a template may
 * leave a rank out (an （一） straight under a 五、). A reader needs levels that never skip: each
 * heading is one level below the nearest heading before it of a higher rank, so the same kind of
 * heading under the same kind of parent is the same level wherever it stands.
 */
export function headingLevels(root: StructElement): Map<StructElement, string> {
  const out = new Map<StructElement, string>();
  const open: Array<{ rank: number; level: number }> = [];
  const walk = (s: StructElement) => {
    const m = /^H([1-6])$/.exec(s.type);
    if (m) {
      const rank = Number(m[1]);
      while (open.length && open[open.length - 1]!.rank >= rank) open.pop();
      const level = Math.min(6, (open[open.length - 1]?.level ?? 0) + 1);
      open.push({ rank, level });
      if (level !== rank) out.set(s, `H${level}`);
    }
    for (const c of s.children) if (typeof c !== 'number') walk(c);
  };
  walk(root);
  return out;
}

/** The structure tree as pdfkit elements, created before any page so they sit in reading order. */
function buildStructure(kit: Kit, root: StructElement): NonNullable<Job['leaves']> {
  const leaves: NonNullable<Job['leaves']> = new Map();
  const levels = headingLevels(root);
  const make = (s: StructElement): KitElement => {
    const type = levels.get(s) ?? s.type;
    const el = kit.struct(type, { ...(s.scope ? { scope: s.scope } : {}), ...(s.alt !== undefined ? { alt: s.alt } : {}) });
    tableAttributes(el, s);
    for (const c of s.children) {
      if (typeof c === 'number') leaves.set(c, { el, type });
      else el.add(make(c));
    }
    return el;
  };
  const doc = kit.struct('Document');
  kit.addStructure(doc);
  for (const c of root.children) if (typeof c !== 'number') doc.add(make(c));
  return leaves;
}

/** A copy of a line drawing only some of its inlines, where and as high as the whole line. */
function partOf(line: Line, inlines: Line['inlines']): Line {
  const part = Object.create(line) as Line & { getHeight(): number; getAscenderHeight(): number };
  const whole = line as unknown as { getHeight(): number; getAscenderHeight(): number };
  const height = whole.getHeight();
  const ascender = whole.getAscenderHeight();
  part.inlines = inlines;
  part.getHeight = () => height;
  part.getAscenderHeight = () => ascender;
  return part;
}

/**
 * A line holding a link (a 目录 entry): its text is a Link element inside the line's own element,
 * and each annotation pdfkit makes for it is that Link's object (OBJR, /StructParent), saying
 * where it leads (/Contents: the entry's title). The Link is ended at once, so pdfkit writes it
 * with the page it is on. A 目录 line's leader dots are drawn apart, as an artifact: a reader
 * hears 标题 and 页码, not a row of dots.
 */
function drawLink(kit: Kit, job: Job, line: Line, parent: { add(child: unknown): void }, draw: (l: Line) => void): void {
  const note = line._note;
  const last = line.inlines[line.inlines.length - 1];
  const dots = note?.leaderTo !== undefined && last && /^\.+$/.test(last.text) ? last : undefined;
  const words = dots ? line.inlines.slice(0, -1) : line.inlines;
  const target = note?.leaderTo ?? note?.pageOf ?? (words.find((i) => (i as { linkToDestination?: string }).linkToDestination) as { linkToDestination?: string } | undefined)?.linkToDestination;
  if (note?.leaderTo !== undefined) job.linkTexts.set(note.leaderTo, (job.linkTexts.get(note.leaderTo) ?? '') + words.map((i) => i.text).join(''));
  const contents = (target !== undefined && job.linkTexts.get(target)) || words.map((i) => i.text).join('');
  const link = kit.struct('Link');
  parent.add(link);
  const annotate = kit.annotate;
  kit.annotate = function (this: Kit, ...args: unknown[]) {
    const options = args[4] as Record<string, unknown>;
    options.structParent = link;
    options.Contents = new String(contents.trim());
    return annotate.apply(this, args as Parameters<Kit['annotate']>);
  };
  try {
    const content = kit.markStructureContent('Link');
    draw(dots ? partOf(line, words) : line);
    kit.endMarkedContent();
    link.add(content);
    if (dots) artifact(kit, () => draw(partOf(line, [dots])), 'Layout');
  } finally {
    kit.annotate = annotate;
  }
  link.end();
}

type OutlineItem = { children: OutlineItem[]; options: { expanded?: boolean }; outlineData: Record<string, unknown> };

/**
 * pdfkit writes /Count only on open bookmarks; a closed one with children needs it too (negative:
 * how many it hides), or strict readers (pdfcpu) refuse the outline.
 */
function countClosed(item: OutlineItem): void {
  for (const c of item.children) {
    if (c.children.length && !c.options.expanded) c.outlineData.Count = -c.children.length;
    countClosed(c);
  }
}

export function artifact(kit: Kit, draw: () => void, type: string): void {
  kit.markContent('Artifact', { type });
  draw();
  kit.endMarkedContent();
}

/** A line that draws nothing: only empty text, no background, decoration, link, anchor or page reference. */
function invisible(line: Line): boolean {
  if (line.id !== undefined || line._outline || line._note?.pageOf !== undefined || line._note?.leaderTo !== undefined || (line as { _pageNodeRef?: unknown })._pageNodeRef) return false;
  for (const i of line.inlines as unknown as Array<Record<string, unknown>>) {
    if (i.text !== '' || i.background || i.decoration || i.link || i.linkToPage || i.linkToDestination || i._pageNodeRef) return false;
  }
  return true;
}

type R = {
  pdfDocument: Kit;
  outlineMap: Record<string, unknown>;
  renderPages(pages: unknown[]): void;
  renderLine(line: Line, x: number, y: number): void;
  renderVector(v: unknown): void;
  renderSVG(v: unknown): void;
  renderImage(v: unknown): void;
  renderWatermark(page: unknown): void;
};

export function installRenderHooks(): void {
  // a drawing the layout tagged (the chart's ring) carries its node's number through pdfmake's
  // copies of it (an unbreakable block's items are copied, as lines are), like a line its note
  const LayoutBuilder = load<{ prototype: { processSVG(node: Record<string, unknown>): void; docMeasure?: { pdfDocument?: object } } }>('LayoutBuilder');
  const processSVG = LayoutBuilder.prototype.processSVG;
  LayoutBuilder.prototype.processSVG = function (node) {
    const job = jobOf(this.docMeasure?.pdfDocument);
    const n = job?.has('tags') ? job.tagged?.numberOf.get(node) : undefined;
    if (n !== undefined) node._note = { src: n };
    return processSVG.call(this, node);
  };
  const Renderer = load<{ prototype: R }>('Renderer');
  const proto = Renderer.prototype;
  const renderPages = proto.renderPages;
  proto.renderPages = function (this: R, pages) {
    const job = jobOf(this.pdfDocument);
    if (job?.tagged && job.taggedPdf && job.has('tags')) job.leaves = buildStructure(this.pdfDocument, job.tagged.structure);
    const start = job?.observe?.clock();
    renderPages.call(this, pages);
    if (job?.observe) job.observe.phase('draw', start!, job.observe.clock());
    if (job?.has('outline')) countClosed(this.pdfDocument.outline as unknown as OutlineItem);
    if (job?.numbering && job.has('pageNumbers')) {
      const nums: unknown[] = [];
      for (const r of job.numbering.labels(pages.length)) nums.push(r.start, { ...(r.decimal ? { S: 'D' } : {}), ...(r.prefix ? { P: new String(r.prefix) } : {}) });
      const labels = this.pdfDocument.ref({ Nums: nums });
      labels.end();
      this.pdfDocument._root.data.PageLabels = labels;
    }
  };
  const renderLine = proto.renderLine;
  proto.renderLine = function (this: R, line, x, y) {
    const job = jobOf(this.pdfDocument);
    if (!job) return renderLine.call(this, line, x, y);
    // an empty table cell is a line of one empty inline: pdfmake would set opacity and colour and
    // paint nothing (1,099 of the reference's 3,619 lines)
    if (job.has('emptyLines') && invisible(line)) return;
    if (line._outline && job.has('outline')) {
      // at the heading itself: pdfkit's outline entries otherwise point at the page's top right
      const o = line._outline;
      delete line._outline;
      const parent = ((o.parentId && this.outlineMap[o.parentId]) || this.pdfDocument.outline) as Kit['outline'];
      const item = parent.addItem(o.text, { expanded: o.expanded ?? false, top: Math.max(0, (y || 0) - 4), left: this.pdfDocument.page.width });
      if (o.id) this.outlineMap[o.id] = item;
    }
    const leaves = job.leaves;
    if (!leaves) return renderLine.call(this, line, x, y);
    const src = line._note?.src;
    const leaf = src === undefined ? undefined : leaves.get(src);
    // a header row repeated on a later page is pagination, not a second copy of the content
    const first = leaf && job.repeats.has(src!) ? job.seen.get(src!) : undefined;
    if (!leaf || (first !== undefined && first !== this.pdfDocument.page)) return artifact(this.pdfDocument, () => renderLine.call(this, line, x, y), 'Pagination');
    if (job.repeats.has(src!)) job.seen.set(src!, this.pdfDocument.page);
    const linked = line.inlines.some((i) => (i as { linkToDestination?: string; link?: string }).linkToDestination || (i as { link?: string }).link);
    if (!linked) {
      const content = this.pdfDocument.markStructureContent(leaf.type);
      renderLine.call(this, line, x, y);
      this.pdfDocument.endMarkedContent();
      leaf.el.add(content);
      return;
    }
    drawLink(this.pdfDocument, job, line, leaf.el, (l) => renderLine.call(this, l, x, y));
  };
  for (const name of ['renderVector', 'renderSVG', 'renderImage', 'renderWatermark'] as const) {
    const original = proto[name] as (this: R, v: unknown) => void;
    (proto as Record<string, unknown>)[name] = function (this: R, v: unknown) {
      const job = jobOf(this.pdfDocument);
      if (!job?.leaves) return original.call(this, v);
      // a drawing the layout made a figure of (the chart's ring) is that figure's content
      const n = (v as { _note?: { src?: number } } | null)?._note?.src;
      const leaf = n === undefined ? undefined : job.leaves.get(n);
      if (leaf) {
        const content = this.pdfDocument.markStructureContent(leaf.type);
        original.call(this, v);
        this.pdfDocument.endMarkedContent();
        leaf.el.add(content);
        return;
      }
      artifact(this.pdfDocument, () => original.call(this, v), name === 'renderWatermark' ? 'Pagination' : 'Layout');
    };
  }
}
