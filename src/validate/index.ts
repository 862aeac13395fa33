import type { z } from 'zod';
import { formatPath, hasErrors, type Diagnostic } from '../diagnostics/index.js';
import type { JsonPositions } from '../load/data.js';
import { Department } from '../schema/index.js';
import { issueToDiagnostics, valueAt } from './issues.js';
import { documentSizeDiagnostics } from './size.js';
import { structuralDiagnostics } from './structure.js';
import { toWan } from './money.js';

/** The money unit a data file says it uses (万元 unless it says 元), read before validation. */
function fileMoneyUnit(json: unknown): '万元' | '元' {
  return json !== null && typeof json === 'object' && (json as { moneyUnit?: unknown }).moneyUnit === '元' ? '元' : '万元';
}

export { structuralDiagnostics } from './structure.js';

export interface ValidateResult {
  /** Present only when there are no errors (warnings allowed). */
  data?: Department;
  diagnostics: Diagnostic[];
  /**
   * When the data format refused some values: the data with each refused value replaced by a
   * neutral one (an amount 0, a text empty), so the later checks can still report the rest in the
   * same pass. Never printed; `paths` are the values replaced.
   */
  repaired?: { data: Department; paths: string[] };
}

export interface ValidateOptions {
  /** The words a data source uses for a field (a workbook's column header), by data path. */
  label?: (path: string) => string | undefined;
}

/** `a.b[0].c` → `a.b[0]` → `a.b` → `a` → ''. */
function parentPath(path: string): string | undefined {
  if (path === '') return undefined;
  const m = path.match(/^(.*?)(\[\d+\]|\.[^.[\]]+)$/);
  if (m) return m[1];
  return '';
}

/**
 * Gives each diagnostic without a position the position of its path in the source, or of the
 * nearest enclosing value (a missing field points at the object that lacks it). Unknown and
 * duplicate keys point at the key itself. Returns new objects; the input is untouched.
 */
export function locate(diagnostics: readonly Diagnostic[], positions: JsonPositions | undefined): Diagnostic[] {
  if (!positions || positions.size === 0) return [...diagnostics];
  return diagnostics.map((d) => {
    if (d.line !== undefined) return d;
    let p: string | undefined = d.path;
    while (p !== undefined) {
      const pos = positions.get(p);
      if (pos) {
        const at = p === d.path && d.rule === 'unknown-field' && pos.key ? pos.key : pos;
        return { ...d, line: at.line, column: at.column, ...(pos.sheet ? { sheet: pos.sheet, cell: pos.cell } : {}) };
      }
      p = parentPath(p);
    }
    return d;
  });
}

/**
 * Checks parsed JSON against the data format (zod `Department`), then the structural rules
 * (tree, uniqueness). Pure: no disk. `positions` (from `parseJson`) adds line and column.
 */
export function validate(json: unknown, file: string, positions?: JsonPositions, options: ValidateOptions = {}): ValidateResult {
  const result = Department.safeParse(json);
  if (!result.success) {
    const seen = new Set<string>();
    const diagnostics: Diagnostic[] = [];
    for (const issue of result.error.issues) {
      for (const d of issueToDiagnostics(issue, json, file, Department, fileMoneyUnit(json), options.label)) {
        // One problem per path and rule: zod may report a value twice (e.g. a negative amount
        // fails both `nonnegative` and the decimals refinement).
        const key = `${d.path}\u0000${d.rule}`;
        if (seen.has(key)) continue;
        seen.add(key);
        diagnostics.push(d);
      }
    }
    const repaired = repair(json, result.error.issues);
    const located = locate(diagnostics, positions);
    if (!repaired) return { diagnostics: located };
    const money = toWan(repaired.data, file);
    const later = locate([...structuralDiagnostics(repaired.data, file), ...money.diagnostics], positions);
    return { diagnostics: [...located, ...withoutCause(later, repaired.paths)], repaired: { data: money.data, paths: repaired.paths } };
  }
  const money = toWan(result.data, file);
  const diagnostics = locate([...structuralDiagnostics(result.data, file), ...documentSizeDiagnostics(result.data, file), ...money.diagnostics], positions);
  return hasErrors(diagnostics) ? { diagnostics } : { data: money.data, diagnostics };
}

type Issue = z.core.$ZodIssue;

/** A value of the type the format wanted, saying nothing: what a refused value is read as. */
function neutral(issue: Issue, current: unknown): { value: unknown } | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      const by: Record<string, unknown> = { string: '', number: 0, int: 0, boolean: false, array: [], object: {} };
      return issue.expected in by ? { value: structuredClone(by[issue.expected]) } : undefined;
    }
    case 'invalid_value':
      return issue.values.length ? { value: issue.values[0] } : undefined;
    case 'too_big':
      if (typeof current === 'string' && typeof issue.maximum === 'number') return { value: current.slice(0, Number(issue.maximum)) };
      if (Array.isArray(current) && typeof issue.maximum === 'number') return { value: current.slice(0, Number(issue.maximum)) };
      if (typeof current === 'number' || typeof current === 'string') return { value: typeof current === 'number' ? 0 : '0' };
      return undefined;
    default:
      // an amount or a code the format refused: a zero / an empty text
      if (typeof current === 'string') return { value: /^\s*-?[\d,.]+\s*$/.test(current) ? '0' : '' };
      if (typeof current === 'number') return { value: 0 };
      return undefined;
  }
}

/**
 * The data with every refused value replaced by a neutral one, when a few rounds of that make it
 * valid; undefined otherwise (the later checks then wait for the fixes).
 */
function repair(json: unknown, first: readonly Issue[]): { data: Department; paths: string[] } | undefined {
  if (json === null || typeof json !== 'object') return undefined;
  const copy = structuredClone(json) as Record<string, unknown>;
  const paths = new Set<string>();
  let issues = first;
  for (let round = 0; round < 4; round++) {
    for (const issue of issues) {
      const path = issue.path as PropertyKey[];
      if (issue.code === 'unrecognized_keys') {
        const at = valueAt(copy, path);
        if (at.found && at.value && typeof at.value === 'object') for (const k of issue.keys) delete (at.value as Record<string, unknown>)[k];
        continue;
      }
      if (path.length === 0) return undefined;
      const at = valueAt(copy, path);
      const fix = neutral(issue, at.found ? at.value : undefined);
      if (!fix) return undefined;
      const parent = valueAt(copy, path.slice(0, -1));
      if (!parent.found || parent.value === null || typeof parent.value !== 'object') return undefined;
      (parent.value as Record<PropertyKey, unknown>)[path[path.length - 1] as string] = fix.value;
      paths.add(formatPath(path));
    }
    const again = Department.safeParse(copy);
    if (again.success) return { data: again.data, paths: [...paths] };
    issues = again.error.issues;
  }
  return undefined;
}

/** `a.b` and `a.b[2].c` overlap (one holds the other); `a.b` and `a.bc` do not. */
export function overlaps(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  const within = (x: string, y: string) => x === y || (y.startsWith(x) && (y[x.length] === '.' || y[x.length] === '['));
  return within(a, b) || within(b, a);
}

/**
 * Findings that follow from a value already reported (a refused amount makes every total that
 * holds it disagree): one cause, one message — the cause's.
 */
export function withoutCause(diagnostics: readonly Diagnostic[], causes: readonly string[]): Diagnostic[] {
  if (!causes.length) return [...diagnostics];
  return diagnostics.filter((d) => ![d.path, ...(d.related ?? [])].some((p) => causes.some((c) => overlaps(p, c))));
}
