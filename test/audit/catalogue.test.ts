import { beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/index.js';
import { derive } from '../../src/derive/index.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { catalogueFor, loadCatalogues } from '../../src/load/catalogue.js';
import type { Catalogue } from '../../src/schema/catalogue.js';
import { Department, type DepartmentInput } from '../../src/schema/index.js';
import { DEFAULT_GLOSSARY, minimalInput, UNIT_A, UNIT_B } from '../fixtures/minimal.js';

/*
 * The standard catalogue (data/catalogue/2026.json) through the audit: unknown 类/款 are errors,
 * a known code under another name and an unknown 项 are warnings naming the standard, govName is
 * derived from the code and the unit kind, and checked when entered.
 */

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = catalogueFor(await loadCatalogues(), 2026)!;
});

function run(mutate: (d: DepartmentInput) => void = () => {}, year?: number): { diagnostics: Diagnostic[]; derived: ReturnType<typeof derive> } {
  const input = minimalInput();
  mutate(input);
  const data = Department.parse(input);
  const cat = year === undefined ? catalogue : undefined;
  const derived = derive(data, { glossary: DEFAULT_GLOSSARY, ...(cat ? { catalogue: cat } : {}) });
  return { derived, diagnostics: audit(data, derived, 'x.json', { catalogue: cat ?? null }) };
}
const of = (ds: Diagnostic[], rule: string) => ds.filter((d) => d.rule === rule);

describe('the standard catalogue', () => {
  it('ships a 2026 edition that names its source and serves 2026', () => {
    expect(catalogue.edition).toBe('2026');
    expect(catalogue.source).toMatch(/财政部/);
    expect(catalogue.functional['2010301']).toBe('行政运行');
  });

  it('is quiet on the minimal fixture', () => {
    const { diagnostics } = run();
    for (const r of ['catalogue-missing', 'subject-code-known', 'subject-section-unlisted', 'subject-name-standard', 'item-code-known', 'economic-code-known', 'economic-name-standard', 'gov-name-derivable']) expect(of(diagnostics, r), r).toEqual([]);
  });

  it('an unknown 类 is an error; an unknown 款 a warning while the catalogue does not hold every 款; an unknown 项 a warning', () => {
    expect(catalogue.completeness.functionalSections).toBe(false);
    const { diagnostics } = run((d) => {
      d.expenditure.subjects.push({ code: '20197', name: '虚构事务' });
      d.expenditure.lines.push({ code: '2019701', name: '行政运行', basic: { generalBudget: '0' } });
      d.expenditure.lines[1]!.code = '2010398';
    });
    expect(of(diagnostics, 'subject-code-known')).toEqual([]);
    const unlisted = of(diagnostics, 'subject-section-unlisted');
    expect(unlisted.map((x) => x.severity)).toEqual(['warning']);
    expect(unlisted[0]!.message).toContain('款“20197”不在 gongkai 的2026年科目目录中（目录尚未收全类“201 一般公共服务支出”下的款）');
    const cls = run((d) => {
      d.expenditure.subjects.push({ code: '297', name: '虚构类' }, { code: '29701', name: '虚构款' });
      d.expenditure.lines.push({ code: '2970101', name: '行政运行', basic: { generalBudget: '0' } });
    }).diagnostics;
    expect(of(cls, 'subject-code-known').map((x) => x.severity)).toEqual(['error']);
    expect(of(cls, 'subject-code-known')[0]!.message).toContain('类“297”不在2026年政府收支分类科目中');
    const item = of(diagnostics, 'item-code-known');
    expect(item).toMatchObject([{ severity: 'warning', path: 'expenditure.lines[1].code' }]);
    expect(item[0]!.message).toContain('2010398');
  });

  it('2010501 named 事业运行, and an old 类 name, are warnings naming the standard name', () => {
    const { diagnostics } = run((d) => {
      d.expenditure.subjects[0]!.name = '一般公共服务';
      d.expenditure.lines[1]!.name = '事业运行';
    });
    const w = of(diagnostics, 'subject-name-standard');
    expect(w.map((x) => x.severity)).toEqual(['warning', 'warning']);
    expect(w[0]!.message).toContain('“201”的名称填写为“一般公共服务”，2026年科目为“一般公共服务支出”');
    expect(w[1]!.message).toContain('“2010301”的名称填写为“事业运行”，2026年科目为“行政运行”');
  });

  it('20825 其他生活救助 and 20827 as published are accepted; the old shifted name is not offered', () => {
    const { diagnostics } = run((d) => {
      d.expenditure.subjects.push({ code: '208', name: '社会保障和就业支出' }, { code: '20825', name: '其他生活救助' }, { code: '20827', name: '财政对其他社会保险基金的补助' });
      d.expenditure.lines.push({ code: '2082501', name: '其他城市生活救助', basic: { generalBudget: '0' } }, { code: '2082701', name: '财政对失业保险基金的补助', basic: { generalBudget: '0' } });
    });
    for (const r of ['subject-code-known', 'subject-name-standard', 'item-code-known']) expect(of(diagnostics, r), r).toEqual([]);
    // a department still using the shifted code hears the standard name of 20824, not 其他生活救助
    const shifted = of(run((d) => d.expenditure.subjects.push({ code: '208', name: '社会保障和就业支出' }, { code: '20824', name: '其他生活救助' })).diagnostics, 'subject-name-standard');
    expect(shifted.map((x) => x.message)).toEqual([expect.stringContaining('“20824”的名称填写为“其他生活救助”，2026年科目为“补充道路交通事故社会救助基金”')]);
  });

  it('医疗卫生与计划生育支出 for 卫生健康支出: the old name is flagged', () => {
    const { diagnostics } = run((d) => {
      d.expenditure.subjects.push({ code: '210', name: '医疗卫生与计划生育支出' }, { code: '21011', name: '行政事业单位医疗' });
      d.expenditure.lines.push({ code: '2101101', name: '行政单位医疗', basic: { generalBudget: '0' } });
    });
    expect(of(diagnostics, 'subject-name-standard').map((x) => x.message)).toContain('功能分类类“210”的名称填写为“医疗卫生与计划生育支出”，2026年科目为“卫生健康支出”（各表照填写的名称印出；不同表印出的名称可能因此不一致）');
  });

  it('govName is derived from the code and the unit kind when left out, and checked when entered', () => {
    const { derived, diagnostics } = run((d) => {
      for (const u of d.department.units) u.kind = '行政单位';
      delete d.basicByEconomic[1]!.items[0]!.govName; // 30201 办公费 → 50201 办公经费
      d.basicByEconomic[1]!.items[1]!.govName = '商品和服务支出'; // 30211 差旅费: 办公经费 for a 行政单位
    });
    expect(derived.economicRows.find((r) => r.code === '30201')!.govName).toBe('办公经费');
    expect(of(diagnostics, 'gov-name-derivable')).toEqual([]);
    const w = of(diagnostics, 'economic-name-standard');
    // 差旅费 → 办公经费, and the fixture's 公务接待费 / 公务用车运行维护费 have their own 政府经济科目
    expect(w.map((x) => [x.severity, x.path])).toEqual([1, 2, 3].map((k) => ['warning', `basicByEconomic[1].items[${k}].govName`]));
    expect(w[0]!.message).toContain('应为“办公经费”');
    expect(w[1]!.message).toContain('应为“公务接待费”');
    // 事业单位: 商品和服务支出 is right for 302 items (and 工资奖金津补贴 is not, for 301: 工资福利支出)
    const inst = of(run((d) => d.department.units.forEach((u) => (u.kind = '事业单位'))).diagnostics, 'economic-name-standard');
    expect(inst.map((x) => x.path)).toEqual(['basicByEconomic[0].items[0].govName', 'basicByEconomic[0].items[1].govName']);
    expect(inst[0]!.message).toContain('应为“工资福利支出”');
  });

  it('a govName that can be neither read nor derived is an error saying why', () => {
    const { diagnostics } = run((d) => {
      d.department.units[0]!.kind = '行政单位';
      d.department.units[1]!.kind = '事业单位';
      delete d.basicByEconomic[1]!.items[0]!.govName;
    });
    const e = of(diagnostics, 'gov-name-derivable');
    // at the cell to fill, with why and the names to choose from
    expect(e).toMatchObject([{ severity: 'error', path: 'basicByEconomic[1].items[0].govName' }]);
    expect(e[0]!.message).toContain('部门内行政单位、事业单位并存');
    expect(e[0]!.message).toMatch(/可填：“[^”]+”（行政单位、参公单位）或“[^”]+”（事业单位）/);
  });

  it('an unknown economic code is an error', () => {
    const { diagnostics } = run((d) => {
      d.basicByEconomic[0]!.items[0]!.code = '30198';
    });
    expect(of(diagnostics, 'economic-code-known')).toMatchObject([{ severity: 'error', path: 'basicByEconomic[0].items[0].code' }]);
  });

  it('a year without a catalogue is said once', () => {
    const { diagnostics } = run(() => {}, 2031);
    expect(of(diagnostics, 'catalogue-missing')).toHaveLength(1);
    expect(of(diagnostics, 'subject-code-known')).toEqual([]);
  });
});

void UNIT_A;
void UNIT_B;
