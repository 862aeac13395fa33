import { Annotations, type Content, type PrintOptions, type TDocumentDefinitions } from './engine/index.js';
import type { Fonts } from '../fonts/index.js';
import type { RenderedDocument } from '../render/index.js';
import type { TemplateSet } from '../render/template-set.js';
import { placeBlocks } from './blocks.js';
import { continuedHeader, footer, watermark, type Marks } from './furniture.js';
import type { Continuation } from './table.js';
import { assignIds } from './ids.js';
import { headingBreak, keepWithNext } from './keep.js';
import { metadata } from './metadata.js';
import { pageNumbering, type PageNumbering } from './numbers.js';
import { layoutTheme } from './theme.js';

/*
 * The lay-out stage: rendered blocks and models of strings → a pdfmake document definition, in
 * named steps, each in its own file:
 *
 *   ids         every 目录 / bookmark target gets its id and outline parent     ids.ts
 *   blocks      one builder per block kind (the 目录 among them)                 blocks.ts, toc.ts, table.ts, sheet.ts, chart.ts
 *   keep        headings kept with the text they introduce                       keep.ts
 *   numbers     printed page numbers from the first part (footer, 目录, labels)  numbers.ts
 *   furniture   footer, （续） over continued tables, 草稿 / 未通过审核 marks     furniture.ts
 *   metadata    title, author, dates from the data                               metadata.ts
 *
 * The engine (engine/) then lays the definition out and prints it (numbers, labels, bookmarks,
 * tags), with the document's annotations.
 */

export interface LayoutOptions extends Marks {
  /** How the engine prints: wraps switched off (diagnosis, comparing with stock pdfmake, a preview), a phase observer (benchmarks), a deflate level. */
  engine?: Pick<PrintOptions, 'disable' | 'observe' | 'deflateLevel'>;
}

export interface Layout {
  definition: TDocumentDefinitions;
  /** Printed page numbers: read once pdfmake has placed the pages (the engine). */
  numbering: PageNumbering;
  /** What the layout says about the definition's nodes: this document's own, for tagContent and print. */
  annotations: Annotations;
}

export function layoutDocument(rendered: RenderedDocument, set: TemplateSet, fonts: Fonts, options: LayoutOptions = {}): Layout {
  const lt = layoutTheme(set.theme, fonts);
  const anchors = assignIds(rendered);
  const annotations = new Annotations();
  const continuations: Continuation[] = [];
  const placed = placeBlocks(rendered, { lt, fonts, anchors, annotations, continuations });
  const flow = keepWithNext(placed, lt, annotations);
  const numbering = pageNumbering(placed.find((p) => p.numbering)?.node as object | undefined, rendered.meta.pageLabels);
  const [ml, mt, mr, mb] = lt.theme.page.margins;
  const mark = watermark(options, rendered.meta, lt);
  const header = continuedHeader(continuations, rendered.meta, lt);
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [ml, mt, mr, mb],
    content: flow.content as Content[],
    styles: lt.styles,
    defaultStyle: { font: lt.family('body'), fontSize: 12, color: lt.color('text') },
    language: 'zh-CN',
    version: '1.7',
    displayTitle: true,
    tagged: true,
    info: metadata(rendered.meta, options),
    footer: footer(numbering, rendered.meta, lt),
    ...(header ? { header } : {}),
    ...(flow.headlines ? { pageBreakBefore: headingBreak as TDocumentDefinitions['pageBreakBefore'] } : {}),
    ...(mark ? { watermark: mark } : {}),
  } as TDocumentDefinitions;
  return { definition, numbering, annotations };
}
