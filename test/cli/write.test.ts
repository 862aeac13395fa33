import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTextFile } from '../../src/cli/write.js';
import { cli } from '../batch/helpers.js';
import { diskFullAfter } from '../support/faulty-fs.js';
import { ROOT, STACK } from './run.js';

/*
 * Nothing overwritten (issue 20, F9 and F10): every file the CLI writes replaces the old one
 * whole or not at all, and a command never writes its output over its own input — by the same
 * name, through a symbolic link, or at the place it computes itself.
 */

const EXAMPLE = path.join(ROOT, 'data', 'examples', 'yuci-government-services.json');
const NAME = '晋中市榆次区政务服务中心';
let dir: string;
let mounted: string | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gk-cli-write-'));
  await copyFile(EXAMPLE, path.join(dir, 'd.json'));
  const made = await cli(['init', '--xlsx', '--from', 'd.json', '-o', 'w.xlsx'], dir);
  expect(made.code, made.stderr).toBe(0);
});

afterAll(async () => {
  if (mounted) execFileSync('umount', [mounted]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function refused(argv: string[], files: string[]) {
  const before = await Promise.all(files.map((f) => readFile(path.join(dir, f))));
  const r = await cli(argv, dir);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(STACK);
  for (const [i, f] of files.entries()) expect((await readFile(path.join(dir, f))).equals(before[i]!), `${f} unchanged`).toBe(true);
  return r.stderr;
}

describe('the output is never the input (F10)', () => {
  it('init --xlsx --from d.json -o d.json --force: refused in words, exit 2, d.json kept', async () => {
    expect(await refused(['init', '--xlsx', '--from', 'd.json', '-o', 'd.json', '--force'], ['d.json'])).toContain('输出文件不能是输入文件：“d.json”就是用 --from 读取的数据文件');
  });

  it('through a symbolic link, and when the default name is the input itself', async () => {
    await symlink('d.json', path.join(dir, 'link.json'));
    expect(await refused(['init', '--xlsx', '--from', 'link.json', '-o', 'd.json', '--force'], ['d.json'])).toContain('是同一个文件');
    // without -o the workbook is named <code>-<name>.xlsx in the current folder: the input there
    const code = (JSON.parse(await readFile(EXAMPLE, 'utf8')) as { department: { code: string } }).department.code;
    const own = `${code}-${NAME}.xlsx`;
    await copyFile(path.join(dir, 'w.xlsx'), path.join(dir, own));
    expect(await refused(['init', '--xlsx', '--from', own, '--force'], [own])).toContain('输出文件不能是输入文件');
  });

  it('import w.xlsx -o w.xlsx --force, and --into the same file as -o', async () => {
    expect(await refused(['import', 'w.xlsx', '-o', 'w.xlsx', '--force'], ['w.xlsx'])).toContain('就是填报表');
    expect(await refused(['import', 'w.xlsx', '--layout', 'standard-13', '--into', 'd.json', '-o', 'd.json', '--force'], ['d.json', 'w.xlsx'])).toContain('用 --into 读取的数据文件');
  });

  it('export of a workbook kept where its own export would go', async () => {
    const place = path.join('out', '2026', `${NAME}（预算公开表）.xlsx`);
    await mkdir(path.join(dir, 'out', '2026'), { recursive: true });
    await copyFile(path.join(dir, 'w.xlsx'), path.join(dir, place));
    expect(await refused(['export', place, '-o', 'out'], [place])).toContain('就是这份数据文件本身');
  });

  it('build -o a PDF name that links to the data file', async () => {
    await symlink('d.json', path.join(dir, 'd.pdf'));
    expect(await refused(['build', 'd.json', '-o', 'd.pdf'], ['d.json'])).toContain('输出会覆盖数据文件本身');
  });
});

describe('every write whole or not at all (F9)', () => {
  it('a data file write that fails midway leaves the old data file', async () => {
    const file = path.join(dir, 'keep.json');
    await writeFile(file, '{ "old": true }\n');
    const r = await writeTextFile(file, JSON.stringify({ big: 'x'.repeat(50_000) }), { overwrite: true, shown: 'keep.json', fs: diskFullAfter(12 * 1024) });
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.message).toContain('磁盘空间不足，无法写入“keep.json”；原文件未改动');
    expect(await readFile(file, 'utf8')).toBe('{ "old": true }\n');
  });

  it.runIf(process.platform === 'linux')('import -o dept.json --force on a really full disk keeps dept.json valid', async () => {
    const full = path.join(dir, 'full');
    await mkdir(full);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', full], { stdio: 'ignore' });
      mounted = full;
    } catch {
      console.log('tmpfs mounts unavailable: the real full-disk case is skipped');
      return;
    }
    const old = JSON.stringify({ year: 2026, department: { name: '旧数据' } }, null, 2) + '\n';
    await writeFile(path.join(full, 'dept.json'), old);
    await writeFile(path.join(full, 'filler'), Buffer.alloc(40 * 1024)).catch(() => undefined);
    const r = await cli(['import', 'w.xlsx', '-o', path.join('full', 'dept.json'), '--force'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('磁盘空间不足');
    expect(await readFile(path.join(full, 'dept.json'), 'utf8')).toBe(old);
    expect((await readdir(full)).sort()).toEqual(['dept.json', 'filler']);
  });
});
