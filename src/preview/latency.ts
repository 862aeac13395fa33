import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_DATA_FILE } from '../load/discover.js';
import { startPreview } from './index.js';
import type { PreviewState } from './session.js';

/*
 * Save-to-preview latency, as a user feels it: the preview server runs (in this process) on a
 * temporary copy of the reference data, warm; each edit rewrites the data file (a duty paragraph
 * gets a new sentence) and the clock stops when GET /document.pdf serves the PDF of that edit.
 * Includes the file watcher, the debounce, check + render, and the HTTP response.
 */

export interface LatencySample {
  /** Save (writeFile returned) → the new PDF served over HTTP. */
  totalMs: number;
  /** Of which check + render (the job's own time). */
  renderMs: number;
}

export interface LatencyResult {
  samples: LatencySample[];
  medianMs: number;
  minMs: number;
  maxMs: number;
  medianRenderMs: number;
  debounceMs: number;
  pages: number;
}

export interface LatencyOptions {
  /** Timed edits (default 7). */
  edits?: number;
  /** Untimed edits first, so the process is warm (default 2). */
  warmup?: number;
  debounceMs?: number;
  /** The data file to copy (default: the reference). */
  source?: string;
  /** Per-edit time limit (default 60 s). */
  timeoutMs?: number;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function get(url: string): Promise<{ status: number; version: string | undefined; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, version: res.headers['x-preview-pdf-version'] as string | undefined, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The reference with a marker sentence in its first duty paragraph (valid, audit-clean as before). */
function edited(original: string, n: number): string {
  const data = JSON.parse(original) as { department: { duties: string[] } };
  data.department.duties[0] = `（预览计时第${n}次修改）${data.department.duties[0] ?? ''}`;
  return JSON.stringify(data, null, 2) + '\n';
}

export async function measurePreviewLatency(options: LatencyOptions = {}): Promise<LatencyResult> {
  const edits = options.edits ?? 7;
  const warmup = options.warmup ?? 2;
  const debounceMs = options.debounceMs ?? 50;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const dir = await mkdtemp(path.join(tmpdir(), 'gongkai-preview-latency-'));
  const file = path.join(dir, 'department.json');
  await copyFile(options.source ?? DEFAULT_DATA_FILE, file);
  const original = await readFile(file, 'utf8');
  const handle = await startPreview({ file, port: 0, debounceMs });
  try {
    const first = await handle.firstRender;
    if (first.status !== 'ok' || !first.pdf) throw new Error(`preview latency: the data does not render (${first.diagnostics.find((d) => d.severity === 'error')?.message ?? first.status})`);

    const samples: LatencySample[] = [];
    let pages = first.pdf.pages;
    for (let i = 1; i <= warmup + edits; i++) {
      await handle.session.idle();
      const before = handle.session.state().pdf?.version ?? 0;
      const next = new Promise<PreviewState>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`preview latency: no new PDF ${timeoutMs} ms after edit ${i}`)), timeoutMs);
        const off = handle.session.subscribe((s) => {
          if (s.status === 'error') {
            clearTimeout(timer);
            off();
            reject(new Error(`preview latency: edit ${i} gave errors: ${s.diagnostics[0]?.message ?? ''}`));
          } else if (s.status === 'ok' && (s.pdf?.version ?? 0) > before && !s.rendering) {
            clearTimeout(timer);
            off();
            resolve(s);
          }
        });
      });
      const text = edited(original, i);
      await writeFile(file, text);
      const saved = performance.now();
      const state = await next;
      const served = await get(new URL(state.pdf!.url, handle.url).href);
      const done = performance.now();
      if (served.status !== 200 || served.version !== String(state.pdf!.version)) throw new Error(`preview latency: /document.pdf answered ${served.status}, version ${served.version}`);
      pages = state.pdf!.pages;
      if (i > warmup) samples.push({ totalMs: done - saved, renderMs: state.pdf!.ms });
    }
    const totals = samples.map((s) => s.totalMs);
    return {
      samples,
      medianMs: median(totals),
      minMs: Math.min(...totals),
      maxMs: Math.max(...totals),
      medianRenderMs: median(samples.map((s) => s.renderMs)),
      debounceMs,
      pages,
    };
  } finally {
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  }
}
