import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { text, validData } from '../validate/fixture.js';
import { STACK, gongkai, listing } from './run.js';

let tmp: string;
let before: string[];

/** One data file per kind of bad input, each with exactly one problem. */
const BAD: Record<string, () => string> = {
  'malformed.json': () => '{\n  "year": 2026,\n  "publishedOn": @\n}\n',
  'empty.json': () => '',
  'wrong-type.json': () => {
    const d = validData();
    d.year = '2026';
    return text(d);
  },
  'missing-field.json': () => {
    const d = validData();
    delete d.department;
    return text(d);
  },
  'unknown-field.json': () => {
    const d = validData();
    d.department.unitz = [];
    return text(d);
  },
  'negative.json': () => {
    const d = validData();
    d.expenditure.lines[0].basic.generalBudget = '-100';
    return text(d);
  },
  'non-numeric.json': () => {
    const d = validData();
    d.projects[0].funds.generalBudget = '二十';
    return text(d);
  },
  'tree-parent.json': () => {
    const d = validData();
    d.expenditure.lines.push({ code: '2010501', name: '行政运行', basic: { generalBudget: '1' } }); // no 款 20105
    return text(d);
  },
  'duplicate-code.json': () => {
    const d = validData();
    d.expenditure.subjects.push({ code: '20103', name: '重复的款' });
    return text(d);
  },
  'duplicate-project.json': () => {
    const d = validData();
    d.projects.push({ ...d.projects[0] });
    return text(d);
  },
  'proto.json': () => text(validData()).replace('{\n', '{\n  "__proto__": { "polluted": true },\n'),
};

/** What each bad file must report: its one error rule, the path, and where. */
const EXPECTED: Record<string, { rule: string; path: string; message: RegExp; line?: number; column?: number }> = {
  'malformed.json': { rule: 'json-syntax', path: '', message: /^JSON 语法错误/, line: 3, column: 18 },
  'empty.json': { rule: 'empty-file', path: '', message: /是空的/ },
  'wrong-type.json': { rule: 'wrong-type', path: 'year', message: /“year”（预算年度）应为整数，实际为字符串 "2026"/, line: 3, column: 11 },
  'missing-field.json': { rule: 'missing-field', path: 'department', message: /^缺少必填字段“department”（部门信息）$/, line: 1, column: 1 },
  'unknown-field.json': { rule: 'unknown-field', path: 'department.unitz', message: /未知字段“unitz”，是否应为“units”/ },
  'negative.json': { rule: 'negative-amount', path: 'expenditure.lines[0].basic.generalBudget', message: /金额不能为负数，实际为 "-100"（单位：万元）/ },
  'non-numeric.json': { rule: 'invalid-amount', path: 'projects[0].funds.generalBudget', message: /不是有效金额，实际为字符串 "二十"/ },
  'tree-parent.json': { rule: 'tree-parent', path: 'expenditure.lines[2].code', message: /项级科目“2010501 行政运行”的上级款“20105”不在 expenditure.subjects 中/ },
  'duplicate-code.json': { rule: 'duplicate-code', path: 'expenditure.subjects[2].code', message: /科目编码“20103”.*重复/ },
  'duplicate-project.json': { rule: 'duplicate-project', path: 'projects[1].name', message: /项目“政务服务平台运维”在单位“.+”下重复/ },
  'proto.json': { rule: 'forbidden-key', path: '__proto__', message: /不允许使用键“__proto__”/, line: 2, column: 3 },
};

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gongkai-cli-validate-'));
  await mkdir(path.join(tmp, 'bad'));
  for (const [name, make] of Object.entries(BAD)) await writeFile(path.join(tmp, 'bad', name), make());
  await mkdir(path.join(tmp, 'nodata'));
  await writeFile(path.join(tmp, 'nodata', 'department.schema.json'), '{}');
  await writeFile(path.join(tmp, 'nodata', 'notes.txt'), 'x');
  const warn = validData();
  warn.expenditure.subjects.push({ code: '20105', name: '发展与改革事务' }); // subject-without-lines
  await writeFile(path.join(tmp, 'warn.json'), text(warn));
  before = await listing(tmp);
});

afterAll(async () => {
  // Nothing any validate run did may have written a file.
  expect(await listing(tmp)).toEqual(before);
  await rm(tmp, { recursive: true, force: true });
});

describe('gongkai validate: bad input', () => {
  it('--json: every bad file gives its precise error, named by file and path; exit 1', async () => {
    const r = await gongkai(['validate', 'bad', '--json'], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { files: Array<{ file: string; diagnostics: Diagnostic[] }>; errors: number; warnings: number };
    expect(out.files.map((f) => f.file)).toEqual(Object.keys(EXPECTED).sort().map((n) => path.join('bad', n)));
    for (const f of out.files) {
      const name = path.basename(f.file);
      const want = EXPECTED[name]!;
      const errors = f.diagnostics.filter((d) => d.severity === 'error');
      expect(errors, `${name}: ${JSON.stringify(f.diagnostics)}`).toHaveLength(1);
      const d = errors[0]!;
      expect(d.file, name).toBe(f.file);
      expect(d.rule, name).toBe(want.rule);
      expect(d.path, name).toBe(want.path);
      expect(d.message, name).toMatch(want.message);
      if (want.line !== undefined) expect([d.line, d.column], name).toEqual([want.line, want.column]);
      if (want.path !== '') expect(d.line, `${name} has a line`).toBeGreaterThan(0);
    }
    expect(out.errors).toBe(Object.keys(EXPECTED).length);
    expect(out.warnings).toBe(out.files.flatMap((f) => f.diagnostics).filter((d) => d.severity === 'warning').length);
  });

  it('human-readable: "file:line:col  path  [rule] message", errors first, then a summary', async () => {
    const r = await gongkai(['validate', 'bad/malformed.json', 'bad/negative.json', 'bad/empty.json'], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines).toContain(`  错误  ${path.join('bad', 'malformed.json')}:3:18  [json-syntax] JSON 语法错误：此处不应出现字符“@”（Unexpected character '@' found.）`);
    const neg = lines.find((l) => l.includes('[negative-amount]'))!;
    expect(neg).toMatch(/^ {2}错误 {2}bad[/\\]negative\.json:\d+:\d+ {2}expenditure\.lines\[0\]\.basic\.generalBudget {2}\[negative-amount\] “generalBudget”（一般公共预算）金额不能为负数/);
    // Within a file, errors come before warnings.
    const negFile = lines.slice(lines.findIndex((l) => l.includes('negative.json：')));
    const firstWarning = negFile.findIndex((l) => l.startsWith('  警告'));
    const firstError = negFile.findIndex((l) => l.startsWith('  错误'));
    if (firstWarning >= 0) expect(firstError).toBeLessThan(firstWarning);
    expect(r.stdout).toContain(`  错误  ${path.join('bad', 'empty.json')}  [empty-file] 数据文件“${path.join('bad', 'empty.json')}”是空的`);
    expect(lines.at(-2)).toMatch(/^检查了 3 个文件：3 个错误，\d+ 个警告$/);
    expect(r.stdout).not.toMatch(STACK);
  });

  it('a file that does not exist: exit 1', async () => {
    const r = await gongkai(['validate', 'missing.json'], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  错误  missing.json  [file-not-found] 找不到数据文件“missing.json”');
    expect(r.stdout).toContain('检查了 1 个文件：1 个错误，0 个警告');
  });

  it('a directory with no data: exit 1', async () => {
    const r = await gongkai(['validate', 'nodata', '--json'], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      files: [{ file: 'nodata', diagnostics: [{ file: 'nodata', path: '', rule: 'no-data', severity: 'error', message: '目录“nodata”中没有数据文件（*.json，不含 *.schema.json；或填报表 *.xlsx）；可用 gongkai init 新建' }] }],
      errors: 1,
      warnings: 0,
    });
  });
});

describe('gongkai validate: warnings and --strict', () => {
  it('warnings alone exit 0', async () => {
    const r = await gongkai(['validate', 'warn.json'], { cwd: tmp });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/警告 {2}warn\.json:\d+:\d+ {2}expenditure\.subjects\[2\] {2}\[subject-without-lines\] 款科目“20105 发展与改革事务”/);
    expect(r.stdout).toMatch(/检查了 1 个文件：0 个错误，[1-9]\d* 个警告\n$/);
  });

  it('--strict makes warnings fail', async () => {
    const r = await gongkai(['validate', 'warn.json', '--strict', '--json'], { cwd: tmp });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { errors: number; warnings: number };
    expect(out.errors).toBe(0);
    expect(out.warnings).toBeGreaterThan(0);
  });
});

describe('gongkai validate: the embedded reference data', () => {
  it('checks data/640-zwfw.json by default, without errors', async () => {
    const r = await gongkai(['validate', '--json'], { cwd: tmp });
    const out = JSON.parse(r.stdout) as { files: Array<{ file: string; diagnostics: Diagnostic[] }>; errors: number };
    expect(out.files).toHaveLength(1);
    expect(out.files[0]!.file).toMatch(/data[/\\]640-zwfw\.json$/);
    expect(out.files[0]!.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.code).toBe(0);
  });
});
