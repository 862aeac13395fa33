import { pageOfNode, type PageLabelRange, type PageNumbering } from './engine/index.js';

/*
 * Printed page numbers. The document numbers its pages from the first page of 第一部分: the
 * cover and the 目录 carry none. Everything that prints or names a page number asks this one
 * object, which asks the engine for the anchor's page once pdfmake has placed it: the footer
 * while the pages are finished, the 目录's numbers and the PDF's page labels after layout (the
 * engine's hooks). Nothing is kept between documents.
 */

export type { PageLabelRange, PageNumbering };

/** `placedOn`: where the engine placed a node (its page, 1-based), asked each time, as pages are laid out. */
export function pageNumbering(anchor: object | undefined, names: { cover: string; toc: string }, placedOn: (node: object) => number | undefined = pageOfNode): PageNumbering {
  const first = (): number | undefined => (anchor ? placedOn(anchor) : undefined);
  return {
    printed(physical) {
      const f = first();
      return f === undefined || physical < f ? null : physical - f + 1;
    },
    labels(pageCount) {
      const f = first();
      if (f === undefined || f === 1) return [{ start: 0, decimal: true }];
      const ranges: PageLabelRange[] = [{ start: 0, prefix: names.cover, decimal: false }];
      // the 目录 pages: by name alone when it is one page, numbered when it runs on
      if (f > 2) ranges.push({ start: 1, prefix: names.toc, decimal: f > 3 });
      if (f - 1 < pageCount) ranges.push({ start: f - 1, decimal: true });
      return ranges;
    },
  };
}
