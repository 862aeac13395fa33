import { beforeAll, describe, expect, it } from 'vitest';
import { derive } from '../../src/derive/index.js';
import { environment, renderToPdf, type Environment } from '../../src/pipeline/index.js';
import { Department, LIMITS, type DepartmentInput } from '../../src/schema/index.js';
import { generateDepartments } from '../../bench/synth/index.js';
import { Rng } from '../../bench/synth/prng.js';
import { validate } from '../../src/validate/index.js';
import { DEFAULT_GLOSSARY } from '../fixtures/minimal.js';
import { varied } from '../support/pdf-text.js';

/*
 * The completeness invariant under extreme but valid input (issue 9): synthetic departments
 * whose names, paragraphs and indicators are pushed towards the limits, one with 500 projects.
 * Each must validate, and each must render with every text node on a page — the layout's own
 * check (content-not-placed) would otherwise refuse it.
 */

let env: Environment;
beforeAll(async () => {
  env = (await environment('shanxi-zonggai')).env!;
});

/** Pushes one department's texts towards the limits, as drawn by `rng`. */
function stretch(d: DepartmentInput, rng: Rng, k: number): void {
  const text = (min: number, max: number) => varied(rng.int(min, max), `政务服务平台预算公开绩效管理资金保障监督审核统筹规划组织实施${k}`);
  d.department.name = text(LIMITS.nameChars - 5, LIMITS.nameChars);
  d.department.altName = text(60, 100);
  d.department.duties = [text(3000, 6000), text(10, 50), text(800, 1200)];
  d.department.organisation = [text(5000, LIMITS.paragraph)];
  d.narrative.reasons.income = text(600, 2000);
  d.narrative.other = [text(1000, 5000)];
  for (const u of d.department.units) u.name = u.name + text(20, 120);
  const unitNames = new Map(d.department.units.map((u, i) => [i, u.name]));
  for (const p of d.projects) {
    if (rng.chance(0.3)) p.name = text(200, 1000);
  }
  // keep projects and sheets pointing at their (renamed) units and projects
  d.projects.forEach((p) => (p.unit = unitNames.get(rng.int(0, unitNames.size - 1))!));
  for (const s of d.performanceSheets ?? []) {
    s.overview = text(1000, 8000);
    for (const ind of [...s.indicators.implementation, ...s.indicators.annual]) {
      if (rng.chance(0.3)) ind.level3 = text(100, 1000);
      if (rng.chance(0.2)) ind.value = text(50, 400);
    }
  }
}

describe('extreme but valid departments keep every text node on a page', () => {
  const cases: Array<[string, DepartmentInput]> = [
    ...generateDepartments(4, 901, { projects: [3, 12], sheets: 'all', units: [1, 3] }).map((d, i) => [`stretched #${i}`, d] as [string, DepartmentInput]),
    ['500 projects', generateDepartments(1, 902, { projects: 500, sheets: 'auto', units: 5 })[0]!],
  ];
  it.each(cases)('%s', async (label, input) => {
    const rng = new Rng(label.length * 7919);
    if (label !== '500 projects') stretch(input, rng, label.length);
    const v = validate(JSON.parse(JSON.stringify(input)), 'x.json');
    expect(v.diagnostics.filter((d) => d.severity === 'error'), label).toEqual([]);
    const data = Department.parse(JSON.parse(JSON.stringify(input)));
    const r = await renderToPdf(data, derive(data, { glossary: DEFAULT_GLOSSARY }), env, 'x.json');
    expect(r.diagnostics.filter((d) => d.severity === 'error'), label).toEqual([]);
    expect(r.pages).toBeGreaterThan(10);
  });
});
