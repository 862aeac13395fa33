import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCompletePdf, pdfsUnder, tempDir, tempFilesUnder, writeSmall } from './helpers.js';
import { ROOT } from '../cli/run.js';

/*
 * Interrupting a batch: the CLI runs as a child process (node + tsx on the source, as a user
 * would), is sent SIGINT or SIGKILL as soon as its first PDF appears, and must leave only
 * complete PDFs behind — and, after SIGINT, no temp files either.
 */

const CLI = path.join(ROOT, 'src', 'cli', 'index.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

let root: string;

beforeAll(async () => {
  root = await tempDir('interrupt');
  await writeSmall(path.join(root, 'data'), 8, 23);
});

function start(out: string): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  const child = spawn(process.execPath, ['--import', TSX, CLI, 'batch', 'data', '-o', out, '--jobs', '2'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stdout!.resume();
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

async function firstPdf(dir: string, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await pdfsUnder(dir)).length > 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no PDF appeared');
}

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('interrupting gongkai batch', () => {
  it('SIGINT: stops, leaves only complete PDFs and no temp files, exits 130', async () => {
    const out = path.join(root, 'out-int');
    const { child, done } = start(out);
    await firstPdf(out);
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('已中断');
    expect(r.stderr.match(/已中断/g)).toHaveLength(1); // one notice although parent and child both heard of it
    const pdfs = await pdfsUnder(out);
    expect(pdfs.length).toBeGreaterThan(0);
    expect(pdfs.length).toBeLessThan(8);
    for (const p of pdfs) expect(await isCompletePdf(p), p).toBe(true);
    expect(await tempFilesUnder(out)).toEqual([]);
  });

  it('SIGKILL: leaves only complete PDFs; the next run clears the dead run’s temp files and finishes', async () => {
    const out = path.join(root, 'out-kill');
    const { child, done } = start(out);
    await firstPdf(out);
    child.kill('SIGKILL');
    const r = await done;
    expect(r.signal).toBe('SIGKILL');
    // the batch runs in a relaunched child (V8 flags): it must stop with its parent, not go on
    // writing — a write already under way may still land (on a loaded machine, a second or two
    // later), then nothing more
    let left = await pdfsUnder(out);
    for (let settled = 0, i = 0; settled < 2 && i < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const now = await pdfsUnder(out);
      settled = now.length === left.length ? settled + 1 : 0;
      left = now;
    }
    expect(left.length).toBeLessThan(8);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await pdfsUnder(out)).toEqual(left);
    for (const p of left) expect(await isCompletePdf(p), p).toBe(true);

    const again = start(out);
    const r2 = await again.done;
    expect(r2.code, r2.stderr).toBe(0);
    const pdfs = await pdfsUnder(out);
    expect(pdfs).toHaveLength(8);
    for (const p of pdfs) expect(await isCompletePdf(p), p).toBe(true);
    expect(await tempFilesUnder(out)).toEqual([]);
  });
});
