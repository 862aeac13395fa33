import { installArchiveHook } from './hooks/archive.js';
import { installPageHooks } from './hooks/pages.js';
import { installRenderHooks } from './hooks/render.js';
import { installRuleHooks } from './hooks/rules.js';
import { installXmpHook } from './hooks/xmp.js';
import { bind, Job, type PrintOptions } from './job.js';
import { compactPdf } from './objstm.js';
import { patchContentWrites } from './patches/content.js';
import { patchFonts } from './patches/fonts.js';
import { patchLineText } from './patches/lines.js';
import { patchAlignLine, patchBuildNextLine, patchRenderLine, patchStyles } from './patches/text.js';
import { installedVersions, pdfmake } from './runtime.js';
import type { LaidPage, TDocumentDefinitions } from './types.js';
import { verifiedFor, WRAP_NAMES, WRAPS, type WrapName } from './versions.js';

/*
 * The engine room: the only place that knows pdfmake, pdfkit and fontkit. The rest of layout
 * builds a document definition (types.ts) and says what it knows about its nodes in the document's
 * Annotations (annotate.ts); print() lays it out and writes the PDF, with the speed patches
 * (patches/) and the hooks that add what pdfmake does not do (hooks/), each listed and gated in
 * versions.ts, and each print's state — its notes among it — in its own Job (job.ts).
 *
 *   versions.ts       the wraps, the versions they were verified on, switches
 *   runtime.ts        loading pdfmake, its modules, pdfkit and fontkit
 *   fonts.ts          the fonts pdfmake prints with, file access locked down
 *   job.ts            one print's state, and how a wrapped method finds it
 *   annotate.ts       Annotations: one document's side table of notes on its definition's nodes
 *   patches/          speed: fonts.ts (shareFonts), text.ts (fastStyles, groupWords, linearLines,
 *                     mergeInlines), lines.ts (lineText), content.ts (stringContent)
 *   hooks/            pages.ts (lineNotes, pages, pageNumbers, justify, keepLines), render.ts (tags, page
 *                     labels, outline, emptyLines), rules.ts (mergeRules), xmp.ts, archive.ts
 *                     (PDF/A-3: associated files, OutputIntent, XMP properties and claims)
 *   objstm.ts         object streams (objectStreams)
 */

export { Annotations, type Annotation } from './annotate.js';
export { installFonts, type FontFace, type FontFamilies } from './fonts.js';
export { openFont, parsedFont, type ParsedFont } from './runtime.js';
export { XMP_NS, XMP_PREFIX, type ArchiveFile, type ArchiveInput } from './hooks/archive.js';
export type { PhaseObserver, PrintOptions, TaggedInput } from './job.js';
export type * from './types.js';
export { VERIFIED, WRAPS, WRAP_NAMES, type WrapName } from './versions.js';

let installed: boolean | undefined;

/**
 * Installs every wrap once per process, on verified versions only (otherwise none: pdfmake as
 * shipped). The order is a contract: the speed patches first, so that the hooks wrap (and run
 * before) them — buildNextLine's notes after linear line building, the tags' marked content
 * around merged inlines, merged rules outside the artifact marks.
 */
function install(): boolean {
  if (installed !== undefined) return installed;
  const v = installedVersions();
  installed = WRAP_NAMES.every((n) => verifiedFor(WRAPS[n], v));
  if (!installed) return false;
  patchFonts();
  patchStyles();
  patchLineText(); // pdfmake's inline loop: mergeInlines (and the hooks) wrap it
  patchRenderLine();
  patchBuildNextLine();
  patchAlignLine();
  patchContentWrites();
  installPageHooks();
  installRenderHooks();
  installRuleHooks();
  installXmpHook();
  installArchiveHook();
  return true;
}

/** The installed versions, and whether the engine's wraps are in place. */
export function engineStatus(): { pdfmake: string; pdfkit: string; active: boolean } {
  return { ...installedVersions(), active: install() };
}

export interface Printed {
  pdf: Buffer;
  /** Pages laid out (0 if the pages could not be read). */
  pages: number;
  /** The laid-out pages as the checks read them (complete.ts); undefined when the engine could not read them. */
  laid: LaidPage[] | undefined;
  /** Hooks that were off for this print, with what the document lacks for it (Chinese, for a reader). */
  lost: Array<{ wrap: WrapName; feature: string }>;
}

/**
 * The page (1-based) pdfmake laid a node of the definition out on, once it has (the footer asks
 * while the pages are finished, the page numbering after layout). pdfmake writes where it placed
 * a node onto the node (`positions`): read here, so that no one else knows that field.
 */
export function pageOfNode(node: object): number | undefined {
  return (node as { positions?: ReadonlyArray<{ pageNumber: number }> }).positions?.[0]?.pageNumber;
}

/** Every page (1-based, ascending) pdfmake laid a part of a node on: a table's rows over several pages. */
export function pagesOfNode(node: object): number[] {
  const positions = (node as { positions?: ReadonlyArray<{ pageNumber: number }> }).positions ?? [];
  return [...new Set(positions.map((p) => p.pageNumber))].sort((a, b) => a - b);
}

/** Lays the definition out and writes the PDF. */
export async function print(definition: TDocumentDefinitions, options: PrintOptions = {}): Promise<Printed> {
  const wrapped = install();
  const job = new Job(options);
  job.taggedPdf = definition.tagged === true && options.tagged !== undefined;
  // pdfmake hands this object to its layout first: from there on the job is found (job.ts)
  bind(definition.content as object, job);
  // without the tags hook nothing is tagged: no empty structure tree, no /MarkInfo saying it is
  const untagged = definition.tagged && !job.has('tags') ? { tagged: false } : {};
  const definitionForPdfmake = { ...definition, ...untagged, styles: bindable(job, definition.styles), ...archiveSubset(job) };
  const raw = await pdfmake().createPdf(definitionForPdfmake).getBuffer();
  // a tagged document's thousands of small objects, compressed (objstm.ts): half the bytes
  const pdf = wrapped && job.has('objectStreams') ? compactPdf(raw) : raw;
  const lost = WRAP_NAMES.filter((n) => !job.has(n) && 'feature' in WRAPS[n]).map((n) => ({ wrap: n, feature: (WRAPS[n] as { feature: string }).feature }));
  return { pdf, pages: job.laid ? job.pageCount : 0, laid: job.laid, lost };
}

/**
 * PDF/A-3 when the print carries its profile and the archive hook is on: level a (accessible)
 * when the document is tagged by the tags hook, else b. pdfkit's subset needs PDF 1.7's
 * associated files.
 */
function archiveSubset(job: Job): { subset?: 'PDF/A-3a' | 'PDF/A-3b'; version?: '1.7' } {
  if (!job.archive || !job.has('archive')) return {};
  return { subset: job.taggedPdf && job.has('tags') ? 'PDF/A-3a' : 'PDF/A-3b', version: '1.7' };
}

/**
 * The style dictionary the job is found by: a copy of the definition's own (or an empty one, where
 * pdfmake would make its own, unknown to us), so that two documents printed at once with one theme's
 * styles object each find their own job through it.
 */
function bindable(job: Job, styles: TDocumentDefinitions['styles']): NonNullable<TDocumentDefinitions['styles']> {
  const own = { ...styles };
  bind(own, job);
  return own;
}
