import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/index.js';
import { derive } from '../../src/derive/index.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { loadTemplateDefaults } from '../../src/load/templates.js';
import { generateDepartments, REFERENCE_SIZED, SMALL } from '../../bench/synth/index.js';
import { mulberry32 } from '../../bench/synth/prng.js';
import { validate } from '../../src/validate/index.js';

async function check(json: unknown): Promise<Diagnostic[]> {
  const v = validate(JSON.parse(JSON.stringify(json)), 'synth.json');
  if (!v.data) return v.diagnostics;
  const { glossary } = await loadTemplateDefaults(v.data.templateSet);
  const derived = derive(v.data, { glossary });
  return [...v.diagnostics, ...audit(v.data, derived, 'synth.json')];
}

describe('mulberry32', () => {
  it('is deterministic and uniform-ish', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });
});

describe('generateDepartments', () => {
  it('gives the same departments for the same seed, others for another seed', () => {
    const a = JSON.stringify(generateDepartments(6, 7));
    expect(JSON.stringify(generateDepartments(6, 7))).toBe(a);
    expect(JSON.stringify(generateDepartments(6, 8))).not.toBe(a);
    // department i does not depend on n
    expect(JSON.stringify(generateDepartments(3, 7))).toBe(JSON.stringify(generateDepartments(6, 7).slice(0, 3)));
  });

  it('never calls Math.random', () => {
    const original = Math.random;
    Math.random = () => {
      throw new Error('Math.random called');
    };
    try {
      expect(generateDepartments(3, 1).length).toBe(3);
    } finally {
      Math.random = original;
    }
  });

  it('every department of a varied sample passes validation and the audit without errors', async () => {
    const depts = generateDepartments(24, 2026);
    const names = new Set<string>();
    for (const d of depts) {
      const diagnostics = await check(d);
      const errors = diagnostics.filter((x) => x.severity === 'error');
      expect(errors, `${d.department.name}: ${errors.map((e) => `[${e.rule}] ${e.message}`).join('\n')}`).toEqual([]);
      // the only warning allowed: large departments publish sheets for their largest projects only
      const warnings = diagnostics.filter((x) => x.severity === 'warning' && x.rule !== 'project-has-sheet');
      expect(warnings, `${d.department.name}: ${warnings.map((e) => `[${e.rule}] ${e.message}`).join('\n')}`).toEqual([]);
      names.add(`${d.year}/${d.department.name}`);
    }
    expect(names.size).toBe(depts.length); // distinct output files
  });

  it('varies in shape: 0…300 projects, several units, personnel, 三公, 政府性基金, 上年结转, sheets', () => {
    const depts = generateDepartments(24, 99);
    const counts = depts.map((d) => d.projects.length);
    expect(Math.min(...counts)).toBe(0);
    expect(Math.max(...counts)).toBe(300);
    expect(new Set(counts).size).toBeGreaterThan(10);
    expect(depts.some((d) => d.department.units.length >= 3)).toBe(true);
    expect(depts.every((d) => d.basicByEconomic.some((g) => g.items.some((i) => i.personnel !== undefined)))).toBe(true);
    expect(depts.every((d) => d.expenditure.lines.some((l) => l.code.startsWith('20805')))).toBe(true);
    expect(depts.every((d) => Object.keys(d.threePublic).length > 0)).toBe(true);
    expect(depts.some((d) => d.govFundIncome.length > 0)).toBe(true);
    expect(depts.some((d) => d.carryoverProjects.length > 0)).toBe(true);
    expect(depts.some((d) => d.performanceSheets.length > 0 && d.performanceSheets.length < d.projects.length)).toBe(true);
    expect(depts.some((d) => d.narrative.performance.managed !== undefined)).toBe(true);
    expect(depts.some((d) => d.narrative.performance.managed === undefined)).toBe(true);
  });

  it('presets: reference-sized and small departments are error- and warning-free', async () => {
    for (const [preset, lo, hi] of [
      [REFERENCE_SIZED, 11, 14],
      [SMALL, 1, 2],
    ] as const) {
      for (const d of generateDepartments(8, 5, preset)) {
        expect(d.projects.length).toBeGreaterThanOrEqual(lo);
        expect(d.projects.length).toBeLessThanOrEqual(hi);
        expect(d.performanceSheets.length).toBe(d.projects.length);
        expect((await check(d)).map((x) => `[${x.rule}] ${x.message}`)).toEqual([]);
      }
    }
  });
});
