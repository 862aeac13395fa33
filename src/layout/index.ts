import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Derived } from '../derive/types.js';
import type { Fonts } from '../fonts/index.js';
import type { RoleName } from '../load/fonts.js';
import type { Block } from '../render/blocks.js';
import type { RenderedDocument } from '../render/index.js';
import type { TemplateSet } from '../render/template-set.js';
import { layoutChart } from './chart.js';
import type { Unit } from './complete.js';
import { setPageOffset } from './pdf.js';
import { layoutSheet } from './sheet.js';
import { layoutTable } from './table.js';
import { layoutTheme, type LayoutTheme } from './theme.js';

/*
 * Lay-out stage, part one: rendered blocks → a pdfmake document definition. Page furniture
 * (cover, 目录 with real page numbers, footer numbering from 第一部分, bookmarks, metadata) is
 * assembled here; tables, sheets and the chart have their own files.
 */

export interface LayoutOptions {
  /** Preview only: a diagonal 草稿 mark with this date text. `build` never sets it. */
  draft?: { date: string };
  /** `build --force` despite audit errors: every page and the metadata say the document did not pass. */
  forced?: { errors: number };
}

interface TocEntry {
  id: string;
  level: 0 | 1 | 2;
  text: string;
}

/** Headings are kept with the block after them when the two are estimated at most this share of a page. */
const KEEP_WITH_NEXT_LIMIT = 0.8;

function tocLevel(kind: Block['kind']): 0 | 1 | 2 | undefined {
  if (kind === 'part') return 0;
  if (kind === 'h1' || kind === 'table') return 1;
  if (kind === 'h2') return 2;
  return undefined;
}

function styleSize(lt: LayoutTheme, style: string): number {
  return Number((lt.theme.styles[style] as { fontSize?: number } | undefined)?.fontSize ?? 12);
}

function styleRole(lt: LayoutTheme, style: string): RoleName {
  return ((lt.theme.styles[style] as { font?: RoleName } | undefined)?.font ?? 'body') as RoleName;
}

function tocNode(entries: TocEntry[], lt: LayoutTheme, fonts: Fonts): Content {
  const numberWidth = 46; // pdfmake reserves five digits for a page reference
  // noBorders pads 4 pt on each side between the two columns: the grid is then exactly the text width
  const colWidth = lt.contentWidth - numberWidth - 8;
  const rows = entries.map((e) => {
    const style = e.level === 0 ? 'tocPart' : 'tocEntry';
    const size = styleSize(lt, style);
    const role = styleRole(lt, style);
    const indent = e.level * size * 2;
    const avail = colWidth - indent;
    const used = fonts.width(role, e.text, size) % avail;
    const dot = fonts.width(role, '.', size);
    // leaders are real dots so the 目录 reads (and extracts) as 标题……页码
    const n = Math.max(6, Math.floor((avail - used - size * 0.6) / dot));
    return [
      { text: [e.text, { text: '.'.repeat(n), color: lt.color('muted') }], style, margin: [indent, e.level === 0 ? 5 : 1, 0, 1] },
      // one link per entry, on its page number: a link on the title would become one annotation per character
      { pageReference: e.id, linkToDestination: e.id, style, alignment: 'right', verticalAlignment: 'bottom', margin: [0, e.level === 0 ? 5 : 1, 0, 1] },
    ];
  });
  return {
    table: { widths: [colWidth, numberWidth], body: rows, dontBreakRows: true },
    layout: 'noBorders',
  } as Content;
}

const UNIT_NAMES: Partial<Record<Block['kind'], string>> = {
  part: '标题',
  h1: '标题',
  h2: '标题',
  h3: '标题',
  p: '段落',
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

/** A paragraph: first line indented two characters, **bold** runs in the bold body face. */
function paragraph(b: Block, lt: LayoutTheme, spec: { style: string; margin: number[] }): Content {
  const runs = b.runs.map((r) => (r.bold ? { text: r.text, font: lt.family('bodyBold') } : r.text));
  const indent = styleSize(lt, spec.style) * lt.theme.spacing.firstLineIndentEm;
  return { text: runs, style: spec.style, margin: spec.margin, leadingIndent: indent, _unit: unitOf(b) } as unknown as Content;
}

export function layoutDocument(rendered: RenderedDocument, derived: Derived, set: TemplateSet, fonts: Fonts, options: LayoutOptions = {}): TDocumentDefinitions {
  const lt = layoutTheme(set.theme, fonts);
  const blocks = rendered.blocks;

  // ids first: the 目录 precedes the headings it lists
  const ids = new Map<Block, string>();
  const toc: TocEntry[] = [];
  blocks.forEach((b, i) => {
    const level = tocLevel(b.kind);
    if (level === undefined) return;
    const id = `s${i}`;
    ids.set(b, id);
    toc.push({ id, level, text: b.kind === 'table' ? rendered.tables[b.text]!.toc : b.text });
  });

  const content: Content[] = [];
  const cover: Content[] = [];
  let anchor: Record<string, unknown> | undefined;
  let partId: string | undefined;
  let h1Id: string | undefined;
  let pending: Content[] = []; // headings waiting for the block they introduce
  let atPageTop = false;

  /** Estimated height of a node before layout: text from its style, tables and charts say their own. */
  const height = (n: Content): number => {
    const x = n as { text?: unknown; style?: string; margin?: number[]; _height?: number };
    if (typeof x._height === 'number') return x._height;
    if (x.text === undefined || !x.style) return Infinity;
    const text = Array.isArray(x.text) ? x.text.map((r: unknown) => (typeof r === 'string' ? r : ((r as { text?: string }).text ?? ''))).join('') : String(x.text);
    const [l = 0, t = 0, r = 0, b = 0] = x.margin ?? [];
    return lt.textHeight(x.style, text, lt.contentWidth - l - r) + t + b;
  };
  let headlines = false;
  const emit = (node: Content, glue: boolean) => {
    if (glue) {
      pending.push(node);
      return;
    }
    if (pending.length) {
      const group = [...pending, node];
      // Headings stay with the block they introduce as one unbreakable block — unless that block
      // might not fit a page, which pdfmake would drop whole. Then the headings go alone and the
      // page-break rule below moves any that end a page to the next one.
      if (group.reduce((a: number, n) => a + height(n), 0) <= lt.bodyHeight * KEEP_WITH_NEXT_LIMIT) content.push({ stack: group, unbreakable: true } as Content);
      else {
        for (const h of pending) content.push({ ...(h as object), headlineLevel: 1 } as Content);
        content.push(node);
        headlines = true;
      }
      pending = [];
    } else content.push(node);
    atPageTop = false;
  };
  const outline = (b: Block, parentId: string | undefined) => ({
    id: ids.get(b)!,
    outline: true,
    outlineText: b.text,
    ...(parentId ? { outlineParentId: parentId } : {}),
  });

  /** A block's text node with the style and margin its kind has in the theme. */
  const spec = (kind: string) => {
    const s = lt.theme.blocks[kind];
    if (!s) throw new Error(`主题 theme.json 缺少块“${kind}”的样式`);
    return s;
  };
  const node = (b: Block, extra: Record<string, unknown> = {}, first = false): Content => {
    const s = spec(b.kind);
    return { text: b.text, style: s.style, margin: (first && s.firstMargin) || s.margin, _unit: unitOf(b), ...extra } as unknown as Content;
  };
  const flush = () => {
    content.push(...pending);
    pending = [];
  };

  for (const b of blocks) {
    switch (b.kind) {
      case 'cover-name':
      case 'cover-alt':
      case 'cover-title':
        cover.push(node(b, {}, cover.length === 0));
        break;
      case 'toc-title':
        content.push({ stack: cover } as Content);
        content.push(node(b, { pageBreak: 'before' }));
        break;
      case 'toc':
        content.push({ ...(tocNode(toc, lt, fonts) as object), _unit: { label: '目录' } } as unknown as Content);
        break;
      case 'part': {
        const n = node(b, { pageBreak: 'before', ...outline(b, undefined) });
        anchor ??= n as unknown as Record<string, unknown>;
        partId = ids.get(b);
        h1Id = undefined;
        flush();
        content.push(n);
        atPageTop = true;
        break;
      }
      case 'h1':
        h1Id = ids.get(b);
        emit(node(b, outline(b, partId)), true);
        break;
      case 'h2':
        emit(node(b, outline(b, h1Id ?? partId)), true);
        break;
      case 'h3':
        emit(node(b), true);
        break;
      case 'p':
        emit(paragraph(b, lt, spec(b.kind)), false);
        break;
      case 'center':
        emit(node(b), false);
        break;
      case 'table': {
        const model = rendered.tables[b.text]!;
        const place = { id: ids.get(b)!, atPageTop: atPageTop && pending.length === 0, ...(partId ? { outlineParentId: partId } : {}) };
        emit(layoutTable(model, lt, rendered.meta, place).node, false);
        break;
      }
      case 'chart': {
        const [, ...title] = b.text.split(' ');
        emit(layoutChart(title.join(' '), derived.narrative.generalBudgetByClass, lt), false);
        break;
      }
      case 'sheets': {
        flush();
        derived.sheets.forEach((sheet, i) => content.push(layoutSheet(sheet, rendered.sheet, lt, `sheet${i}`, h1Id ?? partId ?? '')));
        break;
      }
      case 'pagebreak':
        content.push({ text: '', pageBreak: 'after' } as Content);
        break;
      case 'letter-issuer':
        flush();
        content.push(node(b, { pageBreak: 'before', id: 'letter', outline: true, outlineText: b.text }));
        break;
      case 'letter-number': {
        content.push(node(b));
        const rule = lt.theme.blocks['letter-rule']!;
        // the rule's ends are inside the text block: a 1.5 pt line drawn to the edge overhangs it by half its width
        content.push({ canvas: [{ type: 'line', x1: 0.75, y1: 0, x2: lt.contentWidth - 0.75, y2: 0, lineWidth: 1.5, lineColor: lt.color('issuer') }], margin: rule.margin } as Content);
        break;
      }
      case 'letter-p':
        content.push(paragraph(b, lt, spec(b.kind)));
        break;
      case 'letter-attach-more': {
        // hanging indent: later attachments align under the first one's name, after "附件："
        const { style, margin } = spec(b.kind);
        const hang = fonts.width(styleRole(lt, style), '附件：', styleSize(lt, style));
        content.push(node(b, { margin: [margin[0] + hang, margin[1], margin[2], margin[3]] }));
        break;
      }
      case 'letter-title':
      case 'letter-to':
      case 'letter-attach':
      case 'letter-sign':
      case 'letter-date':
      case 'letter-note':
        content.push(node(b));
        break;
    }
  }
  content.push(...pending);

  const numberingAnchor = anchor as { positions?: Array<{ pageNumber: number }> } | undefined;
  const [ml, mt, mr, mb] = lt.theme.page.margins;
  const footerText = rendered.meta.footer;
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [ml, mt, mr, mb],
    content,
    styles: lt.styles,
    defaultStyle: { font: lt.family('body'), fontSize: 12, color: lt.color('text') },
    language: 'zh-CN',
    info: {
      title: rendered.meta.title,
      author: rendered.meta.author,
      subject: rendered.meta.subject,
      keywords: rendered.meta.keywords,
      creator: 'gongkai',
      producer: 'gongkai',
      creationDate: derived.creationDate,
      modDate: derived.creationDate,
    } as TDocumentDefinitions['info'],
    footer: (currentPage: number) => {
      const first = numberingAnchor?.positions?.[0]?.pageNumber;
      if (!first || currentPage < first) return null as unknown as Content;
      setPageOffset(first - 1);
      return { text: footerText.replace('{{page}}', String(currentPage - first + 1)), style: 'footer', margin: [0, lt.theme.page.footerOffset, 0, 0] } as Content;
    },
  };
  if (headlines) {
    // a heading with nothing after it on its page (but other headings and the footer) starts the next page
    doc.pageBreakBefore = (node, ctx) =>
      (node as { headlineLevel?: number }).headlineLevel === 1 &&
      ctx.getFollowingNodesOnPage().every((n) => (n as { headlineLevel?: number }).headlineLevel === 1 || (n as { style?: unknown }).style === 'footer');
  }
  // marks across every page: the preview's 草稿 and date, a forced build's 未通过审核 (both, in a preview of failing data)
  const marks = [...(options.draft ? [`${rendered.meta.draft} ${options.draft.date}`] : []), ...(options.forced ? [rendered.meta.forced] : [])];
  if (marks.length) {
    doc.watermark = { text: marks.join(' · '), font: lt.family('heading'), fontSize: marks.length > 1 ? 44 : options.forced ? 56 : 72, color: '#B00000', opacity: options.forced ? 0.18 : 0.12, angle: -45 } as TDocumentDefinitions['watermark'];
  }
  if (options.forced) {
    const info = doc.info as Record<string, unknown>;
    info.title = `【${rendered.meta.forced}】${rendered.meta.title}`;
    info.subject = `${rendered.meta.forced}：${rendered.meta.subject}`;
    info.keywords = `${rendered.meta.keywords}, ${rendered.meta.forced}`;
  }
  return doc;
}

