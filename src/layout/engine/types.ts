/*
 * The types the rest of layout builds with: pdfmake's document definition (re-exported, so that no
 * file outside the engine imports from pdfmake), and the engine's own views of a print.
 */
export type { Content, ContentTable, Style, StyleDictionary, TableCell, TDocumentDefinitions, DynamicContent, Margins } from 'pdfmake/interfaces.js';

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

/**
 * One element of the tagged PDF's structure tree (PDF 1.7 standard types: H1, P, Table, TR, TH,
 * TD, L, LI, LBody, TOC, TOCI…). A number is a text node: its lines are that element's marked
 * content.
 */
export interface StructElement {
  type: string;
  scope?: 'Column' | 'Row';
  /** A table cell spanning rows or columns (the Table attributes /RowSpan, /ColSpan). */
  rowSpan?: number;
  colSpan?: number;
  /** A header cell's id, named by the data cells under it (/ID). */
  id?: string;
  /** A data cell's header cells, by id (/Headers): where the header is more than one row. */
  headers?: string[];
  /** A figure's text for a reader who cannot see it (/Alt). */
  alt?: string;
  children: Array<StructElement | number>;
}

/** A laid-out line as the checks read it: where, which text node it was built from, what it prints. */
export interface LaidLine {
  x: number;
  src?: number;
  inlines: Array<{ x: number; width: number; text: string; trailingCut?: number }>;
}

/** A rule or shape as pdfmake placed it. */
export interface LaidVector {
  type?: string;
  x?: number;
  x1?: number;
  x2?: number;
  w?: number;
  r1?: number;
  lineWidth?: number;
  points?: Array<{ x: number }>;
}

/** A page once laid out, before it is drawn: its lines and vectors, in drawing order. */
export interface LaidPage {
  items: Array<{ type: 'line'; item: LaidLine } | { type: 'vector'; item: LaidVector }>;
  /** pdfmake's size of this page (a landscape page is the wider). */
  pageSize?: { width: number; height: number };
}
