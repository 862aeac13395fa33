import { readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { placeOf, type Diagnostic } from '../diagnostics/index.js';
import { discoverDataFiles } from '../load/discover.js';
import { LIMITS } from '../schema/common.js';
import { fontFiles } from '../load/font-set.js';
import { readFontBytesShared } from '../load/fonts.js';
import { isWorkbookFile } from '../load/workbook.js';
import type { LoadedData } from '../pipeline/check.js';
import { outputPath, stalePath, writeFileAtomic, writeProblem } from '../write/index.js';
import { collisionKey } from '../write/names.js';
import { dataHash, documentHash, Fingerprints, hashFilePath, hashRecordsUnder, pdfMatchesRecord, readHashRecord, toolVersion, type HashRecord } from './fingerprint.js';
import { DEFAULT_TIMEOUT_SECONDS, poolSize, runPool, type StartTimer } from './pool.js';
import type { BatchCounts, BatchEntry, BatchReport, JobMessage, JobResult } from './types.js';
import { chooseSet, namedSet, type SetChoice } from '../pipeline/set-choice.js';

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
  /** How a department's time limit is kept (tests decide when it is reached). */
  startTimer?: StartTimer;
  /** The template set for every department (--template-set), or for those whose data names none (the project's). */
  set?: SetChoice;
}

export type BatchEvent =
  | { type: 'plan'; total: number; toRender: number; skipped: number; jobs: number }
  | { type: 'entry'; entry: BatchEntry; done: number; total: number };

interface Planned {
  file: string;
  year?: number;
  output?: string;
  hash?: string;
  /** sha256 of the data bytes alone. */
  dataHash?: string;
  templateSet: string;
  /** The bytes hashed: the worker renders exactly these. */
  bytes?: Buffer;
  /** A workbook as the plan's load job read it: rendered from this, not parsed again. */
  loaded?: LoadedData;
}

const REPORT_NAME = 'batch-report.json';
const SUMMARY_NAME = 'batch-summary.json';
const SUMMARY_PAGE = 'batch-summary.html';

interface Peeked {
  year?: number;
  name?: string;
  templateSet: string;
}

/** What a department's data says about its output, read without validating (the worker validates). */
function peekJson(value: unknown, choice: SetChoice): Peeked {
  const json = (value && typeof value === 'object' ? value : {}) as { year?: unknown; templateSet?: unknown; department?: { name?: unknown } };
  const year = Number.isInteger(json.year) ? (json.year as number) : undefined;
  const name = typeof json.department?.name === 'string' && json.department.name.trim() ? json.department.name.trim() : undefined;
  const templateSet = chooseSet(namedSet(json), choice);
  return { ...(year !== undefined ? { year } : {}), ...(name !== undefined ? { name } : {}), templateSet };
}

/** A JSON data file's bytes: the same, parsed (unreadable JSON says nothing; the worker reports it). */
function peek(bytes: Buffer, choice: SetChoice): Peeked {
  try {
    return peekJson(JSON.parse(bytes.toString('utf8')), choice);
  } catch {
    return { templateSet: chooseSet(undefined, choice) };
  }
}

/** Fills in a planned department's template set, content hash, year and output from what its data says. */
async function describe(p: Planned, peeked: Peeked, outDir: string, fingerprints: Fingerprints, choice: SetChoice): Promise<void> {
  p.templateSet = peeked.templateSet;
  if (p.bytes) p.hash = documentHash(p.bytes, await fingerprints.environment(peeked.templateSet, choice));
  if (peeked.year !== undefined) p.year = peeked.year;
  if (peeked.year !== undefined && peeked.name !== undefined) p.output = outputPath(outDir, peeked.year, peeked.name);
}

/**
 * A workbook made into a PDF before from these very bytes, under this environment: its template
 * set, year and output, from that PDF's hash record — without parsing it again.
 */
async function recordFor(earlier: ReadonlyArray<{ pdf: string; record: HashRecord }>, p: Planned, fingerprints: Fingerprints, choice: SetChoice): Promise<Partial<Planned> | undefined> {
  for (const { pdf, record } of earlier) {
    if (record.data !== p.dataHash || !record.templateSet || record.year === undefined) continue;
    // made under another choice of set: its hash differs, and the workbook is read again
    const templateSet = choice.override ?? record.templateSet;
    const hash = documentHash(p.bytes!, await fingerprints.environment(templateSet, choice));
    if (hash === record.hash) return { templateSet, year: record.year, output: pdf, hash };
  }
  return undefined;
}

/**
 * PDFs no longer current, renamed aside (X.pdf → X（未更新）.pdf) so that none is published for
 * current under its final name: a failed department's own (at its planned name, and wherever its
 * data file's earlier PDFs were), and a renamed department's PDF under its former name. A
 * department made again clears its own 「未更新」 copy.
 */
class Stale {
  private readonly bySource = new Map<string, string[]>();
  constructor(earlier: ReadonlyArray<{ pdf: string; record: HashRecord }>, private readonly shown: (p: string) => string) {
    for (const { pdf, record } of earlier) if (record.source) this.bySource.set(record.source, [...(this.bySource.get(record.source) ?? []), pdf]);
  }

  async failed(entry: BatchEntry, file: string, planned: string | undefined): Promise<void> {
    const moved = await this.moveAside([...new Set([...(planned ? [planned] : []), ...(this.bySource.get(path.resolve(file)) ?? [])])]);
    if (moved.length) entry.stale = moved.map(this.shown);
  }

  async produced(entry: BatchEntry, file: string, output: string): Promise<void> {
    await rm(stalePath(output), { force: true }).catch(() => undefined);
    const former = (this.bySource.get(path.resolve(file)) ?? []).filter((pdf) => collisionKey(pdf) !== collisionKey(output));
    const moved = await this.moveAside(former);
    if (moved.length) entry.stale = moved.map(this.shown);
  }

  private async moveAside(pdfs: readonly string[]): Promise<string[]> {
    const moved: string[] = [];
    for (const pdf of pdfs) {
      if (!(await exists(pdf))) continue;
      const aside = stalePath(pdf);
      try {
        await rename(pdf, aside);
        moved.push(aside);
      } catch {
        continue; // could not rename: the report still says it failed
      }
      // its record described the PDF as current: without it, nothing is skipped against the old file
      await rm(hashFilePath(pdf), { force: true }).catch(() => undefined);
    }
    return moved;
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
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_SECONDS;
  const total = files.length;
  let done = 0;
  const pending: Array<[string, BatchEntry]> = [];
  /** An entry known before the pool starts: announced once the plan is. */
  const settle = (file: string, entry: BatchEntry) => {
    entries.set(file, entry);
    pending.push([file, entry]);
  };

  // ── plan: what each file would produce, and whether it is already up to date ────────────
  const fingerprints = new Fingerprints();
  const choice = options.set ?? {};
  const earlier = await hashRecordsUnder(options.outDir);
  const planned: Planned[] = [];
  const toLoad: Planned[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      // an oversized file is not read here: the worker's load reports it
      if ((await stat(file)).size > LIMITS.fileBytes) throw new Error('too large');
      bytes = await readFile(file);
    } catch {
      planned.push({ file, templateSet: chooseSet(undefined, choice) }); // the worker reports file-not-found, file-too-large…
      continue;
    }
    const p: Planned = { file, templateSet: chooseSet(undefined, choice), bytes, dataHash: dataHash(bytes) };
    if (isWorkbookFile(file)) {
      // a workbook's year, name and template set are inside it: known from the record of an earlier
      // run made from these very bytes, else read (in the pool: parsing takes a while)
      const known = await recordFor(earlier, p, fingerprints, choice);
      if (known) Object.assign(p, known);
      else {
        toLoad.push(p);
        continue;
      }
    } else await describe(p, peek(bytes, choice), options.outDir, fingerprints, choice);
    planned.push(p);
  }

  // ── workbooks not seen before: read once, in parallel; the render takes what was read ──────
  const interruptedPlan: Planned[] = [];
  if (toLoad.length) {
    const loads: JobMessage[] = toLoad.map((p, id) => ({ type: 'job', id, file: p.file, outDir: options.outDir, version, load: true, bytes: new Uint8Array(p.bytes!) }));
    const run = await runPool(loads, {
      size: poolSize(loads.length, options.jobs),
      templateSets: [],
      ...(options.signal ? { signal: options.signal } : {}),
      timeoutMs: timeout * 1000,
      ...(options.startTimer ? { startTimer: options.startTimer } : {}),
      onResult: (r) => {
        const p = toLoad[r.id]!;
        if (r.status === 'loaded' && r.loaded) {
          p.loaded = r.loaded;
          return;
        }
        // a workbook that could not even be read in time, or crashed its reader
        settle(p.file, { file: shown(p.file), status: 'failed', seconds: Number(r.seconds.toFixed(3)), reason: r.reason ?? '读取失败', errors: (r.errors ?? []).map((d) => ({ ...d, file: shown(d.file) })), warnings: 0 });
      },
    });
    for (const job of run.unfinished) interruptedPlan.push(toLoad[job.id]!);
    for (const p of toLoad) {
      if (entries.has(p.file) || interruptedPlan.includes(p)) continue;
      if (p.loaded?.json !== undefined) await describe(p, peekJson(p.loaded.json, choice), options.outDir, fingerprints, choice);
      planned.push(p);
    }
    if (run.interrupted) await removeTempFiles(options.outDir, { ownOnly: true });
  }

  // ── one department, one output: two inputs naming the same PDF both fail, each naming the other ──
  const byOutput = new Map<string, Planned[]>();
  for (const p of planned) {
    if (!p.output) continue;
    const key = collisionKey(p.output);
    byOutput.set(key, [...(byOutput.get(key) ?? []), p]);
  }
  const clashing = new Set<Planned>();
  for (const group of byOutput.values()) {
    if (group.length < 2) continue;
    for (const p of group) {
      clashing.add(p);
      const others = group.filter((o) => o !== p);
      const sameName = others.every((o) => o.output === p.output);
      const message = `与${others.map((o) => `“${shown(o.file)}”`).join('、')}输出到同一个文件“${shown(p.output!)}”${sameName ? '（同一年度、同一部门名称）' : '（文件名只差大小写或字符写法，Windows 和 macOS 视为同一个文件）'}：一个部门只能有一份数据文件，请删去或改名重复的一份；${group.length === 2 ? '两份' : `这 ${group.length} 份`}都未生成`;
      settle(p.file, {
        file: shown(p.file),
        status: 'failed',
        ...(p.year !== undefined ? { year: p.year } : {}),
        reason: `[duplicate-output] ${message}`,
        errors: [{ file: shown(p.file), path: 'department.name', rule: 'duplicate-output', severity: 'error', message }],
        warnings: 0,
      });
    }
  }

  // ── skipped: the data is what the PDF was made from, and the PDF is still that PDF ─────────
  const toRender: Planned[] = [];
  for (const p of planned) {
    if (clashing.has(p)) continue;
    if (!options.force && p.output && p.hash && (await exists(p.output))) {
      const rec = await readHashRecord(p.output);
      if (rec && rec.hash === p.hash && (await pdfMatchesRecord(p.output, rec))) {
        settle(p.file, {
          file: shown(p.file),
          status: 'skipped',
          ...(p.year !== undefined ? { year: p.year } : {}),
          output: shown(p.output),
          ...(rec.pages !== undefined ? { pages: rec.pages } : {}),
          ...(rec.bytes !== undefined ? { bytes: rec.bytes } : {}),
          warnings: rec.warnings ?? 0,
          ...(rec.warningList?.length ? { warningList: rec.warningList.map((d) => ({ ...d, file: shown(d.file) })) } : {}),
          hash: p.hash,
        });
        continue;
      }
    }
    toRender.push(p);
  }

  const size = toRender.length && !options.signal?.aborted ? poolSize(toRender.length, options.jobs) : 0;
  options.onEvent?.({ type: 'plan', total, toRender: toRender.length, skipped: total - toRender.length, jobs: size });
  // failed ones first have their old PDFs moved aside, so that the line announcing them says so
  const stale = new Stale(earlier, shown);
  for (const [file, e] of pending) {
    if (e.status === 'failed') await stale.failed(e, file, planned.find((p) => p.file === file)?.output);
    options.onEvent?.({ type: 'entry', entry: e, done: ++done, total });
  }

  // ── render ─────────────────────────────────────────────────────────────────────────────────
  const jobs: JobMessage[] = toRender.map((p, id) => ({
    type: 'job',
    id,
    file: p.file,
    outDir: options.outDir,
    version,
    source: path.resolve(p.file),
    ...(p.hash ? { hash: p.hash } : {}),
    ...(p.dataHash ? { dataHash: p.dataHash } : {}),
    ...(p.output ? { output: p.output } : {}),
    ...(options.set ? { set: options.set } : {}),
    ...(p.loaded ? { loaded: p.loaded } : p.bytes ? { bytes: new Uint8Array(p.bytes) } : {}),
  }));
  const settling: Array<Promise<void>> = [];
  const onResult = (r: JobResult) => {
    const p = toRender[r.id]!;
    const year = r.year ?? p.year;
    const entry: BatchEntry = {
      file: shown(p.file),
      status: r.status === 'produced' ? 'produced' : 'failed',
      ...(year !== undefined ? { year } : {}),
      ...(r.output ? { output: shown(r.output), pages: r.pages!, bytes: r.bytes! } : {}),
      seconds: Number(r.seconds.toFixed(3)),
      ...(r.reason ? { reason: r.reason, errors: (r.errors ?? []).map((d) => ({ ...d, file: shown(d.file) })) } : {}),
      warnings: r.warnings,
      ...(r.warningList?.length ? { warningList: r.warningList.map((d) => ({ ...d, file: shown(d.file) })) } : {}),
      ...(p.hash ? { hash: p.hash } : {}),
    };
    entries.set(p.file, entry);
    settling.push(
      (entry.status === 'produced' ? stale.produced(entry, p.file, r.output!) : stale.failed(entry, p.file, p.output)).then(() => {
        options.onEvent?.({ type: 'entry', entry, done: ++done, total });
      }),
    );
  };
  // one copy of the fonts for all workers (a missing font: each worker reports it per department)
  const fontBytes = size > 0 ? await fontFiles().then(readFontBytesShared).catch(() => undefined) : undefined;
  const run =
    size > 0
      ? await runPool(jobs, {
          size,
          templateSets: [...new Set(toRender.map((p) => p.templateSet))],
          ...(fontBytes ? { fontBytes } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          timeoutMs: timeout * 1000,
          ...(options.startTimer ? { startTimer: options.startTimer } : {}),
          onResult,
        })
      : { interrupted: options.signal?.aborted === true || interruptedPlan.length > 0, unfinished: jobs, peakRss: 0, peakHeap: 0 };
  await Promise.all(settling);
  const interrupted = run.interrupted || interruptedPlan.length > 0;
  if (!run.interrupted && [...entries.values()].some((e) => e.errors?.some((d) => d.rule === 'timeout'))) {
    // a terminated worker may have left its temp file
    await removeTempFiles(options.outDir, { ownOnly: true });
  }
  if (interrupted) {
    for (const p of [...interruptedPlan, ...run.unfinished.map((job) => toRender[job.id]!)]) {
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
    interrupted,
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
  /** Old PDFs of this department renamed aside with 「未更新」 (a failed department's last PDF, a former name's). */
  stale: string[];
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
      stale: e.stale ?? [],
    })),
  };
}

const esc = (s: unknown) => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const STATUS: Record<BatchEntry['status'], string> = { produced: '已生成', skipped: '未变化', failed: '失败', interrupted: '中断' };

/** The 输出 column: the PDF, or for a failed department plainly that none is current and where the old one went. */
function outputCell(r: ZoneSummaryRow): string {
  const stale = r.stale.map((f) => `<span class="stale">旧版已改名为 ${esc(f)}（未更新，不是本次数据）</span>`).join('<br>');
  if (r.status === 'failed') return `<strong>未生成</strong>${stale ? `<br>${stale}` : ''}`;
  return `${esc(r.output ?? '')}${stale ? `<br>${stale}` : ''}`;
}

/** The summary as a page to open in a browser: self-contained, no script. */
export function summaryPage(s: ZoneSummary): string {
  const rows = s.rows
    .map(
      (r) =>
        `<tr class="${r.status}"><td>${esc(r.file)}</td><td>${esc(r.year ?? '')}</td><td>${STATUS[r.status]}</td><td class="n">${esc(r.pages ?? '')}</td><td class="n">${r.errors}</td><td class="n">${r.warnings}</td><td class="n">${r.seconds === null ? '' : r.seconds.toFixed(2)}</td><td>${outputCell(r)}</td><td>${r.notes.map(esc).join('<br>')}</td></tr>`,
    )
    .join('\n');
  const c = s.counts;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>批量生成汇总</title>
<style>body{font-family:"Noto Sans SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em}table{border-collapse:collapse;font-size:14px}th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}td.n{text-align:right}tr.failed{background:#fde8e8}tr.skipped{color:#666}.stale{color:#a40000}</style></head>
<body><h1>批量生成汇总</h1>
<p>开始于 ${esc(s.startedAt)}，用时 ${s.seconds.toFixed(1)} 秒：${c.total} 个部门，生成 ${c.produced}，未变化 ${c.skipped}，失败 ${c.failed}${c.interrupted ? `，中断 ${c.interrupted}` : ''}。</p>
<table><thead><tr><th>数据文件</th><th>年度</th><th>结果</th><th>页数</th><th>错误</th><th>警告</th><th>用时（秒）</th><th>输出</th><th>说明</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`;
}
