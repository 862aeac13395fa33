import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { compileSet, TemplateError } from '../../src/render/handlebars.js';
import type { TemplateSet } from '../../src/render/template-set.js';

function set(document: string, partials: Record<string, string> = {}, grouping = false): TemplateSet {
  const templates: TemplateSet['templates'] = { document: { source: document, file: '/t/document.hbs' } };
  for (const [k, v] of Object.entries(partials)) templates[k] = { source: v, file: `/t/partials/${k}.hbs` };
  return { name: 'test', dir: '/t', templates, theme: { numbers: { wan: { grouping }, yuan: { grouping: true } } } } as unknown as TemplateSet;
}

describe('the Handlebars environment', () => {
  it('prints figures once rounded, half-up, in the theme’s one format, and zero as "0"', () => {
    const values = { a: new Decimal('2867.005'), b: new Decimal('17.50'), z: new Decimal(0), p: new Decimal('56.0912') };
    const source = '{{money a}}|{{money b}}|{{money z}}|{{pct p}}|{{pct z}}';
    expect(compileSet(set(source)).document(values)).toBe('2867.01|17.50|0|56.09|0');
    expect(compileSet(set(source, {}, true)).document(values)).toBe('2,867.01|17.50|0|56.09|0');
  });

  it('lets no template choose another grouping or rounding', () => {
    const t = compileSet(set('\n{{money a sep=true}}'));
    expect(() => t.document({ a: new Decimal(1) })).toThrow(/document\.hbs 第2行.*money.*不接受 sep/);
    expect(() => compileSet(set('\n{{money a unit="千元"}}')).document({ a: new Decimal(1) })).toThrow(/第2行.*unit 须为 万元 或 元/);
    expect(() => compileSet(set('\n{{money a decimals=1.5}}')).document({ a: new Decimal(1) })).toThrow(/第2行.*decimals/);
  });

  it('prints {{money}} in another unit or decimals when the sentence says so, grouped as the theme groups that unit', () => {
    const values = { a: new Decimal('301.697345'), z: new Decimal(0) };
    const t = compileSet(set('{{money a}}|{{money a unit="元"}}|{{money a unit="万元" decimals=0}}|{{money a unit="元" decimals=0}}|{{money z unit="元"}}'));
    expect(t.document(values)).toBe('301.70|3,016,973.45|302|3,016,973|0');
  });

  it('states a change as the set declares: from the exact amounts, or as the difference of the printed figures', () => {
    // 18,976.7649 − 15,621.1149 = 3,355.65 exact; printed 18,976.76 − 15,621.11 = 3,355.65 too; the
    // figures below part where rounding does: 18,976.755 → 18,976.76 and 15,621.114 → 15,621.11
    const change = (current: string, lastYear: string) => {
      const c = new Decimal(current);
      const l = new Decimal(lastYear);
      const d = c.minus(l);
      return { current: c, lastYear: l, delta: d, deltaAbs: d.abs(), direction: d.isZero() ? 'flat' : d.isPositive() ? 'increase' : 'decrease', percentAbs: new Decimal(0) };
    };
    const source = '{{#with (changeOf c)}}{{direction}} {{money deltaAbs}}{{/with}}';
    const money = (changes: 'exact' | 'printed') => ({ ...set(source), money: { unit: '万元', textUnit: '万元', textDecimals: 2, rounding: 'ROUND_HALF_UP', changes } }) as TemplateSet;
    const c = { c: change('18976.755', '15621.114') };
    expect(compileSet(money('exact')).document(c)).toBe('increase 3355.64');
    expect(compileSet(money('printed')).document(c)).toBe('increase 3355.65');
    // equal as printed is 持平 when changes are stated as printed
    const tiny = { c: change('100.004', '100.001') };
    expect(compileSet(money('exact')).document(tiny)).toBe('increase 0.00');
    expect(compileSet(money('printed')).document(tiny)).toBe('flat 0');
    expect(() => compileSet(money('printed')).document({ c: { current: 1 } })).toThrow(/changeOf/);
  });

  it('prints {{money}} in the set’s text unit, decimals and rounding', () => {
    const s = { ...set('{{money a}}|{{money b}}|{{money a unit="万元"}}'), money: { unit: '元', textUnit: '元', textDecimals: 0, rounding: 'ROUND_HALF_EVEN' } } as TemplateSet;
    expect(compileSet(s).document({ a: new Decimal('0.00025'), b: new Decimal('0.00035') })).toBe('2|4|0');
    const halfUp = { ...set('{{money a}}'), money: { unit: '万元', textUnit: '万元', textDecimals: 2, rounding: 'ROUND_HALF_UP' } } as TemplateSet;
    expect(compileSet(halfUp).document({ a: new Decimal('0.125') })).toBe('0.13');
    const even = { ...set('{{pct p}}'), money: { unit: '万元', textUnit: '万元', textDecimals: 2, rounding: 'ROUND_HALF_EVEN' } } as TemplateSet;
    expect(compileSet(even).document({ p: new Decimal('56.125') })).toBe('56.12');
    expect(compileSet(set('{{pct p}}')).document({ p: new Decimal('56.125') })).toBe('56.13');
  });

  it('never HTML-escapes: quotes and ampersands reach the PDF as written', () => {
    expect(compileSet(set('{{t}}')).document({ t: '“三公”经费 & <说明>' })).toBe('“三公”经费 & <说明>');
  });

  it('names template and line for a missing field (strict mode)', () => {
    const t = compileSet(set('第一行\n{{> part}}', { part: '甲\n乙{{missing.field}}' }));
    expect(() => t.document({})).toThrow(TemplateError);
    expect(() => t.document({})).toThrow(/test\/partials\/part\.hbs 第2行/);
  });

  it('refuses a figure helper given something that is not a number', () => {
    const t = compileSet(set('\n{{money nothing}}'));
    expect(() => t.document({ nothing: undefined })).toThrow(/第2行.*money/);
  });

  it('reports a syntax error when the set is compiled, not mid-document', () => {
    expect(() => compileSet(set('{{#if x}}unclosed'))).toThrow(/test\/document\.hbs/);
  });

  it('joins list items with a separator, filtered by kind and non-zero path', () => {
    const t = compileSet(set('{{#joined rows sep="、" kind="class" nonzero="v"}}{{name}}{{/joined}}'));
    const rows = [
      { kind: 'class', name: '甲', v: new Decimal(1) },
      { kind: 'item', name: '乙', v: new Decimal(1) },
      { kind: 'class', name: '丙', v: new Decimal(0) },
      { kind: 'class', name: '丁', v: new Decimal(2) },
    ];
    expect(t.document({ rows })).toBe('甲、丁');
  });
});
