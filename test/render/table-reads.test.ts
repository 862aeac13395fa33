import { describe, expect, it } from 'vitest';
import { printedIn, wordTables } from '../../src/diagnostics/place.js';
import { loadTemplateSet } from '../../src/load/template-set.js';
import { setTableWording, tableReads } from '../../src/render/table-reads.js';

/*
 * What each table of a set prints, read from its declarations: the wording step names the table
 * that prints a source, or, when the set has none, says what it is.
 */

describe('the tables a set prints', async () => {
  const set = (await loadTemplateSet('shanxi-zonggai')).set!;

  it('are read from the declarations: row sources, their cells under them, and $. paths', () => {
    const reads = Object.fromEntries(tableReads(set).map((t) => [t.label, t.paths]));
    expect(reads['预算公开表6']).toContain('economicRows');
    expect(reads['预算公开表2']).toContain('subjectRows.current.total.generalBudget');
    expect(reads['预算公开表10']).toContain('threePublic.vehicle');
  });

  it('name a source by the first table that prints it, and neutrally when none does', () => {
    const message = `${printedIn('operatingRows')}机关运行经费多于${printedIn('economicRows')}公用经费`;
    expect(wordTables(message, setTableWording(set))).toBe('预算公开表11机关运行经费多于预算公开表6公用经费');
    // a set without the economic table: the message says what that table would be
    const fewer = { ...set, tableOrder: set.tableOrder.filter((t) => t !== 't06') };
    expect(wordTables(message, setTableWording(fewer))).toBe('预算公开表11机关运行经费多于一般公共预算基本支出经济分类表公用经费');
  });

  it('say amounts in the set’s unit for text', () => {
    expect(setTableWording(set).unit).toEqual({ name: '万元', perWan: 1 });
    expect(setTableWording({ ...set, money: { ...set.money, textUnit: '元' } }).unit).toEqual({ name: '元', perWan: 10000 });
  });
});
