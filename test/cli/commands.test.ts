import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaText } from '../../src/cli/schema.js';
import { SCHEMA_FILE } from '../../src/load/discover.js';
import { departmentJsonSchema } from '../../src/schema/index.js';
import { ROOT, STACK, gongkai, listing } from './run.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gongkai-cli-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function freshDir(name: string): Promise<string> {
  return mkdtemp(path.join(tmp, `${name}-`));
}

describe('gongkai: usage', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await gongkai(['--version']);
    expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('--help lists the commands, in Chinese', async () => {
    const r = await gongkai(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^用法：/);
    for (const c of ['validate', 'schema', 'init']) expect(r.stdout).toContain(`  ${c} `);
    expect(r.stdout).toContain('退出码');
  });

  it('an unknown command exits 2 with a Chinese message and no stack trace', async () => {
    const r = await gongkai(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('gongkai：未知命令“frobnicate”');
    expect(r.stderr).toContain('gongkai --help');
    expect(r.stderr).not.toMatch(STACK);
  });

  it('an unknown option exits 2', async () => {
    const r = await gongkai(['validate', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('未知选项“--bogus”');
    expect(r.stderr).toContain('gongkai help validate');
    expect(r.stderr).not.toMatch(STACK);
  });

  it('no command shows the help and exits 2', async () => {
    const r = await gongkai([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('用法：');
  });

  it('a missing argument and an invalid option value exit 2', async () => {
    const missing = await gongkai(['import']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('缺少参数 <workbook>');
    // init without a name (and without --from) is a usage error of its own
    const noName = await gongkai(['init']);
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain('请给出部门名称');
    // a file name where the department's name goes: said, and nothing written
    const fileName = await gongkai(['init', '财政局.xlsx', '--xlsx'], { cwd: await freshDir('filename') });
    expect(fileName.code).toBe(2);
    expect(fileName.stderr).toContain('“财政局.xlsx”像是文件名');
    expect(fileName.stderr).toContain('-o 财政局.xlsx');
    const dir = await freshDir('badyear');
    const bad = await gongkai(['init', '测试局', '--year', '20x6'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('选项“--year <year>”的值无效：年度须为2000–2100之间的四位整数');
    expect(await listing(dir)).toEqual([]);
  });
});

describe('gongkai init', () => {
  it('writes a skeleton that validates, refuses to overwrite without --force', async () => {
    const dir = await freshDir('init');
    const r = await gongkai(['init', '测试区发展改革局', '--code', '641', '--year', '2027'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已创建 641-测试区发展改革局.json');
    const file = path.join(dir, '641-测试区发展改革局.json');
    const written = await readFile(file, 'utf8');
    expect(written.endsWith('}\n')).toBe(true);
    const data = JSON.parse(written) as Record<string, any>;
    expect(data).toMatchObject({ year: 2027, department: { name: '测试区发展改革局', code: '641', units: [{ name: '测试区发展改革局' }] }, performanceSheets: [] });
    // the schema is written beside the data file, not referenced inside gongkai's install folder
    expect(data.$schema).toBe('./department.schema.json');
    expect(await readFile(path.join(dir, 'department.schema.json'), 'utf8')).toBe(await readFile(SCHEMA_FILE, 'utf8'));
    expect(r.stdout).toContain('已写入 department.schema.json');

    // It is a skeleton: validate refuses it until every placeholder is written (load → validate → derive → audit)
    const v = await gongkai(['validate', '641-测试区发展改革局.json', '--json'], { cwd: dir });
    const report = JSON.parse(v.stdout) as { errors: number; files: Array<{ diagnostics: Array<{ rule: string; severity: string }> }> };
    expect(v.code).toBe(1);
    expect(new Set(report.files[0]!.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule))).toEqual(new Set(['placeholder-text']));
    expect(report.errors).toBe(7); // 职责, 机构设置 and the five reasons
    // …and passes once they are: only the question about 上年结转 remains
    const filled = JSON.parse(written) as Record<string, any>;
    filled.department.duties = ['负责全区发展和改革工作。'];
    filled.department.organisation = ['核定行政编制10名。'];
    filled.narrative.reasons = { income: '新设部门。', expenditure: '新设部门。' };
    await writeFile(file, JSON.stringify(filled, null, 2));
    const ok = await gongkai(['validate', '641-测试区发展改革局.json', '--json'], { cwd: dir });
    expect(JSON.parse(ok.stdout).files[0].diagnostics.map((d: { rule: string }) => d.rule)).toEqual(['carryover-not-stated']);
    expect(ok.code).toBe(0);
    await writeFile(file, written);

    // Existing file: exit 1, untouched.
    await writeFile(file, '{"mine": true}\n');
    const again = await gongkai(['init', '测试区发展改革局', '--code', '641'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('文件“641-测试区发展改革局.json”已存在；如要覆盖，请加 --force');
    expect(await readFile(file, 'utf8')).toBe('{"mine": true}\n');

    const forced = await gongkai(['init', '测试区发展改革局', '--code', '641', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveProperty('department.code', '641');
  });

  it('-o writes where asked, creating folders, with $schema relative to the file', async () => {
    const dir = await freshDir('init-o');
    const r = await gongkai(['init', '测试局', '-o', 'depts/2026/x.json'], { cwd: dir });
    expect(r.code).toBe(0);
    const data = JSON.parse(await readFile(path.join(dir, 'depts', '2026', 'x.json'), 'utf8')) as { $schema: string; department: { code: string } };
    expect(data.$schema).toBe('./department.schema.json');
    expect(existsSync(path.join(dir, 'depts', '2026', 'department.schema.json'))).toBe(true);
    expect(data.department.code).toBe('000');
    // in a project, the schema sits beside gongkai.config.json, once for every data file
    const proj = await freshDir('init-project');
    await writeFile(path.join(proj, 'gongkai.config.json'), JSON.stringify({ data: 'data', year: 2031 }));
    const p = await gongkai(['init', '项目局', '-o', 'data/y.json'], { cwd: proj });
    expect(p.code).toBe(0);
    const y = JSON.parse(await readFile(path.join(proj, 'data', 'y.json'), 'utf8')) as { $schema: string; year: number };
    expect(y.$schema).toBe('../department.schema.json');
    expect(y.year).toBe(2031);
    expect(existsSync(path.join(proj, 'department.schema.json'))).toBe(true);
  });
});

describe('gongkai schema', () => {
  it('writes the JSON Schema (pretty, trailing newline) to -o; by default only where a data folder is, else to stdout', async () => {
    const dir = await freshDir('schema');
    const r = await gongkai(['schema', '-o', 'out/s.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(await readFile(path.join(dir, 'out', 's.json'), 'utf8')).toBe(await schemaText());
    expect(await schemaText()).toMatch(/^\{\n {2}"\$schema": ".*"[\s\S]*\n\}\n$/);

    // nothing written unasked: no data/ folder here, so the schema goes to stdout
    const bare = await gongkai(['schema'], { cwd: dir });
    expect(bare.code).toBe(0);
    expect(JSON.parse(bare.stdout)).toEqual(departmentJsonSchema());
    expect(existsSync(path.join(dir, 'data'))).toBe(false);

    await mkdir(path.join(dir, 'data'));
    const def = await gongkai(['schema'], { cwd: dir });
    expect(def.code).toBe(0);
    expect(def.stdout).toContain('data/department.schema.json');
    expect(existsSync(path.join(dir, 'data', 'department.schema.json'))).toBe(true);
  });

  it('--stdout prints it and writes nothing; with -o it is a usage error', async () => {
    const dir = await freshDir('schema-stdout');
    const r = await gongkai(['schema', '--stdout'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(departmentJsonSchema());
    const both = await gongkai(['schema', '--stdout', '-o', 'x.json'], { cwd: dir });
    expect(both.code).toBe(2);
    expect(await listing(dir)).toEqual([]);
  });
});

describe('errors', () => {
  it('a write error is a message and exit 1, no stack', async () => {
    const dir = await freshDir('write-error');
    await writeFile(path.join(dir, 'f'), 'x');
    const r = await gongkai(['schema', '-o', 'f/s.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('gongkai：无法写入“f/s.json”');
    expect(r.stderr).not.toMatch(STACK);
  });

  it('an internal error prints 内部错误 and exits 1; the stack only with DEBUG=gongkai', async () => {
    const dir = await freshDir('internal');
    // A preload that breaks the process so that the CLI itself fails.
    const preload = path.join(dir, 'break.mjs');
    await writeFile(preload, "process.cwd = () => { throw new Error('模拟故障'); };\n");
    const nodeArgs = ['--import', pathToFileURL(preload).href];
    const r = await gongkai(['validate'], { cwd: dir, nodeArgs });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('gongkai：内部错误：模拟故障');
    expect(r.stderr).toContain('DEBUG=gongkai');
    expect(r.stderr).not.toMatch(STACK);
    const debug = await gongkai(['validate'], { cwd: dir, nodeArgs, env: { DEBUG: 'gongkai' } });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toContain('gongkai：内部错误：模拟故障');
    expect(debug.stderr).toMatch(STACK);
  });
});
