/*
 * Save-to-preview latency of `gongkai preview` on the reference, warm (target ≤ 0.15 s):
 *
 *   npx tsx bench/preview.ts [edits=7]
 *
 * Starts the preview server in this process on a temporary copy of the reference data, saves the
 * data file `edits` times (after 2 untimed warm-up edits) and times each save → the new PDF served
 * by GET /document.pdf. The measuring function is `measurePreviewLatency` (src/preview/latency.ts).
 * Wall clock on a shared machine: compare medians, never single runs.
 */
import { pathToFileURL } from 'node:url';
import { measurePreviewLatency, type LatencyResult } from '../src/preview/latency.js';

export { measurePreviewLatency, type LatencyResult };

export function formatLatency(r: LatencyResult): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
  return [
    `preview: save → new PDF served, reference (${r.pages} pages), warm, ${r.samples.length} edits, debounce ${r.debounceMs} ms`,
    `  median ${s(r.medianMs)}  (min ${s(r.minMs)}, max ${s(r.maxMs)}; of which check + render median ${s(r.medianRenderMs)})`,
    `  each: ${r.samples.map((x) => (x.totalMs / 1000).toFixed(3)).join(' ')}`,
  ].join('\n');
}

/** Rows for `npm run bench` (bench/run.ts `extraMeasurements`). BENCH_PREVIEW_EDITS sets the count (default 7). */
export async function previewFigures(edits = Number(process.env.BENCH_PREVIEW_EDITS ?? 7)): Promise<Array<[label: string, value: string]>> {
  const r = await measurePreviewLatency({ edits });
  const s = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
  return [
    ['median (target ≤ 0.15 s)', s(r.medianMs)],
    ['min / max', `${s(r.minMs)} / ${s(r.maxMs)} (n=${r.samples.length}, after 2 warm-up edits)`],
    ['of which check + render (median)', s(r.medianRenderMs)],
    ['debounce', `${r.debounceMs} ms`],
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const edits = Number(process.argv[2] ?? 7);
  if (!Number.isInteger(edits) || edits < 1) {
    process.stderr.write('usage: npx tsx bench/preview.ts [edits=7]\n');
    process.exit(2);
  }
  const result = await measurePreviewLatency({ edits });
  process.stdout.write(formatLatency(result) + '\n');
}
