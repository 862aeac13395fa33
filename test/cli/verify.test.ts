import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processWorld, run } from '../../src/pipeline/index.js';
import { gongkai, ROOT } from './run.js';

const STACK = /\n\s+at /;

describe('gongkai verify', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gongkai-verify-cli-'));
    const made = await run(processWorld(), { file: path.join(ROOT, 'data', '640-zwfw.json') });
    await writeFile(path.join(dir, 'ok.pdf'), made.bytes!);
    await writeFile(path.join(dir, 'junk.pdf'), 'not a pdf');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('one PDF made by gongkai: exit 0, said verified byte for byte', async () => {
    const r = await gongkai(['verify', path.join(dir, 'ok.pdf')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✓ 一致 .*ok\.pdf（与数据重新生成的 PDF 逐字节相同）\n$/);
  });

  it('a folder with a PDF that cannot be read: exit 1, each said, a summary; --json has them all', async () => {
    const r = await gongkai(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ 无法读取');
    expect(r.stdout).toContain('核对了 2 个 PDF：1 个一致，1 个无法读取');
    expect(r.stderr).not.toMatch(STACK);
    const j = await gongkai(['verify', dir, '--json']);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout).counts).toMatchObject({ verified: 1, unreadable: 1 });
  });

  it('no path, or a folder without PDFs: exit 2', async () => {
    expect((await gongkai(['verify'])).code).toBe(2);
    const empty = await mkdtemp(path.join(tmpdir(), 'gongkai-verify-empty-'));
    const r = await gongkai(['verify', empty]);
    await rm(empty, { recursive: true, force: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('没有 PDF 文件');
  });
});
