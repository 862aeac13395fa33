import { createHash } from 'node:crypto';
import type { Derived } from '../derive/types.js';
import { hasErrors, type Diagnostic } from '../diagnostics/index.js';
import { missingUnits, tagContent } from '../layout/complete.js';
import { layoutDocument, type LayoutOptions } from '../layout/index.js';
import { installFonts, renderPdf } from '../layout/pdf.js';
import { TemplateError } from '../render/handlebars.js';
import { checkPrintedText } from '../render/hygiene.js';
import { renderDocument } from '../render/index.js';
import type { Department } from '../schema/index.js';
import { locate } from '../validate/index.js';
import { checkOutput, fileNameWarning, FORCED_SUFFIX, isSameFile, outputPath, writeFileAtomic, writeProblem } from '../write/index.js';
import { checkDataFile, checkLoaded, type CheckedFile, type LoadedData, type TemplateDefaultsCache } from './check.js';
import { coverageDiagnostics, environment, type Environment } from './environment.js';
import { boundsDiagnostics, completenessDiagnostics, splitFigureDiagnostics } from './complete.js';

/*
 * The whole program, top to bottom:
 *
 *   load → validate → derive (+ audit)     checkDataFile        (check.ts)
 *   render templates                       renderDocument       (render/)
 *   lay out                                layoutDocument, renderPdf (layout/)
 *   write                                  writeFileAtomic      (write/)
 *
 * Only load and write touch the disk. Everything a process loads once — template sets,
 * compiled templates, fonts, the pdfmake setup — is cached, so a batch worker or the preview
 * server pays for it once.
 */

export { checkDataFile, type CheckedFile } from './check.js';
export { coverageDiagnostics, environment, type Environment } from './environment.js';

export interface RenderResult {
  pdf: Buffer;
  pages: number;
  diagnostics: Diagnostic[];
}

/** render → lay out: the derived model to PDF bytes, in memory. */
export async function renderToPdf(data: Department, derived: Derived, env: Environment, file: string, options: LayoutOptions = {}): Promise<RenderResult> {
  let rendered;
  try {
    const created = creationDateOverride();
    rendered = renderDocument(derived, data, env.set, { ...(options.forced ? { forcedErrors: options.forced.errors } : {}), ...(created ? { created } : {}) });
  } catch (e) {
    // a template that does not fit the data is reported like a data problem, with its place
    if (!(e instanceof TemplateError)) throw e;
    return { pdf: Buffer.alloc(0), pages: 0, diagnostics: [{ file: e.file, path: '', rule: 'template', severity: 'error', message: e.message, ...(e.line ? { line: e.line } : {}) }] };
  }
  // the printed text reads right: a clash the template set makes is its error, one the data holds a warning
  const hygiene = checkPrintedText(rendered, data, env.set, file);
  if (hasErrors(hygiene)) return { pdf: Buffer.alloc(0), pages: 0, diagnostics: hygiene };
  const printed = rendered.blocks.map((b) => b.text).join('') + Object.values(rendered.tables).flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => c.text))).join('') + JSON.stringify(data.performanceSheets);
  const diagnostics = [...hygiene, ...coverageDiagnostics(printed, env.fonts, file)];
  if (hasErrors(diagnostics)) return { pdf: Buffer.alloc(0), pages: 0, diagnostics };
  installFonts(env.fonts.families);
  const { definition: doc, numbering } = layoutDocument(rendered, env.set, env.fonts, options);
  const tagged = tagContent(doc.content);
  const { pdf, placed, extents, pages, split } = await renderPdf(doc, { numbering, tagged });
  // nothing lost: every text node the layout produced is on a page, or nothing is printed
  const missing = placed ? missingUnits(tagged, placed) : [{ label: '整个文档', text: '-', placed: '' }];
  diagnostics.push(...completenessDiagnostics(missing, data, file));
  // nothing past the margins, where a printer clips
  diagnostics.push(...boundsDiagnostics(extents ?? [], doc, file));
  // no figure broken over two lines of its cell, where a reader copies a wrong number
  diagnostics.push(...splitFigureDiagnostics(split ?? [], file));
  if (hasErrors(diagnostics)) return { pdf: Buffer.alloc(0), pages: 0, diagnostics };
  return { pdf, pages, diagnostics };
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


export interface BuildResult {
  file: string;
  checked: CheckedFile;
  output?: string;
  pages?: number;
  bytes?: number;
  /** sha256 of the PDF bytes written. */
  digest?: string;
  /** Written despite audit errors (--force): marked 未通过审核 and named apart. */
  forced?: boolean;
  diagnostics: Diagnostic[];
  /** Set when nothing was written: errors, a layout that would lose content, a render failure, or an output that is the input itself. */
  refused?: 'errors' | 'incomplete' | 'failed' | 'output-is-input';
}

export interface BuildOptions {
  outDir: string;
  /** The PDF's own path (build -o x.pdf), instead of <outDir>/<年度>/<部门名称>.pdf. */
  output?: string;
  /** Print despite audit errors (never despite unreadable or invalid data). */
  force?: boolean;
  draft?: LayoutOptions['draft'];
  /** Template defaults (the glossary) kept across documents: a batch worker reads them once. */
  defaults?: TemplateDefaultsCache;
  /** The data file's bytes, already read (the batch hashes what it renders): not read again. */
  bytes?: Uint8Array;
  /** The data, already loaded (a batch reads a workbook once, to know its name): not read again. */
  loaded?: LoadedData;
  /** The path the batch planned for this department's PDF (its year and name, decided once for all departments). */
  planned?: string;
}

/** One department end to end: check, render, write out/<year>/<name>.pdf. */
export async function buildFile(file: string, options: BuildOptions): Promise<BuildResult> {
  const cache = options.defaults ? { cache: options.defaults } : {};
  const checked = options.loaded ? await checkLoaded(file, options.loaded, cache) : await checkDataFile(file, { ...cache, ...(options.bytes ? { bytes: options.bytes } : {}) });
  const diagnostics = [...checked.diagnostics];
  const result: BuildResult = { file, checked, diagnostics };
  if (!checked.data || !checked.derived) return { ...result, refused: 'errors' };
  if (hasErrors(diagnostics) && !options.force) return { ...result, refused: 'errors' };
  // printed despite errors (--force): marked on every page, and never under the real name — it
  // cannot be taken for the document, nor replace one that passed
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const forced = errors > 0 ? { errors } : undefined;
  // where the PDF goes can take it: checked before the render, not found out after it
  const output = options.output
    ? forced
      ? options.output.replace(/(\.pdf)?$/i, `${FORCED_SUFFIX}.pdf`)
      : options.output
    : !forced && options.planned
      ? options.planned
      : outputPath(options.outDir, checked.derived.year, checked.derived.department.name, forced ? FORCED_SUFFIX : '');
  if (await isSameFile(output, file)) return { ...result, diagnostics: [...diagnostics, outputIsInput(output, file)], refused: 'output-is-input' };
  if (!options.output) {
    const renamed = fileNameWarning(checked.derived.department.name, output, file);
    if (renamed) diagnostics.push(...locate([renamed], checked.positions));
  }
  const blocked = await checkOutput(output);
  if (blocked) return { ...result, diagnostics: [...diagnostics, blocked], refused: 'failed' };
  const { env } = await environment(checked.data.templateSet); // its diagnostics are the check's already
  if (!env) return { ...result, refused: 'failed' };
  const rendered = await renderToPdf(checked.data, checked.derived, env, file, { ...(options.draft ? { draft: options.draft } : {}), ...(forced ? { forced } : {}) });
  // a diagnostic about the data gets its line:col; one about the layout (no data path) names no place in the file
  rendered.diagnostics = rendered.diagnostics.map((d) => (d.path ? (locate([d], checked.positions)[0] ?? d) : d));
  diagnostics.push(...rendered.diagnostics);
  if (hasErrors(rendered.diagnostics)) {
    // a figure the layout could not print whole is the template set's fault, not the data's: "改正数据或加 --force" would mislead
    const refused = rendered.diagnostics.some((d) => d.rule === 'template' || d.rule === 'figure-split') ? 'failed' : rendered.diagnostics.some((d) => d.rule === 'content-not-placed') ? 'incomplete' : 'errors';
    return { ...result, refused };
  }
  try {
    await writeFileAtomic(output, rendered.pdf);
  } catch (e) {
    return { ...result, diagnostics: [...diagnostics, writeProblem(e, output)], refused: 'failed' };
  }
  return { ...result, output, pages: rendered.pages, bytes: rendered.pdf.length, digest: createHash('sha256').update(rendered.pdf).digest('hex'), ...(forced ? { forced: true } : {}) };
}

export interface ExportResult {
  file: string;
  output?: string;
  diagnostics: Diagnostic[];
  refused?: 'errors' | 'failed' | 'output-is-input';
}

/** The set's tables as a workbook beside the PDF: out/<year>/<name><TABLES_SUFFIX>.xlsx. */
export async function exportTablesFile(file: string, options: { outDir: string }): Promise<ExportResult> {
  const checked = await checkDataFile(file);
  const diagnostics = [...checked.diagnostics];
  if (!checked.data || !checked.derived || hasErrors(diagnostics)) return { file, diagnostics, refused: 'errors' };
  const { env } = await environment(checked.data.templateSet);
  if (!env) return { file, diagnostics, refused: 'failed' };
  let rendered;
  try {
    rendered = renderDocument(checked.derived, checked.data, env.set);
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    return { file, diagnostics: [...diagnostics, { file: e.file, path: '', rule: 'template', severity: 'error', message: e.message, ...(e.line ? { line: e.line } : {}) }], refused: 'failed' };
  }
  const { writeTablesWorkbook } = await import('../write/tables.js');
  const bytes = await writeTablesWorkbook(rendered, env.set.tableOrder, env.set.theme.numbers.wan.grouping);
  const output = outputPath(options.outDir, checked.derived.year, checked.derived.department.name, TABLES_SUFFIX, '.xlsx');
  if (await isSameFile(output, file)) return { file, diagnostics: [...diagnostics, outputIsInput(output, file)], refused: 'output-is-input' };
  const renamed = fileNameWarning(checked.derived.department.name, output, file);
  if (renamed) diagnostics.push(...locate([renamed], checked.positions));
  const blocked = await checkOutput(output);
  if (blocked) return { file, diagnostics: [...diagnostics, blocked], refused: 'failed' };
  try {
    await writeFileAtomic(output, bytes);
  } catch (e) {
    return { file, diagnostics: [...diagnostics, writeProblem(e, output)], refused: 'failed' };
  }
  return { file, output, diagnostics };
}

/** The output would replace the data it is made from (a link, another spelling of the same file). */
function outputIsInput(output: string, file: string): Diagnostic {
  return { file, path: '', rule: 'output-is-input', severity: 'error', message: `输出文件“${output}”就是这份数据文件本身（或指向它），写入会覆盖它：请换一个输出位置（-o）` };
}

/** The exported tables' name: 部门（预算公开表）.xlsx beside 部门.pdf. */
export const TABLES_SUFFIX = '（预算公开表）';
