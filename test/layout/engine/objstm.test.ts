import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupFonts } from '../../../src/fonts/index.js';
import { installFonts, print } from '../../../src/layout/engine/index.js';
import { compactPdf } from '../../../src/layout/engine/objstm.js';
import { loadFontSet } from '../../../src/load/font-set.js';
import { pdfPages } from '../../support/pdf-text.js';

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
  const body = Array.from({ length: 40 }, (_, i) => [{ text: `第${i + 1}行` }, { text: '预算公开' }]);
  // as pdfkit writes it: the object-stream writer switched off
  plain = (await print({ version: '1.7', tagged: true, content: [{ text: '标题一' }, { table: { body } }, { text: '末段', pageBreak: 'before' }], defaultStyle: { font: fonts.familyOf.body } }, { disable: ['objectStreams'] })).pdf;
});

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

  it('writes its cross-reference stream behind PNG Up predictors, each entry where the object is', async () => {
    const compact = compactPdf(plain);
    const text = compact.toString('latin1');
    const m = /\/Type \/XRef\n\/Size (\d+)\n\/W \[1 (\d) 2\][\s\S]*?\/DecodeParms << \/Predictor 12 \/Columns (\d+) >>\n\/Length (\d+)\n>>\nstream\n/.exec(text);
    expect(m).not.toBeNull();
    const [, size, w2, columns, length] = m!.map(Number) as [number, number, number, number, number];
    expect(w2).toBe(3);
    expect(columns).toBe(1 + w2 + 2);
    // undo the predictors by hand: every type-1 entry points at "N 0 obj"
    const { inflateSync } = await import('node:zlib');
    const raw = inflateSync(compact.subarray(m!.index + m![0].length, m!.index + m![0].length + length));
    expect(raw.length).toBe(size * (columns + 1));
    let previous = Buffer.alloc(columns);
    for (let n = 0; n < size; n++) {
      expect(raw[n * (columns + 1)]).toBe(2);
      const row = Buffer.from(Array.from({ length: columns }, (_, c) => (raw[n * (columns + 1) + 1 + c]! + previous[c]!) & 0xff));
      if (row[0] === 1) expect(text.startsWith(`${n} 0 obj`, row.readUIntBE(1, w2))).toBe(true);
      previous = row;
    }
    expect(await pdfPages(compact)).toEqual(await pdfPages(plain));
  });

  it('leaves a PDF it does not recognise as it is', () => {
    const odd = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');
    expect(compactPdf(odd)).toBe(odd);
  });
});
