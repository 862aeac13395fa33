import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
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

export function makeSnapshot(env: NodeJS.ProcessEnv = process.env): MadeSnapshot {
  const place = snapshotPlace(env);
  if (!place) return { ok: false, reason: '没有 dist/snapshot/gongkai.cjs（npm run build 生成）' };
  mkdirSync(place.dir, { recursive: true });
  const tmp = `${place.blob}.${process.pid}.tmp`;
  const log = path.join(place.dir, 'startup-build.log');
  try {
    const built = spawnSync(process.execPath, [...SNAPSHOT_FLAGS, '--snapshot-blob', tmp, '--build-snapshot', place.bundle], {
      env: { ...env, GONGKAI_SNAPSHOT_BUILD_KEY: place.key },
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    writeFileSync(log, `${built.stdout ?? ''}${built.stderr ?? ''}`);
    if (built.status !== 0) return { ok: false, place, reason: `构建失败（退出码 ${built.status ?? built.signal}），见 ${log}` };
    const probe = spawnSync(process.execPath, [...SNAPSHOT_FLAGS, '--snapshot-blob', tmp], {
      env: { ...env, GONGKAI_SNAPSHOT_KEY: place.key, GONGKAI_SNAPSHOT_PROBE: '1' },
      encoding: 'utf8',
    });
    if (probe.status !== 0 || probe.stdout.trim() !== place.key) return { ok: false, place, reason: `快照不能启动（退出码 ${probe.status ?? probe.signal}）` };
    renameSync(tmp, place.blob);
    for (const f of readdirSync(place.dir)) {
      if (/^startup-[0-9a-f]+\.blob$/.test(f) && path.join(place.dir, f) !== place.blob) unlinkSync(path.join(place.dir, f));
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
    const made = makeSnapshot();
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
