import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/load/root.js';
import { checkDataFile, environment, renderToPdf, type CheckedFile } from '../../src/pipeline/index.js';
import { renderDocument } from '../../src/render/index.js';
import { seedCoverage, type Coverage } from '../support/seed-cells.js';

/*
 * The second region end to end: the Shanghai reference (上海市普陀区商务委员会 2025) renders
 * through templates/shanghai-putuo to a PDF holding the published document's cells (layout text:
 * pieces between runs of two or more spaces), and the examples written for the other set render
 * through this one without errors.
 */

const root = packageRoot();
const DATA = path.join(root, 'data', 'shanghai-putuo-commerce.json');
const SEED = path.join(root, 'seeds', '07_shpt-commerce-2025-dept.txt');
const SET = 'shanghai-putuo';

async function render(checked: CheckedFile, file: string) {
  expect(checked.diagnostics.filter((d) => d.severity === 'error'), file).toEqual([]);
  const { env } = await environment(checked.data!.templateSet);
  return { env: env!, ...(await renderToPdf(checked.data!, checked.derived!, env!, file)) };
}

describe('the Shanghai reference', () => {
  let checked: CheckedFile;
  let coverage: Coverage;
  let rendered: Awaited<ReturnType<typeof render>>;

  beforeAll(async () => {
    checked = await checkDataFile(DATA);
    rendered = await render(checked, DATA);
    coverage = await seedCoverage(SEED, rendered.pdf);
  });

  it('names its set and validates without errors', () => {
    expect(checked.data!.templateSet).toBe(SET);
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(rendered.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reproduces at least 99.8% of the published cells', () => {
    // the figure and every miss are printed for whoever changes a template
    console.log(`Shanghai cells found: ${coverage.found}/${coverage.cells} = ${(coverage.share * 100).toFixed(2)}%`);
    console.log(`missing cells (${coverage.misses.length}):\n${coverage.misses.map((m) => `  ${m}`).join('\n')}`);
    expect(coverage.share).toBeGreaterThanOrEqual(0.998);
  });

  it('prints the nine tables on landscape pages, amounts in 元 with separators, codes spaced', () => {
    const doc = renderDocument(checked.derived!, checked.data!, rendered.env.set);
    const tables = Object.values(doc.tables);
    expect(tables).toHaveLength(9);
    expect(tables.every((t) => t.orientation === 'landscape')).toBe(true);
    const income = doc.tables['income-total']!;
    expect(income.unitLine).toBe('单位：元');
    const row = income.rows.find((r) => r.cells[0]!.text === '201 13 01')!;
    expect(row.cells.slice(1, 4).map((c) => c.text)).toEqual(['行政运行', '9,389,913.00', '9,389,913.00']);
    // 合计 closes the table, as published
    expect(income.rows.at(-1)!.cells[1]!.text).toBe('合计');
    // the “三公” table in 万元
    const three = doc.tables['three-public-operating']!;
    expect(three.unitLine).toBe('单位：万元');
    expect(three.rows[0]!.cells.map((c) => c.text)).toEqual(['1.00', '', '1.00', '', '', '', '171.01']);
    // an empty table carries its own note
    expect(doc.tables['gov-fund-functional']!.notes).toEqual(['注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。']);
    expect(doc.tables['finance-total']!.rows.map((r) => r.cells[2]!.text).slice(0, 2)).toEqual(['一、一般公共服务支出', '二、科学技术支出']);
  });
});

describe('the examples through the Shanghai set', () => {
  for (const name of ['yingze-culture-tourism', 'yuci-government-services', 'yangqu-agriculture-mixed-kinds']) {
    it(`${name} renders without errors`, async () => {
      const file = path.join(root, 'data', 'examples', `${name}.json`);
      const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const checked = await checkDataFile(file, { bytes: new TextEncoder().encode(JSON.stringify({ ...json, templateSet: SET })) });
      expect(checked.data!.templateSet).toBe(SET);
      const r = await render(checked, file);
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(r.pages).toBeGreaterThan(10);
    });
  }
});
