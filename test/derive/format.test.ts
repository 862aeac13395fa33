import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { D } from '../../src/derive/decimal.js';
import { chineseNumber, dateCn, percent, wan, yuan } from '../../src/derive/format.js';

describe('wan', () => {
  it('rounds half-up once, at print time', () => {
    expect(wan('0.005')).toBe('0.01');
    expect(wan('0.004')).toBe('0.00');
    // Float arithmetic gets these wrong: (2.675).toFixed(2) === '2.67', (1.005).toFixed(2) === '1.00'.
    expect((2.675).toFixed(2)).toBe('2.67');
    expect(wan(2.675)).toBe('2.68');
    expect(wan(new D('2.675'))).toBe('2.68');
    expect(wan(1.005)).toBe('1.01');
    expect(wan(new D(1).div(3))).toBe('0.33');
    expect(wan(new D(2).div(3))).toBe('0.67');
  });

  it('rounds a Decimal made by another constructor (global config ignored)', () => {
    const Down = Decimal.clone({ rounding: Decimal.ROUND_DOWN, precision: 5 });
    expect(wan(new Down('2.675'))).toBe('2.68');
    expect(wan(new Down('123456789.125'))).toBe('123456789.13');
  });

  it('prints two decimals, optional thousands separators', () => {
    expect(wan('2867.01')).toBe('2867.01');
    expect(wan('2867.01', { sep: true })).toBe('2,867.01');
    expect(wan('1234567.891', { sep: true })).toBe('1,234,567.89');
    expect(wan('999.995', { sep: true })).toBe('1,000.00');
    expect(wan('17.5')).toBe('17.50');
    expect(wan(3662.25, { sep: false })).toBe('3662.25');
  });

  it('zero: "0.00", "0" with trim, blank with blankZero', () => {
    expect(wan(0)).toBe('0.00');
    expect(wan('0')).toBe('0.00');
    expect(wan(0, { trim: true })).toBe('0');
    expect(wan(0, { blankZero: true })).toBe('');
    expect(wan('0.004', { blankZero: true })).toBe('');
    expect(wan(0, { blankZero: true, trim: true })).toBe('');
  });

  it('trim drops trailing zeros', () => {
    expect(wan('17.50', { trim: true })).toBe('17.5');
    expect(wan('17.05', { trim: true })).toBe('17.05');
    expect(wan('2867', { trim: true, sep: true })).toBe('2,867');
    expect(wan('2849.51', { trim: true, sep: true })).toBe('2,849.51');
    expect(wan('100.00', { trim: true })).toBe('100');
  });

  it('null and undefined print nothing', () => {
    expect(wan(null)).toBe('');
    expect(wan(undefined)).toBe('');
  });
});

describe('percent', () => {
  it('two decimals, half-up', () => {
    // 3662.25 / 6529.26: the reference's 下降56.09%.
    expect(percent(new D('3662.25').times(100).div('6529.26'))).toBe('56.09');
    expect(percent('99.385')).toBe('99.39');
    expect(percent('99.384999')).toBe('99.38');
    expect(percent(100)).toBe('100.00');
    expect(percent(new D(100).div(3))).toBe('33.33');
  });

  it('zero as "0" with zeroAsInt', () => {
    expect(percent(0)).toBe('0.00');
    expect(percent(0, { zeroAsInt: true })).toBe('0');
    expect(percent('0.001', { zeroAsInt: true })).toBe('0');
    expect(percent('0.005', { zeroAsInt: true })).toBe('0.01');
  });
});

describe('yuan', () => {
  it('integer with separators when whole', () => {
    expect(yuan('4520000')).toBe('4,520,000');
    expect(yuan(214500)).toBe('214,500');
    expect(yuan('35617000')).toBe('35,617,000');
    expect(yuan('999')).toBe('999');
    expect(yuan(0)).toBe('0');
  });

  it('two decimals otherwise; sep can be turned off', () => {
    expect(yuan('1234.5')).toBe('1,234.50');
    expect(yuan('1234.005')).toBe('1,234.01');
    expect(yuan('4520000', { sep: false })).toBe('4520000');
    expect(yuan('28709600.00')).toBe('28,709,600');
  });
});

describe('chineseNumber', () => {
  it('numbers 一 … 九十九', () => {
    const cases: Array<[number, string]> = [
      [1, '一'], [2, '二'], [9, '九'], [10, '十'], [11, '十一'], [15, '十五'], [19, '十九'],
      [20, '二十'], [21, '二十一'], [29, '二十九'], [30, '三十'], [45, '四十五'], [99, '九十九'],
    ];
    for (const [n, s] of cases) expect(chineseNumber(n)).toBe(s);
  });

  it('refuses what it cannot number', () => {
    expect(() => chineseNumber(0)).toThrow(RangeError);
    expect(() => chineseNumber(100)).toThrow(RangeError);
    expect(() => chineseNumber(1.5)).toThrow(RangeError);
  });
});

describe('dateCn', () => {
  it('prints 年月日 without leading zeros', () => {
    expect(dateCn('2026-02-04')).toBe('2026年2月4日');
    expect(dateCn('2025-12-18')).toBe('2025年12月18日');
    expect(dateCn({ year: 2026, month: 2, day: 3 })).toBe('2026年2月3日');
    expect(dateCn(new Date('2026-02-04T00:00:00Z'))).toBe('2026年2月4日');
    expect(dateCn('20240713150744')).toBe('2024年7月13日');
    expect(dateCn(undefined)).toBe('');
  });
});

describe('amount', () => {
  it('prints the model’s 万元 in 万元 or 元, exactly converted, at the decimals and rounding asked', async () => {
    const { amount } = await import('../../src/derive/format.js');
    expect(amount('301.697345')).toBe('301.70');
    expect(amount('301.697345', { unit: '元', sep: true })).toBe('3,016,973.45');
    expect(amount('301.697345', { unit: '元', decimals: 0 })).toBe('3016973');
    expect(amount('0.125', { rounding: 'ROUND_HALF_EVEN' })).toBe('0.12');
    expect(amount('0.125', { rounding: 'ROUND_DOWN', decimals: 1 })).toBe('0.1');
    expect(amount('0', { unit: '元', decimals: 0 })).toBe('0');
    expect(amount('0.001', { blankZero: true })).toBe('');
    // wan is amount in 万元, two decimals, half-up, whatever else is asked
    expect(wan('2.675', { sep: true })).toBe(amount('2.675', { unit: '万元', sep: true }));
  });
});
