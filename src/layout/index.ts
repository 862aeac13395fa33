import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Derived } from '../derive/types.js';
import type { Fonts } from '../fonts/index.js';
import type { RoleName } from '../load/fonts.js';
import { inlineRuns, type Block } from '../render/blocks.js';
import type { RenderedDocument } from '../render/index.js';
import type { TemplateSet } from '../render/template-set.js';
import { layoutChart } from './chart.js';
import { setPageOffset } from './pdf.js';
import { layoutSheet, sheetWording } from './sheet.js';
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
}

interface TocEntry {
  id: string;
  level: 0 | 1 | 2;
  text: string;
}

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
  const colWidth = lt.contentWidth - numberWidth - 4;
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

function paragraph(b: Block, lt: LayoutTheme, style: string, indentFirstLine: boolean): Content {
  const runs = inlineRuns(b.text).map((r) => (r.bold ? { text: r.text, font: lt.family('bodyBold') } : r.text));
  const size = styleSize(lt, style);
  const node: Record<string, unknown> = { text: runs, style, margin: [0, 0, 0, lt.theme.spacing.paragraph] };
  if (indentFirstLine) node.leadingIndent = size * lt.theme.spacing.firstLineIndentEm;
  return node as unknown as Content;
}

export function layoutDocument(rendered: RenderedDocument, derived: Derived, set: TemplateSet, fonts: Fonts, options: LayoutOptions = {}): TDocumentDefinitions {
  const lt = layoutTheme(set.theme, fonts);
  const sp = lt.theme.spacing;
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

  const emit = (node: Content, glue: boolean) => {
    if (glue) {
      pending.push(node);
      return;
    }
    if (pending.length) {
      content.push({ stack: [...pending, node], unbreakable: true } as Content);
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

  for (const b of blocks) {
    switch (b.kind) {
      case 'cover-name':
        cover.push({ text: b.text, style: 'coverName', margin: [0, cover.length === 0 ? 170 : 4, 0, 0] } as Content);
        break;
      case 'cover-alt':
        cover.push({ text: b.text, style: 'coverAlt', margin: [0, 6, 0, 0] } as Content);
        break;
      case 'cover-title':
        cover.push({ text: b.text, style: 'coverTitle', margin: [0, 90, 0, 0] } as Content);
        break;
      case 'toc-title':
        content.push({ stack: cover } as Content);
        content.push({ text: b.text, style: 'tocTitle', pageBreak: 'before', margin: [0, 10, 0, 18] } as Content);
        break;
      case 'toc':
        content.push(tocNode(toc, lt, fonts));
        break;
      case 'part': {
        const node: Record<string, unknown> = { text: b.text, style: 'part', pageBreak: 'before', margin: [0, 4, 0, 16], ...outline(b, undefined) };
        anchor ??= node;
        partId = ids.get(b);
        h1Id = undefined;
        content.push(...pending, node as unknown as Content);
        pending = [];
        atPageTop = true;
        break;
      }
      case 'h1':
        h1Id = ids.get(b);
        emit({ text: b.text, style: 'h1', margin: [0, sp.h1Before, 0, sp.h1After], ...outline(b, partId) } as Content, true);
        break;
      case 'h2':
        emit({ text: b.text, style: 'h2', margin: [0, sp.h2Before, 0, sp.h2After], ...outline(b, h1Id ?? partId) } as Content, true);
        break;
      case 'h3':
        emit({ text: b.text, style: 'h3', margin: [0, sp.h2Before, 0, sp.h2After] } as Content, true);
        break;
      case 'p':
        emit(paragraph(b, lt, 'body', true), false);
        break;
      case 'center':
        emit({ text: b.text, style: 'center', margin: [0, 4, 0, 4] } as Content, false);
        break;
      case 'table': {
        const model = rendered.tables[b.text]!;
        const place = { id: ids.get(b)!, atPageTop: atPageTop && pending.length === 0, ...(partId ? { outlineParentId: partId } : {}) };
        emit(layoutTable(model, lt, rendered.meta, place).node, false);
        break;
      }
      case 'chart': {
        const [, ...title] = b.text.split(' ');
        emit(layoutChart(title.join(' '), derived.narrative.generalBudgetByClass, lt, ''), false);
        break;
      }
      case 'sheets': {
        content.push(...pending);
        pending = [];
        const wording = sheetWording(set.sheet, (s) => s.replaceAll('{{year}}', String(derived.year)));
        derived.sheets.forEach((sheet, i) => content.push(layoutSheet(sheet, wording, lt, `sheet${i}`, h1Id ?? partId ?? '')));
        break;
      }
      case 'pagebreak':
        content.push({ text: '', pageBreak: 'after' } as Content);
        break;
      case 'letter-issuer':
        content.push(...pending);
        pending = [];
        content.push({ text: b.text, style: 'letterIssuer', pageBreak: 'before', margin: [0, 30, 0, 14], id: 'letter', outline: true, outlineText: b.text } as Content);
        break;
      case 'letter-number':
        content.push({ text: b.text, style: 'letterNumber', margin: [0, 0, 0, 4] } as Content);
        content.push({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: lt.contentWidth, y2: 0, lineWidth: 1.5, lineColor: lt.color('issuer') }], margin: [0, 2, 0, 18] } as Content);
        break;
      case 'letter-title':
        content.push({ text: b.text, style: 'letterTitle', margin: [0, 0, 0, 16] } as Content);
        break;
      case 'letter-to':
        content.push({ text: b.text, style: 'letterBody', margin: [0, 0, 0, 2] } as Content);
        break;
      case 'letter-p':
        content.push(paragraph(b, lt, 'letterBody', true));
        break;
      case 'letter-attach':
      case 'letter-attach-more': {
        const size = styleSize(lt, 'letterBody');
        // hanging indent: continuation lines of 附件 align under the first attachment's name
        const hang = b.kind === 'letter-attach' ? 0 : fonts.width(styleRole(lt, 'letterBody'), '附件：', size);
        content.push({ text: b.text, style: 'letterBody', margin: [size * 2 + hang, b.kind === 'letter-attach' ? 10 : 0, 0, 0] } as Content);
        break;
      }
      case 'letter-sign':
        content.push({ text: b.text, style: 'letterSign', margin: [0, 36, 28, 0] } as Content);
        break;
      case 'letter-date':
        content.push({ text: b.text, style: 'letterSign', margin: [0, 2, 28, 0] } as Content);
        break;
      case 'letter-note':
        content.push({ text: b.text, style: 'letterBody', margin: [size2(lt), 18, 0, 0] } as Content);
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
  if (options.draft) {
    doc.watermark = { text: `${rendered.meta.draft} ${options.draft.date}`, font: lt.family('heading'), fontSize: 72, color: '#B00000', opacity: 0.12, angle: -45 } as TDocumentDefinitions['watermark'];
  }
  return doc;
}

function size2(lt: LayoutTheme): number {
  return styleSize(lt, 'letterBody') * 2;
}

