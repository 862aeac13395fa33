import { request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewHandle } from '../../src/preview/index.js';
import { ThreadRenderer } from '../../src/preview/thread-render.js';
import { minimalInput } from '../fixtures/minimal.js';
import { varied } from '../support/pdf-text.js';

/*
 * Renders cannot freeze their host (issue 9): the preview renders on a worker thread, so while a
 * huge document renders the server still answers; a newer save abandons a render that goes on;
 * Ctrl-C (close) ends at once.
 */

let dir: string;
let small: string;
let huge: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gk-thread-'));
  small = path.join(dir, 'small.json');
  huge = path.join(dir, 'huge.json');
  await writeFile(small, JSON.stringify(minimalInput(), null, 2));
  const big = minimalInput();
  // valid (within every limit, the whole document's text included): 360,000 characters, many
  // seconds of layout on any machine
  big.department.duties = Array.from({ length: 18 }, () => varied(20_000));
  await writeFile(huge, JSON.stringify(big));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function get(port: number, route: string): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: route, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('preview renders on a worker thread', () => {
  it('renders a department there and hands the PDF back', async () => {
    const r = new ThreadRenderer();
    const res = await r.render(small, '2026-03-01', false, { isCurrent: () => true });
    await r.close();
    expect(res.kind).toBe('ok');
    expect(res.kind === 'ok' && res.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('a newer save abandons a render that goes on: the thread is replaced, the next render works', async () => {
    const r = new ThreadRenderer({ abandonMs: 200 });
    let current = true;
    const pending = r.render(huge, '2026-03-01', false, { isCurrent: () => current });
    // the save arrives while the huge render has only begun (no clock in the test: the render
    // takes seconds on any machine, the abandon 200 ms after it is noticed)
    setImmediate(() => (current = false));
    expect(await pending).toEqual({ kind: 'superseded' });
    expect(r.stats.abandoned).toBe(1);
    const next = await r.render(small, '2026-03-01', false, { isCurrent: () => true });
    expect(next.kind).toBe('ok');
    expect(r.stats.threads).toBe(2);
    await r.close();
  });

  it('a render over the time limit is an error, not a hang', async () => {
    const r = new ThreadRenderer({ timeoutMs: 1500 });
    const res = await r.render(huge, '2026-03-01', false, { isCurrent: () => true });
    await r.close();
    expect(res).toMatchObject({ kind: 'error', diagnostics: [{ rule: 'render-timeout' }] });
  });

  describe('the server during a huge render', () => {
    let handle: PreviewHandle;
    it('answers / while the render runs, and closes without waiting for it', async () => {
      handle = await startPreview({ file: huge, port: 0, watch: false });
      // the first render (the huge file) is running now: the server answers before it ends
      for (const route of ['/', '/diagnostics.json']) {
        const res = await get(handle.port, route);
        expect(res.status, route).toBe(200);
        expect(handle.session.state().status, `${route} answered during the render`).toBe('pending');
      }
      await handle.close();
      expect(handle.session.state().status).not.toBe('ok');
    });
  });
});
