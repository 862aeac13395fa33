import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupFonts } from '../../src/fonts/index.js';
import { compactPdf } from '../../src/layout/objstm.js';
import { installFonts } from '../../src/layout/pdf.js';
import { loadFontSet } from '../../src/load/font-set.js';
import { pdfPages } from '../support/pdf-text.js';

/*
 * Object streams: the same document in fewer bytes — every page, text and structure as before,
 * streams copied byte for byte, deterministic; anything not written the way pdfkit writes is
 * left as it is.
 */

const require = createRequire(import.meta.url);
let plain: Buffer;
beforeAll(async () => {
  const fonts = setupFonts((await loadFontSet()).roles);
  installFonts(fonts.families);
  const pdfmake = require('pdfmake') as { createPdf(d: unknown): { getBuffer(): Promise<Buffer> } };
  const body = Array.from({ length: 40 }, (_, i) => [{ text: `第${i + 1}行` }, { text: '预算公开' }]);
  plain = await pdfmake
    .createPdf({ version: '1.7', tagged: true, content: [{ text: '标题一' }, { table: { body } }, { text: '末段', pageBreak: 'before' }], defaultStyle: { font: fonts.familyOf.body } })
    .getBuffer();
}, 60_000);

describe('compactPdf', () => {
  it('keeps every page and its text, in fewer bytes, the same bytes each time', async () => {
    const compact = compactPdf(plain);
    expect(compact.length).toBeLessThan(plain.length);
    expect(compact.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(compact.toString('latin1')).toContain('/Type /ObjStm');
    expect(compact.toString('latin1')).toContain('/Type /XRef');
    expect(await pdfPages(compact)).toEqual(await pdfPages(plain));
    expect(compactPdf(plain).equals(compact)).toBe(true);
  });

  it('leaves a PDF it does not recognise as it is', () => {
    const odd = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');
    expect(compactPdf(odd)).toBe(odd);
  });
});
