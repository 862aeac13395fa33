import { beforeAll, describe, expect, it } from 'vitest';
import { derive } from '../../src/derive/index.js';
import type { Derived } from '../../src/derive/types.js';
import { loadTemplateSet } from '../../src/load/template-set.js';
import { compileSet, TemplateError } from '../../src/render/handlebars.js';
import { renderContext } from '../../src/render/index.js';
import { resolveTable, type TableModel } from '../../src/render/table.js';
import type { TableDecl, TemplateSet } from '../../src/render/template-set.js';
import { DEFAULT_GLOSSARY, minimal } from '../fixtures/minimal.js';

let set: TemplateSet;
let derived: Derived;
let context: Record<string, unknown>;
const table = (id: string): TableModel => resolveTable(set.tables[id]!, set, compileSet(set), context);
const texts = (m: TableModel) => m.rows.map((r) => r.cells.map((c) => c.text));

beforeAll(async () => {
  set = (await loadTemplateSet('shanxi-zonggai')).set!;
  const data = minimal();
  derived = derive(data, { glossary: DEFAULT_GLOSSARY });
  context = renderContext(derived, data, set);
});

describe('the table engine (one engine, thirteen declarations)', () => {
  it('resolves every declaration of the set into rows as wide as its header', () => {
    for (const id of set.tableOrder) {
      const m = table(id);
      for (const row of [...m.header, ...m.rows.map((r) => r.cells)]) expect(row.length, id).toBe(m.widths.length);
    }
  });

  it('表2 lists the 功能分类 tree under a 合计 row, names indented by level, amounts right-aligned', () => {
    const m = table('t02');
    expect(m.title).toBe('2026年预算收入总表');
    expect(m.rows[0]!.kind).toBe('total');
    expect(texts(m)[0]!.slice(0, 4)).toEqual(['合计', '', '337.75', '280.75']);
    const line = m.rows.find((r) => r.cells[0]!.text === '2010302')!;
    expect(line.cells[1]).toMatchObject({ text: '一般行政管理事务', indent: 3, align: 'left' });
    expect(line.cells[2]).toMatchObject({ text: '150.50', align: 'right' });
    // carryover sits in its own column, blank where zero
    expect(line.cells[8]!.text).toBe('10.25');
    expect(m.rows.find((r) => r.cells[0]!.text === '2010301')!.cells[8]!.text).toBe('');
  });

  it('表5 keeps only rows with general-budget money; 表8 only 政府性基金 rows', () => {
    expect(texts(table('t05')).map((r) => r[0])).not.toContain('2120803');
    expect(texts(table('t08')).map((r) => r[0])).toEqual(['合计', '212', '21208', '2120803']);
  });

  it('表1 zips 收入 and 支出 side by side, then its footer rows', () => {
    const m = table('t01');
    expect(m.rows).toHaveLength(Math.max(5, set.classes.length) + 3);
    expect(texts(m)[0]!.slice(0, 3)).toEqual(['一、一般公共预算', '280.75', '一、一般公共服务支出']);
    expect(texts(m)[6]!.slice(0, 2)).toEqual(['', '']);
    expect(texts(m).at(-1)!.slice(0, 3)).toEqual(['收入总计', '348.00', '支出总计']);
    expect(m.notes).toEqual(['注：本套报表因取数时四舍五入，部分金额可能存在尾差']);
  });

  it('marks a table empty only when every amount it prints is zero', () => {
    expect(table('t09').empty).toBe(true);
    expect(table('t10').empty).toBe(false);
    expect(texts(table('t10')).at(-1)).toEqual(['合计', '5.00', '5.00', '', '']);
  });

  it('follows the data: a table whose printed amounts are all zero is empty, whatever rows it names', async () => {
    const { minimalInput } = await import('../fixtures/minimal.js');
    const { Department } = await import('../../src/schema/index.js');
    const empties = (mutate: (i: ReturnType<typeof minimalInput>) => void) => {
      const input = minimalInput();
      mutate(input);
      const data = Department.parse(input);
      const ctx = renderContext(derive(data, { glossary: DEFAULT_GLOSSARY }), data, set);
      return set.tableOrder.filter((id) => resolveTable(set.tables[id]!, set, compileSet(set), ctx).empty);
    };
    expect(empties(() => {})).toEqual(['t09']);
    expect(
      empties((i) => {
        i.threePublic = {};
        i.operatingCosts = [];
        i.carryoverProjects = [];
        i.govFundIncome = [{ name: '零收入', amount: '0' }];
        i.stateCapitalIncome = [{ name: '国有资本收益', amount: '1' }];
      }),
    ).toEqual(['t07', 't10', 't11', 't13']);
  });

  it('names the declaration when a row does not fit the header', () => {
    const bad: TableDecl = { ...set.tables.t03!, id: 't03', columns: set.tables.t03!.columns!.slice(0, 4) };
    expect(() => resolveTable(bad, set, compileSet(set), context)).toThrow(TemplateError);
    expect(() => resolveTable(bad, set, compileSet(set), context)).toThrow(/tables\/t03\.json/);
  });

  it('prints a table in the unit it declares (元, exact, separators from the theme), with its own 单位 line', () => {
    const wan = table('t03');
    const yuanDecl: TableDecl = { ...set.tables.t03!, id: 't03', unit: '元' };
    const yuan = resolveTable(yuanDecl, set, compileSet(set), context);
    expect(wan.unit).toBe('万元');
    expect(wan.unitLine).toBe('单位：万元');
    expect(texts(wan)[0]!.slice(2)).toEqual(['348.00', '135.25', '212.75']);
    // "wan" keeps saying 万元 whatever the table's unit; a plain amount follows the table
    expect(texts(yuan)[0]!.slice(2)).toEqual(['348.00', '135.25', '212.75']);
    const plain: TableDecl = { ...yuanDecl, columns: yuanDecl.columns!.map((c) => (typeof c === 'object' && c.f === 'wan' ? { ...c, f: 'amount' } : c)) };
    const m = resolveTable(plain, set, compileSet(set), context);
    expect(texts(m)[0]!.slice(2)).toEqual(['3,480,000.00', '1,352,500.00', '2,127,500.00']);
    expect(m.rows[0]!.cells[2]!.exact).toBe('3480000');
    expect(wan.rows[0]!.cells[2]!.exact).toBe('348');
  });

  it('keeps the levels a row group asks for, and prints codes by a pattern', () => {
    const decl: TableDecl = {
      ...set.tables.t03!,
      id: 't03',
      columns: [{ v: 'code', f: { code: { pattern: '### ## ##' } }, byKind: { total: '合计' } }, ...set.tables.t03!.columns!.slice(1)],
      body: [{ each: '$.subjectRows', levels: [0, 1, 2] }],
    };
    const m = resolveTable(decl, set, compileSet(set), context);
    const codes = m.rows.map((r) => r.cells[0]!.text);
    expect(codes).toEqual(['合计', '201', '201 03', '201 06', '212', '212 08']);
    expect(table('t03').rows.map((r) => r.cells[0]!.text)).toContain('2010302');
    const classes = resolveTable({ ...decl, body: [{ each: '$.subjectRows', levels: [1] }] }, set, compileSet(set), context);
    expect(classes.rows.map((r) => r.cells[0]!.text)).toEqual(['201', '212']);
  });

  it('carries a landscape declaration to the model; portrait is the default', () => {
    expect(table('t03').orientation).toBeUndefined();
    expect(resolveTable({ ...set.tables.t03!, id: 't03', orientation: 'landscape' }, set, compileSet(set), context).orientation).toBe('landscape');
  });

  it('names the declaration when a value cannot print in its format', () => {
    const bad: TableDecl = { ...set.tables.t03!, id: 't03', columns: [{ v: 'name', f: 'amount' }, ...set.tables.t03!.columns!.slice(1)] };
    expect(() => resolveTable(bad, set, compileSet(set), context)).toThrow(/tables\/t03\.json.*“name”的值不能按格式“amount”打印/);
  });
});
describe('a row of an each group', () => {
  it('reads its place among the printed rows as @index (a region numbering its 类: 一、二、…)', () => {
    const decl = { ...set.tables['t01']!, id: 'numbered', sides: undefined, footer: undefined, header: [['类', '']], widths: [1, 1], columns: [{ t: '{{cn (inc @index)}}、{{name}}' }, { v: 'code' }], body: [{ each: '$.subjectRows', levels: [1] }] } as unknown as TableDecl;
    const m = resolveTable(decl, set, compileSet(set), context);
    const classes = derived.subjectRows.filter((r) => r.level === 1);
    expect(classes.length).toBeGreaterThan(1);
    expect(texts(m).map((r) => r[0])).toEqual(classes.map((c, i) => `${['一', '二', '三', '四', '五'][i]}、${c.name}`));
  });
});

