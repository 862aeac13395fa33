import { beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/index.js';
import { derive } from '../../src/derive/index.js';
import { loadTemplateSet } from '../../src/load/template-set.js';
import { renderDocument } from '../../src/render/index.js';
import type { TemplateSet } from '../../src/render/template-set.js';
import type { DepartmentInput } from '../../src/schema/index.js';
import { Rng } from '../../bench/synth/prng.js';
import { validate } from '../../src/validate/index.js';
import { DEFAULT_GLOSSARY, minimalInput } from '../fixtures/minimal.js';

/*
 * Exact money in, rounding once per printed cell (issue 10). Amounts entered in 元 are converted
 * to 万元 exactly; every printed cell is the half-up rounding of its exact figure, computed here
 * independently in integer 分 — so a printed 合计 is the rounded exact sum, never the sum of
 * rounded rows.
 */

let set: TemplateSet;
beforeAll(async () => {
  set = (await loadTemplateSet('shanxi-zonggai')).set!;
});

/** 分 (BigInt) → the 万元 cell: half-up to 0.01 万元 (= 10,000 分), blank when zero. */
function cell(fen: bigint): string {
  if (fen === 0n) return '';
  const units = (fen + 5_000n) / 10_000n; // non-negative: half-up
  const s = units.toString().padStart(3, '0');
  return units === 0n ? '' : `${s.slice(0, -2)}.${s.slice(-2)}`;
}
const fenOf = (yuan: string): bigint => {
  const [int, frac = ''] = yuan.split('.');
  return BigInt(int!) * 100n + BigInt(frac.padEnd(2, '0'));
};

function check(input: DepartmentInput) {
  const v = validate(JSON.parse(JSON.stringify(input)), 'x.json');
  expect(v.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const derived = derive(v.data!, { glossary: DEFAULT_GLOSSARY });
  return { data: v.data!, derived, rendered: renderDocument(derived, v.data!, set) };
}

/** A department in 元 whose 项 amounts are `amounts` (basic, project) by line. */
function inYuan(lines: Array<{ code: string; name: string; basic?: string; project?: string }>): DepartmentInput {
  const d = minimalInput();
  d.moneyUnit = '元';
  d.expenditure.subjects = [
    { code: '201', name: '一般公共服务支出' },
    { code: '20103', name: '政府办公厅（室）及相关机构事务' },
    { code: '20106', name: '财政事务' },
    { code: '212', name: '城乡社区支出' },
    { code: '21208', name: '国有土地使用权出让收入安排的支出' },
  ];
  d.expenditure.lines = lines.map((l) => ({ code: l.code, name: l.name, ...(l.basic ? { basic: { generalBudget: l.basic } } : {}), ...(l.project ? { project: { generalBudget: l.project } } : {}) }));
  return d;
}

describe('exact money: 元 in, each printed cell rounded once from its exact figure', () => {
  it('¥3,016,973 prints 301.70 in 表3 and in 表6 alike (not 301.69 from rounded parts)', () => {
    const d = inYuan([
      { code: '2010301', name: '行政运行', basic: '1508486.50' },
      { code: '2010302', name: '一般行政管理事务', basic: '1508486.50' },
    ]);
    d.basicByEconomic = [{ code: '302', name: '商品和服务支出', items: [{ code: '30201', name: '办公费', govName: '商品和服务支出', public: '3016973' }] }];
    const { rendered } = check(d);
    const t3 = rendered.tables.t03!.rows.map((r) => r.cells.map((c) => c.text));
    const t6 = rendered.tables.t06!.rows.map((r) => r.cells.map((c) => c.text));
    expect(t3[0]!.slice(0, 4)).toEqual(['合计', '', '301.70', '301.70']);
    // each 项 is 150.848650 万元 → 150.85; their printed sum would be 301.70 too, but the 款 is exact
    expect(t3.find((r) => r[0] === '2010301')!.slice(2, 4)).toEqual(['150.85', '150.85']);
    expect(t6[0]!.slice(0, 5)).toEqual(['合计', '', '301.70', '', '301.70']);
  });

  it('a 合计 whose rounded rows do not add up prints the rounded exact sum, and the audit is silent', () => {
    // 100.0049 + 150.5049 = 250.5098 → 250.51, while the printed rows give 100.00 + 150.50 = 250.50
    const d = inYuan([
      { code: '2010301', name: '行政运行', basic: '1000049' },
      { code: '2010302', name: '一般行政管理事务', basic: '1505049' },
    ]);
    d.basicByEconomic = [{ code: '302', name: '商品和服务支出', items: [{ code: '30201', name: '办公费', govName: '商品和服务支出', public: '2505098' }] }];
    d.projects = [];
    d.carryoverProjects = [];
    d.operatingCosts = [];
    d.threePublic = {};
    d.govFundIncome = [];
    d.performanceSheets = [];
    d.narrative.performance = {};
    const { data, derived, rendered } = check(d);
    const t3 = rendered.tables.t03!.rows.map((r) => r.cells.map((c) => c.text));
    expect(t3.find((r) => r[0] === '2010301')![2]).toBe('100.00');
    expect(t3.find((r) => r[0] === '2010302')![2]).toBe('150.50');
    expect(t3.find((r) => r[0] === '20103')![2]).toBe('250.51');
    expect(t3[0]![2]).toBe('250.51');
    const errors = audit(data, derived, 'x.json').filter((x) => x.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('a real difference of 0.01 万元 (100 元) in exact figures is still an error', () => {
    const d = inYuan([{ code: '2010301', name: '行政运行', basic: '1000049' }]);
    d.basicByEconomic = [{ code: '302', name: '商品和服务支出', items: [{ code: '30201', name: '办公费', govName: '商品和服务支出', public: '1000149' }] }];
    d.projects = [];
    d.carryoverProjects = [];
    d.govFundIncome = [];
    d.performanceSheets = [];
    d.narrative.performance = {};
    const { data, derived } = check(d);
    const errors = audit(data, derived, 'x.json').filter((x) => x.severity === 'error');
    expect(errors.map((e) => e.rule)).toContain('t6-equals-basic');
  });

  it('a figure typed from a published table (rounded) is not reported against its exact derivation', () => {
    const d = inYuan([{ code: '2010301', name: '行政运行', basic: '1000049' }]);
    d.narrative.procurement = { goods: '50024', works: '0', services: '1000001', declaredTotal: '1050025' };
    const { data, derived } = check(d);
    expect(audit(data, derived, 'x.json').filter((x) => x.rule === 'procurement-total-equals-parts')).toEqual([]);
    d.narrative.procurement.declaredTotal = '1050125';
    const again = check(d);
    expect(audit(again.data, again.derived, 'x.json').filter((x) => x.rule === 'procurement-total-equals-parts')).toHaveLength(1);
  });

  it('more than two decimals in a 元 file is refused, at its place', () => {
    const d = inYuan([{ code: '2010301', name: '行政运行', basic: '1000049.123' }]);
    const v = validate(JSON.parse(JSON.stringify(d)), 'x.json');
    expect(v.data).toBeUndefined();
    const errors = v.diagnostics.filter((x) => x.severity === 'error');
    expect(errors).toMatchObject([{ rule: 'invalid-amount', path: 'expenditure.lines[0].basic.generalBudget' }]);
    expect(errors[0]!.message).toContain('元');
  });

  it('property: over random 元 amounts every 表3 cell is the half-up rounding of its exact figure', () => {
    const rng = new Rng(20261201);
    const LINES = [
      ['2010301', '行政运行'],
      ['2010302', '一般行政管理事务'],
      ['2010350', '事业运行'],
      ['2010601', '行政运行'],
      ['2010650', '事业运行'],
      ['2120803', '城市建设支出'],
    ] as const;
    let gaps = 0;
    for (let round = 0; round < 60; round++) {
      const lines = LINES.filter(() => rng.chance(0.7)).map(([code, name]) => {
        const yuan = () => `${rng.int(0, 99_999_999)}.${String(rng.int(0, 99)).padStart(2, '0')}`;
        return { code, name, ...(rng.chance(0.8) ? { basic: yuan() } : {}), ...(rng.chance(0.6) ? { project: yuan() } : {}) };
      });
      if (lines.length === 0) continue;
      const { rendered } = check(inYuan(lines));
      const rows = rendered.tables.t03!.rows;
      const fen = (prefix: string, part: 'basic' | 'project' | 'total') =>
        lines.filter((l) => l.code.startsWith(prefix)).reduce((s, l) => s + (part !== 'project' && l.basic ? fenOf(l.basic) : 0n) + (part !== 'basic' && l.project ? fenOf(l.project) : 0n), 0n);
      for (const r of rows) {
        const code = r.kind === 'total' ? '' : r.cells[0]!.text;
        expect([r.cells[2]!.text, r.cells[3]!.text, r.cells[4]!.text], `${round} ${code}`).toEqual([cell(fen(code, 'total')), cell(fen(code, 'basic')), cell(fen(code, 'project'))]);
      }
      // the case that matters: a printed total that is not the sum of its printed items
      const printedItems = rows.filter((r) => r.cells[0]!.text.length === 7).reduce((s, r) => s + BigInt((r.cells[2]!.text || '0').replace('.', '')), 0n);
      if (printedItems !== BigInt((rows[0]!.cells[2]!.text || '0').replace('.', ''))) gaps++;
    }
    expect(gaps).toBeGreaterThan(5);
  });
});
