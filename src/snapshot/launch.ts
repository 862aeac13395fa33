import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDebug } from '../cli/context.js';
import { cacheDir, locateSnapshot, RENDER_HEAP_MB, SNAPSHOT_FLAGS } from './key.js';
import { PARENT_ENV, STARTED_FD } from './parent.js';

/*
 * The executable's side of the startup snapshot: run the command in a process started from the
 * snapshot when one fits (key.ts), else say so and let the command run here; afterwards build
 * the missing snapshot in the background. Every failure falls back to the normal path: the
 * snapshot only ever makes the same result faster.
 */

/** Exit status of a node that cannot load its snapshot (another binary or V8 flags, a missing file). */
export const SNAPSHOT_REFUSED = 14;
/** Signals that mean the process crashed, not that someone stopped it. */
const CRASH = new Set(['SIGSEGV', 'SIGBUS', 'SIGILL', 'SIGABRT', 'SIGTRAP', 'SIGFPE']);
/** The same, as the exit status a shell would show (128 + signal): 134 abort, 139 segfault… */
const CRASH_STATUS = new Set([132, 133, 134, 135, 136, 139]);

const enabled = (env: NodeJS.ProcessEnv) => env.GONGKAI_SNAPSHOT !== '0' && process.execArgv.length === 0;

/**
 * What the key may hash before a command (measured: ~16 MB is ~30 ms on a 2 GHz core): an edited
 * template, a rebuilt bundle. A fresh install (~230 MB of fonts and code) is hashed by the
 * background maker instead, which a command without a snapshot starts anyway.
 */
export const HASH_NOW_BYTES = 16 * 1024 * 1024;

/** Is there any snapshot in the cache? Without one there is no key worth computing. */
function anySnapshot(dir: string): boolean {
  try {
    return readdirSync(dir).some((f) => f.startsWith('startup-') && f.endsWith('.blob'));
  } catch {
    return false;
  }
}

/** How a child ended, and whether it had got as far as running our code. */
export interface ChildOutcome {
  /** It wrote on STARTED_FD: the snapshot loaded, and what followed was the command itself. */
  started: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** It could not be started at all. */
  error?: Error;
}

/**
 * Runs a child on this process's stdio plus a pipe on STARTED_FD, and waits for it. SIGINT,
 * SIGTERM and SIGHUP sent to this process alone (not its group) are passed on, so the child
 * stops with it; the child watches this process for the signals nobody can pass on (parent.ts).
 */
export function superviseChild(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['inherit', 'inherit', 'inherit', 'pipe'], env: { ...env, [PARENT_ENV]: String(process.pid) } });
    let started = false;
    const forward = (signal: NodeJS.Signals) => void child.kill(signal);
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const s of signals) process.on(s, forward);
    const done = (o: ChildOutcome) => {
      for (const s of signals) process.off(s, forward);
      resolve(o);
    };
    child.stdio[STARTED_FD]?.on('data', () => (started = true));
    child.once('error', (error) => done({ started, code: null, signal: null, error }));
    // 'close': after the started pipe is read to its end
    child.once('close', (code, signal) => done({ started, code, signal }));
  });
}

export type Verdict =
  /** The command ran there: its exit code (a crash already said in words). */
  | { kind: 'ran'; code: number; message?: string }
  /** It never got going (a damaged or foreign snapshot): remove it and run here. */
  | { kind: 'damaged' }
  /** It could not be started: run here. */
  | { kind: 'unavailable' };

/**
 * What a child's end means. Only a child that never started is a damaged snapshot; one that
 * started and then crashed (out of memory above all: RENDER_HEAP_MB) crashed in the render, which
 * is said, not retried: the same data would crash the same way in this process, only later.
 */
export function verdict(o: ChildOutcome, heapMb: number = RENDER_HEAP_MB): Verdict {
  if (o.error) return { kind: 'unavailable' };
  const crashed = (o.signal !== null && CRASH.has(o.signal)) || (o.code !== null && CRASH_STATUS.has(o.code));
  if (!o.started) return crashed || o.code === SNAPSHOT_REFUSED ? { kind: 'damaged' } : { kind: 'ran', code: o.code ?? 128 + (signalNumber[o.signal ?? ''] ?? 1) };
  if (crashed) {
    const how = o.signal ? `信号 ${o.signal}` : `退出码 ${o.code}`;
    return {
      kind: 'ran',
      code: 1,
      message: `gongkai：生成过程意外终止（${how}），未生成 PDF。最常见的原因是内存超过上限（${heapMb} MB）：数据过大——请用 gongkai validate 查看文字总字数、各表行数是否接近上限，删减或拆分为几份文档。\n`,
    };
  }
  return { kind: 'ran', code: o.code ?? 128 + (signalNumber[o.signal ?? ''] ?? 1) };
}

/**
 * Runs `gongkai <argv>` in a process started from the fitting snapshot, on this process's stdio;
 * its exit code, or undefined when there is none (or it could not start, which removes it).
 */
export async function runFromSnapshot(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number | undefined> {
  if (!enabled(env) || !anySnapshot(cacheDir(env))) return undefined;
  const { place } = locateSnapshot(env, undefined, { hashBudget: HASH_NOW_BYTES });
  if (!place || !existsSync(place.blob)) return undefined;
  if (isDebug(env)) process.stderr.write(`gongkai：从启动快照运行（${place.blob}）\n`);
  const outcome = await superviseChild(process.execPath, [...SNAPSHOT_FLAGS, '--snapshot-blob', place.blob, '--', ...argv], { ...env, GONGKAI_SNAPSHOT_KEY: place.key });
  const v = verdict(outcome);
  if (v.kind === 'ran') {
    if (v.message) process.stderr.write(v.message);
    return v.code;
  }
  if (v.kind === 'unavailable') return undefined;
  // built again in the background after this run; a second failure for this key stops that
  try {
    unlinkSync(place.blob);
    writeFileSync(existsSync(place.crashed) ? place.failed : place.crashed, `exit ${outcome.code ?? outcome.signal}\n`);
  } catch {
    // another process removed it already
  }
  return undefined;
}

const signalNumber: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGPIPE: 13, SIGTERM: 15 };

/** A build older than this is taken to have died: its lock no longer holds. */
const LOCK_STALE_MS = 10 * 60 * 1000;

/**
 * Starts building the missing snapshot in a detached background process (make.ts), unless one
 * exists, another build holds the lock, or GONGKAI_SNAPSHOT=0. Never waits, never fails.
 */
export function scheduleSnapshot(env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    if (!enabled(env)) return false;
    const { place, deferred } = locateSnapshot(env, undefined, { hashBudget: HASH_NOW_BYTES });
    if (deferred === undefined && (!place || existsSync(place.blob) || existsSync(place.failed))) return false;
    const maker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'make.js');
    if (!existsSync(maker)) return false; // running from src/ (tsx): nothing built to snapshot
    const dir = cacheDir(env);
    mkdirSync(dir, { recursive: true });
    // key unknown until hashed: one maker at a time hashes, and builds only if still missing (make.ts)
    const lock = place ? `${place.blob}.lock` : path.join(dir, 'startup-pending.lock');
    try {
      closeSync(openSync(lock, 'wx'));
    } catch {
      if (Date.now() - statSync(lock).mtimeMs < LOCK_STALE_MS) return false;
      unlinkSync(lock);
      closeSync(openSync(lock, 'wx'));
    }
    const child = spawn(process.execPath, [maker, '--lock', lock], { detached: true, stdio: 'ignore', env, windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
