import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBounded } from '../../src/load/read-bounded.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gongkai-bounded-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('readBounded', () => {
  it('reads a file within the limit whole', async () => {
    const f = path.join(tmp, 'a.json');
    await writeFile(f, 'x'.repeat(3 * 1024 * 1024));
    const r = await readBounded(f, 3 * 1024 * 1024);
    expect(r.kind === 'bytes' && r.bytes.length).toBe(3 * 1024 * 1024);
  });

  it('refuses a larger regular file from its size, without reading it', async () => {
    const f = path.join(tmp, 'b.json');
    await writeFile(f, 'x'.repeat(101));
    expect(await readBounded(f, 100)).toEqual({ kind: 'too-large', size: 101 });
  });

  it('counts what a device that reports no size gives, and stops one byte past the limit (F1: /dev/zero)', async () => {
    expect(await readBounded('/dev/zero', 5 * 1024 * 1024)).toEqual({ kind: 'too-large' });
  });

  it('says a folder is a folder and a missing file is missing', async () => {
    await mkdir(path.join(tmp, 'd'));
    expect(await readBounded(path.join(tmp, 'd'), 100)).toEqual({ kind: 'directory' });
    const r = await readBounded(path.join(tmp, 'none.json'), 100);
    expect(r.kind === 'error' && r.error.code).toBe('ENOENT');
  });
});
