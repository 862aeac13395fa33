import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SNAPSHOT_FLAGS, snapshotPlace, type SnapshotPlace } from './key.js';

/*
 * Builds the startup snapshot for this process's key: node --build-snapshot runs the bundle
 * (main.ts), which renders the reference department once so that everything a build needs is
 * loaded, compiled and warm, and writes the heap to a temporary file. The file is kept only if a
 * process started from it answers with its key; then it replaces the older snapshots in the
 * cache. Run in the background by the executable (launch.ts), or by hand: `node
 * dist/snapshot/make.js` (bench/run.ts does, before timing cold builds).
 */

export interface MadeSnapshot {
  ok: boolean;
  place?: SnapshotPlace;
  /** Why there is none: no bundle, the build failed, or the result did not answer. */
  reason?: string;
  bytes?: number;
}

/** A key that failed is not tried again in the background (launch.ts): this node may not support it. */
function failed(place: SnapshotPlace, reason: string): MadeSnapshot {
  writeFileSync(place.failed, `${reason}\n`);
  return { ok: false, place, reason };
}

export function makeSnapshot(env: NodeJS.ProcessEnv = process.env): MadeSnapshot {
  const place = snapshotPlace(env);
  if (!place) return { ok: false, reason: '没有可用的 dist/snapshot/gongkai.cjs（缺少，或与 dist/ 中编译的代码不符：npm run build 重新生成）' };
  mkdirSync(place.dir, { recursive: true });
  const tmp = `${place.blob}.${process.pid}.tmp`;
  const log = path.join(place.dir, 'startup-build.log');
  try {
    // the builder's output goes to a file: a pipe on its stdio, initialised by a warning and then
    // frozen in the heap, made every other snapshot crash when loaded (measured: 3 of 6)
    const fd = openSync(log, 'w');
    let built;
    try {
      built = spawnSync(process.execPath, [...SNAPSHOT_FLAGS, '--snapshot-blob', tmp, '--build-snapshot', place.bundle], {
        env: { ...env, GONGKAI_SNAPSHOT_BUILD_KEY: place.key },
        stdio: ['ignore', fd, fd],
      });
    } finally {
      closeSync(fd);
    }
    if (built.status !== 0) return failed(place, `构建失败（退出码 ${built.status ?? built.signal}），见 ${log}`);
    const probe = spawnSync(process.execPath, [...SNAPSHOT_FLAGS, '--snapshot-blob', tmp], {
      env: { ...env, GONGKAI_SNAPSHOT_KEY: place.key, GONGKAI_SNAPSHOT_PROBE: '1' },
      encoding: 'utf8',
    });
    if (probe.status !== 0 || probe.stdout.trim() !== place.key) return failed(place, `快照不能启动（退出码 ${probe.status ?? probe.signal}）`);
    renameSync(tmp, place.blob);
    for (const f of readdirSync(place.dir)) {
      // other keys' snapshots and markers (this key's crash marker stays: a second crash stops it)
      if (/^startup-[0-9a-f]+\.(blob|failed|crashed)$/.test(f) && !f.startsWith(`startup-${place.key}.`)) unlinkSync(path.join(place.dir, f));
    }
    return { ok: true, place, bytes: statSync(place.blob).size };
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // renamed, or never written
    }
  }
}

// `node dist/snapshot/make.js [--lock file]`: the lock (taken by launch.ts) is released at the end
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const lockAt = process.argv.indexOf('--lock');
  const lock = lockAt > 0 ? process.argv[lockAt + 1] : undefined;
  try {
    // started in the background before the key was known (launch.ts: too much to hash then)
    const place = lock ? snapshotPlace() : undefined;
    const made = place && (existsSync(place.blob) || existsSync(place.failed)) ? { ok: true, place } : makeSnapshot();
    if (!lock) process.stdout.write(made.ok ? `${made.place!.blob}\n` : `gongkai：未生成启动快照：${made.reason}\n`);
    process.exitCode = made.ok ? 0 : 1;
  } finally {
    if (lock) {
      try {
        unlinkSync(lock);
      } catch {
        // removed already
      }
    }
  }
}
