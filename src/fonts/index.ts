import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import type { FontFamilies, FontFace } from '../layout/pdf.js';
import type { RoleName } from '../load/fonts.js';

/*
 * The document's fonts once loaded: pdfmake families (one per distinct file, so a face used by
 * two roles is embedded once), which family each role uses, glyph coverage and text widths.
 */

/*
 * fontkit's CommonJS build, the copy pdfkit itself requires: importing the ES module build as
 * well would load and compile a second fontkit (with its own unicode tables) in every process.
 * Required on first use.
 */
const require = createRequire(import.meta.url);
let fontkit: typeof Fontkit | undefined;
const openFont = (bytes: Buffer): Fontkit.Font => (fontkit ??= require('fontkit') as typeof Fontkit).create(bytes);

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
}

export function setupFonts(roles: LoadedRole[]): Fonts {
  const families: FontFamilies = {};
  const familyOf = {} as Record<RoleName, string>;
  const byPath = new Map<string, string>();
  const parsed = new Map<string, Fontkit.Font>();
  for (const { role, face } of roles) {
    let fam = byPath.get(face.path);
    if (!fam) {
      fam = role;
      byPath.set(face.path, fam);
      families[fam] = { normal: face };
    }
    familyOf[role] = fam;
  }
  const fontFor = (role: RoleName): Fontkit.Font => {
    const fam = familyOf[role];
    let f = parsed.get(fam);
    if (!f) {
      f = openFont(families[fam]!.normal.bytes);
      parsed.set(fam, f);
    }
    return f;
  };
  const widthCache = new Map<string, Map<number, number>>();
  return {
    families,
    familyOf,
    missing(role, text) {
      const font = fontFor(role);
      const out: string[] = [];
      const seen = new Set<string>();
      for (const ch of text) {
        if (seen.has(ch) || /\s/.test(ch)) continue;
        seen.add(ch);
        if (!font.hasGlyphForCodePoint(ch.codePointAt(0)!)) out.push(ch);
      }
      return out;
    },
    width(role, text, size) {
      const font = fontFor(role);
      let cache = widthCache.get(familyOf[role]);
      if (!cache) widthCache.set(familyOf[role], (cache = new Map()));
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
      return (units / font.unitsPerEm) * size;
    },
  };
}
