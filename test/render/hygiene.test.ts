import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { derive } from '../../src/derive/index.js';
import { packageRoot } from '../../src/load/root.js';
import { environment } from '../../src/pipeline/index.js';
import { checkPrintedText } from '../../src/render/hygiene.js';
import { renderDocument } from '../../src/render/index.js';
import type { TemplateSet } from '../../src/render/template-set.js';
import type { Department, DepartmentInput } from '../../src/schema/index.js';
import { validate } from '../../src/validate/index.js';
import { DEFAULT_GLOSSARY, minimalInput } from '../fixtures/minimal.js';

/*
 * The printed text is checked whole after render: a doubled or clashing mark or connective made
 * by the template set is its error (with the template's file and line); one the department typed
 * inside its own text is a warning on that field.
 */

let set: TemplateSet;
beforeAll(async () => {
  set = (await environment('shanxi-zonggai')).env!.set;
}, 60_000);

function checked(data: Department, s: TemplateSet = set) {
  const derived = derive(data, { glossary: DEFAULT_GLOSSARY });
  return checkPrintedText(renderDocument(derived, data, s), data, s, 'x.json');
}

function dataOf(input: DepartmentInput | unknown): Department {
  const v = validate(JSON.parse(JSON.stringify(input)), 'x.json');
  expect(v.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return v.data!;
}

/** The set with one partial's text replaced: a template that prints what it must not. */
function withPartial(name: string, edit: (source: string) => string): TemplateSet {
  const t = set.templates[name]!;
  return { ...set, templates: { ...set.templates, [name]: { ...t, source: edit(t.source) } } };
}

describe('the printed text of the reference and both examples', () => {
  it.each(['data/640-zwfw.json', 'data/examples/yingze-culture-tourism.json', 'data/examples/yuci-government-services.json'])('%s: nothing doubled or clashing', (file) => {
    const data = dataOf(JSON.parse(readFileSync(path.join(packageRoot(), file), 'utf8')));
    expect(checked(data)).toEqual([]);
  });

  it('the minimal department, with every reason typed as a full restated sentence', () => {
    const data = dataOf(
      (() => {
        const d = minimalInput();
        d.narrative.reasons = {
          income: '收入预算比上年减少的主要原因是：新增项目；核减非刚性支出。',
          expenditure: '支出增加主要是新增项目。',
          generalBudget: '主要原因是新增项目。',
          threePublic: '主要原因是：压减公务接待；',
          operatingCosts: '原因是持平。',
          threePublicAbroad: '因公出国（境）费保持不变。',
          threePublicReception: '公务接待费减少，主要是压减接待批次。',
          threePublicVehicle: '2025年新增1辆执法执勤用车。',
        };
        return d;
      })(),
    );
    expect(checked(data)).toEqual([]);
  });
});

describe('a template that prints a clash is an error of the set', () => {
  it('"。" after a reason that ends in 。: names the template file and line', () => {
    // the old wording: the connective and the mark written around the raw data text
    const bad = withPartial('part3', (s) => s.replace('{{reason @root.source.narrative.reasons.expenditure before="，"}}。', '，主要原因是{{@root.source.narrative.reasons.expenditure}}。'));
    const d = checked(dataOf(minimalInput()), bad); // the fixture's reason ends in 。
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ rule: 'template-text', severity: 'error', file: bad.templates.part3!.file, line: 4 });
    expect(d[0]!.message).toMatch(/模板集 shanxi-zonggai 印出了重复或冲突的标点“。。”：第三部分.*部门预算收支数据变动情况及原因：“.*新增项目。。/);
  });

  it('a doubled connective the template adds before a restated reason', () => {
    const bad = withPartial('part3', (s) => s.replace('{{reason @root.source.narrative.reasons.operatingCosts before="，"}}', '，主要原因是{{clause @root.source.narrative.reasons.operatingCosts}}'));
    const input = minimalInput();
    input.narrative.reasons.operatingCosts = '机关运行经费减少的主要原因是压减公用经费。';
    const d = checked(dataOf(input), bad);
    expect(d.map((x) => [x.rule, x.severity])).toEqual([['template-text', 'error']]);
    expect(d[0]!.message).toContain('同一句中两次说明原因');
  });

  it('two marks of the template’s own, and 的的', () => {
    const bad = withPartial('part1', (s) => s.replace('::h1 二、机构设置情况', '::h1 二、机构设置情况\n::p 本部门的的机构如下：；'));
    const d = checked(dataOf(minimalInput()), bad);
    expect(d).toHaveLength(2);
    expect(d[0]!.message).toContain('印出了重复或冲突的标点“：；”');
    expect(d[1]!.message).toContain('印出了重复的“的的”');
    expect(d.map((x) => [x.file, x.line])).toEqual([[bad.templates.part1!.file, 7], [bad.templates.part1!.file, 7]]);
  });
});

describe('a clash the department typed inside its own text', () => {
  it('is a warning on that field, printed as typed, given once', () => {
    const input = minimalInput();
    input.department.duties = ['负责政务服务。。统筹协调，，推进改革。'];
    input.narrative.other = ['负责政务服务。。统筹协调，，推进改革。'];
    const d = checked(dataOf(input));
    expect(d.map((x) => [x.rule, x.severity, x.path])).toEqual([
      ['data-text-punctuation', 'warning', 'department.duties[0]'],
      ['data-text-punctuation', 'warning', 'department.duties[0]'],
    ]);
    expect(d[0]!.message).toContain('“。。”');
    expect(d[1]!.message).toContain('“，，”');
  });
});
