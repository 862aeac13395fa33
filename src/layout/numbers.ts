/*
 * Printed page numbers. The document numbers its pages from the first page of 第一部分: the
 * cover and the 目录 carry none. Everything that prints or names a page number asks this one
 * object, which reads the anchor's page once pdfmake has placed it (pdfmake records each node's
 * positions on the node): the footer while the pages are finished, the 目录's numbers and the
 * PDF's page labels after layout (pdf.ts). Nothing is kept between documents.
 */

export interface PageLabelRange {
  /** First physical page of the range, 0-based. */
  start: number;
  prefix?: string;
  /** Numbered 1, 2, 3… from the range's first page. */
  decimal: boolean;
}

export interface PageNumbering {
  /** The printed number of a physical page (1-based), or null for a page that carries none. */
  printed(physical: number): number | null;
  /** The PDF's page labels, equal to the printed numbers (the front matter by name). */
  labels(pageCount: number): PageLabelRange[];
}

interface Placed {
  positions?: Array<{ pageNumber: number }>;
}

export function pageNumbering(anchor: object | undefined, names: { cover: string; toc: string }): PageNumbering {
  const first = (): number | undefined => (anchor as Placed | undefined)?.positions?.[0]?.pageNumber;
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
