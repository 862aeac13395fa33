import { beforeAll, describe, expect, it } from 'vitest';
import { derive } from '../../src/derive/index.js';
import { environment, renderToPdf, type Environment } from '../../src/pipeline/index.js';
import { renderDocument } from '../../src/render/index.js';
import { Department, type DepartmentInput } from '../../src/schema/index.js';
import { validate } from '../../src/validate/index.js';
import { audit } from '../../src/audit/index.js';
import { DEFAULT_GLOSSARY, minimalInput } from '../fixtures/minimal.js';
import { normalise, pdfPages } from '../support/pdf-text.js';

/*
 * Not stated is not zero (issue 10): every figure a department may leave out, left out, prints no
 * number anywhere — the extracted text of the PDF is checked section by section.
 */

let env: Environment;
beforeAll(async () => {
  env = (await environment('shanxi-zonggai')).env!;
});

async function text(mutate: (d: DepartmentInput) => void): Promise<{ all: string; part3: string; section: (from: string, to: string) => string; diagnostics: ReturnType<typeof audit> }> {
  const input = minimalInput();
  mutate(input);
  const v = validate(JSON.parse(JSON.stringify(input)), 'x.json');
  expect(v.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const data = Department.parse(v.data);
  const derived = derive(data, { glossary: DEFAULT_GLOSSARY });
  const r = await renderToPdf(data, derived, env, 'x.json');
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const all = normalise((await pdfPages(r.pdf)).map((p) => p.replace(/—\s*\d+\s*—\s*$/u, '')).join(''));
  const part3 = all.slice(all.lastIndexOf(normalise('第三部分')));
  const section = (from: string, to: string) => {
    const a = part3.indexOf(normalise(from));
    const b = part3.indexOf(normalise(to), a + 1);
    expect(a, from).toBeGreaterThanOrEqual(0);
    return part3.slice(a, b < 0 ? undefined : b);
  };
  return { all, part3, section, diagnostics: audit(data, derived, 'x.json') };
}

const strip = (d: DepartmentInput) => {
  delete d.narrative.lastYear;
  for (const l of d.expenditure.lines) delete l.carryover;
  d.carryoverProjects = [];
  delete d.narrative.assets.vehicles;
  delete d.narrative.assets.buildingArea;
  delete d.narrative.assets.equipmentOver50;
  delete d.narrative.assets.equipmentOver100;
  // a stated total of 20 projects; its split is not stated (表12 has 2)
  d.narrative.performance = { managed: { count: 20, amount: '202.50' } };
  // 十二（一） not written, （二） written
  d.narrative.purchaseServices = [];
  d.narrative.other = ['本部门没有其他需要说明的事项。'];
};

describe('what a department does not state prints no number', () => {
  it('prior-year figures, 上年结转, vehicles, floor area, equipment, the 绩效 split: each left out', async () => {
    const t = await text(strip);
    const one = t.section('一、部门预算收支数据变动情况及原因', '二、收入预算情况说明');
    expect(one).not.toContain('比上年');
    expect(one).not.toContain('上年结转');
    expect(one).toContain(normalise('本年收入337.75万元，主要原因是新增项目；本年部门预算支出总计'));
    expect(t.section('二、收入预算情况说明', '三、支出预算情况说明')).not.toContain('上年结转');
    expect(t.section('四、财政拨款收支预算总体情况说明', '五、')).not.toContain('上年结转');
    expect(t.section('（一）一般公共预算当年支出规模变化情况', '（二）')).not.toContain('比上年');
    expect(t.section('七、“三公”经费增减变动原因说明', '八、')).not.toContain('比上年');
    expect(t.section('八、机关运行经费增减变动原因说明', '九、')).not.toContain('上年');
    const perf = t.section('2、项目绩效目标', '（项目绩效目标表');
    expect(perf).toContain(normalise('纳入绩效目标管理的1级项目20个'));
    expect(perf).not.toMatch(/其他运转类项目\d+个，涉及金额/);
    // nothing stated of the assets: no figure, no "未填报" that reads as a failure to report, no empty
    // section; the next section takes its number
    expect(t.part3).not.toContain(normalise('国有资产占有使用情况'));
    expect(t.part3).not.toMatch(/\d辆|\d平方米|\d台\(套\)|未填报/);
    // and 十二（一） unwritten prints neither "无" nor its heading; the one written is numbered （一）
    expect(t.part3).toContain(normalise('十一、其他说明（一）其他本部门没有其他需要说明的事项。'));
    expect(t.part3).not.toContain(normalise('政府购买服务指导性目录'));
    // and the audit compares nothing that was not stated
    expect(t.diagnostics.filter((d) => /vehicles|equipment|last-year/.test(d.rule))).toEqual([]);
  });

  it('stated zeros still print: 0 辆, 上年结转0万元 (noCarryover)', async () => {
    const t = await text((d) => {
      for (const l of d.expenditure.lines) delete l.carryover;
      d.carryoverProjects = [];
      d.expenditure.noCarryover = true;
    });
    expect(t.section('一、部门预算收支数据变动情况及原因', '二、')).toContain(normalise('上年结转0万元'));
    expect(t.section('十一、国有资产占有使用情况', '十二、')).toContain(normalise('领导用车0辆'));
  });

  it('some vehicle kinds stated: only those print, no 实有 is invented', async () => {
    const t = await text((d) => {
      d.narrative.assets.vehicles = { quota: 3, institution: 1 };
    });
    const assets = t.section('1、车辆情况', '2、房屋情况');
    expect(assets).toContain(normalise('共有公务用车编制3辆，事业单位业务用车1辆。'));
    expect(assets).not.toContain('实有');
  });
});

describe('表11 with only the department total', () => {
  it('prints one truthful 部门合计 row and names no unit', async () => {
    const input = minimalInput();
    input.operatingCosts = [{ funds: { generalBudget: '25.00' } }];
    const v = validate(JSON.parse(JSON.stringify(input)), 'x.json');
    expect(v.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const derived = derive(v.data!, { glossary: DEFAULT_GLOSSARY });
    const set = (await environment('shanxi-zonggai')).env!.set;
    const t11 = renderDocument(derived, v.data!, set).tables.t11!;
    expect(t11.rows.map((r) => r.cells.map((c) => c.text))).toEqual([['部门合计', '25.00', '25.00', '', '']]);
    expect(audit(v.data!, derived, 'x.json').filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a department total beside unit rows is refused: the total is their sum', () => {
    const input = minimalInput();
    input.operatingCosts = [{ funds: { generalBudget: '25.00' } }, { unit: input.department.units[0]!.name, funds: { generalBudget: '25.00' } }];
    const v = validate(JSON.parse(JSON.stringify(input)), 'x.json');
    const derived = derive(v.data!, { glossary: DEFAULT_GLOSSARY });
    expect(audit(v.data!, derived, 'x.json').map((d) => d.rule)).toContain('operating-department-or-units');
  });
});
