/*
 * gongkai as a library: `import { check, render, build, batch } from 'gongkai'`. The CLI is built
 * on the same functions, and they on the one composition (pipeline/compose.ts). Everything a
 * department's data can get wrong comes back as diagnostics (`{ file, path, rule, severity,
 * message, line?, column?, sheet?, cell? }`), never as an exception; exceptions are gongkai's own
 * failures.
 *
 *   check(file)                 load → validate → derive → audit; nothing written
 *   render(file)                … → the PDF bytes in memory (refused, with diagnostics, on errors)
 *   build(file, { outDir })     … → out/<年度>/<部门名称>.pdf, written atomically
 *   batch({ dir, outDir })      every department under a folder, in parallel, incremental
 *   verify(pdfOrDir)            a published PDF against the data inside it: the same bytes or figures?
 *
 * `configure({ fontPaths, templates })` adds font and template folders for the whole process
 * (batch workers included), as the CLI's --font-path and --templates do.
 */

import path from 'node:path';
import type { Diagnostic } from './diagnostics/index.js';
import { runBatch, type BatchOptions } from './batch/index.js';
import { buildFile, checkDataFile, processWorld, run, type BuildOptions, type BuildResult, type CheckedFile, type SetChoice } from './pipeline/index.js';
import type { VerifySummary } from './verify/index.js';

export type { Diagnostic, Severity } from './diagnostics/index.js';
export type { Department, DepartmentInput } from './schema/index.js';
export type { BuildResult, CheckedFile, RenderResult, SetChoice } from './pipeline/index.js';
export type { BatchOptions } from './batch/index.js';
export type { BatchReport, BatchEntry } from './batch/types.js';
export type { VerifyResult, VerifyStatus, VerifySummary, Difference } from './verify/index.js';

export interface PathOptions {
  /** Folders searched for fonts (and a roles.json) before gongkai's own. */
  fontPaths?: string[];
  /** Folders holding template sets (a folder per set) searched before gongkai's own. */
  templates?: string[];
}

/** Adds font and template folders for this process and the workers it starts. */
export function configure(options: PathOptions): void {
  if (options.fontPaths) process.env.GONGKAI_FONT_PATHS = options.fontPaths.map((p) => path.resolve(p)).join(path.delimiter);
  if (options.templates) process.env.GONGKAI_TEMPLATES = options.templates.map((p) => path.resolve(p)).join(path.delimiter);
}

/** Load, validate, derive and audit a data file or 填报表. */
export function check(file: string): Promise<CheckedFile> {
  return checkDataFile(path.resolve(file));
}

export interface RenderOutput {
  /** Empty when nothing could be printed: see the diagnostics. */
  pdf: Buffer;
  pages: number;
  diagnostics: Diagnostic[];
}

/** A department's PDF in memory; nothing is written. Refused (empty pdf) when the data has errors, unless `force`. */
export async function render(file: string, options: { force?: boolean; set?: SetChoice } = {}): Promise<RenderOutput> {
  const r = await run(processWorld(), { file: path.resolve(file) }, { ...(options.force ? { force: true } : {}), ...(options.set ? { set: options.set } : {}) });
  return { pdf: r.bytes ?? Buffer.alloc(0), pages: r.bytes ? (r.pages ?? 0) : 0, diagnostics: r.diagnostics };
}

/** A department's PDF written to `<outDir>/<年度>/<部门名称>.pdf`. */
export function build(file: string, options: Omit<BuildOptions, 'outDir'> & { outDir?: string } = {}): Promise<BuildResult> {
  return buildFile(path.resolve(file), { ...options, outDir: path.resolve(options.outDir ?? 'out') });
}

/** Every department under a folder: parallel, incremental, with a report. */
export function batch(options: BatchOptions) {
  return runBatch({ ...options, dir: path.resolve(options.dir), outDir: path.resolve(options.outDir) });
}

/**
 * A PDF (or every PDF under a folder) checked against the data it carries: the data's SHA-256
 * against the recorded one, then made again with the recorded template set and compared — byte
 * for byte when this gongkai and set made it, else every printed figure, page by page. Each
 * result says in Chinese what differs ("第 N 页：印有 X，数据得出 Y").
 */
export async function verify(pdfOrDir: string): Promise<VerifySummary> {
  const { verifyPath } = await import('./verify/index.js');
  return verifyPath(path.resolve(pdfOrDir));
}
