/*
 * pdfmake / pdfkit / fontkit internals, as far as the speed patches use them (pdfmake 0.3.11,
 * pdfkit 0.19.1: versions.ts). Not exported by the libraries; read off their objects.
 */

export type Dict = Record<string, unknown>;

export interface Run {
  glyphs: Array<{ id: number; codePoints: number[]; advanceWidth: number }>;
  positions: Dict[];
  advanceWidth: number;
}

export interface FontkitFont {
  _tables?: { head?: { checkSumAdjustment?: number }; name?: { records?: unknown } };
}

export interface EmbeddedFont {
  /** The pdfkit document the font was made for. */
  document: object;
  font: FontkitFont;
  id: string;
  name?: string;
  layoutCache?: Record<string, Run>;
  unicode: number[][];
  widths: number[];
  scale: number;
  subset: { includeGlyph(id: number): number };
  layout(text: string, features?: unknown, onlyWidth?: boolean): Run;
  encode(text: string, features?: unknown): [string[], Dict[]];
}

export type EmbeddedFontClass = new (doc: PdfkitDoc, font: FontkitFont, id: string) => EmbeddedFont;

export interface PdfkitDoc {
  fontCache: Record<string, Record<string, EmbeddedFont>>;
  virtualfs?: { existsSync(p: string): boolean; readFileSync(p: string): Buffer } | null;
  _fontFamilies: Record<string, EmbeddedFont>;
  _fontCount: number;
  _font: EmbeddedFont | null;
  _fontSource: unknown;
  _fontFamily: unknown;
  getFontType(bold: boolean, italics: boolean): string;
  getFontFile(family: string, bold: boolean, italics: boolean): unknown;
  provideFont(family: string, bold: boolean, italics: boolean): EmbeddedFont;
}

export interface Inline extends Dict {
  text: string;
  x: number;
  width: number;
  height: number;
  font: EmbeddedFont;
  leadingCut?: number;
  trailingCut?: number;
  lineEnd?: boolean;
  noNewLine?: boolean;
  noWrap?: boolean;
  /** groupWords: the words of a group, in order (their concatenation is `text`). */
  _words?: string[];
  /** groupWords: each word's width as pdfmake measures it alone. */
  _widths?: number[];
  /** groupWords: the line's inlineWidths when the group was placed on it. */
  _iw0?: number;
}

export interface Line {
  inlines: Inline[];
  _pageNodeRef?: unknown;
}

export interface StyleStack {
  styleDictionary: Record<string, Dict | undefined>;
  defaultStyle?: Dict;
  styleOverrides?: Array<string | Dict>;
  getProperty(property: string): unknown;
}

export type Proto<T> = { prototype: T };
