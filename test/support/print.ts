import { collectPlaced, pageExtents, splitFigures, type Tagged } from '../../src/layout/complete.js';
import { print, type Annotations, type PageNumbering, type TDocumentDefinitions, type WrapName } from '../../src/layout/engine/index.js';

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
