import type { Annotations, Content } from './engine/index.js';
import type { Fonts } from '../fonts/index.js';
import type { Block, BlockKind } from '../render/blocks.js';
import type { RenderedDocument } from '../render/index.js';
import { breakLines } from './breaks.js';
import { layoutChart } from './chart.js';
import type { Unit } from './complete.js';
import type { Anchors } from './ids.js';
import { layoutSheet } from './sheet.js';
import { layoutTable, type Continuation } from './table.js';
import { styleRole, styleSize, type LayoutTheme } from './theme.js';
import { tocNode } from './toc.js';

/*
 * Placing blocks: one builder per block kind, each turning a rendered block into pdfmake nodes
 * styled from the theme. A builder says how its nodes join the flow — a heading waits for what
 * it introduces (keep.ts), a part or the 批复 starts afresh — and tags each node with its role
 * in the tagged PDF (H1, P, Table…, see complete.ts). Nothing here derives or formats a figure:
 * tables, sheets and charts arrive as models of strings.
 */

export interface BlockContext {
  lt: LayoutTheme;
  /** The document's notes on its nodes: tags, units (annotate.ts). */
  annotations: Annotations;
  fonts: Fonts;
  rendered: RenderedDocument;
  anchors: Anchors;
  /** The block's index in rendered.blocks. */
  index: number;
  previous: Block | undefined;
  /** Tables whose grid may continue over pages, collected for the furniture's （续）. */
  continuations?: Continuation[];
}

export interface Placed {
  node: Content;
  /** A heading: kept with the block after it (keep.ts). */
  glue?: boolean;
  /** Starts afresh: headings still waiting are placed before it, on their own. */
  fence?: boolean;
  /** Printed page numbers count from this node's page (the first part). */
  numbering?: boolean;
  /** One item of a list: consecutive items are gathered into one list (L). */
  item?: boolean;
}

type Builder = (b: Block, ctx: BlockContext) => Placed[];

const UNIT_NAMES: Partial<Record<BlockKind, string>> = {
  part: '标题',
  h1: '标题',
  h2: '标题',
  h3: '标题',
  p: '段落',
  li: '段落',
  'li-more': '段落',
  center: '段落',
  'toc-title': '目录',
  'cover-name': '封面',
  'cover-alt': '封面',
  'cover-title': '封面',
};

/** The unit a block's nodes belong to, for the completeness check (complete.ts). */
function unitOf(b: Block): Unit {
  const name = UNIT_NAMES[b.kind] ?? (b.kind.startsWith('letter-') ? '批复文件' : '段落');
  const t = b.text.replace(/\s+/g, ' ').trim();
  return { label: `${name}“${t.length > 20 ? `${t.slice(0, 20)}…` : t}”` };
}

function spec(lt: LayoutTheme, kind: string) {
  const s = lt.theme.blocks[kind];
  if (!s) throw new Error(`主题 theme.json 缺少块“${kind}”的样式`);
  return s;
}

/** Kinds whose text is a title: broken between words into even lines (breaks.ts). */
const TITLES: ReadonlySet<BlockKind> = new Set(['cover-name', 'cover-alt', 'cover-title', 'toc-title', 'part', 'h1', 'h2', 'h3', 'letter-issuer', 'letter-title']);

/** The tagged-PDF role of each kind's text. */
const TAGS: Partial<Record<BlockKind, string>> = { 'toc-title': 'H1', part: 'H1', h1: 'H2', h2: 'H3', h3: 'H4', 'letter-title': 'H1' };

/** A block's text node with the style and margin its kind has in the theme. */
function textNode(b: Block, ctx: BlockContext, extra: Record<string, unknown> = {}, first = false): Content {
  const { lt, fonts } = ctx;
  const s = spec(lt, b.kind);
  const [l = 0, , r = 0] = s.margin;
  const text = TITLES.has(b.kind) ? breakLines(b.text, (t) => fonts.width(styleRole(lt, s.style), t, styleSize(lt, s.style)), lt.contentWidth - l - r) : b.text;
  return ctx.annotations.annotate({ text, style: s.style, margin: (first && s.firstMargin) || s.margin, ...extra }, { unit: unitOf(b), tag: TAGS[b.kind] ?? 'P' });
}

/** A paragraph: first line indented two characters, **bold** runs in the bold body face. */
function paragraph(b: Block, ctx: BlockContext, extra: Record<string, unknown> = {}): Content {
  const { lt } = ctx;
  const s = spec(lt, b.kind);
  const runs = b.runs.map((r) => (r.bold ? { text: r.text, font: lt.family('bodyBold') } : r.text));
  const indent = styleSize(lt, s.style) * lt.theme.spacing.firstLineIndentEm;
  return ctx.annotations.annotate({ text: runs, style: s.style, margin: s.margin, leadingIndent: indent, ...extra }, { unit: unitOf(b), tag: 'P' });
}

function outline(ctx: BlockContext, text: string): Record<string, unknown> {
  const a = ctx.anchors.byBlock.get(ctx.index)!;
  return { id: a.id, outline: true, outlineText: text, ...(a.parentId ? { outlineParentId: a.parentId } : {}) };
}

const one = (node: Content, how: Omit<Placed, 'node'> = {}): Placed[] => [{ node, ...how }];
const plain: Builder = (b, ctx) => one(textNode(b, ctx));

const BUILDERS: Record<BlockKind, Builder> = {
  'cover-name': (b, ctx) => one(textNode(b, ctx, {}, !ctx.previous?.kind.startsWith('cover-')), { fence: true }),
  'cover-alt': (b, ctx) => one(textNode(b, ctx, {}, !ctx.previous?.kind.startsWith('cover-')), { fence: true }),
  'cover-title': (b, ctx) => one(textNode(b, ctx, {}, !ctx.previous?.kind.startsWith('cover-')), { fence: true }),
  'toc-title': (b, ctx) => one(textNode(b, ctx, { pageBreak: 'before' }), { fence: true }),
  toc: (_b, ctx) => one(tocNode(ctx.anchors, ctx.lt, ctx.fonts, ctx.annotations), { fence: true }),
  part: (b, ctx) => one(textNode(b, ctx, { pageBreak: 'before', ...outline(ctx, b.text) }), { fence: true, numbering: true }),
  h1: (b, ctx) => one(textNode(b, ctx, outline(ctx, b.text)), { glue: true }),
  h2: (b, ctx) => one(textNode(b, ctx, outline(ctx, b.text)), { glue: true }),
  h3: (b, ctx) => one(textNode(b, ctx), { glue: true }),
  p: (b, ctx) => one(paragraph(b, ctx)),
  li: (b, ctx) => one(paragraph(b, ctx), { item: true }),
  'li-more': (b, ctx) => one(paragraph(b, ctx), { item: true }),
  center: plain,
  table: (b, ctx) => {
    const a = ctx.anchors.byBlock.get(ctx.index)!;
    const place = { id: a.id, atPageTop: ctx.previous?.kind === 'part', afterTable: ctx.previous?.kind === 'table', ...(a.parentId ? { outlineParentId: a.parentId } : {}), ...(ctx.continuations ? { continuations: ctx.continuations } : {}) };
    return one(layoutTable(ctx.rendered.tables[b.text]!, ctx.lt, ctx.fonts, ctx.rendered.meta, place, ctx.annotations));
  },
  chart: (_b, ctx) => one(layoutChart(ctx.rendered.charts[ctx.index]!, ctx.lt, ctx.fonts, ctx.annotations)),
  sheets: (_b, ctx) => {
    const parent = ctx.anchors.sheetsParent.get(ctx.index) ?? '';
    return ctx.rendered.sheets.map((sheet, i) => ({ node: layoutSheet(sheet, ctx.lt, ctx.fonts, parent, ctx.annotations), fence: i === 0 }));
  },
  pagebreak: () => one({ text: '', pageBreak: 'after' } as Content, { fence: true }),
  'letter-issuer': (b, ctx) => one(textNode(b, ctx, { pageBreak: 'before', id: ctx.anchors.letter, outline: true, outlineText: b.text }), { fence: true }),
  'letter-number': (b, ctx) => {
    const { lt } = ctx;
    const rule = spec(lt, 'letter-rule');
    // the rule's ends are inside the text block: a 1.5 pt line drawn to the edge overhangs it by half its width
    const line = { canvas: [{ type: 'line', x1: 0.75, y1: 0, x2: lt.contentWidth - 0.75, y2: 0, lineWidth: 1.5, lineColor: lt.color('issuer') }], margin: rule.margin } as Content;
    return [{ node: textNode(b, ctx) }, { node: line }];
  },
  'letter-title': plain,
  'letter-to': plain,
  'letter-p': (b, ctx) => one(paragraph(b, ctx)),
  'letter-attach': plain,
  'letter-attach-more': (b, ctx) => {
    // hanging indent: later attachments align under the first one's name, after "附件："
    const { lt, fonts } = ctx;
    const { style, margin } = spec(lt, b.kind);
    const hang = fonts.width(styleRole(lt, style), '附件：', styleSize(lt, style));
    return one(textNode(b, ctx, { margin: [margin[0]! + hang, margin[1], margin[2], margin[3]] }));
  },
  'letter-sign': plain,
  'letter-date': plain,
  'letter-note': plain,
};

type Orientation = 'portrait' | 'landscape';

/**
 * The orientation of the page a block wants: a table its declared one; a heading the one of the
 * table right below it (the heading sits atop that table's page); everything else portrait.
 */
function wantedOrientation(rendered: RenderedDocument, index: number): Orientation {
  let i = index;
  // headings go with what they introduce (keep.ts): onto the page of the table below them
  while (HEADINGS.has(rendered.blocks[i]?.kind as BlockKind)) i++;
  const b = rendered.blocks[i];
  return b?.kind === 'table' ? (rendered.tables[b.text]?.orientation ?? 'portrait') : 'portrait';
}

const HEADINGS: ReadonlySet<BlockKind> = new Set(['part', 'h1', 'h2', 'h3']);

/**
 * Where the orientation changes, the block's first node starts a page of the new orientation
 * (pdfmake's pageOrientation on a node that breaks the page; the pages after it keep it). A
 * page break after (::pagebreak) turns the page it opens.
 */
function turnPage(node: Content, to: Orientation): void {
  const n = node as { pageBreak?: string; pageOrientation?: Orientation; unbreakable?: boolean };
  if (n.pageBreak !== 'after') n.pageBreak = 'before';
  n.pageOrientation = to;
}

/** Every block through its builder, in order; consecutive list items gathered into lists. */
export function placeBlocks(rendered: RenderedDocument, ctx: Omit<BlockContext, 'index' | 'previous' | 'rendered'>): Placed[] {
  const out: Placed[] = [];
  let list: Content[] | undefined;
  let item: Content[] | undefined;
  let orientation: Orientation = 'portrait';
  rendered.blocks.forEach((b, index) => {
    const placed = BUILDERS[b.kind](b, { ...ctx, rendered, index, previous: rendered.blocks[index - 1] });
    const wanted = wantedOrientation(rendered, index);
    if (wanted !== orientation && placed[0]) {
      turnPage(placed[0].node, wanted);
      orientation = wanted;
    }
    for (const p of placed) {
      if (!p.item) {
        list = item = undefined;
        out.push(p);
        continue;
      }
      // a list (L) of items (LI), each a body (LBody) of one or more paragraphs
      if (!list) {
        list = [];
        out.push({ node: ctx.annotations.annotate({ stack: list }, { tag: 'L' }) });
      }
      if (b.kind === 'li' || !item) {
        item = [];
        list.push(ctx.annotations.annotate({ stack: [ctx.annotations.annotate({ stack: item }, { tag: 'LBody' })] }, { tag: 'LI' }));
      }
      item.push(p.node);
    }
  });
  return out;
}
