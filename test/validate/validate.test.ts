import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { parseJson } from '../../src/load/data.js';
import { jsonWording, wordPlaces } from '../../src/diagnostics/place.js';
import { locate, validate as validateRaw } from '../../src/validate/index.js';

/** As a JSON author reads the result: the places in messages worded as paths. */
function validate(...args: Parameters<typeof validateRaw>) {
  const r = validateRaw(...args);
  return { ...r, diagnostics: r.diagnostics.map((d) => ({ ...d, message: wordPlaces(d.message, jsonWording) })) };
}
import { DEPT, text, validData } from './fixture.js';

const FILE = 'data/test.json';

/** Validates data as it would come from a file: through parseJson, with positions. */
function check(data: unknown) {
  const parsed = parseJson(text(data), FILE);
  expect(parsed.diagnostics).toEqual([]);
  return validate(parsed.json, FILE, parsed.positions);
}

function only(diagnostics: Diagnostic[], rule: string): Diagnostic {
  const found = diagnostics.filter((d) => d.rule === rule);
  expect(found, JSON.stringify(diagnostics, null, 1)).toHaveLength(1);
  return found[0]!;
}

describe('validate: the fixture', () => {
  it('passes with no diagnostics and returns the parsed data', () => {
    const r = check(validData());
    expect(r.diagnostics).toEqual([]);
    expect(r.data?.department.name).toBe(DEPT);
    expect(r.data?.templateSet).toBe('shanxi-zonggai');
  });

  it('works without positions', () => {
    const d = validData();
    d.year = 'x';
    const r = validate(d, FILE);
    expect(r.data).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ file: FILE, path: 'year', rule: 'wrong-type' });
    expect(r.diagnostics[0]!.line).toBeUndefined();
  });
});

describe('validate: schema problems, named by file, path and position', () => {
  it('wrong type', () => {
    const d = validData();
    d.year = '2026';
    const r = check(d);
    expect(r.data).toBeUndefined();
    expect(r.diagnostics).toEqual([
      { file: FILE, path: 'year', rule: 'wrong-type', severity: 'error', message: '“year”（预算年度）应为整数，实际为字符串 "2026"', line: 3, column: 11 },
    ]);
  });

  it('wrong type: an object where a list belongs, null for a required list', () => {
    const d = validData();
    d.department.duties = '职责';
    d.projects = null;
    const r = check(d);
    const duties = r.diagnostics.find((x) => x.path === 'department.duties')!;
    expect(duties).toMatchObject({ rule: 'wrong-type', message: '“duties”（一、本部门职责（段落））应为数组（[…]），实际为字符串 "职责"' });
    expect(r.diagnostics.find((x) => x.path === 'projects')).toMatchObject({ rule: 'wrong-type', message: '“projects”（项目支出（本年预算））应为数组（[…]），实际为空值 null' });
  });

  it('missing field, with the domain wording', () => {
    const d = validData();
    delete d.department;
    const r = check(d);
    const m = only(r.diagnostics, 'missing-field');
    expect(m).toMatchObject({ file: FILE, path: 'department', severity: 'error', message: '缺少必填字段“department”（部门信息）', line: 1, column: 1 });
  });

  it('missing nested field points at the object that lacks it', () => {
    const d = validData();
    delete d.narrative.reasons.income;
    const r = check(d);
    const m = only(r.diagnostics, 'missing-field');
    expect(m.path).toBe('narrative.reasons.income');
    expect(m.message).toBe('缺少必填字段“income”（收入变动主要原因）');
    const lines = text(d).split('\n');
    expect(lines[m.line! - 1]).toContain('"reasons"');
  });

  it('unknown field, with a suggestion when the key is a likely typo', () => {
    const d = validData();
    d.department.nmae = d.department.name;
    delete d.department.name;
    d.extra = 1;
    const r = check(d);
    const unknown = r.diagnostics.filter((x) => x.rule === 'unknown-field');
    expect(unknown.map((x) => x.path).sort()).toEqual(['department.nmae', 'extra']);
    expect(unknown.find((x) => x.path === 'department.nmae')!.message).toBe('未知字段“nmae”，是否应为“name”（部门名称）？');
    const extra = unknown.find((x) => x.path === 'extra')!;
    expect(extra.message).toBe('未知字段“extra”：数据格式中没有这个字段');
    // The position is the key itself.
    const lines = text(d).split('\n');
    expect(lines[extra.line! - 1]!.slice(extra.column! - 1)).toMatch(/^"extra"/);
    expect(r.diagnostics.find((x) => x.path === 'department.name')?.rule).toBe('missing-field');
  });

  it('unknown field in a small object lists the allowed fields', () => {
    const d = validData();
    d.department.units[0].abbr = 'x';
    const m = only(check(d).diagnostics, 'unknown-field');
    expect(m).toMatchObject({ path: 'department.units[0].abbr', message: '未知字段“abbr”；此处可用的字段：name、code、kind、operatingScope、publicCosts、separateBudget' });
  });

  it('negative amounts, as numbers and as strings', () => {
    const d = validData();
    d.expenditure.lines[0].basic.generalBudget = -5;
    d.projects[0].funds.generalBudget = '-20';
    const r = check(d);
    const neg = r.diagnostics.filter((x) => x.rule === 'negative-amount');
    expect(neg).toHaveLength(2); // one per value, though zod reports the number twice
    expect(neg[0]).toMatchObject({
      file: FILE,
      path: 'expenditure.lines[0].basic.generalBudget',
      severity: 'error',
      message: '“generalBudget”（一般公共预算）金额不能为负数，实际为 -5（单位：万元）',
    });
    expect(neg[0]!.line).toBeGreaterThan(1);
    expect(neg[1]).toMatchObject({ path: 'projects[0].funds.generalBudget', message: '“generalBudget”（一般公共预算）金额不能为负数，实际为 "-20"（单位：万元）' });
  });

  it('non-numeric and over-precise amounts', () => {
    const d = validData();
    d.expenditure.lines[0].basic.generalBudget = 'abc';
    d.basicByEconomic[0].items[0].personnel = '1,234.00';
    d.basicByEconomic[1].items[0].public = 20.1234567;
    d.projects[0].funds.generalBudget = true;
    const r = check(d);
    const bad = r.diagnostics.filter((x) => x.rule === 'invalid-amount');
    expect(bad.map((x) => x.path)).toEqual([
      'expenditure.lines[0].basic.generalBudget',
      'basicByEconomic[0].items[0].personnel',
      'basicByEconomic[1].items[0].public',
      'projects[0].funds.generalBudget',
    ]);
    expect(bad[0]!.message).toBe('“generalBudget”（一般公共预算）不是有效金额，实际为字符串 "abc"；金额须为不小于0的数字（单位：万元，最多六位小数），如 "2867.01"');
    expect(bad[1]!.message).toContain('千分位');
    expect(bad[2]!.message).toContain('最多六位小数');
    expect(bad[3]!.message).toContain('布尔值 true');
    for (const x of bad) expect(x.line).toBeGreaterThan(1);
  });

  it('other format problems quote the value', () => {
    const d = validData();
    d.department.code = '64a';
    d.projects[0].category = '运转类';
    d.department.duties = [''];
    const r = check(d);
    expect(r.diagnostics.find((x) => x.path === 'department.code')).toMatchObject({ rule: 'schema', message: '“code”（部门编码，如 640）：部门编码须为数字，如 "640"，实际为字符串 "64a"' });
    expect(r.diagnostics.find((x) => x.path === 'projects[0].category')?.message).toBe('“category”（项目类别）：项目类别须为“其他运转类”或“特定目标类”，实际为字符串 "运转类"');
    expect(r.diagnostics.find((x) => x.path === 'department.duties[0]')?.message).toBe('“duties[0]”（一、本部门职责（段落））：不能为空');
  });
});

describe('validate: structural rules', () => {
  it('tree-parent: a 7-digit line whose 款 is missing', () => {
    const d = validData();
    d.expenditure.subjects = [{ code: '201', name: '一般公共服务支出' }];
    const r = check(d);
    expect(r.data).toBeUndefined();
    const tp = r.diagnostics.filter((x) => x.rule === 'tree-parent');
    expect(tp.map((x) => x.path)).toEqual(['expenditure.lines[0].code', 'expenditure.lines[1].code']);
    expect(tp[0]).toMatchObject({ file: FILE, severity: 'error', message: '项级科目“2010301 行政运行”的上级款“20103”不在 expenditure.subjects 中；请补充上级科目' });
    expect(tp[0]!.line).toBeGreaterThan(1);
  });

  it('tree-parent: a 7-digit line whose 类 and 款 are missing; a 款 whose 类 is missing', () => {
    const d = validData();
    d.expenditure.subjects = [{ code: '20103', name: '政府办公厅（室）及相关机构事务' }];
    const r = check(d);
    const tp = r.diagnostics.filter((x) => x.rule === 'tree-parent');
    expect(tp.map((x) => x.path)).toEqual(['expenditure.subjects[0].code', 'expenditure.lines[0].code', 'expenditure.lines[1].code']);
    expect(tp[0]!.message).toContain('上级类“201”');
    expect(tp[1]!.message).toBe('项级科目“2010301 行政运行”的上级类“201”不在 expenditure.subjects 中；请补充上级科目');
  });

  it('duplicate-code among subjects and among lines', () => {
    const d = validData();
    d.expenditure.subjects.push({ code: '201', name: '重复' });
    d.expenditure.lines.push({ code: '2010301', name: '行政运行', basic: { unitFunds: '1' } });
    const r = check(d);
    const dup = r.diagnostics.filter((x) => x.rule === 'duplicate-code');
    expect(dup).toMatchObject([
      { path: 'expenditure.subjects[2].code', related: ['expenditure.subjects[0].code'], severity: 'error' },
      { path: 'expenditure.lines[2].code', related: ['expenditure.lines[0].code'], severity: 'error' },
    ]);
    expect(dup[0]!.message).toContain('“201”');
    expect(dup[1]!.message).toContain('“2010301”');
  });

  it('duplicate-project: same name in one unit (projects, carryoverProjects), not across units', () => {
    const d = validData();
    d.department.units.push({ name: '下属单位' });
    d.projects.push({ ...d.projects[0] });
    d.projects.push({ ...d.projects[0], unit: '下属单位' });
    d.carryoverProjects = [
      { unit: DEPT, name: '结转项目', funds: { generalBudget: '1' } },
      { unit: DEPT, name: '结转项目', funds: { generalBudget: '2' } },
    ];
    const r = check(d);
    const dup = r.diagnostics.filter((x) => x.rule === 'duplicate-project');
    expect(dup).toMatchObject([
      { path: 'projects[1].name', related: ['projects[0].name'], severity: 'error' },
      { path: 'carryoverProjects[1].name', related: ['carryoverProjects[0].name'], severity: 'error' },
    ]);
    expect(dup[0]!.message).toBe(`项目“政务服务平台运维”在单位“${DEPT}”下重复：projects[0] 已有同名项目；同一项目的金额应合并`);
  });

  it('duplicate-unit', () => {
    const d = validData();
    d.department.units.push({ name: DEPT });
    const m = only(check(d).diagnostics, 'duplicate-unit');
    expect(m).toMatchObject({ path: 'department.units[1].name', related: ['department.units[0].name'], severity: 'error' });
  });

  it('subject-without-lines is a warning: the data is still returned', () => {
    const d = validData();
    d.expenditure.subjects.push({ code: '208', name: '社会保障和就业支出' }, { code: '20805', name: '行政事业单位养老支出' });
    const r = check(d);
    expect(r.diagnostics).toMatchObject([{ path: 'expenditure.subjects[3]', rule: 'subject-without-lines', severity: 'warning' }]);
    expect(r.diagnostics[0]!.message).toContain('20805');
    expect(r.data).toBeDefined();
  });

  it('structural rules run only on schema-valid data', () => {
    const d = validData();
    d.expenditure.subjects = [];
    d.year = 'x';
    const r = check(d);
    expect(r.diagnostics.map((x) => x.rule)).toEqual(['wrong-type']);
  });
});

describe('locate', () => {
  it('uses the nearest enclosing position and leaves located diagnostics alone', () => {
    const parsed = parseJson('{\n  "a": {\n    "b": [1, 2]\n  }\n}', 'f.json');
    const base = { file: 'f.json', rule: 'x', severity: 'error' as const, message: 'm' };
    const out = locate(
      [
        { ...base, path: 'a.b[1]' },
        { ...base, path: 'a.b[5].c' },
        { ...base, path: 'zzz' },
        { ...base, path: 'a', line: 9, column: 9 },
      ],
      parsed.positions,
    );
    expect(out.map((d) => [d.line, d.column])).toEqual([
      [3, 14],
      [3, 10],
      [1, 1],
      [9, 9],
    ]);
  });
});
