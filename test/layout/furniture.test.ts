import { beforeAll, describe, expect, it } from 'vitest';
import { setupFonts, type Fonts } from '../../src/fonts/index.js';
import { installFonts, type TDocumentDefinitions } from '../../src/layout/engine/index.js';
import { footer, footerOffset, UNPRINTABLE_STRIP } from '../../src/layout/furniture.js';
import { layoutTheme, type LayoutTheme } from '../../src/layout/theme.js';
import { loadFontSet } from '../../src/load/font-set.js';
import { loadTemplateSet } from '../../src/load/template-set.js';
import { textItems } from '../support/geometry.js';
import { renderPdf } from '../support/print.js';

/*
 * The page number stays out of the strip along the paper's edge that many printers cannot print
 * (10 mm): at the old offset it sat 6.5 mm from the edge.
 */

let fonts: Fonts;
let lt: LayoutTheme;
beforeAll(async () => {
  fonts = setupFonts((await loadFontSet()).roles);
  installFonts(fonts.families);
  lt = layoutTheme((await loadTemplateSet('shanxi-zonggai')).set!.theme, fonts);
});

const numbering = { printed: (page: number) => page, first: 1 } as never;

/** The page number's baseline and size, points from the paper's bottom edge, as pdf.js reads it. */
async function pageNumber(theme: LayoutTheme) {
  const [l, t, r, b] = theme.theme.page.margins;
  const doc: TDocumentDefinitions = {
    content: [{ text: '正文' }],
    pageMargins: [l, t, r, b],
    styles: theme.styles,
    defaultStyle: { font: fonts.familyOf.body },
    footer: footer(numbering, { footer: '— {{page}} —' }, theme),
    info: { creationDate: new Date(Date.UTC(2026, 0, 1)) } as TDocumentDefinitions['info'],
  };
  const { pdf } = await renderPdf(doc);
  const item = (await textItems(pdf))[0]!.find((i) => /—/.test(i.str))!;
  return { baseline: item.y, size: item.height };
}

describe('the page number', () => {
  it('sits at least 10 mm from the paper’s edge, its descent included', async () => {
    const { baseline, size } = await pageNumber(lt);
    expect(baseline - 0.2 * size).toBeGreaterThanOrEqual(UNPRINTABLE_STRIP);
  });

  it('is raised out of the strip even when a theme asks for a lower place', async () => {
    const low = { ...lt, theme: { ...lt.theme, page: { ...lt.theme.page, footerOffset: 40 } } };
    expect(footerOffset(low)).toBeLessThan(40);
    const { baseline, size } = await pageNumber(low);
    expect(baseline - 0.2 * size).toBeGreaterThanOrEqual(UNPRINTABLE_STRIP);
    // a theme's higher place is kept
    const high = { ...lt, theme: { ...lt.theme, page: { ...lt.theme.page, footerOffset: 4 } } };
    expect(footerOffset(high)).toBe(4);
  });
});
