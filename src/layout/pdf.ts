import { createRequire } from 'node:module';
import path from 'node:path';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { collectPlaced, pageExtents, splitFigures, type LaidPage, type SplitFigure, type StructElement, type Tagged } from './complete.js';
import type { PageNumbering } from './numbers.js';
import { compactPdf } from './objstm.js';
import { installPdfmakePatches } from './pdfmake-patches.js';

/*
 * The one place pdfmake is configured. pdfmake is a CommonJS singleton; it is set up once per
 * process (per worker) and reused for every document: fonts are read once, handed over through
 * its virtual file system (Buffers given to setFonts crash in 0.3.11), and every URL or local
 * file access is refused except inside the font folders.
 */

export interface FontFace {
  /** Absolute path: where the bytes came from (and the only place local access is allowed). */
  path: string;
  bytes: Buffer;
}

/** pdfmake font family name → its faces. Families have a `normal` face and maybe a `bold` one. */
export type FontFamilies = Record<string, { normal: FontFace; bold?: FontFace }>;

interface PdfmakeRuntime {
  virtualfs: { writeFileSync(name: string, content: Buffer): void; storage: Record<string, Buffer> };
  setFonts(f: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (p: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions, options?: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
let loaded: PdfmakeRuntime | undefined;
/**
 * pdfmake (with pdfkit and fontkit, ~0.2 s to load) is required on first use, so commands that
 * never print (validate, schema, init) do not load it.
 */
function runtime(): PdfmakeRuntime {
  return (loaded ??= require('pdfmake') as PdfmakeRuntime);
}

let installed: FontFamilies | undefined;

/**
 * Registers the fonts with pdfmake and locks file access down — once per loaded font set: the
 * same environment renders every document with what it installed; a fresh environment (new
 * bytes, as the preview's font reload or the benchmark's naive baseline make) installs again.
 */
export function installFonts(families: FontFamilies): void {
  if (families === installed) return;
  const descriptors: Record<string, Record<string, string>> = {};
  const dirs = new Set<string>();
  for (const [name, faces] of Object.entries(families)) {
    const entry: Record<string, string> = {};
    for (const [type, face] of Object.entries(faces) as Array<[string, FontFace | undefined]>) {
      if (!face) continue;
      const vname = `fonts/${path.basename(face.path)}`;
      runtime().virtualfs.writeFileSync(vname, face.bytes);
      entry[type] = vname;
      dirs.add(path.dirname(face.path) + path.sep);
    }
    // pdfmake asks for italics whenever a style says so; never let that fall through to a missing face
    entry.italics = entry.normal!;
    entry.bolditalics = entry.bold ?? entry.normal!;
    entry.bold ??= entry.normal!;
    descriptors[name] = entry;
  }
  runtime().setFonts(descriptors);
  runtime().setUrlAccessPolicy(() => false);
  runtime().setLocalAccessPolicy((p) => [...dirs].some((d) => path.resolve(p).startsWith(d)));
  installed = families;
}

/*
 * What pdfmake does not do, done once its pages are laid out and while it prints them. Small
 * wrappers around pdfmake's layout builder and renderer (their documented-by-use entry points),
 * installed once; each document's own work is registered for its pages, so nothing is shared
 * between documents:
 *
 *   completeness   lines carry the number of the text node they were built from (`_src`); the
 *                  text on the pages is gathered per number (complete.ts);
 *   page numbers   the 目录's placeholders (`_pageOf`) become the printed numbers of their
 *                  targets' pages, right-aligned again (numbers.ts decides the numbers);
 *   page labels    the PDF's /PageLabels say the printed numbers (viewer page 10 is page 10);
 *   bookmarks      point at their heading's line, not at the top of its page;
 *   tags           every line is marked content of its structure element (H1, P, TD…); what is
 *                  not content — footers, rules, the chart's shapes, watermarks — is an artifact.
 */
type LayoutListener = (pages: LaidPage[]) => void;
const layoutListeners = new WeakMap<object, LayoutListener>();

interface PrintJob {
  numbering?: PageNumbering;
  structure?: StructElement;
  /** Text nodes that may be printed more than once (repeated table headers). */
  repeats?: Set<number>;
}
const printJobs = new WeakMap<object, PrintJob>();

interface Inline {
  text: string;
  width: number;
  x: number;
  alignment?: string;
  fontSize: number;
  characterSpacing?: number;
  font: { widthOfString(text: string, size: number, features?: unknown): number };
  fontFeatures?: unknown;
}
interface Line {
  x: number;
  _src?: number;
  _pageOf?: string;
  _leaderTo?: string;
  id?: string;
  inlines: Inline[];
  _outline?: { id?: string; parentId?: string; text: string; expanded?: boolean };
}

/** The 目录's page numbers: the printed number of each target's page, in the placeholder's place. */
function printPageNumbers(pages: LaidPage[], numbering: PageNumbering): void {
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
      if (type !== 'line' || line._pageOf === undefined || !line.inlines[0]) continue;
      const physical = pageOf.get(line._pageOf);
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
 * completeness check has read the pages.
 */
function extendLeaders(pages: LaidPage[], gap = 4): void {
  for (const page of pages) {
    const numberAt = new Map<string, number>();
    for (const { type, item } of page.items) {
      const line = item as Line;
      if (type === 'line' && line._pageOf !== undefined && line.inlines[0]?.text) numberAt.set(line._pageOf, line.x + line.inlines[0].x);
    }
    for (const { type, item } of page.items) {
      const line = item as Line;
      if (type !== 'line' || line._leaderTo === undefined) continue;
      const dots = line.inlines[line.inlines.length - 1];
      if (!dots || !/^\.+$/.test(dots.text)) continue;
      const to = numberAt.get(line._leaderTo);
      if (to === undefined) continue;
      const dot = dots.font.widthOfString('.', dots.fontSize, dots.fontFeatures) + (dots.characterSpacing ?? 0);
      const more = Math.floor((to - gap - (line.x + dots.x + dots.width)) / dot);
      if (more <= 0) continue;
      dots.text += '.'.repeat(more);
      dots.width += more * dot;
    }
  }
}

/**
 * Justified lines, spread per character. pdfmake spreads a justified line's slack evenly over
 * the gaps between its words — for Chinese, between characters, but a word such as 12 or 心）
 * gets no share inside it, and text extraction then reads the wider gaps as spaces (区 公 共).
 * The same slack is spread over every character gap of the line instead, and drawn as character
 * spacing: even Chinese justification, and copied text without invented spaces.
 */
function spreadJustified(pages: LaidPage[]): void {
  for (const page of pages) {
    for (const { type, item } of page.items) {
      if (type !== 'line') continue;
      const inlines = (item as Line).inlines as Array<Inline & { justifyShift?: number }>;
      const shift = inlines[1]?.justifyShift;
      if (inlines[0]?.alignment !== 'justify' || !shift) continue;
      const lengths = inlines.map((i) => [...i.text].length);
      const chars = lengths.reduce((a, b) => a + b, 0);
      if (chars < 2) continue;
      const slack = shift * (inlines.length - 1);
      const each = slack / (chars - 1);
      let before = 0;
      inlines.forEach((inline, i) => {
        inline.x += before * each - i * shift;
        inline.characterSpacing = (inline.characterSpacing ?? 0) + each;
        before += lengths[i]!;
      });
    }
  }
}

type Kit = {
  page: { width: number; height: number };
  outline: { addItem(title: string, options: Record<string, unknown>): unknown };
  _root: { data: Record<string, unknown> };
  ref(data: unknown): { end(): void };
  struct(type: string, options?: Record<string, unknown>): KitElement;
  addStructure(el: KitElement): void;
  markContent(tag: string, options?: Record<string, unknown> | null): void;
  markStructureContent(tag: string): unknown;
  endMarkedContent(): void;
};
type KitElement = { add(child: unknown): void };

/** The structure tree as pdfkit elements, created before any page so they sit in reading order. */
function buildStructure(kit: Kit, root: StructElement): Map<number, { el: KitElement; type: string }> {
  const leaves = new Map<number, { el: KitElement; type: string }>();
  const make = (s: StructElement): KitElement => {
    const el = kit.struct(s.type, s.scope ? { scope: s.scope } : {});
    for (const c of s.children) {
      if (typeof c === 'number') leaves.set(c, { el, type: s.type });
      else el.add(make(c));
    }
    return el;
  };
  const doc = kit.struct('Document');
  kit.addStructure(doc);
  for (const c of root.children) if (typeof c !== 'number') doc.add(make(c));
  return leaves;
}

let hooked = false;
function installHooks(): void {
  if (hooked) return;
  hooked = true;
  type LB = {
    buildNextLine(node: { _src?: number; _pageOf?: string; _leaderTo?: string }): Line | null;
    layoutDocument(content: object, ...rest: unknown[]): LaidPage[];
  };
  const LayoutBuilder = require('pdfmake/js/LayoutBuilder.js').default as { prototype: LB };
  const build = LayoutBuilder.prototype.buildNextLine;
  LayoutBuilder.prototype.buildNextLine = function (this: LB, node) {
    const line = build.call(this, node);
    if (line && node._src !== undefined) line._src = node._src;
    if (line && node._pageOf !== undefined) line._pageOf = node._pageOf;
    if (line && node._leaderTo !== undefined) line._leaderTo = node._leaderTo;
    return line;
  };
  const layout = LayoutBuilder.prototype.layoutDocument;
  LayoutBuilder.prototype.layoutDocument = function (this: LB, content, ...rest) {
    const pages = layout.call(this, content, ...rest);
    layoutListeners.get(content)?.(pages);
    return pages;
  };

  type R = {
    pdfDocument: Kit;
    outlineMap: Record<string, unknown>;
    renderPages(pages: LaidPage[]): void;
    renderLine(line: Line, x: number, y: number): void;
    renderVector(v: unknown): void;
    renderSVG(v: unknown): void;
    renderImage(v: unknown): void;
    renderWatermark(page: unknown): void;
    _job?: { leaves?: Map<number, { el: KitElement; type: string }>; repeats?: Set<number>; seen: Map<number, object> };
  };
  const Renderer = require('pdfmake/js/Renderer.js').default as { prototype: R };
  const proto = Renderer.prototype;
  const renderPages = proto.renderPages;
  proto.renderPages = function (this: R, pages) {
    const job = printJobs.get(pages);
    this._job = { ...(job?.structure ? { leaves: buildStructure(this.pdfDocument, job.structure) } : {}), ...(job?.repeats ? { repeats: job.repeats } : {}), seen: new Map() };
    renderPages.call(this, pages);
    if (job?.numbering) {
      const nums: unknown[] = [];
      for (const r of job.numbering.labels(pages.length)) nums.push(r.start, { ...(r.decimal ? { S: 'D' } : {}), ...(r.prefix ? { P: new String(r.prefix) } : {}) });
      const labels = this.pdfDocument.ref({ Nums: nums });
      labels.end();
      this.pdfDocument._root.data.PageLabels = labels;
    }
  };
  const renderLine = proto.renderLine;
  proto.renderLine = function (this: R, line, x, y) {
    // an empty table cell is a line of one empty inline: pdfmake would set opacity and colour and
    // paint nothing (1,099 of the reference's 3,619 lines)
    if (invisible(line)) return;
    if (line._outline) {
      // at the heading itself: pdfkit's outline entries otherwise point at the page's top right
      const o = line._outline;
      delete line._outline;
      const parent = ((o.parentId && this.outlineMap[o.parentId]) || this.pdfDocument.outline) as Kit['outline'];
      const item = parent.addItem(o.text, { expanded: o.expanded ?? false, top: Math.max(0, (y || 0) - 4), left: this.pdfDocument.page.width });
      if (o.id) this.outlineMap[o.id] = item;
    }
    const leaves = this._job?.leaves;
    if (!leaves) return renderLine.call(this, line, x, y);
    const leaf = line._src === undefined ? undefined : leaves.get(line._src);
    // a header row repeated on a later page is pagination, not a second copy of the content
    const job = this._job!;
    const first = leaf && job.repeats?.has(line._src!) ? job.seen.get(line._src!) : undefined;
    if (!leaf || (first !== undefined && first !== this.pdfDocument.page)) return artifact(this.pdfDocument, () => renderLine.call(this, line, x, y), 'Pagination');
    if (job.repeats?.has(line._src!)) job.seen.set(line._src!, this.pdfDocument.page);
    const content = this.pdfDocument.markStructureContent(leaf.type);
    renderLine.call(this, line, x, y);
    this.pdfDocument.endMarkedContent();
    leaf.el.add(content);
  };
  for (const name of ['renderVector', 'renderSVG', 'renderImage', 'renderWatermark'] as const) {
    const original = proto[name] as (this: R, v: unknown) => void;
    (proto as Record<string, unknown>)[name] = function (this: R, v: unknown) {
      if (!this._job?.leaves) return original.call(this, v);
      artifact(this.pdfDocument, () => original.call(this, v), name === 'renderWatermark' ? 'Pagination' : 'Layout');
    };
  }
  mergeRules(proto);
}

/*
 * Table rules, one path per run. pdfmake draws every cell border as a vector of its own — line
 * width, dash, join, cap, colour and opacity set again, then one segment stroked — and a tagged
 * document wraps each in an artifact: 6,272 segments were 41% of the reference's page content
 * (800 KB of 2 MB before compression). Consecutive rules of one style become one artifact, one
 * set of state operators, their segments and one stroke: the same segments, drawn in the same
 * order with the same pen (opaque only, where stroking together and apart are the same ink).
 * Whatever else is written to the page first — text, a marked-content operator, another kind of
 * vector, a new page, the end — draws the pending rules before it.
 */
interface Rule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  lineWidth?: number;
  lineColor?: unknown;
  lineJoin?: string;
  lineCap?: string;
  dash?: { length: number; space?: number; phase?: number };
}
interface PendingRules {
  key: string;
  tagged: boolean;
  first: Rule;
  segments: number[];
}
type RuleKit = Kit & {
  _rules?: PendingRules;
  lineWidth(w: number): void;
  dash(length: number, options: { space: number; phase: number }): void;
  undash(): void;
  lineJoin(j: string): void;
  lineCap(c: string): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  strokeColor(color: unknown, opacity: number): void;
  resolveColor(color: unknown, fallback: string): unknown;
  stroke(): void;
};

function ruleKey(v: Record<string, unknown>): string | undefined {
  if (v.type !== 'line' || v.color !== undefined || v.linearGradient !== undefined) return undefined;
  if (v.strokeOpacity !== undefined && v.strokeOpacity !== 1) return undefined;
  if (typeof v.lineColor !== 'string' && v.lineColor !== undefined) return undefined;
  const d = v.dash as Rule['dash'];
  return `${String(v.lineWidth ?? '')}|${d ? `${d.length},${String(d.space ?? '')},${String(d.phase ?? '')}` : ''}|${String(v.lineJoin ?? '')}|${String(v.lineCap ?? '')}|${String(v.lineColor ?? '')}`;
}

function drawRules(kit: RuleKit): void {
  const p = kit._rules;
  if (!p) return;
  kit._rules = undefined; // before drawing: these writes must not flush again
  const v = p.first;
  if (p.tagged) kit.markContent('Artifact', { type: 'Layout' });
  // exactly pdfmake's Renderer.renderVector for a line, with the segments of the run in its middle
  kit.lineWidth(v.lineWidth || 1);
  if (v.dash) kit.dash(v.dash.length, { space: v.dash.space || v.dash.length, phase: v.dash.phase || 0 });
  else kit.undash();
  kit.lineJoin(v.lineJoin || 'miter');
  kit.lineCap(v.lineCap || 'butt');
  const s = p.segments;
  for (let i = 0; i < s.length; i += 4) {
    kit.moveTo(s[i]!, s[i + 1]!);
    kit.lineTo(s[i + 2]!, s[i + 3]!);
  }
  kit.strokeColor(kit.resolveColor(v.lineColor, 'black'), 1);
  kit.stroke();
  if (p.tagged) kit.endMarkedContent();
}

function mergeRules(proto: { renderVector(v: unknown): void; pdfDocument?: unknown; _job?: { leaves?: unknown } }): void {
  const render = proto.renderVector;
  proto.renderVector = function (this: { pdfDocument: RuleKit; _job?: { leaves?: unknown } }, v: unknown) {
    const rule = v as Rule & Record<string, unknown>;
    const key = ruleKey(rule);
    if (key === undefined) return render.call(this, v);
    const kit = this.pdfDocument;
    const tagged = this._job?.leaves !== undefined;
    if (kit._rules && (kit._rules.key !== key || kit._rules.tagged !== tagged)) drawRules(kit);
    kit._rules ??= { key, tagged, first: rule, segments: [] };
    kit._rules.segments.push(rule.x1, rule.y1, rule.x2, rule.y2);
  };
  // anything else written, or a page change, draws the pending rules first
  const Kit = (require('pdfmake/js/PDFDocument.js') as { default: { prototype: Record<string, (...a: unknown[]) => unknown> } }).default.prototype;
  // (marked content first of all: pdfkit keeps a stack of it, and closes open artifacts when one begins)
  for (const name of ['markContent', 'markStructureContent', 'endMarkedContent', 'addContent', 'addPage', 'switchToPage', 'flushPages', 'end']) {
    const original = Kit[name]!;
    Kit[name] = function (this: RuleKit, ...args: unknown[]) {
      if (this._rules) drawRules(this);
      return original.apply(this, args);
    };
  }
}

/** A line that draws nothing: only empty text, no background, decoration, link, anchor or page reference. */
function invisible(line: Line): boolean {
  if (line.id !== undefined || line._outline || line._pageOf !== undefined || line._leaderTo !== undefined || (line as { _pageNodeRef?: unknown })._pageNodeRef) return false;
  for (const i of line.inlines as Array<Inline & Record<string, unknown>>) {
    if (i.text !== '' || i.background || i.decoration || i.link || i.linkToPage || i.linkToDestination || i._pageNodeRef) return false;
  }
  return true;
}

/** Table headers: on every page a table runs over, content only the first time. */
function repeatedNodes(tagged: Tagged): Set<number> {
  const out = new Set<number>();
  tagged.nodes.forEach((n, i) => {
    if (n.repeats) out.add(i);
  });
  return out;
}

let xmpEscaped = false;
/**
 * pdfkit writes the document information into its XMP packet as it is: a title with `&` or `<`
 * (a department's name can hold them) would make the packet malformed XML. Escaped there only;
 * the information dictionary keeps the text as written.
 */
function escapeXmp(): void {
  if (xmpEscaped) return;
  xmpEscaped = true;
  const PDFKit = require('pdfkit') as { prototype: { _addInfo(): void; info: Record<string, unknown> } };
  const add = PDFKit.prototype._addInfo;
  const esc = (v: unknown) => (v === undefined || v === null || v instanceof Date ? v : String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  PDFKit.prototype._addInfo = function (this: { info: Record<string, unknown> }) {
    const info = this.info;
    this.info = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, esc(v)]));
    try {
      add.call(this);
    } finally {
      this.info = info;
    }
  };
}

function artifact(kit: Kit, draw: () => void, type: string): void {
  kit.markContent('Artifact', { type });
  draw();
  kit.endMarkedContent();
}

export interface PdfOutput {
  pdf: Buffer;
  /** The text of the lines on the pages, per text node number (`_src`); undefined if pdfmake never reported its pages. */
  placed: Map<number, string> | undefined;
  /** Each page's left- and rightmost ink (points from the page's left edge). */
  extents: Array<{ left: number; right: number }> | undefined;
  /** Pages laid out (0 if pdfmake never reported them). */
  pages: number;
  /** Figures broken over lines (a tagged document's table cells); undefined if pdfmake never reported its pages. */
  split?: SplitFigure[];
}

export interface PrintOptions {
  /** Printed page numbers: the 目录's numbers and the page labels. */
  numbering?: PageNumbering;
  /** The tagged PDF's structure (from tagContent), when the document is tagged. */
  tagged?: Tagged;
}

export async function renderPdf(doc: TDocumentDefinitions, options: PrintOptions = {}): Promise<PdfOutput> {
  // speed patches first, so the hooks wrap (and run before) inline merging
  installPdfmakePatches();
  installHooks();
  escapeXmp();
  let placed: Map<number, string> | undefined;
  let extents: PdfOutput['extents'];
  let split: SplitFigure[] | undefined;
  let count = 0;
  layoutListeners.set(doc.content as object, (pages) => {
    count = pages.length;
    if (options.numbering) printPageNumbers(pages, options.numbering);
    spreadJustified(pages);
    placed = collectPlaced(pages);
    extents = pageExtents(pages);
    if (options.tagged) split = splitFigures(options.tagged, pages);
    if (options.numbering) extendLeaders(pages);
    printJobs.set(pages, { ...(options.numbering ? { numbering: options.numbering } : {}), ...(options.tagged && doc.tagged ? { structure: options.tagged.structure, repeats: repeatedNodes(options.tagged) } : {}) });
  });
  // a tagged document's thousands of small objects, compressed (objstm.ts): half the bytes
  const pdf = compactPdf(await runtime().createPdf(doc).getBuffer());
  return { pdf, placed, extents, pages: count, ...(split ? { split } : {}) };
}
