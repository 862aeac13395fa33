import { bind, jobOf, on } from '../job.js';
import { load, parsedFont, pdfkit, sameFontkit } from '../runtime.js';
import type { Dict, EmbeddedFont, EmbeddedFontClass, FontkitFont, PdfkitDoc, Proto, Run } from './internals.js';

/*
 * shareFonts: pdfkit opens every font with fontkit.create(buffer) for every document, losing
 * the parsed tables, glyph metrics and its per-string layout cache. The parsed font (keyed by the
 * Buffer we put in pdfmake's virtual file system; for the first document, the one the coverage
 * check already parsed) and its layout cache are reused; each document still gets its own
 * EmbeddedFont (own subset, widths, ToUnicode). Because glyph objects are then shared between
 * documents, a glyph's ToUnicode entry is taken from the text being drawn (first occurrence in
 * this document) rather than from whichever string first created the glyph in the process:
 * output never depends on what the process rendered before. Embedding a subset no longer decodes
 * every outline just to find composite glyphs. The parsed fonts are a process-wide cache, like the
 * fonts themselves; nothing of one document's drawing is kept in them.
 */

// ── shareFonts (+ the EmbeddedFont hooks that mergeInlines needs) ──────────────────────────────

interface Shared {
  font: FontkitFont;
  layoutCache: Record<string, Run> | undefined;
}

/** Parsed fonts by the identity of the Buffer in pdfmake's virtual file system. */
const parsed = new WeakMap<Buffer, Shared>();
/** Distinct strings kept in a shared layout cache before it is started afresh (bounds memory in a long batch). */
const LAYOUT_CACHE_LIMIT = 50_000;

/** pdfkit's EmbeddedFont class (not exported), learned from the first font it makes: process-wide, as the class is. */
export let EmbeddedFontCtor: EmbeddedFontClass | undefined;

function countUpTo(o: object, limit: number): number {
  let n = 0;
  for (const _ in o) if (++n > limit) break;
  return n;
}

/** pdfkit's isEqualFont (not exported). */
function sameFont(a: EmbeddedFont, b: EmbeddedFont): boolean {
  if (a.font._tables?.head?.checkSumAdjustment !== b.font._tables?.head?.checkSumAdjustment) return false;
  return JSON.stringify(a.font._tables?.name?.records) === JSON.stringify(b.font._tables?.name?.records);
}

function patchEmbeddedFont(proto: EmbeddedFont): void {
  const { layout, encode } = proto;
  // merged runs being drawn on the current line (mergeInlines): answered from the parts' layouts
  proto.layout = function (this: EmbeddedFont, text, features, onlyWidth) {
    const drawing = jobOf(this.document)?.drawing;
    if (drawing !== undefined && !features) for (const d of drawing) if (d.font === this && d.text === text) return d.run as Run;
    return layout.call(this, text, features, onlyWidth);
  };
  // pdfkit's encode, except that a glyph drawn for exactly one character takes its ToUnicode entry
  // from that character (see shareFonts above).
  proto.encode = function (this: EmbeddedFont, text, features) {
    if (!on(this.document, 'shareFonts')) return encode.call(this, text, features);
    const { glyphs, positions } = this.layout(text, features);
    let cps: number[] | undefined = [];
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i)!;
      cps.push(cp);
      i += cp > 0xffff ? 2 : 1;
    }
    if (cps.length !== glyphs.length) cps = undefined;
    const res: string[] = [];
    for (let i = 0; i < glyphs.length; i++) {
      const glyph = glyphs[i]!;
      const gid = this.subset.includeGlyph(glyph.id);
      res.push(`0000${gid.toString(16)}`.slice(-4));
      if (this.widths[gid] == null) this.widths[gid] = glyph.advanceWidth * this.scale;
      if (this.unicode[gid] == null) this.unicode[gid] = cps && glyph.codePoints.length === 1 ? [cps[i]!] : glyph.codePoints;
    }
    return [res, positions];
  };
}

/**
 * fontkit's TrueType subsetter, except that it reads a glyph's contour count from the glyph's
 * first two bytes instead of decoding all its points to learn whether it is composite (composite
 * glyphs, rare in CJK fonts, and variable fonts are decoded as before). Same subset bytes.
 */
interface TTFSubsetT {
  font: FontkitFont & { getGlyph(id: number): GlyphT; loca: { offsets: number[] }; _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array }; _variationProcessor?: unknown };
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: Array<{ advance: number; bearing: number }> };
  offset: number;
  glyphEncoder: { encodeSimple(path: unknown, instructions: unknown): Uint8Array };
  includeGlyph(gid: number): number;
  _addGlyph(gid: number): number;
}
interface GlyphT {
  advanceWidth: number;
  path: unknown;
  _decode(): { numberOfContours: number; components?: Array<{ glyphID: number; pos: number }>; instructions?: unknown } | null;
  _getMetrics(): { leftBearing: number };
}

function patchSubset(font: FontkitFont & { createSubset(): object; directory?: { tables?: Record<string, unknown> } }): void {
  if (!font.directory?.tables?.glyf) return;
  const proto = Object.getPrototypeOf(font.createSubset()) as TTFSubsetT;
  if (typeof proto._addGlyph !== 'function') return;
  const addGlyph = proto._addGlyph;
  proto._addGlyph = function (this: TTFSubsetT, gid: number) {
    if (!on(this, 'shareFonts')) return addGlyph.call(this, gid);
    const glyph = this.font.getGlyph(gid);
    const curOffset = this.font.loca.offsets[gid]!;
    const nextOffset = this.font.loca.offsets[gid + 1]!;
    const stream = this.font._getTableStream('glyf');
    stream.pos += curOffset;
    let buffer = stream.readBuffer(nextOffset - curOffset);
    const contours = buffer.length >= 2 ? ((buffer[0]! << 24) >> 16) | buffer[1]! : 0;
    const glyf = buffer.length === 0 ? null : contours < 0 || this.font._variationProcessor ? glyph._decode() : { numberOfContours: contours };
    if (glyf && glyf.numberOfContours < 0) {
      buffer = new Uint8Array(buffer);
      const view = new DataView(buffer.buffer);
      for (const component of glyf.components!) view.setUint16(component.pos, this.includeGlyph(component.glyphID));
    } else if (glyf && this.font._variationProcessor) buffer = this.glyphEncoder.encodeSimple(glyph.path, glyf.instructions);
    this.glyf.push(buffer);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing });
    this.offset += buffer.length;
    return this.glyf.length - 1;
  };
}

/** pdfkit does not export EmbeddedFont: take the class from one it made. */
function adoptEmbeddedFontClass(font: EmbeddedFont): void {
  if (EmbeddedFontCtor || font.constructor.name !== 'EmbeddedFont') return;
  EmbeddedFontCtor = font.constructor as EmbeddedFontClass;
  patchEmbeddedFont(EmbeddedFontCtor.prototype);
  patchSubset(font.font as never);
}

/** Before any document made one: let a throwaway pdfkit document open the font once. */
function learnEmbeddedFont(bytes: Buffer): void {
  const probe = new (pdfkit<new (o: Dict) => { font(src: Buffer): { _font: EmbeddedFont } }>())({ autoFirstPage: false, font: null });
  adoptEmbeddedFontClass(probe.font(bytes)._font);
}

export function patchFonts(): void {
  const PDFDocument = load<Proto<PdfkitDoc>>('PDFDocument');
  const provideFont = PDFDocument.prototype.provideFont;
  PDFDocument.prototype.provideFont = function (this: PdfkitDoc, familyName, bold, italics) {
    const type = this.getFontType(bold, italics);
    const hit = this.fontCache[familyName]?.[type];
    if (hit) return hit;
    const job = jobOf(this);
    const font = provide.call(this, familyName, bold, italics, job?.has('shareFonts') ?? false);
    // the subset is written when the document ends: it finds the job there
    if (job) bind((font as unknown as { subset: object }).subset, job);
    return font;
  };
  function provide(this: PdfkitDoc, familyName: string, bold: boolean, italics: boolean, share: boolean): EmbeddedFont {
    const type = this.getFontType(bold, italics);
    const file = this.getFontFile(familyName, bold, italics);
    const bytes = typeof file === 'string' && this.virtualfs?.existsSync(file) ? this.virtualfs.readFileSync(file) : undefined;
    let shared = bytes && share ? parsed.get(bytes) : undefined;
    if (bytes && !shared && share && sameFontkit()) {
      // parsed already by the coverage check (fonts/index.ts): adopt it rather than parse again
      const font = parsedFont(bytes) as FontkitFont | undefined;
      if (font) parsed.set(bytes, (shared = { font, layoutCache: undefined }));
    }
    if (shared && !EmbeddedFontCtor) learnEmbeddedFont(bytes!);
    if (!shared || !EmbeddedFontCtor) {
      const font = provideFont.call(this, familyName, bold, italics);
      if (!EmbeddedFontCtor) adoptEmbeddedFontClass(font);
      if (bytes && EmbeddedFontCtor && font instanceof EmbeddedFontCtor && !parsed.has(bytes)) parsed.set(bytes, { font: font.font, layoutCache: font.layoutCache });
      return font;
    }
    // What pdfkit's doc.font(buffer) does, with the parsed font instead of fontkit.create(buffer).
    if (shared.layoutCache && countUpTo(shared.layoutCache, LAYOUT_CACHE_LIMIT) > LAYOUT_CACHE_LIMIT) shared.layoutCache = Object.create(null) as Record<string, Run>;
    let font = new EmbeddedFontCtor(this, shared.font, `F${++this._fontCount}`);
    if (font.layoutCache) {
      if (shared.layoutCache) font.layoutCache = shared.layoutCache;
      else shared.layoutCache = font.layoutCache;
    }
    this._fontSource = bytes;
    this._fontFamily = undefined;
    const prior = font.name ? this._fontFamilies[font.name] : undefined;
    if (prior && sameFont(font, prior)) font = prior;
    else {
      if (font.name && !this._fontFamilies[font.name]) this._fontFamilies[font.name] = font;
      if (!font.name || this._fontFamilies[font.name] !== font) this._fontFamilies[font.id] = font;
    }
    this._font = font;
    (this.fontCache[familyName] ??= {})[type] = font;
    return font;
  }
}