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

  it('lets no template choose another number format', () => {
    const t = compileSet(set('\n{{money a sep=true}}'));
    expect(() => t.document({ a: new Decimal(1) })).toThrow(/document\.hbs.*第2行|money 不接受参数（sep）/);
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
