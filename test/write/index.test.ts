import { chmod, link, mkdtemp, open, readdir, readFile, rename, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileNameWarning, isSameFile, outputPath, stalePath, writeFileAtomic, type AtomicFs } from '../../src/write/index.js';
import { diskFullAfter } from '../support/faulty-fs.js';

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'gk-write-'));

describe('the write stage', () => {
  it('writes through a temporary file and leaves only the target', async () => {
    const dir = await tmp();
    const target = path.join(dir, '2026', 'a.pdf');
    await writeFileAtomic(target, Buffer.from('%PDF-1.3 x'));
    await writeFileAtomic(target, Buffer.from('%PDF-1.3 y'));
    expect(await readFile(target, 'utf8')).toBe('%PDF-1.3 y');
    expect(await readdir(path.dirname(target))).toEqual(['a.pdf']);
  });

  it('a write that fails midway (disk full) leaves the old file as it was, and no temp file', async () => {
    const dir = await tmp();
    const target = path.join(dir, 'dept.json');
    const old = JSON.stringify({ year: 2026, department: { name: '旧' } }, null, 2);
    await writeFile(target, old);
    const next = 'x'.repeat(100_000);
    await expect(writeFileAtomic(target, next, { fs: diskFullAfter(12_000) })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await readFile(target, 'utf8')).toBe(old);
    expect(await readdir(dir)).toEqual(['dept.json']);
    // the same fault, with the real file system: the test's fault is the only difference
    await writeFileAtomic(target, next);
    expect(await readFile(target, 'utf8')).toBe(next);
  });

  it('exclusive: an existing file is refused (EEXIST) and kept; a new one is written', async () => {
    const dir = await tmp();
    const target = path.join(dir, 'a.json');
    await writeFileAtomic(target, 'one', { exclusive: true });
    await expect(writeFileAtomic(target, 'two', { exclusive: true })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(target, 'utf8')).toBe('one');
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('without hard links (FAT, exFAT), exclusive still refuses an existing file and writes a new one', async () => {
    const dir = await tmp();
    const noLinks: AtomicFs = { open, rename, link: () => Promise.reject(Object.assign(new Error('EPERM'), { code: 'EPERM' })) };
    const target = path.join(dir, 'a.json');
    await writeFileAtomic(target, 'one', { exclusive: true, fs: noLinks });
    await expect(writeFileAtomic(target, 'two', { exclusive: true, fs: noLinks })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(target, 'utf8')).toBe('one');
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('a replaced file keeps its permissions', async () => {
    const dir = await tmp();
    const target = path.join(dir, 'a.json');
    await writeFile(target, 'one');
    await chmod(target, 0o640);
    await writeFileAtomic(target, 'two');
    expect((await stat(target)).mode & 0o777).toBe(0o640);
  });

  it('knows one file by any of its names: itself, a symbolic link, a hard link; not a new path', async () => {
    const dir = await tmp();
    const a = path.join(dir, 'a.json');
    await writeFile(a, '{}');
    await symlink(a, path.join(dir, 'sym.json'));
    await link(a, path.join(dir, 'hard.json'));
    await writeFile(path.join(dir, 'b.json'), '{}');
    expect(await isSameFile(a, path.join(dir, '.', 'a.json'))).toBe(true);
    expect(await isSameFile(path.join(dir, 'sym.json'), a)).toBe(true);
    expect(await isSameFile(path.join(dir, 'hard.json'), a)).toBe(true);
    expect(await isSameFile(path.join(dir, 'b.json'), a)).toBe(false);
    expect(await isSameFile(path.join(dir, 'new.json'), a)).toBe(false);
  });

  it('names the PDF after year and department, without path separators, and says when it had to', () => {
    expect(outputPath('out', 2026, '山西/某中心')).toBe(path.join('out', '2026', '山西_某中心.pdf'));
    const w = fileNameWarning('山西/某中心', outputPath('out', 2026, '山西/某中心'), 'd.json');
    expect(w).toMatchObject({ path: 'department.name', rule: 'file-name-changed', severity: 'warning' });
    expect(w!.message).toContain('“/”');
    expect(w!.message).toContain('山西_某中心.pdf');
    expect(fileNameWarning('财政局', 'out/2026/财政局.pdf', 'd.json')).toBeUndefined();
    expect(stalePath(path.join('out', '2026', '财政局.pdf'))).toBe(path.join('out', '2026', '财政局（未更新）.pdf'));
  });
});
