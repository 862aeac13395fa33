/*
 * Warm-loop harness: loads the environment once, then renders the reference document N times in
 * this process and reports per-document time (median/min/max), a phase split, RSS and PDF size.
 *
 *   npx tsx bench/render.ts [timed=9] [wraps to switch off, e.g. mergeInlines,groupWords]
 *
 * `renderReferenceTimes(n)` is the reusable part (used by the batch bench): one untimed warm-up
 * render, then n timed renders; returns seconds per document. Timing is wall clock on a shared
 * machine: compare medians, never single runs. The phases are the engine's to tell (its layout
 * and render hooks call the observer): nothing here touches pdfmake.
 */
import { pathToFileURL } from 'node:url';
import type { PhaseObserver, WrapName } from '../src/layout/engine/index.js';
import { WRAP_NAMES } from '../src/layout/engine/index.js';
import { DEFAULT_DATA_FILE } from '../src/load/discover.js';
import { checkDataFile, environment, renderToPdf } from '../src/pipeline/index.js';

export interface Phases {
  /** templates, our layout, coverage check, pdfkit document setup */
  prepare: number;
  /** pdfmake LayoutBuilder.layoutDocument */
  layout: number;
  /** pdfmake Renderer.renderPages (pdfkit drawing) */
  draw: number;
  /** fonts subset, streams deflated, file serialised */
  write: number;
}

/** The clock and the marks pdfmake's two big phases leave, told by the engine (PrintOptions.observe). */
let mark: { layout: [number, number]; draw: [number, number] } = { layout: [0, 0], draw: [0, 0] };
const observe: PhaseObserver = {
  clock: () => performance.now(),
  phase: (name, start, end) => {
    mark = { ...mark, [name]: [start, end] };
  },
};

async function setup(disable: WrapName[] = []) {
  const checked = await checkDataFile(DEFAULT_DATA_FILE);
  if (!checked.data || !checked.derived) throw new Error('reference data does not check');
  const { env } = await environment(checked.data.templateSet);
  if (!env) throw new Error('no environment (fonts?)');
  const { data, derived } = checked;
  return async () => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await renderToPdf(data, derived, env, DEFAULT_DATA_FILE, { engine: { observe, disable } });
    const t1 = performance.now();
    const cpu = process.cpuUsage(c0);
    const phases: Phases = {
      prepare: mark.layout[0] - t0,
      layout: mark.layout[1] - mark.layout[0],
      draw: mark.draw[1] - mark.draw[0],
      write: t1 - mark.draw[1],
    };
    return { seconds: (t1 - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, pdf: r.pdf, pages: r.pages, phases };
  };
}

/** One warm-up render, then `n` timed renders of the reference: seconds per document. */
export async function renderReferenceTimes(n: number): Promise<number[]> {
  const render = await setup();
  await render();
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await render()).seconds);
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 9);
  // the engine's switches, to compare with stock pdfmake: e.g. mergeInlines,groupWords
  const disable = (process.argv[3] ?? '').split(',').filter((w): w is WrapName => (WRAP_NAMES as string[]).includes(w));
  if (disable.length) console.log(`wraps off: ${disable.join(', ')}`);
  const t = performance.now();
  const render = await setup(disable);
  const first = await render();
  console.log(`environment ${((performance.now() - t) / 1000 - first.seconds).toFixed(2)} s, first document ${first.seconds.toFixed(3)} s`);
  const runs: Array<Awaited<ReturnType<typeof render>>> = [];
  let rss = 0;
  for (let i = 0; i < n; i++) {
    runs.push(await render());
    rss = Math.max(rss, process.memoryUsage().rss);
  }
  const secs = runs.map((r) => r.seconds);
  const ms = (k: keyof Phases) => median(runs.map((r) => r.phases[k])).toFixed(0);
  console.log(`warm per document (n=${n}): median ${median(secs).toFixed(3)} s  min ${Math.min(...secs).toFixed(3)}  max ${Math.max(...secs).toFixed(3)}`);
  console.log(`cpu per document: median ${median(runs.map((r) => r.cpu)).toFixed(3)} s (less sensitive to a busy machine than wall time)`);
  console.log(`phases (median ms): prepare ${ms('prepare')}  layout ${ms('layout')}  draw ${ms('draw')}  write ${ms('write')}`);
  const last = runs[runs.length - 1]!;
  console.log(`pages ${last.pages}  pdf ${(last.pdf.length / 1024).toFixed(0)} KB  rss ${(rss / 2 ** 20).toFixed(0)} MB (peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB)`);
  const same = runs.every((r) => r.pdf.equals(first.pdf));
  console.log(`byte-identical across ${runs.length + 1} renders: ${same}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
