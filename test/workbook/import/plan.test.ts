import { describe, expect, it } from 'vitest';
import type { TableDecl } from '../../../src/render/template-set.js';
import { tablePlan } from '../../../src/workbook/import/plan.js';
import { matcher } from '../../../src/workbook/import/find.js';

/* What the import looks for, read off a declaration: header texts under their spanning headings, row sources, layout texts over them. */

const decl: TableDecl = {
  id: 'x',
  label: '附表1',
  title: '{{year}}年收支表',
  toc: '',
  widths: [1, 1, 1, 1],
  header: [
    [{ text: '收入', colSpan: 2 }, '', { text: '支出', colSpan: 2 }, ''],
    ['项目', '金额', '项目', { text: '金额' }],
    ['1', '2', '3', '4'],
  ],
  sides: {
    left: { columns: [{ v: '@label' }, { v: '@', f: 'wan' }], rows: [{ label: '一、一般公共预算', at: '$.income.current.generalBudget' }] },
    right: { columns: [{ v: 'name', byKind: { total: '合计' } }, { v: 'amount', f: 'wan' }], rows: [{ each: '$.govFundIncomeRows' }] },
  },
};

describe('tablePlan', () => {
  it('gives each column its headings, outermost first, without the numbering row', () => {
    const p = tablePlan(decl, undefined);
    expect(p.columns.map((c) => [c.key, c.headers])).toEqual([
      ['left:@label', ['收入', '项目']],
      ['left:@', ['收入', '金额']],
      ['right:name', ['支出', '项目']],
      ['right:amount', ['支出', '金额']],
    ]);
    expect(p.columns[2]!.totalText).toBe('合计');
    expect(p.groups.map((g) => [g.side, g.source, g.each])).toEqual([
      ['left', '$.income.current.generalBudget', false],
      ['right', '$.govFundIncomeRows', true],
    ]);
  });

  it('takes a layout’s texts over the declaration’s', () => {
    const p = tablePlan(decl, { find: '收支表', columns: { 'right:amount': '支出金额' }, rows: { '$.income.current.generalBudget': '一般公共预算收入' }, total: '总计' });
    expect(p.find).toBe('收支表');
    expect(p.columns[3]!.headers).toEqual(['支出金额']);
    expect(p.groups[0]!.label).toBe('一般公共预算收入');
    expect(p.columns[2]!.totalText).toBe('总计');
  });
});

describe('matcher', () => {
  it('matches a heading whatever its year, and but for spacing and width', () => {
    expect(matcher('{{year}}年预算数')('2026年预算数')).toBe(true);
    expect(matcher('{{year}}年预算数')('2026年决算数')).toBe(false);
    expect(matcher('基本支出')('基 本 支 出')).toBe(true);
    expect(matcher('合计')('2026年合计')).toBe(true);
  });
});
