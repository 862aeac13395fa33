import { expect } from 'vitest';
import { jsonWording, wordPlaces, wordTables } from '../../src/diagnostics/place.js';
import { loadTemplateSet } from '../../src/load/template-set.js';
import { setTableWording } from '../../src/render/table-reads.js';
import { audit, rules } from '../../src/audit/index.js';
import { derive, type Derived } from '../../src/derive/index.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { Department, type DepartmentInput } from '../../src/schema/index.js';
import { DEFAULT_GLOSSARY, minimalInput } from '../fixtures/minimal.js';

export const FILE = 'test.json';

/** How the shipped set names its tables in messages (the wording step of the check). */
export const shanxiTables = setTableWording((await loadTemplateSet('shanxi-zonggai')).set!);

/** A message as the check words it for a JSON author: tables by the set's labels, places as paths. */
export const worded = (d: Diagnostic): Diagnostic => ({ ...d, message: wordPlaces(wordTables(d.message, shanxiTables), jsonWording) });

/**
 * Audits the minimal fixture after changing the input (before zod parsing) and/or the derived
 * model (tampering with what holds by construction).
 */
export function auditOf(mutate?: (input: DepartmentInput) => void, tamper?: (derived: Derived, data: Department) => void): Diagnostic[] {
  const input = minimalInput();
  mutate?.(input);
  const data = Department.parse(input);
  const derived = derive(data, { glossary: DEFAULT_GLOSSARY });
  tamper?.(derived, data);
  // as a JSON author reads them (the places in messages worded as paths)
  return audit(data, derived, FILE).map(worded);
}

export function of(diagnostics: Diagnostic[], rule: string): Diagnostic[] {
  return diagnostics.filter((d) => d.rule === rule);
}

/** The rule passes on the clean fixture and reports on the broken one, with its severity. */
export function expectRule(
  rule: string,
  broken: Diagnostic[],
  expected: { count?: number; path?: string; message?: RegExp | string; related?: string[] } = {},
): Diagnostic[] {
  const meta = rules.find((r) => r.id === rule);
  expect(meta, `rule ${rule} is registered`).toBeDefined();
  expect(of(auditOf(), rule)).toEqual([]);
  const found = of(broken, rule);
  expect(found.length, `${rule} reports`).toBeGreaterThan(0);
  if (expected.count !== undefined) expect(found).toHaveLength(expected.count);
  for (const d of found) {
    expect(d.severity).toBe(meta!.severity);
    expect(d.file).toBe(FILE);
  }
  const first = found[0]!;
  if (expected.path !== undefined) expect(first.path).toBe(expected.path);
  if (expected.message !== undefined) expect(first.message).toMatch(expected.message);
  if (expected.related !== undefined) expect(first.related).toEqual(expected.related);
  return found;
}
