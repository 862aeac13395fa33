import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutput, writeProblem } from '../../src/write/index.js';
import { cli } from '../batch/helpers.js';
import { STACK } from '../cli/run.js';
import { minimalInput } from '../fixtures/minimal.js';

/*
 * What the disk refuses is said in words (issue 9): one Chinese sentence naming the path and what
 * to do, exit 1, before rendering where it can be known — never 内部错误 with a raw errno. The
 * read-only and full disks are real: small tmpfs mounts (this machine's tests run as root).
 */

let dir: string;
let data: string;
let mounts: string[] = [];
let canMount = false;

function mount(target: string, options: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', target], { stdio: 'ignore' });
    mounts.push(target);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gk-problems-'));
  data = path.join(dir, 'dept.json');
  await writeFile(data, JSON.stringify(minimalInput(), null, 2));
  await mkdir(path.join(dir, 'ro'));
  await mkdir(path.join(dir, 'full'));
  canMount = mount(path.join(dir, 'ro'), 'size=1m,ro') && mount(path.join(dir, 'full'), 'size=64k');
  if (!canMount) console.log('tmpfs mounts unavailable: the read-only and full-disk cases are skipped');
});

afterAll(async () => {
  for (const m of mounts.reverse()) execFileSync('umount', [m]);
  mounts = [];
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function build(out: string) {
  const r = await cli(['build', data, '-o', out], dir);
  expect(r.code).toBe(1);
  expect(r.stderr).not.toContain('内部错误');
  expect(r.stderr).not.toMatch(STACK);
  return r;
}

describe('write problems in words', () => {
  it('each errno is one sentence with the path and what to do', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['EACCES', 'output-not-writable', /没有权限写入“\/x\/y”.*换一个可写的输出文件夹/],
      ['EROFS', 'output-not-writable', /只读/],
      ['ENOTDIR', 'output-not-directory', /应当是文件夹，却是一个文件/],
      ['ENOSPC', 'disk-full', /磁盘空间不足/],
      ['ENAMETOOLONG', 'name-too-long', /过长/],
    ];
    for (const [code, rule, message] of cases) {
      const d = writeProblem(Object.assign(new Error(code), { code, path: '/x/y' }), '/x/y/a.pdf');
      expect(d, code).toMatchObject({ rule, severity: 'error' });
      expect(d.message, code).toMatch(message);
    }
  });

  it('a file where the output folder should be: found before rendering', async () => {
    await writeFile(path.join(dir, 'outfile'), 'not a folder');
    expect(await checkOutput(path.join(dir, 'outfile', '2026', 'a.pdf'))).toMatchObject({ rule: 'output-not-directory' });
    const r = await build('outfile');
    expect(r.stderr).toContain('应当是文件夹，却是一个文件');
    expect(r.stderr).toContain(path.join(dir, 'outfile'));
  });

  it('an output path with a folder name too long for the file system', async () => {
    const r = await build('x'.repeat(300));
    expect(r.stderr).toContain('过长');
  });

  it.runIf(process.platform === 'linux')('read-only output folder: found before rendering, nothing written', async () => {
    if (!canMount) return;
    expect(await checkOutput(path.join(dir, 'ro', '2026', 'a.pdf'))).toMatchObject({ rule: 'output-not-writable' });
    const r = await build('ro');
    expect(r.stderr).toContain('只读');
    expect(await readdir(path.join(dir, 'ro'))).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('a full disk: the sentence, and no temp file left behind', async () => {
    if (!canMount) return;
    const r = await build('full');
    expect(r.stderr).toContain('磁盘空间不足');
    expect(await readdir(path.join(dir, 'full'), { recursive: true })).toEqual(['2026']);
  });
});
