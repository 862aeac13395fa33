import { describe, expect, it } from 'vitest';
import { coverage, normaliseCell, seedCells } from './seed-cells.js';

describe('seed cells: the reproduction measure of a seed', () => {
  it('splits layout lines at tabs and at runs of two or more spaces, not at one', () => {
    const seed = ['SOURCE: https://example.org/x.pdf', 'DOCUMENT: 某部门', '', '=== 第1页 ===', '201   13   01   行政运行        9,389,913.00', '一、财政拨款收入\t371,514,655.00', '主要用于 机关运行', '=== 第2页 ==='].join('\n');
    expect(seedCells(seed)).toEqual(['201', '13', '01', '行政运行', '9389913.00', '一、财政拨款收入', '371514655.00', '主要用于机关运行']);
  });

  it('keeps a seed without a header or page markers whole', () => {
    expect(seedCells('表一\t收支总表\n\n合计')).toEqual(['表一', '收支总表', '合计']);
  });

  it('drops digit-group commas only between digits in groups of three, after NFKC', () => {
    expect(normaliseCell('37,151.47万元')).toBe('37151.47万元');
    expect(normaliseCell('（一）因公出国（境）费')).toBe('(一)因公出国(境)费');
    expect(normaliseCell('1,2 和 12,3456')).toBe('1,2和12,3456');
  });

  it('counts the cells found in the text of the pages, page footers left out', () => {
    const c = coverage(['合计371514655.00', '行政运行', '缺失的格'], ['合计 371,514,655.00 — 3 —', '行政\n运行']);
    expect(c).toEqual({ cells: 3, found: 2, share: 2 / 3, misses: ['缺失的格'] });
  });
});
