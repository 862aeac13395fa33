import { describe, expect, it } from 'vitest';
import type { BookCell } from '../../../src/load/workbook.js';
import { readCell } from '../../../src/workbook/import/cells.js';

/* A printed cell read back through its declared format: one dispatch for every format. */

const s = (v: string): BookCell => ({ t: 's', v });
const n = (v: number): BookCell => ({ t: 'n', v });

describe('readCell', () => {
  it('reads an amount exact, in the unit the table states', () => {
    expect(readCell('wan', n(12.345678), '万元')).toEqual({ kind: 'amount', value: '12.345678', unit: '万元' });
    // a column of the table's own unit follows what the sheet states: a system may print 元
    expect(readCell('wan', s('1,234.50'), '元', '万元')).toEqual({ kind: 'amount', value: '1234.5', unit: '元' });
    expect(readCell('amount', s('3,016,973.45'), '元')).toEqual({ kind: 'amount', value: '3016973.45', unit: '元' });
  });

  it('keeps a number the workbook holds as the number it is, not a float’s rounding', () => {
    expect(readCell('amount', n(0.1 + 0.2), '万元')).toEqual({ kind: 'amount', value: '0.30000000000000004', unit: '万元' });
    expect(readCell('amount', n(3016973.45), '元')).toEqual({ kind: 'amount', value: '3016973.45', unit: '元' });
    expect(readCell('amount', { t: 'n', v: 1234.5, z: '#,##0.00' }, '元')).toEqual({ kind: 'amount', value: '1234.5', unit: '元' });
  });

  it('reads a column that declares a unit other than its table’s in that unit, whatever the sheet states', () => {
    const yuan = { amount: { unit: '元' } };
    expect(readCell(yuan, n(42300), '万元', '万元')).toEqual({ kind: 'amount', value: '42300', unit: '元' });
    expect(readCell(yuan, s('42,300.00'), '万元', '万元')).toEqual({ kind: 'amount', value: '42300', unit: '元' });
    // a column whose own unit is the table's is the table's column
    expect(readCell(yuan, n(42300), '元', '元')).toEqual({ kind: 'amount', value: '42300', unit: '元' });
    expect(readCell({ amount: { unit: '万元' } }, n(4.23), '元', '万元')).toEqual({ kind: 'amount', value: '4.23', unit: '元' });
  });

  it('reads a dash or a unit written after the figure as the table prints them', () => {
    expect(readCell('amount', s('—'), '元')).toEqual({ kind: 'empty' });
    expect(readCell('amount', s('1,200.00元'), '元')).toEqual({ kind: 'amount', value: '1200', unit: '元' });
    const r = readCell('amount', s('1,200.00万元'), '元');
    expect(r.kind === 'problem' && r.message).toMatch(/万元.*元/);
  });

  it('reads a code printed with spaces as its digits', () => {
    expect(readCell('code', s('212 01 01'), '元')).toEqual({ kind: 'text', text: '2120101' });
    const spaced = { code: { pattern: '### ## ##' } };
    expect(readCell(spaced, s('212 01 01'), '元')).toEqual({ kind: 'text', text: '2120101' });
    expect(readCell(spaced, s('212 01'), '元')).toEqual({ kind: 'text', text: '21201' });
    expect(readCell(spaced, s('2120101'), '元')).toEqual({ kind: 'text', text: '2120101' });
    expect(readCell(spaced, n(2120101), '元')).toEqual({ kind: 'text', text: '2120101' });
    // the 合计 a total row prints in the code column is its text
    expect(readCell(spaced, s('合计'), '元')).toEqual({ kind: 'text', text: '合计' });
  });

  it('says, in Chinese, that a code is not printed as its pattern prints it', () => {
    const r = readCell({ code: { pattern: '### ## ##' } }, s('21 201 01'), '元');
    expect(r.kind).toBe('problem');
    expect(r.kind === 'problem' && r.message).toMatch(/编码“21 201 01”与格式“### ## ##”不符/);
  });

  it('reads the other formats of the registry through their own reading', () => {
    expect(readCell('date', s('2026年2月4日'), '元')).toEqual({ kind: 'text', text: '2026-02-04' });
    expect(readCell('percent', s('12.50%'), '元')).toEqual({ kind: 'text', text: '12.5' });
    expect(readCell('count', s('1,024'), '元')).toEqual({ kind: 'text', text: '1024' });
    const r = readCell('count', s('三个'), '元');
    expect(r.kind === 'problem' && r.message).toMatch(/不是整数/);
  });

  it('says a formula without its value is to be calculated and saved first', () => {
    const r = readCell('amount', { t: 'n', f: 'SUM(B2:B9)' } as BookCell, '元');
    expect(r.kind === 'problem' && r.message).toMatch(/公式.*计算并保存/);
  });

  it('reads text as its text, and a blank cell as empty', () => {
    expect(readCell(undefined, s(' 公务接待费 '), '万元')).toEqual({ kind: 'text', text: '公务接待费' });
    expect(readCell('wan', s('  '), '万元')).toEqual({ kind: 'empty' });
    expect(readCell('text', undefined, '万元')).toEqual({ kind: 'empty' });
  });

  it('says, in Chinese, what is wrong with an amount it cannot read', () => {
    const r = readCell('wan', s('约三万'), '万元');
    expect(r.kind).toBe('problem');
    expect(r.kind === 'problem' && r.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
