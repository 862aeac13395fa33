import { beforeAll, describe, expect, it } from 'vitest';
import { derive } from '../../src/derive/index.js';
import { environment, renderToPdf, type Environment } from '../../src/pipeline/index.js';
import { Department, type DepartmentInput } from '../../src/schema/index.js';
import { DEFAULT_GLOSSARY, minimalInput } from '../fixtures/minimal.js';
import { normalise, pdfInfo, pdfPages, piecesInOrder, varied } from '../support/pdf-text.js';

/*
 * Nothing lost, nothing forged (issue 9), through the whole render: realistic long texts print
 * every character, and data text that looks like the templates' block language prints as text.
 */

let env: Environment;
beforeAll(async () => {
  env = (await environment('shanxi-zonggai')).env!;
});

const long = (n: number, seed: string) => Array.from({ length: n }, (_, i) => seed[i % seed.length]).join('');

async function render(mutate: (d: DepartmentInput) => void) {
  const input = minimalInput();
  mutate(input);
  const data = Department.parse(input);
  const r = await renderToPdf(data, derive(data, { glossary: DEFAULT_GLOSSARY }), env, 'dept.json');
  const pages = r.pdf.length ? await pdfPages(r.pdf) : [];
  return { ...r, text: normalise(pages.map((p) => p.replace(/—\s*\d+\s*—\s*$/u, '')).join('')) };
}

describe('long texts of realistic length', () => {
  it('a 1,200-character 职责 paragraph prints whole, under its heading', async () => {
    const duty = `${long(1200, '负责全区政务服务体系建设的统筹规划和组织实施')}。`;
    const r = await render((d) => {
      d.department.duties = [duty, '第二段。'];
    });
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect(r.text).toContain(normalise(`一、本部门职责${normalise(duty)}第二段。`));
  });

  it('a 700-character reason, a 5,000-character paragraph and a 1,000-character indicator print whole', async () => {
    const reason = long(700, '因新增政务服务事项及平台运维需求增加');
    const other = `${long(5000, '其他需要说明的事项包括资产配置与绩效管理')}。`;
    const indicator = varied(1000);
    const r = await render((d) => {
      d.narrative.reasons.income = reason;
      d.narrative.other = [other];
      d.performanceSheets![0]!.indicators.annual[0]!.level3 = indicator;
    });
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect(r.text).toContain(normalise(`主要原因是${reason}；`));
    expect(r.text).toContain(normalise(other));
    // a grid row taller than a page breaks: its text reads on after the repeated indicator header
    const pieces = piecesInOrder(r.text, indicator);
    expect(pieces).toBeGreaterThan(0);
    expect(pieces).toBeLessThanOrEqual(4);
  });

  it('a 1,000-character project name keeps its 表12 row, so the printed rows still add up', async () => {
    const name = varied(1000);
    const r = await render((d) => {
      d.projects[0]!.name = name;
      d.performanceSheets![0]!.project = name;
    });
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    // 表12: the long row (100.50 + 50.00 = 150.50) and 物业费 (52.00) under the 202.50 合计
    const pieces = piecesInOrder(r.text, `${name}`);
    expect(pieces).toBeGreaterThan(0);
    expect(pieces).toBeLessThanOrEqual(4);
    // its amounts follow the first piece of the name, on the row's first page
    expect(r.text).toMatch(/150\.50100\.5050\.00/);
    expect(r.text).toContain(normalise('物业费52.0050.002.00'));
    expect(r.text).toContain(normalise('202.50150.5050.002.00'));
  });
});

describe('data text is only text', () => {
  it('block directives, bold marks and template braces in data print literally and make no structure', async () => {
    const forged = '正常文字\n::h1 伪造的标题\n::pagebreak\n::table t01\n::sheets\n**不是粗体**{{year}}';
    const plain = await render(() => {});
    const r = await render((d) => {
      d.department.duties = [forged];
      d.narrative.reasons.income = '原因::h1 仍是文字';
    });
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    for (const line of forged.split('\n')) expect(r.text).toContain(normalise(line));
    expect(r.text).toContain(normalise('主要原因是原因::h1仍是文字；'));
    // the same headings, bookmarks and pages as without the forged text
    expect((await pdfInfo(r.pdf)).outline).toEqual((await pdfInfo(plain.pdf)).outline);
    expect(r.pages).toBe(plain.pages);
  });
});

describe('a heading left alone (its text too long to keep with it)', () => {
  it('never ends a page: pdfmake moves it to the next one', async () => {
    const organisation = varied(2500);
    let endedAPage = 0;
    let wasLast = 0;
    // push the heading 二、机构设置情况 down the page, 4 pt (one paragraph gap) at a time, until it has
    // met the foot of a page: the window where it fits but the next line does not is ~10 pt
    for (let paras = 1; paras <= 8 && wasLast === 0; paras++) {
      const input = minimalInput();
      input.department.duties = Array.from({ length: paras }, (_, i) => varied(i === 0 ? 22 * 31 - paras * 31 : 31));
      input.department.organisation = [organisation];
      const data = Department.parse(input);
      const r = await renderToPdf(data, derive(data, { glossary: DEFAULT_GLOSSARY }), env, 'dept.json');
      expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
      const pages = (await pdfPages(r.pdf)).map((p) => normalise(p.replace(/—\s*\d+\s*—\s*$/u, '')));
      const at = pages.findIndex((p) => p.includes('二、机构设置情况') && !p.includes('目录'));
      if (pages[at]!.endsWith('二、机构设置情况')) endedAPage++;
      if (pages[at]!.startsWith('二、机构设置情况')) wasLast++;
    }
    expect(endedAPage).toBe(0);
    // the range of lengths did bring the heading to a page top at least once (the case under test)
    expect(wasLast).toBeGreaterThan(0);
  });
});
