import { beforeAll, describe, expect, it } from 'vitest';
import { setupFonts, type Fonts } from '../../../src/fonts/index.js';
import { tagContent } from '../../../src/layout/complete.js';
import { Annotations, installFonts, print, type TDocumentDefinitions, type WrapName } from '../../../src/layout/engine/index.js';
import { activeWraps, VERIFIED } from '../../../src/layout/engine/versions.js';
import { loadFontSet } from '../../../src/load/font-set.js';

/*
 * Each hook adds something with it on and nothing with it off, and says so; every wrap is off on
 * versions it was not verified on.
 */

let fonts: Fonts;
beforeAll(async () => {
  fonts = setupFonts((await loadFontSet()).roles);
  installFonts(fonts.families);
});

const annotations = new Annotations();
const { annotate } = annotations;
const doc = (): TDocumentDefinitions => ({
  version: '1.7',
  tagged: true,
  content: [annotate({ text: '标题＆<一>', id: 'h1', outline: true }, { tag: 'H1' }), { table: { headerRows: 1, body: [[{ text: '名称' }], [{ text: '' }]] } }],
  defaultStyle: { font: fonts.familyOf.body },
  info: { title: 'A & B <c>', creationDate: new Date(Date.UTC(2026, 0, 1)) } as TDocumentDefinitions['info'],
  compress: false,
});

async function printed(disable: WrapName[] = []) {
  const d = doc();
  const tagged = tagContent(d.content as never, annotations);
  return print(d, { tagged, annotations, disable: [...disable, 'objectStreams'] });
}
const text = (b: Buffer) => b.toString('latin1');

describe('engine hooks', () => {
  it('tags: a structure tree with the hook, none without, and the loss is said', async () => {
    const on = await printed();
    const off = await printed(['tags']);
    expect(text(on.pdf)).toMatch(/\/StructTreeRoot/);
    expect(text(on.pdf)).toMatch(/\/H1 <</);
    expect(text(off.pdf)).not.toMatch(/\/S \/H1/);
    expect(off.lost.map((l) => l.wrap)).toContain('tags');
    expect(on.lost).toEqual([]);
  });

  it('pages: the laid-out pages are read with it, not without (the checks then refuse)', async () => {
    expect((await printed()).laid?.length).toBe(1);
    const off = await printed(['pages']);
    expect(off.laid).toBeUndefined();
    expect(off.lost.map((l) => l.wrap)).toEqual(expect.arrayContaining(['pages', 'pageNumbers', 'justify', 'tags']));
  });

  it('lineNotes: lines carry their text node with it', async () => {
    const on = await printed();
    expect(on.laid![0]!.items.some((i) => i.type === 'line' && i.item.src === 0)).toBe(true);
    const off = await printed(['lineNotes']);
    expect(off.laid).toBeUndefined();
  });

  it('xmp: the XMP packet escapes & and < with it, not without', async () => {
    expect(text((await printed()).pdf)).toContain('A &amp; B &lt;c&gt;');
    expect(text((await printed(['xmp'])).pdf)).toContain('A & B <c>');
  });

  it('objectStreams: compressed object streams with it, a classic xref table without', async () => {
    const d = doc();
    const on = await print(d, { tagged: tagContent(d.content as never, annotations), annotations });
    const e = doc();
    const off = await print(e, { tagged: tagContent(e.content as never, annotations), annotations, disable: ['objectStreams'] });
    expect(text(on.pdf)).toMatch(/\/Type \/ObjStm/);
    expect(text(off.pdf)).not.toMatch(/\/Type \/ObjStm/);
  });

  it('every wrap is off on an unverified pdfmake or pdfkit', () => {
    expect(activeWraps([], { pdfmake: '0.3.12', pdfkit: VERIFIED.pdfkit }).size).toBe(0);
    expect(activeWraps([], { pdfmake: VERIFIED.pdfmake, pdfkit: '0.20.0' }).size).toBe(0);
    expect(activeWraps([], VERIFIED).size).toBeGreaterThan(10);
    // a wrap off takes the wraps that need it along
    expect(activeWraps(['fastStyles'], VERIFIED).has('groupWords')).toBe(false);
  });
});
