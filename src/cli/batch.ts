import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { BatchEntry, BatchEvent, BatchReport } from '../batch/index.js';
import { DEFAULT_TIMEOUT_SECONDS } from '../batch/pool.js';
import { action, paint, type CliIO, type RegisterCommand } from './context.js';
import { formatDiagnostic } from './report.js';
import { setChoice, templateSetOption } from './template-set.js';

/*
 * gongkai batch [DIR] — every department under DIR (default data/) rendered on a worker-thread
 * pool into out/<year>/<name>.pdf. The work is src/batch; this file parses options and prints:
 * a progress bar on a terminal, one line per department otherwise, nothing but failures with
 * --quiet, the report with --json. Exit 0 all produced or skipped, 1 any failure, 130 interrupted.
 */

function timeoutOption(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 86_400) throw new InvalidArgumentError('须为 0 到 86400 之间的秒数');
  return n;
}

function jobsOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError('须为 1 到 256 之间的整数');
  return n;
}

const kb = (bytes: number | undefined) => (bytes === undefined ? '' : `  ${(bytes / 1024).toFixed(0)} KB`);

export function entryLine(e: BatchEntry, io: CliIO): string {
  switch (e.status) {
    case 'produced':
      return `${paint(io, 'green', '✓ 生成')}  ${e.file} → ${e.output}  ${e.pages} 页${kb(e.bytes)}  ${(e.seconds ?? 0).toFixed(2)} 秒${warningLines(e, io)}${staleLines(e, io)}`;
    case 'skipped':
      return `${paint(io, 'dim', '- 跳过')}  ${e.file} → ${e.output}（未变化）${e.warnings ? `  ${paint(io, 'yellow', `${e.warnings} 个警告`)}` : ''}`;
    case 'failed':
      return `${paint(io, 'red', '✗ 失败')}  ${e.file} → 未生成：${e.reason ?? ''}${staleLines(e, io)}`;
    default:
      return `${paint(io, 'yellow', '! 中断')}  ${e.file}`;
  }
}

/** Old PDFs renamed aside: said on the department's own line, so no one publishes them for current. */
function staleLines(e: BatchEntry, io: CliIO): string {
  return (e.stale ?? []).map((f) => `\n    ${paint(io, 'red', '旧版已改名')}  ${f}（未更新，不是本次数据，请勿公开）`).join('');
}

/** A department's warnings, briefly: how many, and the first three with their places. */
function warningLines(e: BatchEntry, io: CliIO): string {
  if (!e.warnings) return '';
  const list = (e.warningList ?? []).slice(0, 3).map((d) => `\n    ${paint(io, 'yellow', '警告')}  ${formatDiagnostic(d)}`);
  const more = e.warnings > list.length ? `\n    …另有 ${e.warnings - list.length} 个警告，见报告` : '';
  return `  ${paint(io, 'yellow', `${e.warnings} 个警告`)}${list.join('')}${more}`;
}

export function summaryLines(r: BatchReport, io: CliIO): string[] {
  const c = r.counts;
  const lines = [
    `批量生成：${c.total} 个数据文件，生成 ${c.produced} 份，跳过 ${c.skipped} 份（未变化），失败 ${c.failed} 份${c.interrupted ? `，中断 ${c.interrupted} 份` : ''}；用时 ${r.seconds.toFixed(1)} 秒${c.produced ? `，${r.rate.toFixed(2)} 份/秒` : ''}${r.jobs ? `（${r.jobs} 个生成线程）` : ''}`,
  ];
  const failed = r.entries.filter((e) => e.status === 'failed');
  if (failed.length) {
    lines.push(paint(io, 'red', `失败的部门（${failed.length}）：`));
    for (const e of failed) lines.push(`  ${e.file}：${e.reason ?? ''}${e.stale?.length ? `（旧版已改名为 ${e.stale.join('、')}）` : ''}`);
  }
  if (r.reports.length) lines.push(`报告：${r.reports.join('、')}`);
  return lines;
}

/**
 * V8 flags a batch runs under. With as many workers as cores, each worker's V8 also runs parallel
 * and concurrent GC threads (one worker alone uses ≈ 1.5 cores), which compete with the other
 * workers' renders. `--single-threaded-gc` keeps each worker's collections on its own thread: 100
 * reference-sized documents on 2 cores went from 4.4–5.1 to 5.2–5.5 documents/s (2026-11-24;
 * `--single-threaded`, which also stops background compilation, measured the same). V8 reads these
 * flags only when the process starts, so the batch command starts itself again with them, once.
 */
export const BATCH_V8_FLAGS: readonly string[] = ['--single-threaded-gc'];
const RELAUNCHED = 'GONGKAI_BATCH_RELAUNCHED';

/**
 * Runs this same command line again in a child process with BATCH_V8_FLAGS, on this process's
 * stdio, and answers its exit code; undefined when it must run here (flags already set, already
 * relaunched, a caller's own I/O, a debugger or profiler attached, or the child could not
 * start). SIGINT/SIGTERM sent to this process are passed on (the child ignores a second one
 * while it stops).
 */
async function relaunched(io: CliIO): Promise<number | undefined> {
  const script = process.argv[1];
  if (!io.ownProcess || io.env[RELAUNCHED] === '1' || !script) return undefined;
  if (BATCH_V8_FLAGS.every((f) => process.execArgv.includes(f))) return undefined;
  // a debugger or profiler attached to this process should see the batch itself
  if (process.execArgv.some((a) => /^--(inspect|cpu-prof|heap-prof|prof)/.test(a))) return undefined;
  const child = spawn(process.execPath, [...process.execArgv, ...BATCH_V8_FLAGS, script, ...process.argv.slice(2)], {
    // the IPC channel tells the child when this process is gone (even by SIGKILL): it then stops too
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [RELAUNCHED]: '1' },
  });
  const forward = (signal: NodeJS.Signals) => void child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  try {
    return await new Promise<number | undefined>((resolve) => {
      child.once('error', () => resolve(undefined));
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1)));
    });
  } finally {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  }
}

interface Progress {
  event(e: BatchEvent): void;
  stop(): void;
}

/** A cli-progress bar on stderr: count, rate, time left (from the departments rendered so far), the last one finished. */
async function progressBar(): Promise<Progress> {
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{bar} {value}/{total} 份 | {rate} 份/秒 | 剩余 {left} | {last}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = 0;
  let produced = 0;
  let rendered = 0;
  let toRender = 0;
  let running = false;
  const eta = (elapsed: number) => {
    if (rendered === 0) return '估算中';
    const s = Math.round(((toRender - rendered) * elapsed) / rendered);
    return s >= 60 ? `${Math.floor(s / 60)}分${s % 60}秒` : `${s}秒`;
  };
  return {
    event(e) {
      if (e.type === 'plan') {
        started = performance.now();
        toRender = e.toRender;
        bar.start(e.total, 0, { rate: '0.00', left: e.toRender ? '估算中' : '0秒', last: `${e.jobs} 个生成线程` });
        running = true;
        return;
      }
      if (e.entry.status === 'produced') produced++;
      if (e.entry.status === 'produced' || (e.entry.status === 'failed' && e.entry.seconds !== undefined)) rendered++;
      const elapsed = (performance.now() - started) / 1000;
      const name = e.entry.output ? path.basename(e.entry.output) : e.entry.file;
      bar.update(e.done, { rate: elapsed > 0 ? (produced / elapsed).toFixed(2) : '0.00', left: eta(elapsed), last: `${e.entry.status === 'failed' ? '✗ ' : ''}${name}` });
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}

export const registerBatch: RegisterCommand = (program, ctx) => {
  program
    .command('batch')
    .description('批量生成目录下所有部门的预算公开 PDF（并行；未变化的跳过）：out/<年度>/<部门名称>.pdf')
    .argument('[dir]', '部门数据文件所在目录（默认：项目配置的数据文件夹，否则 data）')
    .option('-o, --out <dir>', '输出目录（默认：项目配置的输出文件夹，否则 out）')
    .option('--strict', '有警告的部门也算失败（退出码 1）')
    .option('-j, --jobs <n>', '并行生成线程数（默认：本机可用处理器数，且不超过文件数）', jobsOption)
    .option('--timeout <seconds>', `每个部门的生成时间上限（秒），超过即停止该部门并记为失败；默认 ${DEFAULT_TIMEOUT_SECONDS}`, timeoutOption)
    .option('--force', '全部重新生成，即使数据、模板、字体和版本都未变化')
    .option('-q, --quiet', '只输出失败的部门')
    .option('--json', '以 JSON 输出批量报告')
    .addOption(templateSetOption())
    .addHelpText(
      'after',
      '\n每个年度在输出目录写一份 batch-report.json（年度不明的文件记入输出目录下的 batch-report.json），并写一份全区汇总 batch-summary.json 和可在浏览器中打开的 batch-summary.html。\n审核有错误的部门记为失败、不生成（与 build 相同）。Ctrl-C：停止分派、结束生成线程、清理临时文件，退出码 130。',
    )
    .action(
      action(ctx, async (dirArg: string | undefined, opts: { out?: string; jobs?: number; timeout?: number; force?: boolean; quiet?: boolean; json?: boolean; strict?: boolean; templateSet?: string }) => {
        const { io } = ctx;
        const set = setChoice(ctx, opts.templateSet);
        const dir = dirArg ?? (ctx.config?.data ? path.relative(io.cwd, ctx.config.data) || '.' : 'data');
        const out = opts.out ?? (ctx.config?.out ? path.relative(io.cwd, ctx.config.out) || '.' : 'out');
        const strict = opts.strict ?? ctx.config?.strict ?? false;
        const code = await relaunched(io);
        if (code !== undefined) return code;
        const { runBatch } = await import('../batch/index.js');
        const live = !opts.json && !opts.quiet && process.stderr.isTTY === true;
        const progress = live ? await progressBar() : undefined;
        const controller = new AbortController();
        const onSignal = () => {
          if (controller.signal.aborted) return; // a terminal's Ctrl-C and its relaunching parent both send one
          progress?.stop();
          if (!opts.json) io.stderr(paint(io, 'yellow', '\n已中断：停止分派，结束生成线程，清理临时文件……\n'));
          controller.abort();
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
        // relaunched: stop as for Ctrl-C when the parent is gone, without keeping this process alive
        const parent = io.env[RELAUNCHED] === '1' && process.channel ? process : undefined;
        parent?.once('disconnect', onSignal);
        parent?.channel?.unref();
        let report: BatchReport;
        try {
          report = await runBatch({
            dir: path.resolve(io.cwd, dir),
            outDir: path.resolve(io.cwd, out),
            ...(opts.jobs !== undefined ? { jobs: opts.jobs } : {}),
            ...(opts.timeout !== undefined ? { timeout: opts.timeout } : {}),
            force: opts.force === true,
            set,
            signal: controller.signal,
            relativeTo: io.cwd,
            onEvent: (e) => {
              if (progress) progress.event(e);
              else if (e.type === 'entry' && !opts.json && !opts.quiet) io.stdout(entryLine(e.entry, io) + '\n');
            },
          });
        } finally {
          progress?.stop();
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          parent?.off('disconnect', onSignal);
        }
        if (report.counts.total === 0) {
          io.stderr(paint(io, 'red', `gongkai：目录“${dir}”中没有数据文件（*.json，不含 *.schema.json；或填报表 *.xlsx）；可用 gongkai init 新建\n`));
          return 1;
        }
        const noticeFailed = report.notices.some((d) => d.severity === 'error');
        if (opts.json) io.stdout(JSON.stringify(report, null, 2) + '\n');
        else if (opts.quiet) {
          for (const e of report.entries.filter((x) => x.status === 'failed')) io.stderr(entryLine(e, io) + '\n');
        } else {
          const lines = summaryLines(report, io);
          (report.counts.failed || report.interrupted || noticeFailed ? io.stderr : io.stdout)(lines.join('\n') + '\n');
        }
        if (!opts.json) for (const d of report.notices) io.stderr(`${d.severity === 'error' ? paint(io, 'red', '错误') : paint(io, 'yellow', '警告')}  ${formatDiagnostic(d)}\n`);
        if (report.interrupted) return 130;
        const warned = report.entries.filter((e) => (e.warnings ?? 0) > 0).length;
        if (strict && warned && !opts.json) io.stderr(paint(io, 'yellow', `--strict：${warned} 个部门有警告，视为失败\n`));
        return report.counts.failed > 0 || noticeFailed || (strict && warned > 0) ? 1 : 0;
      }),
    );
};
