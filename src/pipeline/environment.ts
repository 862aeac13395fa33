import { formatPath, hasErrors, type Diagnostic } from '../diagnostics/index.js';
import type { JsonPositions, SourcePosition } from '../load/data.js';
import type { Fonts } from '../fonts/index.js';
import type { TemplateSet } from '../render/template-set.js';
import { processWorld, renewProcessWorld, type EnvironmentResult } from './world.js';

/*
 * What every document of a template set needs besides its data — the template set and the
 * fonts, supplied by the World (world.ts) — and the one glyph-coverage rule both the data check
 * and the render use.
 */

export interface Environment {
  set: TemplateSet;
  fonts: Fonts;
}

/**
 * Template set and fonts for a data file's templateSet, from this process's World (loaded once
 * per World). `fresh`: the inputs changed on disk (the preview saw a template or font edited), so
 * a new World reads them again.
 */
export function environment(templateSet: string, options: { fresh?: boolean } = {}): Promise<EnvironmentResult> {
  return (options.fresh ? renewProcessWorld() : processWorld()).environment(templateSet);
}

/** Characters the data uses that a role's font cannot draw: checked before printing. */
export function coverageDiagnostics(text: string, fonts: Fonts, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const role of ['body', 'table', 'heading', 'title'] as const) {
    const missing = fonts.missing(role, text);
    if (missing.length) {
      out.push({
        file,
        path: '',
        rule: 'font-coverage',
        severity: 'error',
        message: `字体角色“${role}”缺少以下字符的字形，打印会出现空白方块：${missing.slice(0, 20).join(' ')}${missing.length > 20 ? ` 等${missing.length}个` : ''}`,
      });
    }
  }
  return out;
}


const ROLES = ['body', 'table', 'heading', 'title'] as const;

/**
 * Where in the source text character `index` of the JSON string starting at `pos` (its opening
 * quote) sits: JSON strings hold no raw line break, so the line is the string's; the column
 * counts the escapes as written.
 */
export function charPosition(text: string, pos: SourcePosition, index: number): { line: number; column: number } {
  const lines = text.split(/\r\n|\r|\n/);
  const line = lines[pos.line - 1] ?? '';
  let col = pos.column; // 1-based, at the quote
  if (line[col - 1] !== '"') return pos;
  let k = col; // 0-based index just after the quote
  let decoded = 0;
  while (k < line.length && decoded < index) {
    const ch = line[k]!;
    if (ch === '"') break;
    if (ch === '\\') {
      k += line[k + 1] === 'u' ? 6 : 2;
      decoded += 1;
    } else {
      k += 1;
      decoded += 1;
    }
  }
  col = k + 1;
  return { line: pos.line, column: col };
}

/**
 * Every character of the data that a font role cannot draw, once each, at its first place in the
 * data file (file:line:col of the character itself) — what `validate` reports before anything
 * is rendered. The render checks the printed text again (the templates' own wording included).
 */
export function dataCoverageDiagnostics(data: unknown, fonts: Fonts, file: string, source?: { text?: string; positions?: JsonPositions }): Diagnostic[] {
  const strings: Array<{ path: string; text: string }> = [];
  const walk = (v: unknown, path: Array<string | number>) => {
    if (typeof v === 'string') strings.push({ path: formatPath(path), text: v });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== '$schema') walk(x, [...path, k]);
  };
  walk(data, []);
  const all = strings.map((s) => s.text).join('');
  const missingBy = new Map<string, Array<(typeof ROLES)[number]>>();
  for (const role of ROLES) for (const ch of fonts.missing(role, all)) missingBy.set(ch, [...(missingBy.get(ch) ?? []), role]);
  const out: Diagnostic[] = [];
  for (const [ch, roles] of missingBy) {
    const at = strings.find((s) => s.text.includes(ch));
    if (!at) continue;
    const cp = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    const d: Diagnostic = {
      file,
      path: at.path,
      rule: 'font-coverage',
      severity: 'error',
      message: `字符“${ch}”（${cp}）不在字体中（${roles.map((r) => ROLE_NAMES[r]).join('、')}），印出来会是空白方块：请换成常用字或去掉；确需此字时，请把含有它的字体放进 fonts/ 并在 fonts/roles.json 中指定`,
    };
    const pos = source?.positions?.get(at.path);
    if (pos?.sheet) Object.assign(d, { sheet: pos.sheet, cell: pos.cell, line: pos.line, column: pos.column });
    else if (pos && source?.text) Object.assign(d, charPosition(source.text, pos, at.text.indexOf(ch)));
    out.push(d);
  }
  return out;
}

const ROLE_NAMES: Record<(typeof ROLES)[number], string> = { body: '正文字体', table: '表格字体', heading: '标题字体', title: '大标题字体' };
