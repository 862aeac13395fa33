import { closeSync, mkdtempSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startupSnapshot } from 'node:v8';
import { runCli } from '../cli/entry.js';
import type { CliIO } from '../cli/context.js';
import { run } from '../cli/main.js';
import { dropSegmenter } from '../layout/breaks.js';
import { packageRoot } from '../load/root.js';
import { PARENT_ENV, STARTED_FD, watchParent } from './parent.js';

/*
 * The program inside the startup snapshot (bundled by bundle.ts into dist/snapshot/gongkai.cjs,
 * built by make.ts). While the snapshot is built it runs the commands a clerk runs on the
 * reference department — build and validate, output discarded — so the heap it freezes has every
 * module loaded, the template set compiled, the fonts parsed and the measuring caches filled.
 * Started from the snapshot, it is the CLI (cli/entry.ts) on the real arguments.
 */

const key = process.env.GONGKAI_SNAPSHOT_BUILD_KEY ?? '';

async function warm(): Promise<void> {
  const root = packageRoot();
  const reference = path.join(root, 'data', '640-zwfw.json');
  const out = mkdtempSync(path.join(os.tmpdir(), 'gongkai-snapshot-'));
  const quiet: CliIO = { stdout: () => undefined, stderr: () => undefined, cwd: root, env: process.env, color: false };
  try {
    await run(['build', reference, '-o', path.join(out, 'reference.pdf')], quiet);
    await run(['validate', reference], quiet);
  } finally {
    rmSync(out, { recursive: true, force: true });
    // an ICU object cannot be serialised; made again on first use
    dropSegmenter();
  }
}

if (startupSnapshot.isBuildingSnapshot()) {
  // the snapshot is taken when the event loop is empty, after this
  void warm().catch((e: unknown) => {
    // a colder snapshot still gives the same bytes
    process.stderr.write(`warm-up failed: ${e instanceof Error ? e.message : String(e)}\n`);
  });
  startupSnapshot.setDeserializeMainFunction(() => {
    const env = process.env;
    if (env.GONGKAI_SNAPSHOT_PROBE === '1') {
      process.stdout.write(`${key}\n`);
      return;
    }
    // started by hand or by another key's launcher: let the executable run the normal way
    if (env.GONGKAI_SNAPSHOT_KEY !== key) {
      process.exitCode = 14;
      return;
    }
    // tell the launcher the snapshot loaded (a crash from here on is the command's), and die with it
    const parent = Number(env[PARENT_ENV]);
    if (parent > 0) {
      try {
        writeSync(STARTED_FD, 'started\n');
        closeSync(STARTED_FD);
      } catch {
        // started by something else than the launcher: no pipe there
      }
      watchParent(parent);
    }
    void runCli(process.argv.slice(1)).then((code) => {
      process.exitCode = code;
    });
  });
}
