/*
 * What carrying the data costs (issue 23: PDF/A-3 with the data inside): the reference and a
 * workbook-built document rendered warm in this process with the archive (the data files, the
 * OutputIntent profile, the XMP) and without, interleaved, median of n each — the size it adds
 * and the time.
 *
 *   npx tsx bench/archive.ts [n=5]
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_DATA_FILE } from '../src/load/discover.js';
import { archiveFor, carriedFiles } from '../src/pipeline/archive.js';
import { checkLoaded } from '../src/pipeline/check.js';
import { processWorld, renderToPdf } from '../src/pipeline/index.js';
import type { Figure } from './run.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

async function measure(file: string, n: number): Promise<Figure[]> {
  const world = processWorld();
  const loaded = await world.data(file);
  const checked = await checkLoaded(file, loaded, { world });
  if (!checked.data || !checked.derived) throw new Error(`${file} does not check`);
  const { env } = await world.environment(checked.data.templateSet);
  if (!env) throw new Error('no environment (fonts?)');
  const carried = carriedFiles(file, loaded);
  const archive = await archiveFor(world, carried, checked.data.templateSet, undefined);
  const once = async (withData: boolean) => {
    const t0 = performance.now();
    const r = await renderToPdf(checked.data!, checked.derived!, env, file, {}, withData && archive ? { archive, claims: { pdfua: true } } : {});
    return { seconds: (performance.now() - t0) / 1000, bytes: r.pdf.length };
  };
  await once(true);
  await once(false);
  const on: Array<{ seconds: number; bytes: number }> = [];
  const off: Array<{ seconds: number; bytes: number }> = [];
  for (let i = 0; i < n; i++) {
    off.push(await once(false));
    on.push(await once(true));
  }
  const carriedBytes = (carried?.files ?? []).reduce((s, f) => s + f.bytes.length, 0);
  const added = on[0]!.bytes - off[0]!.bytes;
  const dt = median(on.map((r) => r.seconds)) - median(off.map((r) => r.seconds));
  return [
    ['files carried (uncompressed)', `${(carried?.files ?? []).map((f) => `${f.name} ${kb(f.bytes.length)}`).join(', ')} = ${kb(carriedBytes)}`],
    ['PDF without → with the data', `${kb(off[0]!.bytes)} → ${kb(on[0]!.bytes)} (+${kb(added)}, +${((added / off[0]!.bytes) * 100).toFixed(1)}%)`],
    [`time per document (warm, median of ${n})`, `${median(off.map((r) => r.seconds)).toFixed(3)} s → ${median(on.map((r) => r.seconds)).toFixed(3)} s (${dt >= 0 ? '+' : ''}${(dt * 1000).toFixed(0)} ms)`],
  ];
}

export async function archiveFigures(n = 5): Promise<Figure[]> {
  const reference = await measure(DEFAULT_DATA_FILE, n);
  const workbook = await measure(path.join(ROOT, 'test', 'fixtures', 'workbooks', 'source.xlsx'), n);
  return [...reference.map(([l, v]): Figure => [`reference: ${l}`, v]), ...workbook.map(([l, v]): Figure => [`workbook source.xlsx: ${l}`, v])];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [label, value] of await archiveFigures(Number(process.argv[2] ?? 5))) console.log(`${label.padEnd(58)} ${value}`);
}
