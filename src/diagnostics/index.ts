/**
 * A data problem is a value, not an exception: every stage returns these and only the CLI turns
 * them into an exit code.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** The data file (as given on the command line), or '' when the data came from memory. */
  file: string;
  /** Where in the data: a dotted path with indices, e.g. `expenditure.lines[0].code`; '' = the file. */
  path: string;
  /** A stable rule id, e.g. `json-syntax`, `schema`, `tree-parent`, `t12-equals-project-expenditure`. */
  rule: string;
  severity: Severity;
  /** Chinese first; names the figures involved. */
  message: string;
  /** 1-based position in the file, when known (syntax errors, schema errors located in the source). */
  line?: number;
  column?: number;
  /** In a workbook: the sheet and the cell (A1), shown as file › sheet › cell. */
  sheet?: string;
  cell?: string;
  /** Further paths involved in a cross-check (the other side of a comparison). */
  related?: string[];
  /** The related places as the data's own route names them (a workbook's sheets and cells). */
  relatedPlaces?: string[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `['a', 0, 'b']` → `a[0].b` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Where a diagnostic points: file:line:col, or file › sheet › cell in a workbook. */
export function placeOf(d: Diagnostic): string {
  if (d.sheet) return `${d.file} › ${d.sheet}${d.cell ? ` › ${d.cell}` : ''}`;
  return `${d.file}${d.line !== undefined ? `:${d.line}${d.column !== undefined ? `:${d.column}` : ''}` : ''}`;
}

/**
 * Every item whose key an earlier item already had, with that first item's index: the one way the
 * validation and the audit find a code, name or text given twice. An undefined key is never a repeat.
 */
export function repeats<T>(items: readonly T[], keyOf: (item: T, index: number) => string | undefined): Array<{ item: T; index: number; firstIndex: number }> {
  const first = new Map<string, number>();
  const out: Array<{ item: T; index: number; firstIndex: number }> = [];
  items.forEach((item, index) => {
    const key = keyOf(item, index);
    if (key === undefined) return;
    const firstIndex = first.get(key);
    if (firstIndex === undefined) first.set(key, index);
    else out.push({ item, index, firstIndex });
  });
  return out;
}
