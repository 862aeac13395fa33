#!/usr/bin/env node
/*
 * The `gongkai` executable. A one-shot command runs without TurboFan (tiering.ts) and, when a
 * startup snapshot for exactly this node, tool, template set and fonts is in the cache, in a
 * process started from it (src/snapshot/): the same bytes in about half the time. Otherwise it
 * runs here, and builds that snapshot in the background for next time. Everything else is
 * imported lazily, so that even a failure while loading a module is caught (entry.ts).
 * Exit codes: 0 ok, 1 data errors or failures, 2 usage.
 */
import { setFlagsFromString } from 'node:v8';
import { tierFor } from './tiering.js';

const argv = process.argv.slice(2);
// before main.js and its dependencies are compiled
const flags = tierFor(argv, process.env);
if (flags) setFlagsFromString(flags);

let code: number | undefined;
let launch: typeof import('../snapshot/launch.js') | undefined;
if (flags) {
  try {
    launch = await import('../snapshot/launch.js');
    code = await launch.runFromSnapshot(argv);
  } catch {
    // the snapshot is only ever a faster way to the same result
  }
}
if (code === undefined) {
  const { runCli } = await import('./entry.js');
  code = await runCli(argv);
  launch?.scheduleSnapshot();
}
process.exitCode = code;
