import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputPath, writeFileAtomic } from '../../src/write/index.js';

describe('the write stage', () => {
  it('writes through a temporary file and leaves only the target', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gk-write-'));
    const target = path.join(dir, '2026', 'a.pdf');
    await writeFileAtomic(target, Buffer.from('%PDF-1.3 x'));
    await writeFileAtomic(target, Buffer.from('%PDF-1.3 y'));
    expect(await readFile(target, 'utf8')).toBe('%PDF-1.3 y');
    expect(await readdir(path.dirname(target))).toEqual(['a.pdf']);
  });

  it('names the PDF after year and department, without path separators', () => {
    expect(outputPath('out', 2026, '山西/某中心')).toBe(path.join('out', '2026', '山西_某中心.pdf'));
  });
});
