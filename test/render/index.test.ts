import { beforeAll, describe, expect, it } from 'vitest';
import { derive } from '../../src/derive/index.js';
import { environment } from '../../src/pipeline/index.js';
import { renderDocument, type RenderedDocument } from '../../src/render/index.js';
import type { TemplateSet } from '../../src/render/template-set.js';
import type { DepartmentInput } from '../../src/schema/index.js';
import { validate } from '../../src/validate/index.js';
import { DEFAULT_GLOSSARY, minimalInput } from '../fixtures/minimal.js';

/*
 * What the set prints for what a department states (issue 19, 5 and 7), read off the rendered
 * blocks: data text reads as sentences whatever its punctuation, and a section the department
 * does not fill prints nothing — no "0个", no "无", no "未填报", no "见附件" without an 附件.
 */

let set: TemplateSet;
beforeAll(async () => {
  set = (await environment('shanxi-zonggai')).env!.set;
}, 60_000);

function render(mutate: (d: DepartmentInput) => void = () => {}): RenderedDocument & { part3: string } {
  const input = minimalInput();
  mutate(input);
  const v = validate(JSON.parse(JSON.stringify(input)), 'x.json');
  expect(v.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const r = renderDocument(derive(v.data!, { glossary: DEFAULT_GLOSSARY }), v.data!, set);
  const text = r.blocks.map((b) => `${b.text}\n`).join('');
  return { ...r, part3: text.slice(text.indexOf('第三部分')) };
}

const section = (part3: string, heading: string) => {
  const at = part3.indexOf(heading);
  expect(at, heading).toBeGreaterThanOrEqual(0);
  const next = part3.slice(at + heading.length).search(/\n[一二三四五六七八九十]+、/);
  return part3.slice(at, next < 0 ? undefined : at + heading.length + next);
};

describe('reasons read as sentences', () => {
  it('a reason restated, ended with 。 or listing items prints one connective and no doubled mark', () => {
    const r = render((d) => {
      d.narrative.reasons.income = '收入预算比上年减少的主要原因是：社会保障缴费基数调整；核减非刚性支出。';
      d.narrative.reasons.expenditure = '主要是新增项目。';
      d.narrative.reasons.threePublic = '“三公”经费增加主要是新增公务用车。';
    });
    const one = section(r.part3, '一、部门预算收支数据变动情况及原因');
    expect(one).toContain('主要原因是：社会保障缴费基数调整；核减非刚性支出。本年部门预算支出总计');
    expect(one).toContain('主要原因是新增项目。');
    expect(one).not.toMatch(/主要原因是[^。]*主要原因是|。。|。；/);
    expect(section(r.part3, '“三公”经费增减变动原因说明')).toContain('主要原因是新增公务用车。');
  });

  it('the 三公 items each print a sentence of their own', () => {
    const r = render((d) => {
      d.narrative.reasons.threePublicAbroad = '因公出国（境）费保持不变。';
      d.narrative.reasons.threePublicVehicle = '2025年新增1辆执法执勤用车；';
    });
    const three = section(r.part3, '“三公”经费增减变动原因说明');
    expect(three).toContain('主要原因是压减公务接待。因公出国（境）费保持不变。公务用车购置及运行费');
    expect(three).toMatch(/公务用车购置及运行费[\d.]+万元，2025年新增1辆执法执勤用车。$/m);
    expect(three).not.toContain('公务接待费0');
  });
});

describe('what a department does not fill says nothing', () => {
  it('十 with no 绩效目标表: no 公开 figures and no 见附件; the 管理 figures it states stay', () => {
    const r = render((d) => {
      d.performanceSheets = [];
      d.narrative.performance = { managed: { count: 20, amount: '202.50' } };
    });
    const ten = section(r.part3, '、绩效管理情况');
    expect(ten).toContain('纳入绩效目标管理的1级项目20个');
    expect(ten).not.toContain('公开项目绩效目标');
    expect(ten).not.toMatch(/(?<!\d)0个|(?<!\d)0万元|(?<![\d.])0%/);
    expect(ten).not.toContain('见附件');
    expect(r.sheets).toEqual([]);
  });

  it('十 with sheets: the 公开 figures and the 附件 line print', () => {
    const ten = section(render().part3, '、绩效管理情况');
    expect(ten).toMatch(/公开项目绩效目标[1-9]\d*个/);
    expect(ten).toContain('（项目绩效目标表公开情况见附件）');
  });

  it('十二 prints what is written, never an invented 无, and numbers what it prints', () => {
    const none = render((d) => {
      d.narrative.purchaseServices = [];
      d.narrative.other = [];
    });
    expect(none.part3).not.toContain('其他说明');
    expect(none.part3).not.toMatch(/^无$/m);
    const stated = render((d) => {
      d.narrative.purchaseServices = ['无'];
      d.narrative.other = [];
    });
    expect(stated.part3).toContain('其他说明\n（一）政府购买服务指导性目录\n无\n');
    expect(stated.part3).not.toMatch(/（二）其他/);
  });

  it('an unstated floor area is not printed as a failure to report; the parts printed are numbered in turn', () => {
    const r = render((d) => {
      delete d.narrative.assets.buildingArea;
    });
    const assets = section(r.part3, '、国有资产占有使用情况');
    expect(assets).not.toContain('未填报');
    expect(assets).not.toContain('房屋情况');
    expect(assets).toMatch(/1、车辆情况：[\s\S]*\n2、其他国有资产占有使用情况：/);
  });
});

describe('the sheet title names the department’s own place', () => {
  it('from department.region, and no place when none is given', () => {
    expect(render((d) => (d.department.region = '太原市迎泽区')).sheets[0]!.title).toBe('太原市迎泽区县（区）级预算部门（单位）项目支出绩效目标表');
    const title = render().sheets[0]!.title;
    expect(title).toBe('县（区）级预算部门（单位）项目支出绩效目标表');
    expect(title).not.toContain('山西');
  });
});

describe('a chart in words (the tagged PDF’s /Alt)', () => {
  it('is the set’s meta.chartAlt over the chart’s title and items, each figure as the legend prints it', () => {
    const r = render();
    const charts = Object.values(r.charts);
    expect(charts.length).toBeGreaterThan(0);
    for (const c of charts) {
      expect(c.alt!.startsWith(`${c.title}：`)).toBe(true);
      // the legend's figures, in the alt's words
      for (const s of c.slices) {
        const [name, amount, pct] = s.label.split(/\s+/);
        expect(c.alt).toContain(`${name}${amount}，占${pct}`);
      }
    }
  });

  it('without meta.chartAlt, is the title and the legend lines; a chart’s own alt wins over the set’s', () => {
    const { chartAlt: _, ...meta } = set.meta;
    const bare = { ...set, meta: meta as TemplateSet['meta'] };
    const input = minimalInput();
    const v = validate(JSON.parse(JSON.stringify(input)), 'x.json');
    const derived = derive(v.data!, { glossary: DEFAULT_GLOSSARY });
    const plain = Object.values(renderDocument(derived, v.data!, bare).charts)[0]!;
    expect(plain.alt).toBe([plain.title, ...plain.slices.map((s) => s.label)].join(' '));
    const own = { ...set, charts: Object.fromEntries(Object.entries(set.charts).map(([k, c]) => [k, { ...c, alt: '图：{{#each items}}{{name}}{{/each}}' }])) };
    const mine = Object.values(renderDocument(derived, v.data!, own).charts)[0]!;
    expect(mine.alt).toMatch(/^图：\S+$/);
    expect(mine.alt).not.toContain('万元');
  });
});
