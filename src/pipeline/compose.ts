import { createHash } from 'node:crypto';
import type { Derived } from '../derive/types.js';
import { hasErrors, type Diagnostic } from '../diagnostics/index.js';
import { collectPlaced, missingUnits, pageExtents, splitFigures, tagContent } from '../layout/complete.js';
import { layoutDocument, type LayoutOptions } from '../layout/index.js';
import { installFonts, print, type PrintOptions } from '../layout/engine/index.js';
import { TemplateError } from '../render/handlebars.js';
import { checkPrintedText } from '../render/hygiene.js';
import { renderDocument, type DocumentContext, type RenderedDocument } from '../render/index.js';
import type { Department } from '../schema/index.js';
import { locate, withoutCause } from '../validate/index.js';
import { writeFileAtomic, writeProblem } from '../write/index.js';
import { archiveFor, carriedFiles, type Carried } from './archive.js';
import { checkLoaded, type CheckedFile, type LoadedData } from './check.js';
import { boundsDiagnostics, completenessDiagnostics, splitFigureDiagnostics } from './complete.js';
import { coverageDiagnostics, type Environment } from './environment.js';
import type { SetChoice } from './set-choice.js';
import type { World } from './world.js';

/*
 * The program, written once. Every route — build, batch (through build), preview, export and
 * the library API — is this composition with its own options:
 *
 *   check        load → validate → derive → audit          checkLoaded (check.ts)
 *   place        where the product goes, before any work     the caller's (build: out/<年度>/<名称>.pdf)
 *   environment  the template set and fonts                  World.environment
 *   render       templates → text and table models          renderDocument, checkPrintedText
 *   layout       → PDF bytes (or, for export, a workbook)    layoutDocument, print (layout/, layout/engine/);
 *                the PDF is PDF/A-3 and carries its data      archive.ts
 *   write        atomically, where placed                    writeFileAtomic (write/)
 *
 * Everything read comes from the World; only the check's load and the write touch the disk.
 * A diagnostic about the data gets its place in the data (line:col, or sheet › cell) on every
 * route. Nothing here decides an exit code.
 */

/** Why nothing was written (or returned): the data's errors, a layout that would lose content, a failure, an output that is the input, a newer request. */
export type Refusal = 'errors' | 'incomplete' | 'failed' | 'output-is-input' | 'superseded';

/** A department's data: a file, maybe its bytes already read, maybe already loaded. */
export interface Source {
  file: string;
  bytes?: Uint8Array;
  loaded?: LoadedData;
}

/** Where the product goes, or why it cannot go there: decided before the render, not found out after it. */
export type Placed = { output: string; diagnostics: Diagnostic[] } | { refused: Refusal; diagnostics: Diagnostic[] };

export interface RunOptions {
  /** The PDF (default), or the tables as a workbook (export). */
  product?: 'pdf' | 'tables';
  /** Print despite audit errors (never despite unreadable or invalid data): marked 未通过审核 on every page. */
  force?: boolean;
  draft?: LayoutOptions['draft'];
  /** Where to write it; without, the bytes are only returned. */
  place?: (checked: CheckedFile & { data: Department; derived: Derived }, forced: { errors: number } | undefined) => Promise<Placed>;
  /** False once a newer request makes this one pointless (the preview): checked between steps. */
  isCurrent?: () => boolean;
  /** A unit's 单位 document (the source is the unit's view): which unit, of which department. Default: the 部门 document. */
  document?: DocumentContext;
  /**
   * Paths of facts this document carries but another document's check answers for (a unit's view
   * holds the department's narrative, not split): findings about them are not this document's.
   */
  checkedElsewhere?: readonly string[];
  /** The run's choice of template set (--template-set, the project's), beside the data's own (set-choice.ts). */
  set?: SetChoice;
  /** A 单位 document: the department's data files it carries (its source is the unit's view), and its unit's name for the XMP. */
  carried?: Carried;
  unit?: string;
  /** The PDF's date instead of the data's (verify makes a PDF again with the date the PDF records). */
  created?: Date;
  /** A PDF for the screen (the preview), not to publish: the same pages, made faster (PREVIEW_PRINT). */
  preview?: boolean;
}

/**
 * What a preview's PDF leaves out, being only looked at: what only the published file needs —
 * no object streams, no structure tree (tags: the marked content and the tree, not what is drawn),
 * a fast deflate; and no PDF/A archive (the data inside, the OutputIntent, the XMP record) nor a
 * PDF/UA claim (run). Its pages look the same as the published file's (test/preview/pages.test.ts).
 */
export const PREVIEW_PRINT = { disable: ['objectStreams', 'tags'], deflateLevel: 1 } as const satisfies NonNullable<LayoutOptions['engine']>;

export interface RunResult {
  file: string;
  checked: CheckedFile;
  diagnostics: Diagnostic[];
  /** The product's bytes, when one was made. */
  bytes?: Buffer;
  pages?: number;
  /** sha256 of the bytes. */
  digest?: string;
  /** Where they were written. */
  output?: string;
  /** Printed despite this many audit errors. */
  forced?: { errors: number };
  refused?: Refusal;
  /** The data files the PDF carries (a 单位 document of the same data carries the same). */
  carried?: Carried;
}

/** One department through the whole program. */
export async function run(world: World, source: Source, options: RunOptions = {}): Promise<RunResult> {
  const current = options.isCurrent ?? (() => true);
  const { file } = source;

  // the fonts (tens of MB) are read while the data is checked: every printable document needs them
  world.warmFonts();
  // check
  const { checked: found, loaded } = await check(world, source, options.set);
  const checked = options.checkedElsewhere ? { ...found, diagnostics: withoutCause(found.diagnostics, [...options.checkedElsewhere]) } : found;
  const diagnostics = [...checked.diagnostics];
  const result: RunResult = { file, checked, diagnostics };
  const { data, derived } = checked;
  if (!data || !derived) return { ...result, refused: 'errors' };
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0 && !options.force) return { ...result, refused: 'errors' };
  // printed despite errors: marked on every page, and never under the real name
  const forced = errors > 0 ? { errors } : undefined;
  if (forced) result.forced = forced;
  if (!current()) return { ...result, refused: 'superseded' };

  // place
  let output: string | undefined;
  if (options.place) {
    const placed = await options.place({ ...checked, data, derived }, forced);
    diagnostics.push(...placed.diagnostics);
    if ('refused' in placed) return { ...result, refused: placed.refused };
    output = placed.output;
  }

  // environment: its diagnostics are the check's already
  const { env } = await world.environment(data.templateSet);
  if (!env) return { ...result, refused: 'failed' };
  if (!current()) return { ...result, refused: 'superseded' };

  // render
  const rendered = render(data, derived, env, file, { ...(forced ? { forcedErrors: forced.errors } : {}), product: options.product ?? 'pdf', ...(options.document ? { document: options.document } : {}), ...(options.created ? { created: options.created } : {}) });
  diagnostics.push(...placeIn(rendered.diagnostics, checked));
  if (!rendered.document) return { ...result, refused: refusalOf(rendered.diagnostics) };
  if (!current()) return { ...result, refused: 'superseded' };

  // layout: a PDF carries its data (archive.ts), and claims PDF/UA when the engine tags it
  const carried = options.carried ?? carriedFiles(file, loaded);
  const archive = options.product === 'tables' || options.preview ? undefined : await archiveFor(world, carried, data.templateSet, options.unit, options.draft?.date);
  const laid =
    options.product === 'tables'
      ? await tablesWorkbook(rendered.document, env)
      : await layout(
          rendered.document,
          data,
          env,
          file,
          { ...(options.draft ? { draft: options.draft } : {}), ...(forced ? { forced } : {}), ...(options.preview ? { engine: PREVIEW_PRINT } : {}) },
          options.preview ? {} : { ...(archive ? { archive } : {}), claims: { pdfua: true } },
        );
  if (carried) result.carried = carried;
  diagnostics.push(...placeIn(laid.diagnostics, checked));
  if (!laid.bytes) return { ...result, refused: refusalOf(laid.diagnostics) };
  const made = { ...result, bytes: laid.bytes, pages: laid.pages, digest: createHash('sha256').update(laid.bytes).digest('hex') };

  // write
  if (output === undefined) return made;
  try {
    await writeFileAtomic(output, laid.bytes);
  } catch (e) {
    diagnostics.push(writeProblem(e, output));
    return { ...result, refused: 'failed' };
  }
  return { ...made, output };
}

/** load → validate → derive → audit, from what the source already holds. */
async function check(world: World, source: Source, set: SetChoice | undefined): Promise<{ checked: CheckedFile; loaded: LoadedData }> {
  const loaded = source.loaded ?? (await world.data(source.file, source.bytes));
  return { checked: await checkLoaded(source.file, loaded, { world, ...(set ? { set } : {}) }), loaded };
}

/** A diagnostic about the data gets its line:col (or sheet › cell); one about the layout (no data path) names no place in the file. */
function placeIn(found: readonly Diagnostic[], checked: CheckedFile): Diagnostic[] {
  return found.map((d) => (d.path ? (locate([d], checked.positions)[0] ?? d) : d));
}

/** A figure the layout could not print whole, or a template that does not fit, is the template set's fault, not the data's: "改正数据或加 --force" would mislead. */
function refusalOf(found: readonly Diagnostic[]): Refusal {
  return found.some((d) => d.rule === 'template' || d.rule === 'figure-split') ? 'failed' : found.some((d) => d.rule === 'content-not-placed') ? 'incomplete' : 'errors';
}

/**
 * The build's own date for the PDF, when it gives one: SOURCE_DATE_EPOCH (seconds, the
 * reproducible-builds convention; the CLI's --creation-date sets it), else none and the data's
 * 公开日期 is used. Never the clock.
 */
export function creationDateOverride(env: NodeJS.ProcessEnv = process.env): Date | undefined {
  const v = env.SOURCE_DATE_EPOCH?.trim();
  if (!v || !/^\d{1,12}$/.test(v)) return undefined;
  return new Date(Number(v) * 1000);
}

/** The render step: templates → the document's text and tables, and the printed text's checks (hygiene, glyphs). */
export function render(data: Department, derived: Derived, env: Environment, file: string, options: { forcedErrors?: number; product?: 'pdf' | 'tables'; document?: DocumentContext; created?: Date } = {}): { document?: RenderedDocument; diagnostics: Diagnostic[] } {
  let rendered;
  try {
    const created = options.created ?? creationDateOverride();
    rendered = renderDocument(derived, data, env.set, { ...(options.forcedErrors ? { forcedErrors: options.forcedErrors } : {}), ...(created ? { created } : {}), ...(options.document ? { document: options.document } : {}) });
  } catch (e) {
    // a template that does not fit the data is reported like a data problem, with its place
    if (!(e instanceof TemplateError)) throw e;
    return { diagnostics: [{ file: e.file, path: '', rule: 'template', severity: 'error', message: e.message, ...(e.line ? { line: e.line } : {}) }] };
  }
  // the exported tables are the figures alone: the printed text's checks are the PDF's
  if (options.product === 'tables') return { document: rendered, diagnostics: [] };
  // the printed text reads right: a clash the template set makes is its error, one the data holds a warning
  const hygiene = checkPrintedText(rendered, data, env.set, file);
  if (hasErrors(hygiene)) return { diagnostics: hygiene };
  const printed = rendered.blocks.map((b) => b.text).join('') + Object.values(rendered.tables).flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => c.text))).join('') + JSON.stringify(data.performanceSheets);
  const diagnostics = [...hygiene, ...coverageDiagnostics(printed, env.fonts, file)];
  if (hasErrors(diagnostics)) return { diagnostics };
  return { document: rendered, diagnostics };
}

/** What the print records besides the document: the archive (PDF/A-3, the data inside) and the conformance claimed. */
export type Recorded = Pick<PrintOptions, 'archive' | 'claims'>;

/** The layout step: the rendered document onto pages, as PDF bytes, checked that nothing was lost, clipped or split. */
export async function layout(rendered: RenderedDocument, data: Department, env: Environment, file: string, options: LayoutOptions = {}, recorded: Recorded = {}): Promise<{ bytes?: Buffer; pages: number; diagnostics: Diagnostic[] }> {
  installFonts(env.fonts.families);
  const { definition: doc, numbering, annotations } = layoutDocument(rendered, env.set, env.fonts, options);
  const tagged = tagContent(doc.content, annotations);
  const { pdf, laid, pages } = await print(doc, { numbering, tagged, annotations, ...recorded, ...options.engine });
  const placed = laid && collectPlaced(laid);
  const extents = laid && pageExtents(laid);
  const split = laid && splitFigures(tagged, laid);
  const diagnostics: Diagnostic[] = [];
  // nothing lost: every text node the layout produced is on a page, or nothing is printed
  const missing = placed ? missingUnits(tagged, placed) : [{ label: '整个文档', text: '-', placed: '' }];
  diagnostics.push(...completenessDiagnostics(missing, data, file));
  // nothing past the margins, where a printer clips
  diagnostics.push(...boundsDiagnostics(extents ?? [], doc, file));
  // no figure broken over two lines of its cell, where a reader copies a wrong number
  diagnostics.push(...splitFigureDiagnostics(split ?? [], file));
  if (hasErrors(diagnostics)) return { pages: 0, diagnostics };
  return { bytes: pdf, pages, diagnostics };
}

/** Export's layout: the tables, in the set's order, as a workbook. */
async function tablesWorkbook(rendered: RenderedDocument, env: Environment): Promise<{ bytes: Buffer; pages: number; diagnostics: Diagnostic[] }> {
  const { writeTablesWorkbook } = await import('../write/tables.js');
  return { bytes: await writeTablesWorkbook(rendered, env.set.tableOrder, env.set.theme.numbers.wan.grouping), pages: 0, diagnostics: [] };
}

export interface RenderResult {
  pdf: Buffer;
  pages: number;
  diagnostics: Diagnostic[];
}

/** render → layout for a model already derived (tests and benchmarks drive the two steps directly). */
export async function renderToPdf(data: Department, derived: Derived, env: Environment, file: string, options: LayoutOptions = {}, recorded: Recorded = {}): Promise<RenderResult> {
  const rendered = render(data, derived, env, file, options.forced ? { forcedErrors: options.forced.errors } : {});
  if (!rendered.document) return { pdf: Buffer.alloc(0), pages: 0, diagnostics: rendered.diagnostics };
  const laid = await layout(rendered.document, data, env, file, options, recorded);
  const diagnostics = [...rendered.diagnostics, ...laid.diagnostics];
  return { pdf: laid.bytes ?? Buffer.alloc(0), pages: laid.bytes ? laid.pages : 0, diagnostics };
}
