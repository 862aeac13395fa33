import { getHeapStatistics } from 'node:v8';
import { hasErrors, placeOf, type Diagnostic } from '../diagnostics/index.js';
import { compileSet } from '../render/handlebars.js';
import { buildFile, processWorld } from '../pipeline/index.js';
import { writeFileAtomic, writeProblem } from '../write/index.js';
import { hashFilePath, type HashRecord } from './fingerprint.js';
import type { JobMessage, JobResult } from './types.js';

/*
 * One department, the same way `gongkai build` makes it (buildFile: check → render → atomic
 * write; refused on audit errors), plus the hash record beside the PDF. Runs inside a batch
 * worker; never throws: a failure is a result.
 */

function firstErrors(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error').slice(0, 5);
}

/** Warnings a report lists with their messages (the count says if there are more). */
const LISTED_WARNINGS = 50;

export function listedWarnings(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'warning').slice(0, LISTED_WARNINGS);
}

/** One line: where the first error is, its rule and message, and how many more there are. */
export function reasonOf(errors: readonly Diagnostic[], total: number): string {
  const first = errors[0];
  if (!first) return '未知原因';
  const where = first.line !== undefined || first.sheet ? `${placeOf(first)}  ` : '';
  const more = total > 1 ? `（另有 ${total - 1} 个错误）` : '';
  return `${where}${first.path ? `${first.path}：` : ''}[${first.rule}] ${first.message.split('\n')[0]}${more}`;
}

const memory = () => ({ rss: process.memoryUsage.rss(), heap: getHeapStatistics().used_heap_size });

/** A load job: the file read (a workbook parsed) as build would, nothing checked or rendered. */
async function loadJob(job: JobMessage, seconds: () => number): Promise<JobResult> {
  const loaded = await processWorld().data(job.file, job.bytes);
  const { json, positions, diagnostics } = loaded;
  return { type: 'result', id: job.id, status: 'loaded', loaded: { ...(json !== undefined ? { json } : {}), positions, diagnostics, ...('text' in loaded && typeof loaded.text === 'string' ? { text: loaded.text } : {}) }, seconds: seconds(), warnings: 0, ...memory() };
}

export async function runJob(job: JobMessage): Promise<JobResult> {
  const t0 = performance.now();
  const seconds = () => (performance.now() - t0) / 1000;
  try {
    if (job.load) return await loadJob(job, seconds);
    const result = await buildFile(job.file, { outDir: job.outDir, ...(job.loaded ? { loaded: job.loaded } : job.bytes ? { bytes: job.bytes } : {}), ...(job.output ? { planned: job.output } : {}), ...(job.set ? { set: job.set } : {}) });
    const errors = firstErrors(result.diagnostics);
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
    const year = result.checked.data?.year;
    if (!result.output) {
      const total = result.diagnostics.filter((d) => d.severity === 'error').length;
      return {
        type: 'result',
        id: job.id,
        status: 'failed',
        ...(year !== undefined ? { year } : {}),
        seconds: seconds(),
        reason: total ? reasonOf(errors, total) : '生成失败，未写入 PDF',
        errors,
        warnings,
        warningList: listedWarnings(result.diagnostics),
        ...memory(),
      };
    }
    if (job.hash) {
      const listed = listedWarnings(result.diagnostics);
      const record: HashRecord = {
        hash: job.hash,
        pages: result.pages!,
        bytes: result.bytes!,
        pdf: result.digest!,
        version: job.version,
        ...(job.dataHash ? { data: job.dataHash } : {}),
        ...(result.checked.data ? { templateSet: result.checked.data.templateSet } : {}),
        ...(year !== undefined ? { year } : {}),
        ...(job.source ? { source: job.source } : {}),
        warnings,
        ...(listed.length ? { warningList: listed } : {}),
      };
      try {
        await writeFileAtomic(hashFilePath(result.output), JSON.stringify(record) + '\n');
      } catch (e) {
        // the PDF is there; without its record the next run renders it again — say why
        const d = writeProblem(e, hashFilePath(result.output));
        return { type: 'result', id: job.id, status: 'failed', ...(year !== undefined ? { year } : {}), seconds: seconds(), reason: `[${d.rule}] ${d.message}`, errors: [d], warnings, ...memory() };
      }
    }
    return {
      type: 'result',
      id: job.id,
      status: 'produced',
      ...(year !== undefined ? { year } : {}),
      output: result.output,
      pages: result.pages!,
      bytes: result.bytes!,
      digest: result.digest!,
      seconds: seconds(),
      warnings,
      warningList: listedWarnings(result.diagnostics),
      ...memory(),
    };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const d: Diagnostic = { file: job.file, path: '', rule: 'render-failed', severity: 'error', message: `生成失败：${err.message}` };
    return { type: 'result', id: job.id, status: 'failed', seconds: seconds(), reason: `[render-failed] ${d.message.split('\n')[0]}`, errors: [d], warnings: 0, ...memory() };
  }
}

/**
 * Loads what every document of these template sets needs before the first one: the template
 * set, compiled; the font files, read and parsed. Kept by the thread's World for its life, so
 * each worker pays for it once.
 */
export async function warm(templateSets: readonly string[]): Promise<void> {
  for (const name of templateSets) {
    try {
      const { env, diagnostics } = await processWorld().environment(name);
      if (!env || hasErrors(diagnostics)) continue;
      compileSet(env.set);
      for (const role of ['body', 'table', 'heading', 'title'] as const) env.fonts.missing(role, '一');
    } catch {
      // an unknown or broken template set: the documents that name it report why
    }
  }
}
