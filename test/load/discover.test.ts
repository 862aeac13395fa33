import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_FILE, SCHEMA_FILE, discoverDataFiles, findDataFiles } from '../../src/load/discover.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gongkai-discover-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function touch(rel: string, content = '{}'): Promise<void> {
  const file = path.join(tmp, rel);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
}

describe('findDataFiles', () => {
  it('finds **/*.json sorted, without schemas, node_modules, out, project files', async () => {
    const dir = path.join(tmp, 'proj');
    for (const f of ['b.json', 'a.json', 'sub/z.json', 'sub/c.json', 'department.schema.json', 'sub/x.schema.json', 'node_modules/m/index.json', 'out/r.json', 'package.json', 'tsconfig.json', 'notes.txt']) {
      await touch(path.join('proj', f));
    }
    expect(await findDataFiles(dir)).toEqual(['a.json', 'b.json', 'sub/c.json', 'sub/z.json'].map((f) => path.join(dir, f)));
  });

  it('returns a file as is, whatever its name', async () => {
    await touch('one/x.schema.json');
    const file = path.join(tmp, 'one', 'x.schema.json');
    expect(await findDataFiles(file)).toEqual([file]);
  });

  it('returns a missing path as is (loading it reports file-not-found)', async () => {
    const missing = path.join(tmp, 'does-not-exist');
    expect(await findDataFiles(missing)).toEqual([missing]);
  });
});

describe('discoverDataFiles', () => {
  it('reports a directory with no data files (rule no-data)', async () => {
    const dir = path.join(tmp, 'empty');
    await mkdir(dir);
    await touch('empty/readme.txt', 'x');
    await touch('empty/department.schema.json');
    const r = await discoverDataFiles(dir);
    expect(r.files).toEqual([]);
    expect(r.diagnostics).toEqual([
      { file: dir, path: '', rule: 'no-data', severity: 'error', message: `目录“${dir}”中没有数据文件（*.json，不含 *.schema.json；或填报表 *.xlsx）；可用 gongkai init 新建` },
    ]);
  });

  it('has no diagnostics when it finds files', async () => {
    await touch('some/a.json');
    expect(await discoverDataFiles(path.join(tmp, 'some'))).toEqual({ files: [path.join(tmp, 'some', 'a.json')], diagnostics: [] });
  });
});

describe('embedded paths', () => {
  it('resolves the reference data file and the schema from the package root', () => {
    expect(path.isAbsolute(DEFAULT_DATA_FILE)).toBe(true);
    expect(DEFAULT_DATA_FILE.endsWith(path.join('data', '640-zwfw.json'))).toBe(true);
    const root = path.dirname(path.dirname(DEFAULT_DATA_FILE));
    expect(existsSync(path.join(root, 'package.json'))).toBe(true);
    expect(SCHEMA_FILE).toBe(path.join(root, 'data', 'department.schema.json'));
  });
});
