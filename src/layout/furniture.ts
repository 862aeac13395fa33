import { pagesOfNode, type Content, type TDocumentDefinitions } from './engine/index.js';
import type { Continuation } from './table.js';
import type { RenderedMeta } from '../render/index.js';
import type { PageNumbering } from './numbers.js';
import type { LayoutTheme } from './theme.js';

/*
 * What every page carries besides its content: the footer with the printed page number (none on
 * the cover and the 目录), and the marks across the page of a preview (草稿 and its date) or of a
 * forced build (未通过审核). In the tagged PDF both are artifacts, not content.
 */

export interface Marks {
  /** Preview only: a diagonal 草稿 mark with this date text. `build` never sets it. */
  draft?: { date: string };
  /** `build --force` despite audit errors: every page and the metadata say the document did not pass. */
  forced?: { errors: number };
}

/** Many printers cannot print the outermost few millimetres of a sheet: 10 mm, in points. */
export const UNPRINTABLE_STRIP = (10 / 25.4) * 72;

/**
 * How far below the text block the footer's line starts: the theme's offset, but never so low
 * that the line reaches into the strip a printer may not print (at 30 pt the page number sat
 * 6.5 mm from the edge).
 */
export function footerOffset(lt: LayoutTheme): number {
  const bottom = lt.theme.page.margins[3];
  const line = lt.textHeight('footer', '0', lt.contentWidth);
  return Math.max(0, Math.min(lt.theme.page.footerOffset, bottom - UNPRINTABLE_STRIP - line));
}

export function footer(numbering: PageNumbering, meta: Pick<RenderedMeta, 'footer'>, lt: LayoutTheme): TDocumentDefinitions['footer'] {
  const offset = footerOffset(lt);
  return (currentPage: number) => {
    const n = numbering.printed(currentPage);
    if (n === null) return null as unknown as Content;
    return { text: meta.footer.replace('{{page}}', String(n)), style: 'footer', margin: [0, offset, 0, 0] } as Content;
  };
}

/**
 * Over a table's grid where it runs on to another page, above its repeated header: its label
 * and the set's word for a continuation (meta.continued, e.g. “{{label}}（续）”), at the left
 * of the text block, in the top margin. Asked once pdfmake has laid every page out (it lays the
 * page headers last), so a table's pages are known; an artifact, like the repeated header.
 */
export function continuedHeader(continuations: readonly Continuation[], meta: Pick<RenderedMeta, 'continued'>, lt: LayoutTheme): TDocumentDefinitions['header'] | undefined {
  if (!meta.continued || !continuations.length) return undefined;
  const [left, top, right] = lt.theme.page.margins;
  const line = lt.textHeight('tableLabel', '续', lt.contentWidth);
  return (currentPage: number) => {
    const on = continuations.find((c) => {
      const pages = pagesOfNode(c.grid);
      return pages.length > 1 && pages[0]! < currentPage && pages.includes(currentPage);
    });
    if (!on) return null as unknown as Content;
    const text = meta.continued.replace(/\{\{\s*label\s*\}\}/g, on.label).replace(/\{\{\s*title\s*\}\}/g, on.title);
    return { text, style: 'tableLabel', margin: [left, Math.max(0, top - line - 4), right, 0] } as Content;
  };
}

export function watermark(marks: Marks, meta: Pick<RenderedMeta, 'draft' | 'forced'>, lt: LayoutTheme): TDocumentDefinitions['watermark'] | undefined {
  // both in a preview of failing data
  const texts = [...(marks.draft ? [`${meta.draft} ${marks.draft.date}`] : []), ...(marks.forced ? [meta.forced] : [])];
  if (!texts.length) return undefined;
  return {
    text: texts.join(' · '),
    font: lt.family('heading'),
    fontSize: texts.length > 1 ? 44 : marks.forced ? 56 : 72,
    color: '#B00000',
    opacity: marks.forced ? 0.18 : 0.12,
    angle: -45,
  } as TDocumentDefinitions['watermark'];
}
