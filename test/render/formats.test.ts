import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/derive/decimal.js';
import { FORMATS, formatName, patternCode, resolveFormat, type FormatEnv, type ResolvedFormat } from '../../src/render/formats.js';

const env: FormatEnv = { unit: '万元', grouping: { 万元: false, 元: true }, rounding: 'ROUND_HALF_UP' };

function fmt(spec: Parameters<typeof resolveFormat>[0]): ResolvedFormat {
  const r = resolveFormat(spec);
  if ('issues' in r) throw new Error(JSON.stringify(r.issues));
  return r;
}
const print = (spec: Parameters<typeof resolveFormat>[0], value: unknown, e: FormatEnv = env) => {
  const f = fmt(spec);
  return f.format.print(value, f.options, e);
};
const read = (spec: Parameters<typeof resolveFormat>[0], text: string, e: FormatEnv = env) => {
  const f = fmt(spec);
  return f.format.read(text, f.options, e);
};

describe('amount', () => {
  it('prints the model’s 万元 in 万元 or 元, converted exactly, rounded once, blank when zero', () => {
    expect(print('amount', new D('301.697345'))).toEqual({ text: '301.70', align: 'right', exact: '301.697345', nonZero: true });
    expect(print({ amount: { unit: '元' } }, new D('301.697345'))).toEqual({ text: '3,016,973.45', align: 'right', exact: '3016973.45', nonZero: true });
    expect(print('wan', new D('2867.005'))?.text).toBe('2867.01');
    expect(print('amount', new D(0))).toEqual({ text: '', align: 'right' });
    expect(print({ amount: { blankZero: false } }, new D(0))?.text).toBe('0.00');
    expect(print('amount', undefined)).toEqual({ text: '', align: 'right' });
  });

  it('takes its unit from the table (env) unless the cell names one; grouping from the theme unless named', () => {
    const yuan: FormatEnv = { ...env, unit: '元' };
    expect(print('amount', new D('1.5'), yuan)?.text).toBe('15,000.00');
    expect(print({ amount: { unit: '万元' } }, new D('1234.5'), yuan)?.text).toBe('1234.50');
    expect(print({ amount: { grouping: true } }, new D('1234.5'))?.text).toBe('1,234.50');
    expect(print({ amount: { unit: '元', grouping: false, decimals: 0 } }, new D('1.23456'))?.text).toBe('12346');
  });

  it('rounds as the set declares', () => {
    expect(print('amount', new D('0.125'))?.text).toBe('0.13');
    expect(print('amount', new D('0.125'), { ...env, rounding: 'ROUND_HALF_EVEN' })?.text).toBe('0.12');
  });

  it('refuses a value that is not an amount', () => {
    expect(print('amount', { a: 1 })).toBeUndefined();
    expect(print('amount', '十万')).toBeUndefined();
  });

  it('reads a printed figure back to 万元: separators, a blank, a full-width minus; refuses words', () => {
    expect(read({ amount: { unit: '元' } }, '3,016,973.45')).toEqual({ value: new D('301.697345') });
    expect(read('amount', '2,867.01')).toEqual({ value: new D('2867.01') });
    expect(read('amount', '')).toEqual({ value: new D(0) });
    expect(read('amount', '−12.50')).toEqual({ value: new D('-12.5') });
    expect(read('amount', '十二')).toEqual({ problem: '“十二”不是金额' });
  });

  it('round-trips: read(print(x)) is x in 元 to the 分, and x rounded to two decimals in 万元', () => {
    const values = ['301.697345', '0.000001', '2867.005', '12345678.9', '-3.141592', '0.01'];
    for (const v of values) {
      const x = new D(v);
      const inYuan = print({ amount: { unit: '元' } }, x)!;
      expect((read({ amount: { unit: '元' } }, inYuan.text) as { value: Decimal }).value.eq(x), `元 ${v}`).toBe(true);
      const inWan = print('amount', x)!;
      expect((read('amount', inWan.text) as { value: Decimal }).value.eq(x.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)), `万元 ${v}`).toBe(true);
    }
  });
});

describe('percent and count', () => {
  it('prints a share in percent units, optional % sign, and reads it back', () => {
    expect(print('percent', new D('56.0912'))?.text).toBe('56.09');
    expect(print({ percent: { decimals: 1, sign: true } }, new D('56.0912'))?.text).toBe('56.1%');
    expect(read('percent', '56.1%')).toEqual({ value: new D('56.1') });
    expect(read('percent', 'abc')).toHaveProperty('problem');
  });

  it('prints a whole number, refuses a fraction, and reads it back', () => {
    expect(print({ count: { grouping: true } }, 12345)?.text).toBe('12,345');
    expect(print('count', new D('2.5'))).toBeUndefined();
    expect(read('count', '12,345')).toEqual({ value: 12345 });
    expect(read('count', '1.5')).toHaveProperty('problem');
  });
});

describe('code', () => {
  it('prints a joined code by its pattern; a shorter code prints what it has', () => {
    expect(patternCode('2120101', '### ## ##')).toBe('212 01 01');
    expect(patternCode('21201', '### ## ##')).toBe('212 01');
    expect(patternCode('212', '### ## ##')).toBe('212');
    expect(patternCode('2120101', '#####.##')).toBe('21201.01');
    expect(patternCode('212010199', '### ## ##')).toBe('212 01 0199');
    expect(print({ code: { pattern: '### ## ##' } }, '2010301')).toEqual({ text: '201 03 01', align: 'left' });
    expect(print('code', '2010301')?.text).toBe('2010301');
  });

  it('reads a spaced or a joined code back to the joined one; refuses one spaced otherwise', () => {
    const spaced = { code: { pattern: '### ## ##' } };
    expect(read(spaced, '212 01 01')).toEqual({ value: '2120101' });
    expect(read(spaced, '2120101')).toEqual({ value: '2120101' });
    expect(read(spaced, '212')).toEqual({ value: '212' });
    expect(read(spaced, '21 2010 1')).toHaveProperty('problem');
    for (const c of ['2', '212', '21201', '2120101']) expect(read(spaced, print(spaced, c)!.text)).toEqual({ value: c });
  });
});

describe('text and date', () => {
  it('prints text as it is, and reads it as it is', () => {
    expect(print('text', '办公费')).toEqual({ text: '办公费', align: 'left' });
    expect(print(undefined, null)?.text).toBe('');
    expect(read('text', ' 办公费 ')).toEqual({ value: ' 办公费 ' });
  });

  it('prints a date in Chinese or ISO, and reads either back to ISO; refuses a day that does not exist', () => {
    expect(print('date', '2026-02-04')?.text).toBe('2026年2月4日');
    expect(print({ date: { style: 'iso' } }, '20260204093000')?.text).toBe('2026-02-04');
    expect(read('date', '2026年2月4日')).toEqual({ value: '2026-02-04' });
    expect(read('date', '2026-02-04')).toEqual({ value: '2026-02-04' });
    expect(read('date', '2026年2月30日')).toHaveProperty('problem');
    expect(print('date', 42)).toBeUndefined();
  });
});

describe('a declaration’s f', () => {
  it('resolves a name, an alias or { name: options }', () => {
    expect(fmt('wan')).toMatchObject({ name: 'amount', options: { unit: '万元' } });
    expect(fmt('yuan')).toMatchObject({ name: 'amount', options: { unit: '元' } });
    expect([formatName('wan'), formatName({ code: { pattern: '### ##' } }), formatName(undefined), formatName('nothing')]).toEqual(['amount', 'code', 'text', undefined]);
    expect(fmt({ amount: { unit: '元', decimals: 2 } })).toMatchObject({ name: 'amount', options: { unit: '元', decimals: 2 } });
    expect(fmt(undefined).name).toBe('text');
    expect(Object.keys(FORMATS)).toEqual(['amount', 'percent', 'count', 'code', 'text', 'date']);
  });

  it('names what is wrong, with the path below f', () => {
    expect(resolveFormat('money')).toEqual({ issues: [{ path: [], message: expect.stringContaining('未知的格式“money”') }] });
    expect(resolveFormat({ amount: { unit: '千元' } })).toEqual({ issues: [{ path: ['amount', 'unit'], message: '金额单位须为 万元 或 元' }] });
    expect(resolveFormat({ amount: { units: '元' } })).toEqual({ issues: [{ path: ['amount', 'units'], message: '格式“amount”没有选项“units”' }] });
    expect(resolveFormat({ code: { pattern: '### ## ' } })).toMatchObject({ issues: [{ path: ['code', 'pattern'] }] });
    expect(resolveFormat({ wan: {} })).toMatchObject({ issues: [{ path: ['wan'] }] });
    expect(resolveFormat({ amount: {}, code: {} })).toMatchObject({ issues: [{ path: [] }] });
  });
});
