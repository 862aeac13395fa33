import { collectPlaced, pageExtents, splitFigures, type Tagged } from '../../src/layout/complete.js';
import { installFonts, print, type Annotations, type PageNumbering, type TDocumentDefinitions, type WrapName } from '../../src/layout/engine/index.js';
import { setupFonts, type Fonts } from '../../src/fonts/index.js';
import { layoutTheme, type LayoutTheme } from '../../src/layout/theme.js';
import { loadFontSet } from '../../src/load/font-set.js';
import { loadTemplateSet } from '../../src/load/template-set.js';

/** print() with the checks' readings computed as the pipeline computes them. */
export async function renderPdf(doc: TDocumentDefinitions, options: { numbering?: PageNumbering; tagged?: Tagged; annotations?: Annotations; disable?: WrapName[] } = {}) {
  const printed = await print(doc, options);
  const laid = printed.laid;
  return {
    ...printed,
    placed: laid && collectPlaced(laid),
    extents: laid && pageExtents(laid),
    split: laid && options.tagged ? splitFigures(options.tagged, laid) : undefined,
  };
}

/** The fonts (installed in the engine) and the layout theme of the reference's template set: what a layout test lays out with. */
export async function referenceLayout(): Promise<{ fonts: Fonts; lt: LayoutTheme }> {
  const fonts = setupFonts((await loadFontSet()).roles);
  installFonts(fonts.families);
  return { fonts, lt: layoutTheme((await loadTemplateSet('shanxi-zonggai')).set!.theme, fonts) };
}
