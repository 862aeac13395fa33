import { openFont, type FontFamilies, type FontFace, type ParsedFont } from '../layout/engine/index.js';
import type { RoleName } from '../load/fonts.js';

/*
 * The document's fonts once loaded: pdfmake families (one per distinct file, so a face used by
 * two roles is embedded once), which family each role uses, glyph coverage and text widths.
 */

export interface LoadedRole {
  role: RoleName;
  face: FontFace;
}

export interface Fonts {
  families: FontFamilies;
  familyOf: Record<RoleName, string>;
  /** Characters of `text` the role's font has no glyph for (tofu), deduplicated, in order. */
  missing(role: RoleName, text: string): string[];
  /** Advance width of `text` in points at `size` (no kerning: CJK text has none). */
  width(role: RoleName, text: string, size: number): number;
  /** Height of one line at `size` as pdfmake sets it (ascender − descender, no line gap), before `lineHeight`. */
  lineHeight(role: RoleName, size: number): number;
}

const SPACE = /\s/;
let lastText: string | undefined;
let lastChars: string[] = [];

/**
 * The distinct characters of `text` that are not white space, in order of first appearance.
 * Remembered for the last text: the coverage check asks for the same text once per role.
 */
function distinctChars(text: string): string[] {
  if (text === lastText) return lastChars;
  const seen = new Set<number>();
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (seen.has(cp)) continue;
    seen.add(cp);
    const ch = String.fromCodePoint(cp);
    if (!SPACE.test(ch)) out.push(ch);
  }
  lastText = text;
  lastChars = out;
  return out;
}

export function setupFonts(roles: LoadedRole[]): Fonts {
  const families: FontFamilies = {};
  const familyOf = {} as Record<RoleName, string>;
  const byPath = new Map<string, string>();
  const parsed = new Map<string, ParsedFont>();
  for (const { role, face } of roles) {
    let fam = byPath.get(face.path);
    if (!fam) {
      fam = role;
      byPath.set(face.path, fam);
      families[fam] = { normal: face };
    }
    familyOf[role] = fam;
  }
  const fontFor = (role: RoleName): ParsedFont => {
    const fam = familyOf[role];
    let f = parsed.get(fam);
    if (!f) {
      f = openFont(families[fam]!.normal.bytes);
      parsed.set(fam, f);
    }
    return f;
  };
  const widthCache = new Map<string, Map<number, number>>();
  /*
   * Widths of whole texts, per family: breaking a sheet's rows and a table's names tries the
   * same words and lines again and again (measured: 22 ms of a warm reference render went to
   * adding up characters), and fontkit decodes `head` for every unitsPerEm asked.
   */
  const textUnits = new Map<string, Map<string, number>>();
  const TEXTS_KEPT = 50_000;
  const ems = new Map<string, number>();
  const emOf = (fam: string, font: ParsedFont): number => {
    let em = ems.get(fam);
    if (em === undefined) ems.set(fam, (em = font.unitsPerEm));
    return em;
  };
  /** Per family: code point → has a glyph. */
  const coverage = new Map<string, Map<number, boolean>>();
  return {
    families,
    familyOf,
    missing(role, text) {
      const font = fontFor(role);
      let known = coverage.get(familyOf[role]);
      if (!known) coverage.set(familyOf[role], (known = new Map()));
      const out: string[] = [];
      for (const ch of distinctChars(text)) {
        const cp = ch.codePointAt(0)!;
        let has = known.get(cp);
        if (has === undefined) known.set(cp, (has = font.hasGlyphForCodePoint(cp)));
        if (!has) out.push(ch);
      }
      return out;
    },
    width(role, text, size) {
      const font = fontFor(role);
      const fam = familyOf[role];
      let texts = textUnits.get(fam);
      if (!texts) textUnits.set(fam, (texts = new Map()));
      const known = texts.get(text);
      if (known !== undefined) return (known / emOf(fam, font)) * size;
      let cache = widthCache.get(fam);
      if (!cache) widthCache.set(fam, (cache = new Map()));
      let units = 0;
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        let w = cache.get(cp);
        if (w === undefined) {
          w = font.glyphForCodePoint(cp).advanceWidth;
          cache.set(cp, w);
        }
        units += w;
      }
      if (texts.size >= TEXTS_KEPT) texts.clear();
      texts.set(text, units);
      return (units / emOf(fam, font)) * size;
    },
    lineHeight(role, size) {
      const font = fontFor(role);
      return ((font.ascent - font.descent) / font.unitsPerEm) * size;
    },
  };
}
