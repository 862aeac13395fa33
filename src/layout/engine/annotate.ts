import type { Content } from './types.js';

/*
 * What our layout says about its nodes, beside them rather than inside pdfmake's: the structure
 * role of a node (H1, P, Table, TD…), the unit a reader would name when its text goes missing,
 * the figure a cell holds, and the 目录's page-number placeholders and leaders. The table is keyed
 * by the definition's own node objects (never pdfmake's), so an entry belongs to one document and
 * goes when its definition does; nothing is shared between documents through it.
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
  /** The node's height, when the layout knows it (a sheet), for keeping headings with it. */
  height?: number;
}

const notes = new WeakMap<object, Annotation>();

/** Says something about a node of the definition; returns it, typed as content. */
export function annotate(node: object, a: Annotation): Content {
  notes.set(node, { ...notes.get(node), ...a });
  return node as Content;
}

/** What was said about a node, if anything. */
export function annotation(node: unknown): Annotation | undefined {
  return typeof node === 'object' && node !== null ? notes.get(node) : undefined;
}

/** A definition node as the layout sees it (any of pdfmake's node kinds, read loosely). */
export type NodeLike = Record<string, unknown>;
