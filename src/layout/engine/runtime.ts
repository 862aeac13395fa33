import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

/*
 * Where pdfmake, pdfkit and fontkit are loaded: the only `require` of them in gongkai. Each
 * module is named literally, so that the snapshot bundler (src/snapshot/bundle.ts) follows it;
 * all are required on first use, so commands that never print (validate, schema, init) do not
 * pay ~0.2 s for them.
 */

const require = createRequire(import.meta.url);

declare const __GONGKAI_BUNDLE__: boolean | undefined;
/**
 * In the snapshot bundle every module is the bundler's, found without require.resolve (which a
 * startup snapshot lacks); the bundler refuses a tree where pdfmake has its own pdfkit or fontkit.
 */
export const BUNDLED = typeof __GONGKAI_BUNDLE__ !== 'undefined';

export interface PdfmakeRuntime {
  virtualfs: { writeFileSync(name: string, content: Buffer): void; storage: Record<string, Buffer> };
  setFonts(f: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (p: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions, options?: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

let loaded: PdfmakeRuntime | undefined;
/** pdfmake itself: a CommonJS singleton, set up once per process and reused for every document. */
export function pdfmake(): PdfmakeRuntime {
  return (loaded ??= require('pdfmake') as PdfmakeRuntime);
}

const PDFMAKE_MODULES = {
  PDFDocument: () => require('pdfmake/js/PDFDocument.js'),
  StyleContextStack: () => require('pdfmake/js/StyleContextStack.js'),
  TextInlines: () => require('pdfmake/js/TextInlines.js'),
  ElementWriter: () => require('pdfmake/js/ElementWriter.js'),
  Renderer: () => require('pdfmake/js/Renderer.js'),
  LayoutBuilder: () => require('pdfmake/js/LayoutBuilder.js'),
  Line: () => require('pdfmake/js/Line.js'),
} as const;
export type PdfmakeModule = keyof typeof PDFMAKE_MODULES;

/** One of pdfmake's internal modules (its default export: a class). */
export const load = <T>(m: PdfmakeModule): T => (PDFMAKE_MODULES[m]() as { default: T }).default;

const fromPdfmake = () => createRequire(require.resolve('pdfmake'));

/** The pdfkit pdfmake itself loads. */
export const pdfkit = <T>(): T => (BUNDLED ? require('pdfkit') : fromPdfmake()('pdfkit')) as T;

/** The installed pdfmake and pdfkit (the one pdfmake loads). */
export function installedVersions(): { pdfmake: string; pdfkit: string } {
  const pdfmakeVersion = (require('pdfmake/package.json') as { version: string }).version;
  const pdfkitVersion = ((BUNDLED ? require('pdfkit/package.json') : fromPdfmake()('pdfkit/package.json')) as { version: string }).version;
  return { pdfmake: pdfmakeVersion, pdfkit: pdfkitVersion };
}

let fontkitShared: boolean | undefined;
/** Do we and pdfkit load the same fontkit (so that parsed fonts are interchangeable)? */
export function sameFontkit(): boolean {
  return (fontkitShared ??= BUNDLED || createRequire(fromPdfmake().resolve('pdfkit')).resolve('fontkit') === require.resolve('fontkit'));
}

/*
 * fontkit's CommonJS build, the copy pdfkit itself requires: importing the ES module build as
 * well would load and compile a second fontkit (with its own unicode tables) in every process.
 */
let fontkit: typeof Fontkit | undefined;
const opened = new WeakMap<Buffer, Fontkit.Font>();

/** A parsed font (glyph coverage, advance widths), once per Buffer. */
export type ParsedFont = Fontkit.Font;

export function openFont(bytes: Buffer): ParsedFont {
  let f = opened.get(bytes);
  if (!f) opened.set(bytes, (f = (fontkit ??= require('fontkit') as typeof Fontkit).create(bytes)));
  return f;
}

/**
 * The fontkit font already parsed from these bytes (by a coverage or width check), if any: the
 * PDF renderer adopts it instead of parsing the file again (patches/fonts.ts).
 */
export function parsedFont(bytes: Buffer): ParsedFont | undefined {
  return opened.get(bytes);
}
