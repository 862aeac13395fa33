import { createRequire } from 'node:module';
import path from 'node:path';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { collectPlaced, pageExtents, type LaidPage } from './complete.js';
import { installPdfmakePatches } from './pdfmake-patches.js';

/*
 * The one place pdfmake is configured. pdfmake is a CommonJS singleton; it is set up once per
 * process (per worker) and reused for every document: fonts are read once, handed over through
 * its virtual file system (Buffers given to setFonts crash in 0.3.11), and every URL or local
 * file access is refused except inside the font folders.
 */

export interface FontFace {
  /** Absolute path: where the bytes came from (and the only place local access is allowed). */
  path: string;
  bytes: Buffer;
}

/** pdfmake font family name → its faces. Families have a `normal` face and maybe a `bold` one. */
export type FontFamilies = Record<string, { normal: FontFace; bold?: FontFace }>;

interface PdfmakeRuntime {
  virtualfs: { writeFileSync(name: string, content: Buffer): void; storage: Record<string, Buffer> };
  setFonts(f: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (p: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions, options?: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
let loaded: PdfmakeRuntime | undefined;
/**
 * pdfmake (with pdfkit and fontkit, ~0.2 s to load) is required on first use, so commands that
 * never print (validate, schema, init) do not load it.
 */
function runtime(): PdfmakeRuntime {
  return (loaded ??= require('pdfmake') as PdfmakeRuntime);
}

let installed: FontFamilies | undefined;

/**
 * Registers the fonts with pdfmake and locks file access down — once per loaded font set: the
 * same environment renders every document with what it installed; a fresh environment (new
 * bytes, as the preview's font reload or the benchmark's naive baseline make) installs again.
 */
export function installFonts(families: FontFamilies): void {
  if (families === installed) return;
  const descriptors: Record<string, Record<string, string>> = {};
  const dirs = new Set<string>();
  for (const [name, faces] of Object.entries(families)) {
    const entry: Record<string, string> = {};
    for (const [type, face] of Object.entries(faces) as Array<[string, FontFace | undefined]>) {
      if (!face) continue;
      const vname = `fonts/${path.basename(face.path)}`;
      runtime().virtualfs.writeFileSync(vname, face.bytes);
      entry[type] = vname;
      dirs.add(path.dirname(face.path) + path.sep);
    }
    // pdfmake asks for italics whenever a style says so; never let that fall through to a missing face
    entry.italics = entry.normal!;
    entry.bolditalics = entry.bold ?? entry.normal!;
    entry.bold ??= entry.normal!;
    descriptors[name] = entry;
  }
  runtime().setFonts(descriptors);
  runtime().setUrlAccessPolicy(() => false);
  runtime().setLocalAccessPolicy((p) => [...dirs].some((d) => path.resolve(p).startsWith(d)));
  installed = families;
}

/*
 * Logical page numbers. The document numbers its pages from the first page of 第一部分 (the
 * cover and the 目录 carry no number), but pdfmake's `pageReference` prints physical page
 * numbers. The footer and the 目录 both subtract the same offset: the physical page of the
 * node marked as the numbering anchor, minus one. Layout and rendering of one document run
 * synchronously after pdfmake's only await, so the module-level offset cannot interleave.
 */
let pageOffset = 0;

export function setPageOffset(offset: number): void {
  pageOffset = offset;
}

let rendererPatched = false;
function patchPageReferences(): void {
  if (rendererPatched) return;
  type Ref = { positions?: Array<{ pageNumber: number }> };
  type Line = { _pageNodeRef?: Ref; inlines: Array<{ _pageNodeRef?: Ref }> };
  const Renderer = require('pdfmake/js/Renderer.js').default as { prototype: { renderLine(line: Line, x: number, y: number): void } };
  const original = Renderer.prototype.renderLine;
  const logical = (ref: Ref | undefined): Ref | undefined =>
    ref?.positions?.[0] && pageOffset !== 0 ? { positions: [{ pageNumber: ref.positions[0].pageNumber - pageOffset }] } : ref;
  Renderer.prototype.renderLine = function (line, x, y) {
    // a page reference sits on the line (a text node that is only a reference) or on an inline
    if (line._pageNodeRef) line._pageNodeRef = logical(line._pageNodeRef)!;
    for (const inline of line.inlines) if (inline._pageNodeRef) inline._pageNodeRef = logical(inline._pageNodeRef)!;
    return original.call(this, line, x, y);
  };
  rendererPatched = true;
}

/*
 * What reached the pages (see complete.ts). Two small wrappers, installed whatever the pdfmake
 * version (they use only the layout builder's documented-by-use entry points): each line built
 * from a text node carries the node's `_src`, and the pages a document's content was laid out on
 * are handed to the listener registered for that content.
 */
type LayoutListener = (pages: LaidPage[]) => void;
const layoutListeners = new WeakMap<object, LayoutListener>();
let layoutHooked = false;
function hookLayout(): void {
  if (layoutHooked) return;
  type LB = {
    buildNextLine(node: { _src?: number }): { _src?: number } | null;
    layoutDocument(content: object, ...rest: unknown[]): LaidPage[];
  };
  const LayoutBuilder = require('pdfmake/js/LayoutBuilder.js').default as { prototype: LB };
  const build = LayoutBuilder.prototype.buildNextLine;
  LayoutBuilder.prototype.buildNextLine = function (this: LB, node) {
    const line = build.call(this, node);
    if (line && node._src !== undefined) line._src = node._src;
    return line;
  };
  const layout = LayoutBuilder.prototype.layoutDocument;
  LayoutBuilder.prototype.layoutDocument = function (this: LB, content, ...rest) {
    const pages = layout.call(this, content, ...rest);
    layoutListeners.get(content)?.(pages);
    return pages;
  };
  layoutHooked = true;
}

export interface PdfOutput {
  pdf: Buffer;
  /** The text of the lines on the pages, per text node number (`_src`); undefined if pdfmake never reported its pages. */
  placed: Map<number, string> | undefined;
  /** Each page's left- and rightmost ink (points from the page's left edge). */
  extents: Array<{ left: number; right: number }> | undefined;
}

export async function renderPdf(doc: TDocumentDefinitions): Promise<PdfOutput> {
  // speed patches first, so the page-reference patch wraps (and runs before) inline merging
  installPdfmakePatches();
  patchPageReferences();
  hookLayout();
  pageOffset = 0;
  let placed: Map<number, string> | undefined;
  let extents: PdfOutput['extents'];
  layoutListeners.set(doc.content as object, (pages) => {
    placed = collectPlaced(pages);
    extents = pageExtents(pages);
  });
  const pdf = await runtime().createPdf(doc).getBuffer();
  return { pdf, placed, extents };
}
