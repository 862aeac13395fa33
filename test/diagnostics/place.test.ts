import { describe, expect, it } from 'vitest';
import { D } from '../../src/derive/decimal.js';
import { at, figure, money, neutralTables, placesIn, printedIn, tableWording, wordPlaces, wordTables } from '../../src/diagnostics/place.js';
import { loadTemplateSet } from '../../src/load/template-set.js';
import { setTableWording } from '../../src/render/table-reads.js';

/*
 * A table in a message is named by what it prints; the wording step names the set's table that
 * prints it, or says what it is. Amounts are said in the set's unit.
 */

describe('a table named in a message', () => {
  const message = `${printedIn('economicRows')}“办公费”${money(new D('2.5'))}多于${printedIn('threePublic')}（${figure(new D('1.125'))}）`;

  it('is the set’s table that prints it, by its label', async () => {
    const set = (await loadTemplateSet('shanxi-zonggai')).set!;
    expect(wordTables(message, setTableWording(set))).toBe('预算公开表6“办公费”2.50 万元多于预算公开表10（1.125）');
    // 收入总表 and 支出总表 print the same rows: the columns read tell them apart
    const words = setTableWording(set);
    expect(['subjectRows.current', 'subjectRows.all', 'income', 'expenditure.all.total.fiscal', 'carryoverProjectRows'].map((s) => words.table(s))).toEqual(['预算公开表2', '预算公开表3', '预算公开表1', '预算公开表4', '预算公开表13']);
  });

  it('is said for what it is when no table of the set prints it, amounts in 万元', () => {
    expect(wordTables(message, neutralTables)).toBe('一般公共预算基本支出经济分类表“办公费”2.50 万元多于“三公”经费支出表（1.125）');
    expect(wordTables(printedIn('subjectRows.current'))).toBe('收入总表');
    // a source under a known one takes its name
    expect(wordTables(printedIn('threePublic.vehicle'))).toBe('“三公”经费支出表');
  });

  it('in a set that says amounts in 元, converts them', () => {
    const words = tableWording([{ label: '表四', paths: ['economicRows', 'economicRows.personnel'] }], { name: '元', perWan: 10000 });
    expect(wordTables(message, words)).toBe('表四“办公费”25000.00 元多于“三公”经费支出表（11250.00）');
    // a difference below a cent keeps every digit
    expect(wordTables(money(new D('0.0000001')), words)).toBe('0.001 元');
  });

  it('is apart from places: each wording leaves the other’s marks alone', () => {
    const both = `${printedIn('projectRows')}的${at('projects[0].name')}`;
    expect(placesIn(both)).toEqual(['projects[0].name']);
    expect(wordPlaces(both, (p) => `<${p}>`)).toBe(`${printedIn('projectRows')}的<projects[0].name>`);
    expect(wordTables(wordPlaces(both, (p) => `<${p}>`))).toBe('项目支出表（本年）的<projects[0].name>');
  });
});
