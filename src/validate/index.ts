import { hasErrors, type Diagnostic } from '../diagnostics/index.js';
import type { JsonPositions } from '../load/data.js';
import { Department } from '../schema/index.js';
import { issueToDiagnostics } from './issues.js';
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
export function validate(json: unknown, file: string, positions?: JsonPositions): ValidateResult {
  const result = Department.safeParse(json);
  if (!result.success) {
    const seen = new Set<string>();
    const diagnostics: Diagnostic[] = [];
    for (const issue of result.error.issues) {
      for (const d of issueToDiagnostics(issue, json, file, Department, fileMoneyUnit(json))) {
        // One problem per path and rule: zod may report a value twice (e.g. a negative amount
        // fails both `nonnegative` and the decimals refinement).
        const key = `${d.path}\u0000${d.rule}`;
        if (seen.has(key)) continue;
        seen.add(key);
        diagnostics.push(d);
      }
    }
    return { diagnostics: locate(diagnostics, positions) };
  }
  const money = toWan(result.data, file);
  const diagnostics = locate([...structuralDiagnostics(result.data, file), ...documentSizeDiagnostics(result.data, file), ...money.diagnostics], positions);
  return hasErrors(diagnostics) ? { diagnostics } : { data: money.data, diagnostics };
}
