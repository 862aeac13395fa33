import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDebug } from '../cli/context.js';
import { SNAPSHOT_FLAGS, snapshotPlace } from './key.js';

/*
 * The executable's side of the startup snapshot: run the command in a process started from the
 * snapshot when one fits (key.ts), else say so and let the command run here; afterwards build
 * the missing snapshot in the background. Every failure falls back to the normal path: the
 * snapshot only ever makes the same result faster.
 */

/** Exit status of a node that cannot load its snapshot (another binary or V8 flags, a missing file). */
export const SNAPSHOT_REFUSED = 14;
/** Signals that mean the process crashed (a damaged snapshot), not that someone stopped it. */
const CRASH = new Set(['SIGSEGV', 'SIGBUS', 'SIGILL', 'SIGABRT', 'SIGTRAP', 'SIGFPE']);

const enabled = (env: NodeJS.ProcessEnv) => env.GONGKAI_SNAPSHOT !== '0' && process.execArgv.length === 0;

/**
 * Runs `gongkai <argv>` in a process started from the fitting snapshot, on this process's stdio;
 * its exit code, or undefined when there is none (or it could not start, which removes it).
 */
export function runFromSnapshot(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (!enabled(env)) return undefined;
  const place = snapshotPlace(env);
  if (!place || !existsSync(place.blob)) return undefined;
  if (isDebug(env)) process.stderr.write(`gongkai：从启动快照运行（${place.blob}）\n`);
  const r = spawnSync(process.execPath, [...SNAPSHOT_FLAGS, '--snapshot-blob', place.blob, '--', ...argv], {
    stdio: 'inherit',
    env: { ...env, GONGKAI_SNAPSHOT_KEY: place.key },
  });
  if (r.error) return undefined;
  if (r.signal) {
    if (!CRASH.has(r.signal)) return 128 + (signalNumber[r.signal] ?? 1);
  } else if (r.status !== null && r.status !== SNAPSHOT_REFUSED) {
    return r.status;
  }
  // built again in the background after this run; a second failure for this key stops that
  try {
    unlinkSync(place.blob);
    writeFileSync(existsSync(place.crashed) ? place.failed : place.crashed, `exit ${r.status ?? r.signal}\n`);
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
    const place = snapshotPlace(env);
    if (!place || existsSync(place.blob) || existsSync(place.failed)) return false;
    const maker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'make.js');
    if (!existsSync(maker)) return false; // running from src/ (tsx): nothing built to snapshot
    mkdirSync(place.dir, { recursive: true });
    const lock = `${place.blob}.lock`;
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
