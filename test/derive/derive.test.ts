import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { derive, type Derived } from '../../src/derive/index.js';
import { D } from '../../src/derive/decimal.js';
import { percent, wan } from '../../src/derive/format.js';
import { change } from '../../src/derive/narrative.js';
import { Department, type DepartmentInput } from '../../src/schema/index.js';
import { DEFAULT_GLOSSARY, minimal, minimalInput, UNIT_A, UNIT_B } from '../fixtures/minimal.js';

const s = (x: Decimal) => new D(x).toFixed();
const run = (mutate?: (i: DepartmentInput) => void): Derived => {
  const input = minimalInput();
  mutate?.(input);
  return derive(Department.parse(input), { glossary: DEFAULT_GLOSSARY });
};

describe('derive: totals and the subject tree', () => {
  const d = run();

  it('balances income and expenditure, by source and period', () => {
    expect(s(d.income.current.total)).toBe('337.75');
    expect(s(d.income.current.generalBudget)).toBe('280.75');
    expect(s(d.income.current.govFund)).toBe('50');
    expect(s(d.income.current.specialAccount)).toBe('2');
    expect(s(d.income.current.unitFunds)).toBe('5');
    expect(s(d.income.current.fiscal)).toBe('330.75');
    expect(s(d.income.carryover.total)).toBe('10.25');
    expect(s(d.income.total)).toBe('348');
    expect(s(d.expenditure.total)).toBe('348');
    expect(s(d.expenditure.yearEndCarryover)).toBe('0');
    expect(s(d.expenditure.current.basic.total)).toBe('135.25');
    expect(s(d.expenditure.current.project.total)).toBe('202.5');
    expect(s(d.expenditure.carryover.project.generalBudget)).toBe('10.25');
    expect(s(d.expenditure.all.project.total)).toBe('212.75');
  });

  it('orders the tree 合计 → 类 → 款 → 项 by code, with levels', () => {
    expect(d.subjectRows.map((r) => [r.kind, r.level, r.code])).toEqual([
      ['total', 0, ''],
      ['class', 1, '201'],
      ['section', 2, '20103'],
      ['item', 3, '2010301'],
      ['item', 3, '2010302'],
      ['section', 2, '20106'],
      ['item', 3, '2010650'],
      ['class', 1, '212'],
      ['section', 2, '21208'],
      ['item', 3, '2120803'],
    ]);
    expect(d.subjectRows[1]!.name).toBe('一般公共服务支出');
    expect(Object.keys(d.byClass)).toEqual(['201', '212']);
  });

  it('rolls up every column: 项 → 款 → 类 → 合计, current + carryover, basic + project', () => {
    const row = (code: string) => d.subjectRows.find((r) => r.code === code)!;
    expect(s(row('20103').current.total.generalBudget)).toBe('250.5');
    expect(s(row('20103').carryover.project.generalBudget)).toBe('10.25');
    expect(s(row('20103').all.total.total)).toBe('260.75');
    expect(s(row('20106').current.basic.unitFunds)).toBe('5');
    expect(s(row('20106').current.project.specialAccount)).toBe('2');
    expect(s(row('20106').current.total.total)).toBe('37.25');
    expect(s(row('20106').current.total.fiscal)).toBe('30.25');
    expect(s(row('201').all.total.total)).toBe('298');
    expect(s(row('201').all.basic.generalBudget)).toBe('130.25');
    expect(s(row('212').current.project.govFund)).toBe('50');
    expect(s(d.subjectRows[0]!.all.total.total)).toBe('348');
    expect(s(d.byClass['212']!.all.total.total)).toBe('50');
    const line = row('2010302');
    expect(s(line.all.project.generalBudget)).toBe(s(line.current.project.generalBudget.plus(line.carryover.project.generalBudget)));
  });

  it('lists the rows of the single-source tables', () => {
    expect(d.currentRowsBySource.govFund.map((r) => r.code)).toEqual(['', '212', '21208', '2120803']);
    expect(d.currentRowsBySource.generalBudget.map((r) => r.code)).toEqual(['', '201', '20103', '2010301', '2010302', '20106', '2010650']);
    expect(d.currentRowsBySource.stateCapital.map((r) => r.code)).toEqual(['']);
  });

  it('reads JSON numbers exactly', () => {
    // 2010650 basic generalBudget is the JSON number 30.25 in the fixture.
    expect(s(d.subjectRows.find((r) => r.code === '2010650')!.current.basic.generalBudget)).toBe('30.25');
    const d2 = run((i) => {
      i.expenditure.lines[1]!.basic = { generalBudget: 0.1 };
      i.expenditure.lines.push({ code: '2010350', name: '事业运行', basic: { generalBudget: 0.2 } });
    });
    expect(s(d2.byClass['201']!.current.basic.generalBudget!.minus(d.byClass['201']!.current.basic.generalBudget))).toBe('-99.7');
    expect(s(d2.subjectRows.find((r) => r.code === '20103')!.current.basic.generalBudget)).toBe('0.3');
  });

  it('ignores the global decimal.js configuration', () => {
    const saved = { precision: Decimal.precision, rounding: Decimal.rounding };
    Decimal.set({ precision: 2, rounding: Decimal.ROUND_DOWN });
    try {
      const d2 = run();
      expect(s(d2.income.total)).toBe('348');
      expect(percent(d2.expenditure.shares.basic)).toBe('38.86');
    } finally {
      Decimal.set(saved);
    }
  });

  it('does not mutate its input', () => {
    const data = minimal();
    const before = JSON.stringify(data);
    derive(data, { glossary: DEFAULT_GLOSSARY });
    expect(JSON.stringify(data)).toBe(before);
  });

  it('names the department and the sheet authority', () => {
    expect(d.department.fullName).toBe('示例中心（示例交易中心）');
    expect(d.department.shortName).toBe('示例中心');
    expect(d.sheets[0]!.authority).toBe('999-示例中心（示例交易中心）');
    expect(d.creationDate.toISOString()).toBe('2026-02-10T00:00:00.000Z');
    expect(d.year).toBe(2026);
    expect(d.templateSet).toBe('shanxi-zonggai');
  });
});

describe('derive: shares and 尾差', () => {
  it('keeps exact shares: three equal parts print 33.33 each and do not sum to 100', () => {
    const d = run((i) => {
      i.expenditure.subjects.push({ code: '208', name: '社会保障和就业支出' }, { code: '20805', name: '行政事业单位养老支出' });
      i.expenditure.subjects.push({ code: '213', name: '农林水支出' }, { code: '21301', name: '农业农村' });
      i.expenditure.lines = [
        { code: '2010301', name: '行政运行', basic: { generalBudget: '1.00' } },
        { code: '2080505', name: '机关事业单位基本养老保险缴费支出', basic: { generalBudget: '1.00' } },
        { code: '2130101', name: '行政运行', basic: { generalBudget: '1.00' } },
      ];
    });
    const shares = d.narrative.generalBudgetByClass;
    expect(shares.map((x) => x.code)).toEqual(['201', '208', '213']);
    expect(shares.map((x) => percent(x.share))).toEqual(['33.33', '33.33', '33.33']);
    // Exact to 40 digits: the derive never rounds to two decimals.
    expect(shares[0]!.share.eq(new D(100).div(3))).toBe(true);
    const printedSum = shares.map((x) => new D(percent(x.share))).reduce((a, b) => a.plus(b));
    expect(printedSum.toFixed(2)).toBe('99.99');
  });

  it('computes income and expenditure shares of the totals', () => {
    const d = run();
    expect(percent(d.income.shares.generalBudget)).toBe('80.68'); // 280.75 / 348
    expect(percent(d.income.shares.carryover)).toBe('2.95'); // 10.25 / 348
    expect(percent(d.income.shares.stateCapital, { zeroAsInt: true })).toBe('0');
    expect(percent(d.expenditure.shares.basic)).toBe('38.86');
    expect(percent(d.expenditure.shares.project)).toBe('61.14');
    expect(d.narrative.expenditureByClass.map((x) => [x.code, s(x.amount), percent(x.share)])).toEqual([
      ['201', '298', '85.63'],
      ['212', '50', '14.37'],
    ]);
    // 一般公共预算 by 类: 212 has no general budget, so only 201 (100%).
    expect(d.narrative.generalBudgetByClass.map((x) => [x.code, s(x.amount), percent(x.share)])).toEqual([['201', '280.75', '100.00']]);
  });

  it('a share over a zero base is 0', () => {
    const d = run((i) => {
      i.expenditure.lines = [];
    });
    expect(s(d.expenditure.shares.basic)).toBe('0');
    expect(d.narrative.generalBudgetByClass).toEqual([]);
  });
});

describe('derive: changes against last year', () => {
  it('increase, decrease, flat, and a zero last year', () => {
    const up = change(new D('348'), new D('300'));
    expect([up.direction, s(up.delta), s(up.deltaAbs), s(up.percentAbs)]).toEqual(['increase', '48', '48', '16']);
    const down = change(new D('2867.01'), new D('6529.26'));
    expect([down.direction, s(down.delta), s(down.deltaAbs), percent(down.percentAbs)]).toEqual(['decrease', '-3662.25', '3662.25', '56.09']);
    const flat = change(new D('25'), new D('25.00'));
    expect([flat.direction, s(flat.deltaAbs), s(flat.percentAbs)]).toEqual(['flat', '0', '0']);
    const fromZero = change(new D('10'), new D('0'));
    expect([fromZero.direction, s(fromZero.deltaAbs), s(fromZero.percentAbs)]).toEqual(['increase', '10', '0']);
  });

  it('derives the narrative changes', () => {
    const d = run();
    const c = d.narrative.changes;
    expect([c.income!.direction, s(c.income!.delta)]).toEqual(['increase', '48']);
    expect([c.expenditure!.direction, s(c.expenditure!.delta)]).toEqual(['increase', '48']);
    expect([c.generalBudget!.direction, s(c.generalBudget!.delta), percent(c.generalBudget!.percentAbs)]).toEqual(['increase', '30.75', '12.30']);
    expect([c.threePublic?.direction, s(c.threePublic!.delta)]).toEqual(['decrease', '-1']);
    expect(c.operatingCosts?.direction).toBe('flat');
    const d2 = run((i) => {
      delete i.narrative.lastYear!.threePublic;
    });
    expect(d2.narrative.changes.threePublic).toBeNull();
  });
});

describe('derive: tables 6–13', () => {
  const d = run();

  it('表6: 合计, groups and items; personnel + public', () => {
    expect(d.economicRows.map((r) => [r.kind, r.level, r.name, s(r.personnel), s(r.public), s(r.total)])).toEqual([
      ['total', 0, '合计', '100', '30.25', '130.25'],
      ['group', 1, '工资福利支出', '100', '0', '100'],
      ['item', 2, '基本工资', '60', '0', '60'],
      ['item', 2, '津贴补贴', '40', '0', '40'],
      ['group', 1, '商品和服务支出', '0', '30.25', '30.25'],
      ['item', 2, '办公费', '0', '15.25', '15.25'],
      ['item', 2, '差旅费', '0', '10', '10'],
      ['item', 2, '公务接待费', '0', '2', '2'],
      ['item', 2, '公务用车运行维护费', '0', '3', '3'],
    ]);
    expect(d.basicCosts.personnelItems).toEqual(['基本工资', '津贴补贴']);
    expect(d.basicCosts.publicItems).toEqual(['办公费', '差旅费', '公务接待费', '公务用车运行维护费']);
    // The narrative's own list wins where given.
    expect(d.narrative.personnelItems).toEqual(['津贴补贴', '基本工资']);
    expect(d.narrative.publicItems).toEqual(['办公费', '差旅费', '公务接待费', '公务用车运行维护费']);
  });

  it('表7, 表9: 合计 first', () => {
    expect(d.govFundIncomeRows.map((r) => [r.kind, r.name, s(r.amount)])).toEqual([
      ['total', '合计', '50'],
      ['item', '国有土地使用权出让收入', '50'],
    ]);
    expect(d.stateCapitalIncomeRows.map((r) => [r.kind, s(r.amount)])).toEqual([['total', '0']]);
  });

  it('表10: vehicle = purchase + operation; total = all parts', () => {
    const t = d.threePublic;
    expect(s(t.vehicle.total)).toBe('3');
    expect(s(t.total.generalBudget)).toBe('5');
    expect(s(t.total.total)).toBe('5');
    expect(s(t.abroad.total)).toBe('0');
  });

  it('表11: total row (name \'\') then units', () => {
    expect(d.operatingRows.map((r) => [r.kind, r.name, s(r.funds.total)])).toEqual([
      ['total', '', '25'],
      ['item', UNIT_A, '25'],
    ]);
    expect(s(d.operatingTotal.generalBudget)).toBe('25');
  });

  it('表12: department row, then units in department.units order with their projects', () => {
    expect(d.projectRows.map((r) => [r.kind, r.level, r.name, r.category, s(r.funds.total)])).toEqual([
      ['total', 0, '示例中心（示例交易中心）', '', '202.5'],
      ['unit', 1, UNIT_A, '', '150.5'],
      ['item', 2, '系统运维费', '其他运转类', '150.5'],
      ['unit', 1, UNIT_B, '', '52'],
      ['item', 2, '物业费', '特定目标类', '52'],
    ]);
    expect(s(d.projectTotal.govFund)).toBe('50');
    expect(s(d.projectTotal.specialAccount)).toBe('2');
    expect(d.carryoverProjectRows.map((r) => [r.kind, r.name, s(r.funds.total)])).toEqual([
      ['total', '示例中心（示例交易中心）', '10.25'],
      ['unit', UNIT_A, '10.25'],
      ['item', '往年系统建设', '10.25'],
    ]);
  });

  it('表12: a project of an unknown unit keeps its amounts, under its own unit row at the end', () => {
    const d2 = run((i) => {
      i.projects.unshift({ unit: '外单位', name: '外来项目', category: '特定目标类', funds: { unitFunds: '1' } });
    });
    expect(d2.projectRows.map((r) => r.name)).toEqual(['示例中心（示例交易中心）', UNIT_A, '系统运维费', UNIT_B, '物业费', '外单位', '外来项目']);
    expect(s(d2.projectTotal.total)).toBe('203.5');
  });
});

describe('derive: narrative', () => {
  it('procurement: total = goods + works + services; printed = declared ?? derived', () => {
    const d = run((i) => {
      i.narrative.procurement = { goods: '18.50', works: '0', services: '2150.51', declaredTotal: '2169.00' };
    });
    const p = d.narrative.procurement;
    expect([s(p.total.derived), s(p.total.declared!), s(p.total.printed)]).toEqual(['2169.01', '2169', '2169']);
    const d2 = run((i) => {
      delete i.narrative.procurement.declaredTotal;
    });
    expect(d2.narrative.procurement.total.declared).toBeUndefined();
    expect(s(d2.narrative.procurement.total.printed)).toBe('105');
  });

  it('performance: managed from 表12, published from matched sheets', () => {
    const d = run();
    const p = d.narrative.performance;
    expect([p.managed.derived.count, s(p.managed.derived.amount)]).toEqual([2, '202.5']);
    expect([p.managedOperating!.derived.count, s(p.managedOperating!.derived.amount)]).toEqual([1, '150.5']);
    expect([p.managedSpecific!.derived.count, s(p.managedSpecific!.derived.amount)]).toEqual([1, '52']);
    expect([p.published.derived.count, s(p.published.derived.amount)]).toEqual([2, '202.5']);
    expect(s(p.publishedShare.derived)).toBe('100');
    expect(p.publishedOperating!.declared).toBeUndefined();
    expect(p.publishedOperating!.printed).toEqual(p.publishedOperating!.derived);
  });

  it('performance: an unmatched sheet is not published; a near-named one is', () => {
    const d = run((i) => {
      i.performanceSheets![1]!.project = '物业费用'; // contains 物业费
      i.performanceSheets!.push({ ...i.performanceSheets![0]!, project: '公用经费项目', funds: { implementation: { local: '214500' }, annual: { local: '214500' } } });
    });
    expect(d.sheets.map((x) => [x.matchedProject, x.nearProject, x.projectIndex])).toEqual([
      ['系统运维费', undefined, 0],
      [undefined, '物业费', 1],
      [undefined, undefined, undefined],
    ]);
    const p = d.narrative.performance;
    expect([p.published.derived.count, s(p.published.derived.amount)]).toEqual([2, '202.5']);
    expect(s(d.sheets[2]!.annualWan)).toBe('21.45');
  });

  it('assets: date parts and vehicles', () => {
    const d = run();
    expect(d.narrative.assets.asOf).toEqual({ year: 2026, month: 1, day: 10 });
    expect(d.narrative.assets.vehiclesActual).toEqual({ derived: 2, declared: 2, printed: 2 });
  });
});

describe('derive: performance sheets', () => {
  it('funds in 元: parts (null when absent), total = Σ, printed = declared ?? Σ; annual in 万元', () => {
    const d = run();
    const f = d.sheets[0]!.fundsYuan;
    expect(f.annual.central).toBeNull();
    expect(s(f.annual.local!)).toBe('1005000');
    expect(s(f.annual.total.derived)).toBe('1505000');
    expect(f.annual.total.declared).toBeUndefined();
    expect(s(f.implementation.total.declared!)).toBe('2505000');
    expect(s(d.sheets[0]!.annualWan)).toBe('150.5');
    expect(d.sheets[0]!.matchedProject).toBe('系统运维费');
  });

  it('pairs indicator rows by 一级 (fixed order), 二级 (first seen), position', () => {
    const d = run((i) => {
      i.performanceSheets![0]!.indicators = {
        implementation: [
          { level1: '满意度指标', level2: '服务对象满意度', level3: '满意度', value: '≥95%' },
          { level1: '产出指标', level2: '数量指标', level3: 'A', value: '1' },
          { level1: '产出指标', level2: '数量指标', level3: 'B', value: '2' },
          { level1: '成本指标', level2: '成本控制率', value: '≥0%' },
          { level1: '产出指标', level2: '质量指标', level3: 'Q', value: '100%' },
        ],
        annual: [
          { level1: '产出指标', level2: '时效指标', level3: 'T', value: '及时' },
          { level1: '产出指标', level2: '数量指标', level3: 'A2', value: '1' },
          { level1: '效益指标', level2: '社会效益', level3: 'S', value: '有效' },
          { level1: '满意度指标', level2: '服务对象满意度', level3: '满意度', value: '≥95%' },
        ],
      };
    });
    const rows = d.sheets[0]!.indicatorRows.map((r) => [r.level1, r.implementation?.level3 ?? null, r.annual?.level3 ?? null, r.implementation?.level2 ?? r.annual?.level2]);
    expect(rows).toEqual([
      ['产出指标', 'A', 'A2', '数量指标'],
      ['产出指标', 'B', null, '数量指标'],
      ['产出指标', 'Q', null, '质量指标'],
      ['产出指标', null, 'T', '时效指标'],
      ['效益指标', null, 'S', '社会效益'],
      ['成本指标', '', null, '成本控制率'],
      ['满意度指标', '满意度', '满意度', '服务对象满意度'],
    ]);
    expect(d.sheets[0]!.indicatorRows[5]!.implementation).toEqual({ level2: '成本控制率', level3: '', value: '≥0%' });
  });
});

describe('derive: glossary', () => {
  it('department entries override defaults in place, new ones are appended', () => {
    const d = run();
    expect(d.glossary).toEqual([
      { term: '基本支出', definition: ['本部门的定义。'] },
      { term: '项目支出', definition: ['默认项目支出定义。'] },
      { term: '示例术语', definition: ['新增。'] },
    ]);
  });

  it('replace: true uses only the department entries; absent glossary keeps the defaults', () => {
    const d = run((i) => {
      i.glossary = { replace: true, entries: [{ term: '示例术语', definition: ['只此一条。'] }] };
    });
    expect(d.glossary).toEqual([{ term: '示例术语', definition: ['只此一条。'] }]);
    const d2 = run((i) => {
      delete i.glossary;
    });
    expect(d2.glossary).toEqual(DEFAULT_GLOSSARY);
    expect(d2.glossary[0]).not.toBe(DEFAULT_GLOSSARY[0]);
  });
});

describe('format of derived figures', () => {
  it('prints the reference-style narrative figures', () => {
    const d = run();
    expect(wan(d.income.total, { sep: true })).toBe('348.00');
    expect(wan(d.expenditure.current.basic.total, { trim: true })).toBe('135.25');
  });
});
