import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { placeOf, type Diagnostic } from '../diagnostics/index.js';
import { discoverDataFiles } from '../load/discover.js';
import { LIMITS } from '../schema/common.js';
import { fontFiles } from '../load/font-set.js';
import { readFontBytesShared } from '../load/fonts.js';
import { outputPath, writeFileAtomic, writeProblem } from '../write/index.js';
import { documentHash, Fingerprints, pdfMatchesRecord, readHashRecord, toolVersion } from './fingerprint.js';
import { DEFAULT_TIMEOUT_SECONDS, poolSize, runPool } from './pool.js';
import type { BatchCounts, BatchEntry, BatchReport, JobMessage, JobResult } from './types.js';

export type * from './types.js';
export { DEFAULT_TIMEOUT_SECONDS, poolSize, workerEntry } from './pool.js';
export { hashFilePath } from './fingerprint.js';

/*
 * Batch regeneration: every department data file under a directory, rendered in parallel on a
 * worker-thread pool, each PDF written atomically, skipped when its data and environment are
 * unchanged since its last PDF. One department's failure is reported and the others finish.
 *
 *   runBatch({ dir: 'data', outDir: 'out' })  →  BatchReport (+ out/<year>/batch-report.json)
 */

export interface BatchOptions {
  /** Directory (or single file) of department data files. */
  dir: string;
  outDir: string;
  /** Worker threads (default: os.availableParallelism(), at most the number of files). */
  jobs?: number;
  /** Render everything, even what is up to date. */
  force?: boolean;
  /** Stops dispatching, terminates the workers, removes temp files. */
  signal?: AbortSignal;
  /** Called once the work is planned, and for each department as it finishes (skipped ones first). */
  onEvent?: (event: BatchEvent) => void;
  /** Paths in the report relative to this directory (default: as found). */
  relativeTo?: string;
  /** Write batch-report.json files (default true). */
  writeReports?: boolean;
  /** Seconds one department may take before it is stopped and reported failed (default 120). */
  timeout?: number;
}

export type BatchEvent =
  | { type: 'plan'; total: number; toRender: number; skipped: number; jobs: number }
  | { type: 'entry'; entry: BatchEntry; done: number; total: number };

interface Planned {
  file: string;
  year?: number;
  output?: string;
  hash?: string;
  templateSet: string;
  /** The bytes hashed: the worker renders exactly these. */
  bytes?: Buffer;
}

const REPORT_NAME = 'batch-report.json';
const SUMMARY_NAME = 'batch-summary.json';
const SUMMARY_PAGE = 'batch-summary.html';

/** What a data file says about its output, read without validating (the worker validates). */
function peek(bytes: Buffer): { year?: number; name?: string; templateSet: string } {
  try {
    const json = JSON.parse(bytes.toString('utf8')) as { year?: unknown; templateSet?: unknown; department?: { name?: unknown } };
    const year = Number.isInteger(json.year) ? (json.year as number) : undefined;
    const name = typeof json.department?.name === 'string' && json.department.name.trim() ? json.department.name.trim() : undefined;
    const templateSet = typeof json.templateSet === 'string' ? json.templateSet : 'shanxi-zonggai';
    return { ...(year !== undefined ? { year } : {}), ...(name !== undefined ? { name } : {}), templateSet };
  } catch {
    return { templateSet: 'shanxi-zonggai' };
  }
}

const exists = (p: string) => stat(p).then((s) => s.isFile(), () => false);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temp files of interrupted writes under outDir: with `ownOnly`, this process's (after
 * an abort); otherwise those of processes no longer running (a batch killed with SIGKILL).
 * Another live process's temp files are never touched.
 */
export async function removeTempFiles(outDir: string, options: { ownOnly?: boolean } = {}): Promise<string[]> {
  const files = await fg('**/.*.tmp', { cwd: outDir, dot: true, onlyFiles: true, suppressErrors: true, followSymbolicLinks: false });
  const removed: string[] = [];
  for (const f of files) {
    const m = /\.(\d+)\.\d+\.tmp$/.exec(f);
    if (!m) continue;
    const pid = Number(m[1]);
    const own = pid === process.pid;
    if (!(options.ownOnly ? own : !own && !isAlive(pid))) continue;
    await rm(path.join(outDir, f), { force: true });
    removed.push(path.join(outDir, f));
  }
  return removed;
}

/** A path relative to `base` when it lies inside it, else as given. */
function relativeTo(p: string, base: string | undefined): string {
  if (!base || !path.isAbsolute(p)) return p;
  const rel = path.relative(base, p);
  if (rel === '') return '.';
  return rel.startsWith('..') || path.isAbsolute(rel) ? p : rel;
}

export function countEntries(entries: readonly BatchEntry[]): BatchCounts {
  const c: BatchCounts = { total: entries.length, produced: 0, skipped: 0, failed: 0, interrupted: 0 };
  for (const e of entries) c[e.status]++;
  return c;
}

export async function runBatch(options: BatchOptions): Promise<BatchReport> {
  const started = new Date();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const version = await toolVersion();
  const shown = (p: string) => relativeTo(p, options.relativeTo);
  const entries = new Map<string, BatchEntry>();
  const { files, diagnostics: found } = await discoverDataFiles(options.dir);
  const notices: Diagnostic[] = found.filter((d) => d.rule !== 'no-data').map((d) => ({ ...d, file: shown(d.file) }));
  await removeTempFiles(options.outDir);

  // ── plan: what each file would produce, and whether it is already up to date ────────────
  const fingerprints = new Fingerprints();
  const planned: Planned[] = [];
  const byOutput = new Map<string, string>();
  for (const file of files) {
    let bytes: Buffer;
    try {
      // an oversized file is not read here: the worker's load reports it
      if ((await stat(file)).size > LIMITS.fileBytes) throw new Error('too large');
      bytes = await readFile(file);
    } catch {
      planned.push({ file, templateSet: 'shanxi-zonggai' }); // the worker reports file-not-found, file-too-large…
      continue;
    }
    const { year, name, templateSet } = peek(bytes);
    const p: Planned = { file, templateSet, hash: documentHash(bytes, await fingerprints.environment(templateSet)), bytes };
    if (year !== undefined) p.year = year;
    if (year !== undefined && name !== undefined) {
      p.output = outputPath(options.outDir, year, name);
      const first = byOutput.get(p.output);
      if (first !== undefined) {
        entries.set(file, {
          file: shown(file),
          status: 'failed',
          year,
          reason: `[duplicate-output] 与“${shown(first)}”输出到同一个文件 ${shown(p.output)}（同一年度、同一部门名称）`,
          errors: [{ file, path: 'department.name', rule: 'duplicate-output', severity: 'error', message: `与“${first}”输出到同一个文件（同一年度、同一部门名称）` }],
        });
        continue;
      }
      byOutput.set(p.output, file);
      if (!options.force && (await exists(p.output))) {
        const rec = await readHashRecord(p.output);
        // skipped only when the data is what the PDF was made from and the PDF is still that PDF
        if (rec && rec.hash === p.hash && (await pdfMatchesRecord(p.output, rec))) {
          entries.set(file, {
            file: shown(file),
            status: 'skipped',
            year,
            output: shown(p.output),
            ...(rec.pages !== undefined ? { pages: rec.pages } : {}),
            ...(rec.bytes !== undefined ? { bytes: rec.bytes } : {}),
            hash: p.hash,
          });
          continue;
        }
      }
    }
    planned.push(p);
  }

  const size = planned.length ? poolSize(planned.length, options.jobs) : 0;
  const total = files.length;
  let done = 0;
  options.onEvent?.({ type: 'plan', total, toRender: planned.length, skipped: total - planned.length, jobs: size });
  for (const e of entries.values()) options.onEvent?.({ type: 'entry', entry: e, done: ++done, total });

  // ── render ─────────────────────────────────────────────────────────────────────────────────
  const jobs: JobMessage[] = planned.map((p, id) => ({ type: 'job', id, file: p.file, outDir: options.outDir, version, ...(p.hash ? { hash: p.hash } : {}), ...(p.bytes ? { bytes: new Uint8Array(p.bytes) } : {}) }));
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_SECONDS;
  const onResult = (r: JobResult) => {
    const p = planned[r.id]!;
    const year = r.year ?? p.year;
    const entry: BatchEntry = {
      file: shown(p.file),
      status: r.status,
      ...(year !== undefined ? { year } : {}),
      ...(r.output ? { output: shown(r.output), pages: r.pages!, bytes: r.bytes! } : {}),
      seconds: Number(r.seconds.toFixed(3)),
      ...(r.reason ? { reason: r.reason, errors: (r.errors ?? []).map((d) => ({ ...d, file: shown(d.file) })) } : {}),
      warnings: r.warnings,
      ...(r.warningList?.length ? { warningList: r.warningList.map((d) => ({ ...d, file: shown(d.file) })) } : {}),
      ...(p.hash ? { hash: p.hash } : {}),
    };
    entries.set(p.file, entry);
    options.onEvent?.({ type: 'entry', entry, done: ++done, total });
  };
  // one copy of the fonts for all workers (a missing font: each worker reports it per department)
  const fontBytes = size > 0 ? await fontFiles().then(readFontBytesShared).catch(() => undefined) : undefined;
  const run = await runPool(jobs, {
    size,
    templateSets: [...new Set(planned.map((p) => p.templateSet))],
    ...(fontBytes ? { fontBytes } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    timeoutMs: timeout * 1000,
    onResult,
  });
  if (run.interrupted || [...entries.values()].some((e) => e.errors?.some((d) => d.rule === 'timeout'))) {
    // a terminated worker may have left its temp file
    if (!run.interrupted) await removeTempFiles(options.outDir, { ownOnly: true });
  }
  if (run.interrupted) {
    for (const job of run.unfinished) {
      const p = planned[job.id]!;
      if (!entries.has(p.file)) entries.set(p.file, { file: shown(p.file), status: 'interrupted', ...(p.year !== undefined ? { year: p.year } : {}), reason: '已中断，未生成' });
    }
    await removeTempFiles(options.outDir, { ownOnly: true });
  }

  // ── report ─────────────────────────────────────────────────────────────────────────────────
  const ordered = files.map((f) => entries.get(f)!).filter(Boolean);
  const seconds = (performance.now() - t0) / 1000;
  const counts = countEntries(ordered);
  const cpu = process.cpuUsage(cpu0);
  const report: BatchReport = {
    tool: 'gongkai batch',
    version,
    runtime: { node: process.version, v8Flags: process.execArgv.filter((a) => /^--(?!import|require|loader|experimental)/.test(a)) },
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    seconds: Number(seconds.toFixed(3)),
    jobs: size,
    force: options.force === true,
    interrupted: run.interrupted,
    dir: shown(options.dir),
    outDir: shown(options.outDir),
    counts,
    cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(3)),
    rate: counts.produced && seconds > 0 ? Number((counts.produced / seconds).toFixed(3)) : 0,
    memory: { peakRss: run.peakRss, peakWorkerHeap: run.peakHeap, processMaxRss: process.resourceUsage().maxRSS * 1024 },
    entries: ordered,
    reports: [],
    timeout,
    notices,
  };
  if (options.writeReports !== false) {
    try {
      report.reports = (await writeReports(report, options.outDir)).map(shown);
    } catch (e) {
      // the batch's result stands; only its file is missing — the summary still reaches the terminal
      const d = writeProblem(e, path.join(options.outDir, REPORT_NAME));
      report.notices.push({ ...d, file: shown(d.file), message: `批量报告未能写入：${d.message}` });
    }
  }
  return report;
}

/** out/<year>/batch-report.json for each year present; files of unknown year in out/batch-report.json. */
export async function writeReports(report: BatchReport, outDir: string): Promise<string[]> {
  const groups = new Map<string, BatchEntry[]>();
  for (const e of report.entries) {
    const key = e.year !== undefined ? String(e.year) : '';
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(e);
  }
  const written: string[] = [];
  // the zone's one summary across years: JSON and a page to read
  const summary = zoneSummary(report);
  const json = path.join(outDir, SUMMARY_NAME);
  await writeFileAtomic(json, JSON.stringify(summary, null, 2) + '\n');
  const html = path.join(outDir, SUMMARY_PAGE);
  await writeFileAtomic(html, summaryPage(summary));
  written.push(json, html);
  for (const [year, list] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const file = year ? path.join(outDir, year, REPORT_NAME) : path.join(outDir, REPORT_NAME);
    const counts = countEntries(list);
    const { reports: _reports, ...rest } = report;
    const body = { ...rest, ...(year ? { year: Number(year) } : { year: null }), counts, entries: list };
    await writeFileAtomic(file, JSON.stringify(body, null, 2) + '\n');
    written.push(file);
  }
  return written;
}

export interface ZoneSummaryRow {
  file: string;
  year: number | null;
  status: BatchEntry['status'];
  output: string | null;
  pages: number | null;
  errors: number;
  warnings: number;
  seconds: number | null;
  /** Why it failed, or its first warnings: one line each. */
  notes: string[];
}

export interface ZoneSummary {
  startedAt: string;
  seconds: number;
  counts: BatchReport['counts'];
  rows: ZoneSummaryRow[];
}

/** One row per department of the whole run, every year together. */
export function zoneSummary(report: BatchReport): ZoneSummary {
  return {
    startedAt: report.startedAt,
    seconds: report.seconds,
    counts: report.counts,
    rows: report.entries.map((e) => ({
      file: e.file,
      year: e.year ?? null,
      status: e.status,
      output: e.output ?? null,
      pages: e.pages ?? null,
      errors: e.errors?.length ?? 0,
      warnings: e.warnings ?? 0,
      seconds: e.seconds ?? null,
      notes: [...(e.reason ? [e.reason] : []), ...(e.warningList ?? []).slice(0, 3).map((d) => `${placeOf(d)}  [${d.rule}] ${d.message}`)],
    })),
  };
}

const esc = (s: unknown) => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const STATUS: Record<BatchEntry['status'], string> = { produced: '已生成', skipped: '未变化', failed: '失败', interrupted: '中断' };

/** The summary as a page to open in a browser: self-contained, no script. */
export function summaryPage(s: ZoneSummary): string {
  const rows = s.rows
    .map(
      (r) =>
        `<tr class="${r.status}"><td>${esc(r.file)}</td><td>${esc(r.year ?? '')}</td><td>${STATUS[r.status]}</td><td class="n">${esc(r.pages ?? '')}</td><td class="n">${r.errors}</td><td class="n">${r.warnings}</td><td class="n">${r.seconds === null ? '' : r.seconds.toFixed(2)}</td><td>${esc(r.output ?? '')}</td><td>${r.notes.map(esc).join('<br>')}</td></tr>`,
    )
    .join('\n');
  const c = s.counts;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>批量生成汇总</title>
<style>body{font-family:"Noto Sans SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em}table{border-collapse:collapse;font-size:14px}th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}td.n{text-align:right}tr.failed{background:#fde8e8}tr.skipped{color:#666}</style></head>
<body><h1>批量生成汇总</h1>
<p>开始于 ${esc(s.startedAt)}，用时 ${s.seconds.toFixed(1)} 秒：${c.total} 个部门，生成 ${c.produced}，未变化 ${c.skipped}，失败 ${c.failed}${c.interrupted ? `，中断 ${c.interrupted}` : ''}。</p>
<table><thead><tr><th>数据文件</th><th>年度</th><th>结果</th><th>页数</th><th>错误</th><th>警告</th><th>用时（秒）</th><th>输出</th><th>说明</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`;
}
