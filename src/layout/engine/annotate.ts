import type { Content } from './types.js';

/*
 * What our layout says about its nodes, beside them rather than inside pdfmake's: the structure
 * role of a node (H1, P, Table, TD…), the unit a reader would name when its text goes missing,
 * the figure a cell holds, and the 目录's page-number placeholders and leaders. One table per
 * document: the layout makes it (layoutDocument), writes into it while it builds the definition,
 * and hands it to print() with the definition. Keyed by the definition's own node objects (never
 * pdfmake's), so an entry goes when its node does, and two documents — even two sharing a node
 * object, even printed at once — never read each other's notes.
 */

export interface Annotation {
  /** Structure element type of the node (PDF 1.7 standard types). */
  tag?: string;
  /** What a reader would call the text inside: 段落“一、本部门职责…”, a table by its label. */
  unit?: { label: string };
  /** A cell holding a figure (an amount, a code) that must print on one line: the cell's name. */
  figure?: string;
  /** A 目录 page number: the printed number of the page holding this anchor id. */
  pageOf?: string;
  /** A 目录 line whose leader dots run on to the page number of this anchor id. */
  leaderTo?: string;
  /** A drawing's text for a reader who cannot see it (a chart: /Alt of its Figure), written by the render stage. */
  alt?: string;
  /** The node's height, when the layout knows it (a sheet), for keeping headings with it. */
  height?: number;
}

/** One document's notes on its definition's nodes. */
export class Annotations {
  readonly #notes = new WeakMap<object, Annotation>();

  /** Says something about a node of the definition (added to what was said before); returns it, typed as content. */
  readonly annotate = (node: object, a: Annotation): Content => {
    this.#notes.set(node, { ...this.#notes.get(node), ...a });
    return node as Content;
  };

  /** What was said about a node, if anything. */
  readonly of = (node: unknown): Annotation | undefined => (typeof node === 'object' && node !== null ? this.#notes.get(node) : undefined);
}
