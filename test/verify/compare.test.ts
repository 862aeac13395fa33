import { describe, expect, it } from 'vitest';
import { comparePages, figuresOf } from '../../src/verify/compare.js';

describe('comparePages', () => {
  it('figures are read run by run: two cells never make one number', () => {
    expect(figuresOf(['合计', '1,234.50', '12.30%', '2026年'])).toEqual(['1,234.50', '12.30%', '2026']);
    expect(figuresOf(['12', '34'])).toEqual(['12', '34']);
  });

  it('one changed figure is named once, with the page, not every figure after it', () => {
    const printed = [['表1'], ['收入', '100.00', '200.00', '300.00', '合计', '600.00']];
    const expected = [['表1'], ['收入', '100.00', '250.00', '300.00', '合计', '600.00']];
    expect(comparePages(printed, expected)).toEqual([{ page: 2, printed: '200.00', expected: '250.00', message: '第 2 页：印有 200.00，数据得出 250.00' }]);
  });

  it('a figure missing or added, a page count that differs, text that differs where the figures agree', () => {
    expect(comparePages([['1', '2']], [['1', '2', '3']]).map((d) => d.message)).toEqual(['第 1 页：数据得出 3，这一页没有印出']);
    expect(comparePages([['1', '9', '2']], [['1', '2']]).map((d) => d.message)).toEqual(['第 1 页：印有 9，数据得出的这一页没有这个数']);
    expect(comparePages([['a'], ['b']], [['a']]).map((d) => d.message)).toEqual(['页数不同：PDF 有 2 页，数据得出 1 页']);
    expect(comparePages([['一般公共服务支出 5']], [['教育支出 5']]).map((d) => d.message)).toEqual(['第 1 页：文字不同，印有“一般公共服务支出 5”，数据得出“教育支出 5”']);
  });

  it('the same pages: nothing', () => {
    expect(comparePages([['a', '1']], [['a', '1']])).toEqual([]);
  });
});
