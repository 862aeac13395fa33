/*
 * The naive way to regenerate every department, for comparison with `gongkai batch`: one
 * process, one document after another, and for each a fresh environment — template set read
 * and compiled again, font files read and parsed again (pipeline `environment(set, { fresh:
 * true })`), nothing reused but the modules themselves. Runs the compiled product (dist/).
 *
 *   node --import tsx bench/naive.ts <data dir> <out dir>   →  JSON { count, seconds, cpuSeconds, failed, … }
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (m: string) => pathToFileURL(path.join(ROOT, 'dist', m)).href;

type Pipeline = typeof import('../src/pipeline/index.js');
type Discover = typeof import('../src/load/discover.js');
type Write = typeof import('../src/write/index.js');

async function main(): Promise<void> {
  const [dir, out] = process.argv.slice(2);
  if (!dir || !out) throw new Error('usage: bench/naive.ts <data dir> <out dir>');
  const { checkDataFile, environment, renderToPdf } = (await import(dist('pipeline/index.js'))) as Pipeline;
  const { findDataFiles } = (await import(dist('load/discover.js'))) as Discover;
  const { outputPath, writeFileAtomic } = (await import(dist('write/index.js'))) as Write;
  const files = await findDataFiles(dir);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let failed = 0;
  let bytes = 0;
  for (const file of files) {
    const checked = await checkDataFile(file);
    if (!checked.data || !checked.derived) {
      failed++;
      continue;
    }
    const { env } = await environment(checked.data.templateSet, { fresh: true });
    if (!env) throw new Error('no fonts');
    const r = await renderToPdf(checked.data, checked.derived, env, file);
    bytes += r.pdf.length;
    await writeFileAtomic(outputPath(out, checked.derived.year, checked.derived.department.name), r.pdf);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(JSON.stringify({ count: files.length - failed, failed, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, bytes, maxRss: process.resourceUsage().maxRSS * 1024 }) + '\n');
}

await main();
