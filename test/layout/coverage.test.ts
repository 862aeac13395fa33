import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupFonts, type Fonts } from '../../src/fonts/index.js';
import { loadFontSet } from '../../src/load/font-set.js';

/*
 * The coverage check (characters a role's font cannot draw) walks the text once for all roles
 * and remembers answers per code point; it must answer exactly as the plain per-character walk.
 */

const require = createRequire(import.meta.url);
let fonts: Fonts;
beforeAll(async () => {
  fonts = setupFonts((await loadFontSet()).roles);
});

/** The straightforward definition: distinct non-space characters without a glyph, in order. */
function reference(fonts: Fonts, role: 'body' | 'heading', text: string): string[] {
  const font = (require('fontkit') as { create(b: Buffer): { hasGlyphForCodePoint(cp: number): boolean } }).create(fonts.families[fonts.familyOf[role]]!.normal.bytes);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const ch of text) {
    if (seen.has(ch) || /\s/.test(ch)) continue;
    seen.add(ch);
    if (!font.hasGlyphForCodePoint(ch.codePointAt(0)!)) out.push(ch);
  }
  return out;
}

describe('coverage check', () => {
  it('answers like the per-character walk, surrogates and white space included', () => {
    const texts = [
      '预算公开 2026\u3000年\u00a0（单位：万元）',
      '預算\u{1F600}\uE000\u{20BB7}吉\u{1F600}',
      'lone \ud800 high and \udc00 low surrogates, \u200b zero width, \u2028 separator',
      '部门⼈员经费人员\t\n\r\u000b\u000c\ufeff',
    ];
    for (const text of texts) {
      for (const role of ['body', 'heading'] as const) expect(fonts.missing(role, text)).toEqual(reference(fonts, role, text));
    }
  });
});
