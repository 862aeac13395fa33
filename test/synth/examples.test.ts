import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, exampleDepartments, exampleText } from '../../bench/examples.js';
import { checkDataFile, environment, renderToPdf, type Environment } from '../../src/pipeline/index.js';
import { normalise, pdfPages } from '../support/pdf-text.js';

/*
 * The example departments (data/examples/, issue 10): current with their generator, entered in 元,
 * shaped like real departments, and clean — no error, no warning — through check and render.
 */

let env: Environment;
beforeAll(async () => {
  env = (await environment('shanxi-zonggai')).env!;
});

describe.each(exampleDepartments())('data/examples/$file', ({ file, data }) => {
  const full = path.join(EXAMPLES_DIR, file);

  it('is what bench/examples.ts generates (run it after changing src/synth)', async () => {
    expect(await readFile(full, 'utf8')).toBe(exampleText(data));
  });

  it('is a real department’s shape, in 元', () => {
    expect(data.moneyUnit).toBe('元');
    expect(new Set(data.department.units.map((u) => u.kind)).size).toBeGreaterThanOrEqual(3);
    expect(data.basicByEconomic.flatMap((g) => g.items).length).toBeGreaterThanOrEqual(25);
    expect(new Set(data.basicByEconomic.map((g) => g.code))).toEqual(new Set(['301', '302', '303', '310']));
    expect(new Set(data.expenditure.lines.map((l) => l.code.slice(0, 3))).size).toBeGreaterThanOrEqual(4);
    expect(data.threePublic.vehiclePurchase?.generalBudget).toBeDefined();
    expect(data.govFundIncome.length).toBeGreaterThan(0);
    expect(data.expenditure.lines.some((l) => l.carryover)).toBe(true);
    expect(data.projects.length).toBeGreaterThanOrEqual(30);
    expect(data.performanceSheets!.length).toBe(data.projects.length);
    // amounts carry 分: the rounding the tables do is exercised
    expect(data.projects.some((p) => !/\.00$/.test(String(p.funds.generalBudget ?? '.00')))).toBe(true);
  });

  it('checks and renders without an error or a warning', async () => {
    const checked = await checkDataFile(full);
    expect(checked.diagnostics).toEqual([]);
    const r = await renderToPdf(checked.data!, checked.derived!, env, full);
    expect(r.diagnostics).toEqual([]);
    const text = normalise((await pdfPages(r.pdf)).join(''));
    expect(text).toContain(normalise(data.department.name));
    expect(r.pages).toBeGreaterThan(40);
  });
});
