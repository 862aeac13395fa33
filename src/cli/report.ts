import { jsonWording, wordPlaces } from '../diagnostics/place.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { paint, type CliIO } from './context.js';

export interface FileReport {
  file: string;
  diagnostics: Diagnostic[];
}

export interface Counts {
  errors: number;
  warnings: number;
}

export function count(files: readonly FileReport[]): Counts {
  let errors = 0;
  let warnings = 0;
  for (const f of files) {
    for (const d of f.diagnostics) {
      if (d.severity === 'error') errors++;
      else warnings++;
    }
  }
  return { errors, warnings };
}

/** Errors first; within a severity, grouped by rule (in order of first appearance), then by position. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const ruleOrder = new Map<string, number>();
  diagnostics.forEach((d) => {
    if (!ruleOrder.has(d.rule)) ruleOrder.set(d.rule, ruleOrder.size);
  });
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const sev = (a.d.severity === 'error' ? 0 : 1) - (b.d.severity === 'error' ? 0 : 1);
      if (sev) return sev;
      const rule = (ruleOrder.get(a.d.rule) ?? 0) - (ruleOrder.get(b.d.rule) ?? 0);
      if (rule) return rule;
      const line = (a.d.line ?? Infinity) - (b.d.line ?? Infinity);
      if (line) return line;
      const col = (a.d.column ?? 0) - (b.d.column ?? 0);
      if (col) return col;
      return a.i - b.i;
    })
    .map((x) => x.d);
}

/** `file:line:col  path  [rule] message` (position and path left out when unknown). */
export function formatDiagnostic(d: Diagnostic): string {
  let where = d.file || '（内存数据）';
  // in a workbook: the sheet and the cell, as a clerk finds them in Excel
  if (d.sheet) where += ` › ${d.sheet}${d.cell ? ` › ${d.cell}` : ''}`;
  else if (d.line !== undefined) where += `:${d.line}${d.column !== undefined ? `:${d.column}` : ''}`;
  const parts = [where];
  // a workbook user finds the cell by sheet and address; the data path is not in their words
  if (d.path && !d.sheet) parts.push(d.path);
  parts.push(`[${d.rule}] ${wordPlaces(d.message, jsonWording)}`);
  let out = parts.join('  ');
  if (d.relatedPlaces?.length) out += `（相关：${d.relatedPlaces.join('、')}）`;
  else if (d.related && d.related.length > 0 && !d.sheet && !(d.related.length === 1 && d.related[0] === d.path)) out += `（相关：${d.related.join('、')}）`;
  return out;
}

export function summary(c: Counts): string {
  return `${c.errors} 个错误，${c.warnings} 个警告`;
}

/**
 * One line per diagnostic, as editors and CI read them (gcc / ESLint compact style):
 * `file:line:col: error: message [rule]`, or `file › sheet!cell: …` in a workbook.
 */
export function formatShort(d: Diagnostic): string {
  const where = d.sheet ? `${d.file} › ${d.sheet}${d.cell ? `!${d.cell}` : ''}` : `${d.file}${d.line !== undefined ? `:${d.line}${d.column !== undefined ? `:${d.column}` : ''}` : ''}`;
  return `${where}: ${d.severity}: ${wordPlaces(d.message, jsonWording)}${d.path && !d.sheet ? ` (${d.path})` : ''} [${d.rule}]`;
}

/** The human-readable report: per file, its diagnostics; then one summary line. */
export function formatReport(files: readonly FileReport[], io: CliIO, opts: { strict?: boolean } = {}): string {
  if (io.diagnosticFormat === 'short') return files.flatMap((f) => sortDiagnostics(f.diagnostics).map((d) => formatShort({ ...d, file: d.file || f.file }) + '\n')).join('');
  const lines: string[] = [];
  for (const f of files) {
    const c = count([f]);
    if (c.errors === 0 && c.warnings === 0) {
      lines.push(`${paint(io, 'green', '✓')} ${f.file}：没有发现问题`);
      continue;
    }
    lines.push(`${c.errors > 0 ? paint(io, 'red', '✗') : paint(io, 'yellow', '!')} ${paint(io, 'bold', f.file)}：${summary(c)}`);
    for (const d of sortDiagnostics(f.diagnostics)) {
      const sev = d.severity === 'error' ? paint(io, 'red', '错误') : paint(io, 'yellow', '警告');
      lines.push(`  ${sev}  ${formatDiagnostic(d)}`);
    }
  }
  const total = count(files);
  let tail = `检查了 ${files.length} 个文件：${summary(total)}`;
  if (opts.strict && total.warnings > 0) tail += '（--strict：警告也视为失败）';
  lines.push('', tail);
  return lines.join('\n') + '\n';
}
