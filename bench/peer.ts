/*
 * The Typst peer inside `npm run bench` (issue 24): the reference department's document written by
 * hand in Typst and compiled by Typst embedded in Node (../shared/peers/typst, its README). It lives
 * outside the repo and is installed by its own setup.sh into a cache folder; a machine without it
 * (or without the npm registry) runs the bench without the ratios and says so — the peer never
 * fails the bench.
 *
 * Where it is: GONGKAI_TYPST_PEER (the peer's source folder, the one holding setup.sh), else
 * ../shared/peers/typst next to the repo when that exists. BENCH_SKIP_PEER=1 leaves it out.
 *
 * The figures are the peer's own scripts run as they are meant to be: `node typst-once.mjs out.pdf`
 * in a new process (cold), `… out.pdf N` (warm: median ms of one compile), and for a batch one
 * process per core each compiling its share of the documents (wall time, process start included).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface PeerLocation {
  /** the peer's source folder (setup.sh, typst-once.mjs), or null with the reason it is skipped */
  source: string | null;
  note: string;
}

/**
 * Where the peer's sources are. Pure apart from `exists` (injected so the rule can be tested):
 * an explicit GONGKAI_TYPST_PEER wins and must exist; the default next to the repo is used only
 * when it is there.
 */
export function locatePeer(root: string, env: NodeJS.ProcessEnv, exists: (p: string) => boolean = existsSync): PeerLocation {
  if (env.BENCH_SKIP_PEER && env.BENCH_SKIP_PEER !== '0') return { source: null, note: '已按 BENCH_SKIP_PEER 跳过 Typst 对照 / Typst peer skipped (BENCH_SKIP_PEER)' };
  const given = env.GONGKAI_TYPST_PEER;
  if (given) {
    const p = path.resolve(root, given);
    if (exists(path.join(p, 'setup.sh'))) return { source: p, note: `GONGKAI_TYPST_PEER=${p}` };
    return { source: null, note: `GONGKAI_TYPST_PEER 指向的目录中没有 setup.sh，跳过 Typst 对照 / no setup.sh in GONGKAI_TYPST_PEER=${p}, peer skipped` };
  }
  const fallback = path.resolve(root, '..', 'shared', 'peers', 'typst');
  if (exists(path.join(fallback, 'setup.sh'))) return { source: fallback, note: fallback };
  return { source: null, note: '未找到 Typst 对照（可设 GONGKAI_TYPST_PEER），跳过比值 / Typst peer not found (set GONGKAI_TYPST_PEER), ratios skipped' };
}

/** Splits `count` documents over `processes` as evenly as possible (the first ones take the remainder). */
export function shares(count: number, processes: number): number[] {
  const n = Math.max(1, Math.floor(processes));
  const base = Math.floor(count / n);
  const rest = count % n;
  return Array.from({ length: n }, (_, i) => base + (i < rest ? 1 : 0)).filter((s) => s > 0);
}

/** gongkai ÷ peer, as printed: "2.67×", or "—" when either side is missing or zero. */
export function ratio(gongkai: number | null | undefined, peer: number | null | undefined): string {
  if (gongkai == null || peer == null || !Number.isFinite(gongkai) || !Number.isFinite(peer) || peer <= 0 || gongkai <= 0) return '—';
  return `${(gongkai / peer).toFixed(2)}×`;
}

export const median = (xs: number[]): number => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    // a missing bash or node is a skipped peer, not a failed bench
    child.on('error', (e) => resolve({ code: -1, stdout, stderr: stderr + String(e), seconds: (performance.now() - t0) / 1000 }));
    child.on('close', (code) => resolve({ code, stdout, stderr, seconds: (performance.now() - t0) / 1000 }));
  });
}

/** An installed peer, ready to run; every method resolves to null rather than throwing. */
export interface Peer {
  dir: string;
  /** one compile in a new process, wall seconds including node's start */
  cold(out: string): Promise<number | null>;
  /** median seconds of one compile in a warm process of `n` compiles */
  warm(out: string, n: number): Promise<number | null>;
  /** `count` documents, one process per core each compiling its share: wall seconds of the whole */
  batch(outDir: string, count: number, processes: number): Promise<number | null>;
}

/**
 * Installs the peer (its setup.sh, into its cache folder; quick once installed) and returns it,
 * or null and a note saying why not.
 */
export async function preparePeer(location: PeerLocation, cwd: string): Promise<{ peer: Peer | null; note: string }> {
  if (!location.source) return { peer: null, note: location.note };
  const setup = await run('bash', [path.join(location.source, 'setup.sh')], cwd);
  const dir = setup.stdout.trim().split('\n').pop() ?? '';
  const script = path.join(dir, 'typst-once.mjs');
  if (setup.code !== 0 || !dir || !existsSync(script)) {
    const why = (setup.stderr.trim().split('\n').pop() ?? '').slice(0, 300);
    return { peer: null, note: `Typst 对照安装失败，跳过比值 / Typst peer setup failed, ratios skipped: ${why || `exit ${setup.code}`}` };
  }
  const once = (out: string, n?: number) => run(process.execPath, [script, out, ...(n ? [String(n)] : [])], dir);
  const peer: Peer = {
    dir,
    async cold(out) {
      const r = await once(out);
      return r.code === 0 ? r.seconds : null;
    },
    async warm(out, n) {
      const r = await once(out, Math.max(2, n));
      if (r.code !== 0) return null;
      try {
        const ms = (JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as { warmMedianMs?: number }).warmMedianMs;
        return typeof ms === 'number' ? ms / 1000 : null;
      } catch {
        return null;
      }
    },
    async batch(outDir, count, processes) {
      const t0 = performance.now();
      const rs = await Promise.all(shares(count, processes).map((s, i) => once(path.join(outDir, `peer-${i}.pdf`), s)));
      return rs.every((r) => r.code === 0) ? (performance.now() - t0) / 1000 : null;
    },
  };
  return { peer, note: `${location.note} → ${dir}` };
}
