import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/*
 * Starting a worker thread on one of our modules, compiled or not. From dist/ the module is its
 * .js file; from src/ (tsx, vitest) it is the .ts file, loaded through tsx. On Node 20 neither
 * `execArgv: ['--import', 'tsx']` nor the parent's hooks reach a worker thread (tsx registers its
 * ESM hooks on the main thread only before Node 22.22), so the worker first registers tsx through
 * its API, then imports the module.
 */

export interface WorkerEntry {
  script: URL | string;
  eval: boolean;
  data: Record<string, string>;
}

/** `base`: the module's URL without extension, e.g. `new URL('./worker', import.meta.url)`. */
export function threadEntry(base: URL): WorkerEntry {
  const here = import.meta.url;
  const fromSource = /\.[cm]?ts$/.test(fileURLToPath(here));
  if (!fromSource) return { script: new URL(`${base.href}.js`), eval: false, data: {} };
  const tsxApi = pathToFileURL(path.join(path.dirname(createRequire(here).resolve('tsx')), 'esm', 'api', 'index.mjs')).href;
  const script = [
    "const { workerData } = require('node:worker_threads');",
    'import(workerData.tsxApi).then(({ register }) => { register(); return import(workerData.entry); });',
  ].join('\n');
  return { script, eval: true, data: { tsxApi, entry: `${base.href}.ts` } };
}
