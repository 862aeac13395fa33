/*
 * npm run bench — builds (tsc → dist/), then measures on this machine, in one run:
 *
 *   cold     a new process running `node dist/cli/index.js build` on the reference, three ways
 *            interleaved: plain node, --no-opt, and from the startup snapshot (median of runs each)
 *   warm     per-document render time of the reference in a warm process (bench/render.ts)
 *   batch    `node dist/cli/index.js batch --force` over N reference-sized synthetic departments
 *            (src/synth REFERENCE_SIZED, seed 2026), run BENCH_BATCH_RUNS times: documents/s of the
 *            median run (and of every run), wall time, average PDF size
 *   naive    the same N documents in one process with a fresh environment per document
 *            (bench/naive.ts), and batch ÷ naive
 *   memory   process max RSS of a batch with no workers, with 1 and with the default number
 *   extra    whatever `extraMeasurements` below lists (preview: save-to-preview latency, …)
 *   peer     the Typst peer (bench/peer.ts) measured in the same loops — cold next to each cold
 *            build, a batch of the same document count after each batch, warm next to warm — and
 *            each gongkai figure ÷ the peer's; skipped with a note where the peer cannot be had
 *
 * Options (environment): BENCH_COUNT (default 100), BENCH_COLD_RUNS (5), BENCH_WARM_RUNS (9),
 * BENCH_BATCH_RUNS (3), BENCH_SKIP_NAIVE=1, BENCH_SKIP_PEER=1, GONGKAI_TYPST_PEER (the peer's
 * folder; default ../shared/peers/typst next to the repo when it exists). Timings are wall clock: on a shared machine compare medians and ratios
 * measured in the same run, not single figures across runs.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BatchReport } from '../src/batch/index.js';
import { REFERENCE_SIZED, writeDepartments } from './synth/index.js';
import { archiveFigures } from './archive.js';
import { largestFigures } from './largest.js';
import { longTextFigures } from './long-text.js';
import { EXAMPLES_DIR } from './examples.js';
import { locatePeer, median, preparePeer, ratio } from './peer.js';
import { pdfBytesFigures } from './pdf-bytes.js';
import { previewFigures } from './preview.js';
import { renderReferenceTimes } from './render.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'index.js');
const REFERENCE = path.join(ROOT, 'data', '640-zwfw.json');

export type Figure = [label: string, value: string];
export interface Measurement {
  name: string;
  run: () => Promise<Figure[]>;
}

/**
 * ── Hook: further measurements ─────────────────────────────────────────────────────────────
 * Append `{ name, run }` entries (e.g. the preview server's save-to-preview latency); each runs
 * after the batch figures and its rows are printed under its name.
 */
export const extraMeasurements: Measurement[] = [
  { name: 'preview: save → new PDF served (reference, warm; bench/preview.ts)', run: () => previewFigures() },
  { name: 'long text: one paragraph alone, layout + PDF, warm (bench/long-text.ts)', run: () => longTextFigures() },
  { name: 'the data inside (PDF/A-3): size and time it adds, warm (bench/archive.ts)', run: () => archiveFigures() },
  { name: 'the largest department the limits allow: build in a new process, no snapshot (bench/largest.ts)', run: () => largestFigures() },
  { name: 'where the reference PDF\'s bytes go, as `gongkai build` writes it (bench/pdf-bytes.ts)', run: () => referenceBytes() },
];

async function referenceBytes(): Promise<Figure[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gongkai-bytes-'));
  try {
    const out = path.join(dir, 'reference.pdf');
    execFileSync(process.execPath, [CLI, 'build', REFERENCE, '-o', out], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1', GONGKAI_SNAPSHOT: '0' } });
    return pdfBytesFigures(await readFile(out));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const env = (k: string, d: number) => (process.env[k] ? Number(process.env[k]) : d);
const COUNT = env('BENCH_COUNT', 100);
const COLD_RUNS = env('BENCH_COLD_RUNS', 5);
const WARM_RUNS = env('BENCH_WARM_RUNS', 9);
const BATCH_RUNS = env('BENCH_BATCH_RUNS', 3);

const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

function exec(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | null; stdout: string; stderr: string; seconds: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    // never the user's cache, nor a snapshot built in the background mid-measurement
    const env = { ...process.env, NO_COLOR: '1', GONGKAI_SNAPSHOT: '0', ...opts.env };
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, seconds: (performance.now() - t0) / 1000 }));
  });
}

async function batch(dir: string, out: string, extra: string[] = []): Promise<{ report: BatchReport; wall: number }> {
  const r = await exec(process.execPath, [CLI, 'batch', dir, '-o', out, '--json', ...extra]);
  if (r.code !== 0) throw new Error(`batch failed (${r.code}): ${r.stderr.slice(0, 2000)}`);
  return { report: JSON.parse(r.stdout) as BatchReport, wall: r.seconds };
}

function machine(): Figure[] {
  const cpus = os.cpus();
  let rev = '';
  try {
    rev = execFileSync('git', ['describe', '--always', '--dirty'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    rev = 'unknown';
  }
  return [
    ['date', new Date().toISOString()],
    ['machine', `${cpus[0]?.model ?? 'cpu'} × ${os.availableParallelism()} (availableParallelism), ${mb(os.totalmem())} RAM, ${os.platform()} ${os.release()}`],
    ['node', process.version],
    ['load average at start (1/5/15 min)', os.loadavg().map((x) => x.toFixed(2)).join(' / ')],
    ['revision', rev],
  ];
}

async function main(): Promise<void> {
  const sections: Array<[string, Figure[]]> = [['machine', machine()]];
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'gongkai-bench-'));
  try {
    // ── the Typst peer: installed (or found wanting) before any timing starts ────────────
    log('peer: locating and setting up the Typst peer');
    const { peer, note: peerNote } = await preparePeer(locatePeer(ROOT, process.env), ROOT);
    if (!peer) log(peerNote);
    const peerCold: number[] = [];
    const peerBatch: Array<{ count: number; seconds: number }> = [];
    let peerFailed = '';
    const peerOut = path.join(tmp, 'peer');
    await mkdir(peerOut, { recursive: true });

    // ── cold: a new process per document, three ways, interleaved ───────────────────────
    // plain: TurboFan, no snapshot; no-opt: what a one-shot command runs without a snapshot;
    // snapshot: the default once the startup snapshot is in the cache (built here first, timed)
    const cache = path.join(tmp, 'cache');
    const ways: Array<[string, NodeJS.ProcessEnv]> = [
      ['plain node (GONGKAI_V8_OPT=1 GONGKAI_SNAPSHOT=0)', { GONGKAI_V8_OPT: '1', GONGKAI_SNAPSHOT: '0' }],
      ['--no-opt, no snapshot (GONGKAI_SNAPSHOT=0)', { GONGKAI_SNAPSHOT: '0' }],
      ['--no-opt from the startup snapshot (the default)', { GONGKAI_CACHE: cache, GONGKAI_SNAPSHOT: '1' }],
    ];
    log('cold: building the startup snapshot');
    const made = await exec(process.execPath, [path.join(ROOT, 'dist', 'snapshot', 'make.js')], { env: { GONGKAI_CACHE: cache } });
    if (made.code !== 0) throw new Error(`snapshot failed: ${made.stdout}${made.stderr}`);
    const blobBytes = (await stat(made.stdout.trim())).size;
    log(`cold: ${COLD_RUNS} × node dist/cli/index.js build, each way`);
    const cold: number[][] = ways.map(() => []);
    const pdfs: Buffer[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      for (const [k, [, e]] of ways.entries()) {
        const out = path.join(tmp, `cold-${k}.pdf`);
        const r = await exec(process.execPath, [CLI, 'build', REFERENCE, '-o', out], { env: { ...e, GONGKAI_CACHE: e.GONGKAI_CACHE ?? path.join(tmp, 'no-cache') } });
        if (r.code !== 0) throw new Error(`build failed: ${r.stderr}`);
        cold[k]!.push(r.seconds);
        if (i === 0) pdfs.push(await readFile(out));
      }
      if (peer && !peerFailed) {
        const s = await peer.cold(path.join(peerOut, 'cold.pdf'));
        if (s === null) peerFailed = 'cold compile failed';
        else peerCold.push(s);
      }
    }
    const plain = median(cold[0]!);
    sections.push(['cold single document (reference, new process, wall; the three ways interleaved)', [
      ...ways.map(([label], k): Figure => [label, `median ${median(cold[k]!).toFixed(2)} s (${Math.min(...cold[k]!).toFixed(2)}–${Math.max(...cold[k]!).toFixed(2)}, n=${cold[k]!.length}) = ${(median(cold[k]!) / plain).toFixed(2)}× plain`]),
      ['the same PDF bytes all three ways', pdfs.every((b) => b.equals(pdfs[0]!)) ? 'yes' : 'NO'],
      ['startup snapshot: built in / size', `${made.seconds.toFixed(1)} s / ${mb(blobBytes)}`],
    ]]);

    // ── batch ───────────────────────────────────────────────────────────────────────────
    const data = path.join(tmp, 'data');
    log(`synthesising ${COUNT} reference-sized departments (seed 2026), plus the examples of data/examples/`);
    await writeDepartments(data, COUNT, 2026, REFERENCE_SIZED);
    // the example departments (元, several units, 30+ projects each) render among them
    for (const f of await readdir(EXAMPLES_DIR)) if (f.endsWith('.json')) await copyFile(path.join(EXAMPLES_DIR, f), path.join(data, `example-${f}`));
    // a shared machine's load moves one batch by ±15 %: the run with the median throughput is reported
    const runs: Array<Awaited<ReturnType<typeof batch>>> = [];
    for (let i = 0; i < BATCH_RUNS; i++) {
      log(`batch ${i + 1}/${BATCH_RUNS}: ${COUNT} documents, default jobs`);
      const r = await batch(data, path.join(tmp, 'out'), ['--force']);
      runs.push(r);
      if (peer && !peerFailed) {
        // the same number of documents, one process per core, right after gongkai's run
        const count = r.report.counts.produced;
        log(`peer batch ${i + 1}/${BATCH_RUNS}: ${count} documents, ${os.availableParallelism()} processes`);
        const s = await peer.batch(peerOut, count, os.availableParallelism());
        if (s === null) peerFailed = 'batch failed';
        else peerBatch.push({ count, seconds: s });
      }
    }
    const rates = runs.map((r) => r.report.rate);
    const full = [...runs].sort((a, b) => a.report.rate - b.report.rate)[Math.floor((runs.length - 1) / 2)]!;
    const rep = full.report;
    const produced = rep.entries.filter((e) => e.status === 'produced');
    const avgBytes = produced.reduce((s, e) => s + (e.bytes ?? 0), 0) / Math.max(1, produced.length);
    const avgPages = produced.reduce((s, e) => s + (e.pages ?? 0), 0) / Math.max(1, produced.length);
    const docSeconds = produced.map((e) => e.seconds ?? 0);
    sections.push([`batch: ${COUNT} reference-sized synthetic departments + data/examples (node dist/cli/index.js batch --force)`, [
      ['workers', String(rep.jobs)],
      ['produced / failed', `${rep.counts.produced} / ${rep.counts.failed}`],
      ['throughput (median run)', `${rep.rate.toFixed(2)} documents/s (batch time ${rep.seconds.toFixed(1)} s)`],
      ['all runs', `${rates.map((r) => r.toFixed(2)).join(', ')} documents/s (n=${runs.length})`],
      ['wall time incl. process start', `${full.wall.toFixed(1)} s (${(rep.counts.produced / full.wall).toFixed(2)} documents/s)`],
      ['per document in a worker (median / max)', `${median(docSeconds).toFixed(2)} / ${Math.max(...docSeconds).toFixed(2)} s`],
      ['CPU per document (all threads)', `${(rep.cpuSeconds / Math.max(1, rep.counts.produced)).toFixed(2)} s → on ${os.availableParallelism()} idle cores at most ${(os.availableParallelism() / (rep.cpuSeconds / Math.max(1, rep.counts.produced))).toFixed(2)} documents/s`],
      ['average PDF', `${(avgBytes / 1024).toFixed(0)} KB, ${avgPages.toFixed(1)} pages`],
      ['process max RSS', mb(rep.memory.processMaxRss)],
    ]]);

    // ── memory per worker ───────────────────────────────────────────────────────────────
    log('memory: batch with no work, with --jobs 1, with default jobs');
    const small = path.join(tmp, 'data-10');
    await writeDepartments(small, Math.min(10, COUNT), 2026, REFERENCE_SIZED);
    const outSmall = path.join(tmp, 'out-10');
    const one = await batch(small, outSmall, ['--force', '--jobs', '1']);
    const none = await batch(small, outSmall); // everything up to date: main thread only
    const per = one.report.memory.processMaxRss - none.report.memory.processMaxRss;
    const perDefault = (rep.memory.processMaxRss - none.report.memory.processMaxRss) / Math.max(1, rep.jobs);
    sections.push(['memory (process max RSS, getrusage)', [
      ['main thread only (all skipped)', mb(none.report.memory.processMaxRss)],
      ['1 worker (10 documents)', `${mb(one.report.memory.processMaxRss)} → ${mb(per)} per worker`],
      [`${rep.jobs} workers (${COUNT} documents)`, `${mb(rep.memory.processMaxRss)} → ${mb(perDefault)} per worker`],
      ['largest V8 heap of one worker', mb(Math.max(rep.memory.peakWorkerHeap, one.report.memory.peakWorkerHeap))],
    ]]);

    // ── naive ───────────────────────────────────────────────────────────────────────────
    if (!process.env.BENCH_SKIP_NAIVE) {
      log(`naive: ${COUNT} documents, one process, fresh environment per document`);
      const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');
      const r = await exec(process.execPath, ['--import', tsx, path.join(ROOT, 'bench', 'naive.ts'), data, path.join(tmp, 'out-naive')]);
      if (r.code !== 0) throw new Error(`naive failed: ${r.stderr}`);
      const naive = JSON.parse(r.stdout) as { count: number; seconds: number; cpuSeconds: number; maxRss: number };
      const naiveRate = naive.count / naive.seconds;
      sections.push(['naive: same documents, one process, fresh template set + fonts per document', [
        ['throughput', `${naiveRate.toFixed(2)} documents/s (${naive.seconds.toFixed(1)} s for ${naive.count})`],
        ['CPU per document', `${(naive.cpuSeconds / naive.count).toFixed(2)} s`],
        ['batch (median run) ÷ naive', `${(rep.rate / naiveRate).toFixed(2)}× documents/s; naive ÷ batch CPU per document ${((naive.cpuSeconds / naive.count) / (rep.cpuSeconds / Math.max(1, rep.counts.produced))).toFixed(2)}`],
        ['process max RSS', mb(naive.maxRss)],
      ]]);
    }

    // ── warm ────────────────────────────────────────────────────────────────────────────
    log(`warm: ${WARM_RUNS} renders of the reference in this process`);
    const warm = await renderReferenceTimes(WARM_RUNS);
    sections.push(['warm per document (reference, bench/render.ts renderReferenceTimes)', [
      ['median', `${median(warm).toFixed(3)} s`],
      ['min / max', `${Math.min(...warm).toFixed(3)} / ${Math.max(...warm).toFixed(3)} s (n=${warm.length})`],
    ]]);
    let peerWarm: number | null = null;
    if (peer && !peerFailed) {
      log(`peer warm: ${WARM_RUNS} compiles in one process`);
      peerWarm = await peer.warm(path.join(peerOut, 'warm.pdf'), WARM_RUNS);
      if (peerWarm === null) peerFailed = 'warm compile failed';
    }

    // ── against the peer: each figure next to the peer's from the same loops ────────────
    const peerRows: Figure[] = [['peer', peer ? peerNote : `skipped: ${peerNote}`]];
    if (peer) {
      if (peerFailed) peerRows.push(['Typst 对照运行失败，以下比值不全 / peer failed', peerFailed]);
      const gCold = median(cold[2]!);
      const tCold = peerCold.length ? median(peerCold) : null;
      peerRows.push(['cold single document, new process (gongkai default ÷ Typst; target ≤ 1.5×)',
        `gongkai ${gCold.toFixed(2)} s · Typst ${tCold === null ? '—' : `${tCold.toFixed(2)} s (${Math.min(...peerCold).toFixed(2)}–${Math.max(...peerCold).toFixed(2)}, n=${peerCold.length})`} · **${ratio(gCold, tCold)}**`]);
      // the batch with the median gongkai throughput is set against the peer batch right after it
      const k = runs.indexOf(full);
      const pb = peerBatch[k] ?? null;
      const tRate = pb ? pb.count / pb.seconds : null;
      const gWall = rep.counts.produced / full.wall;
      peerRows.push(['batch documents/s, all cores, wall incl. process start (gongkai ÷ Typst; target ≥ 1.0×)',
        `gongkai ${gWall.toFixed(2)} · Typst ${tRate === null ? '—' : `${tRate.toFixed(2)} (${pb!.count} documents in ${pb!.seconds.toFixed(1)} s)`} · **${ratio(gWall, tRate)}**`]);
      peerRows.push(['batch documents/s, gongkai by the batch\'s own clock ÷ Typst wall', `${rep.rate.toFixed(2)} · ${tRate === null ? '—' : tRate.toFixed(2)} · ${ratio(rep.rate, tRate)}`]);
      if (peerBatch.length > 1) peerRows.push(['Typst batch, all runs', `${peerBatch.map((b) => (b.count / b.seconds).toFixed(2)).join(', ')} documents/s`]);
      peerRows.push(['warm per document (gongkai ÷ Typst)', `gongkai ${median(warm).toFixed(3)} s · Typst ${peerWarm === null ? '—' : `${peerWarm.toFixed(3)} s`} · ${ratio(median(warm), peerWarm)}`]);
      try {
        peerRows.push(['Typst PDF', `${((await stat(path.join(peerOut, 'cold.pdf'))).size / 1024).toFixed(0)} KB (its data baked in: no checking, no audit)`]);
      } catch {
        // no PDF when the cold compile failed; the row above says so
      }
    }
    // right after the machine: the ratios are what issue 24's targets are stated in
    sections.splice(1, 0, ['against the Typst peer, measured in the same loops (bench/peer.ts)', peerRows]);

    for (const m of extraMeasurements) {
      log(`extra: ${m.name}`);
      sections.push([m.name, await m.run()]);
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }

  sections[0]![1].push(['load average at end (1/5/15 min)', os.loadavg().map((x) => x.toFixed(2)).join(' / ')]);
  const out: string[] = [];
  for (const [title, figures] of sections) {
    out.push(`### ${title}`, '', '| | |', '|---|---|', ...figures.map(([k, v]) => `| ${k} | ${v} |`), '');
  }
  process.stdout.write(out.join('\n'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
