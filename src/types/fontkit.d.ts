// The slice of fontkit 2 gongkai uses (glyph coverage and advance widths); fontkit ships no types.
declare module 'fontkit' {
  export interface Glyph {
    id: number;
    advanceWidth: number;
  }
  export interface Font {
    unitsPerEm: number;
    ascent: number;
    descent: number;
    familyName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
  const fontkit: { create: typeof create };
  export default fontkit;
}
