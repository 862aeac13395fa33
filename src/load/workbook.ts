import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { Diagnostic } from '../diagnostics/index.js';
import { LIMITS } from '../schema/common.js';

/*
 * Reading a spreadsheet file into plain cells (a `Book`), whatever it really is: .xlsx (Excel,
 * WPS), .xls (BIFF), the SpreadsheetML 2003 XML or HTML table many government systems save
 * under an .xls name, WPS's .et. SheetJS (the maintained @e965/xlsx 0.20.3 build, never the
 * registry's vulnerable xlsx 0.18) reads them all and says what each cell holds: its value, its
 * number format, its formula and whether the formula has a cached value. A file it cannot read
 * — encrypted, corrupt, not a spreadsheet — is a diagnostic in words, never an exception.
 */

export const WORKBOOK_EXTENSIONS = ['.xlsx', '.xlsm', '.xls', '.et', '.ods'] as const;

export function isWorkbookFile(file: string): boolean {
  return (WORKBOOK_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase());
}

export interface BookCell {
  /** n number, s text, b boolean, e error value, z empty (a formula without a cached value is z with `f`). */
  t: 'n' | 's' | 'b' | 'e' | 'z' | 'd';
  v?: string | number | boolean;
  /** The number format. */
  z?: string;
  /** The text Excel shows. */
  w?: string;
  /** The formula, when the cell has one. */
  f?: string;
}

export interface BookSheet {
  name: string;
  hidden: boolean;
  /** rows[r][c], 0-based; missing cells are undefined. */
  rows: Array<Array<BookCell | undefined>>;
  hiddenRows: Set<number>;
  merges: Array<{ s: { r: number; c: number }; e: { r: number; c: number } }>;
  /** More rows than were read (the sheet was cut at the row limit). */
  truncated: boolean;
}

export interface Book {
  sheets: BookSheet[];
  /** What the file really was (xlsx, biff8, xlml, html…). */
  format: string;
}

/** Rows read per sheet: far more than any department, and a bound on memory. */
export const MAX_ROWS = LIMITS.rows + 10;

export function cellAddress(r: number, c: number): string {
  return XLSX.utils.encode_cell({ r, c });
}

function problem(file: string, message: string, rule = 'workbook-unreadable'): Diagnostic {
  return { file, path: '', rule, severity: 'error', message };
}

/** What the bytes really are, whatever the file's name says. */
export function sniffFormat(bytes: Uint8Array): 'xlsx' | 'cfb' | 'spreadsheetml' | 'html' | 'other' {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx'; // a zip: .xlsx, .xlsm, .ods, WPS .xlsx
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'cfb'; // .xls (BIFF), WPS .et, an encrypted .xlsx
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<?xml') && head.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'spreadsheetml';
  if (/^(<!doctype html|<html|<table|<meta|<\?xml[^>]*>\s*<html)/.test(head) || head.includes('<table')) return 'html';
  return 'other';
}

/** Bytes → cells. Pure. */
export function parseBook(bytes: Uint8Array, file: string): { book?: Book; diagnostics: Diagnostic[] } {
  const sniffed = sniffFormat(bytes);
  if (sniffed === 'other') return { diagnostics: [problem(file, '这不是 Excel / WPS 表格文件（也不是系统导出的 XML 或网页表格）：请在 Excel 或 WPS 中另存为 .xlsx 再试', 'workbook-unreadable')] };
  let wb: XLSX.WorkBook;
  try {
    // stubs: a formula without a cached value is a stub cell; styles: hidden rows are row styles
    wb = XLSX.read(bytes, { type: 'buffer', cellFormula: true, cellNF: true, cellText: true, cellDates: false, cellStyles: true, sheetStubs: true, sheetRows: MAX_ROWS + 1, WTF: false });
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    if (/password/i.test(msg)) return { diagnostics: [problem(file, '工作簿设有打开密码（已加密）：请在 Excel 或 WPS 中取消密码（文件 › 信息 › 保护工作簿）后另存，再导入', 'workbook-encrypted')] };
    return { diagnostics: [problem(file, `无法读取工作簿：文件已损坏，或不是 Excel / WPS 表格文件（${msg.split('\n')[0]}）。请在 Excel 或 WPS 中打开后另存为 .xlsx 再试`)] };
  }
  const format = sniffed === 'cfb' ? 'xls' : sniffed;
  const sheets: BookSheet[] = wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name]!;
    const hidden = !!wb.Workbook?.Sheets?.[i]?.Hidden;
    const ref = ws['!ref'];
    const rows: BookSheet['rows'] = [];
    let truncated = false;
    if (ref) {
      const range = XLSX.utils.decode_range(ref);
      const full = ws['!fullref'] ? XLSX.utils.decode_range(ws['!fullref'] as string) : range;
      truncated = full.e.r > MAX_ROWS;
      for (let r = range.s.r; r <= Math.min(range.e.r, MAX_ROWS); r++) {
        const row: Array<BookCell | undefined> = [];
        for (let c = range.s.c; c <= range.e.c; c++) {
          const cell = ws[cellAddress(r, c)] as XLSX.CellObject | undefined;
          if (!cell) continue;
          const out: BookCell = { t: cell.t as BookCell['t'] };
          if (cell.v !== undefined && cell.v !== null) out.v = cell.v as string | number | boolean;
          if (cell.z !== undefined) out.z = String(cell.z);
          if (cell.w !== undefined) out.w = cell.w;
          if (cell.f !== undefined) out.f = cell.f;
          row[c] = out;
        }
        rows[r] = row;
      }
    }
    const hiddenRows = new Set<number>();
    (ws['!rows'] ?? []).forEach((info, r) => {
      if (info?.hidden) hiddenRows.add(r);
    });
    return { name, hidden, rows, hiddenRows, merges: (ws['!merges'] ?? []).map((m) => ({ s: { ...m.s }, e: { ...m.e } })), truncated };
  });
  return { book: { sheets, format }, diagnostics: [] };
}

/** A workbook file from disk (size checked before it is read). */
export async function loadBook(file: string, options: { bytes?: Uint8Array } = {}): Promise<{ book?: Book; diagnostics: Diagnostic[] }> {
  let bytes = options.bytes;
  if (!bytes) {
    try {
      const st = await stat(file);
      if (st.size > LIMITS.fileBytes) return { diagnostics: [problem(file, `文件过大（${(st.size / 1024 / 1024).toFixed(1)} MB，上限 ${LIMITS.fileBytes / 1024 / 1024} MB）`, 'file-too-large')] };
      bytes = await readFile(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return { diagnostics: [problem(file, code === 'ENOENT' ? '文件不存在' : `文件无法读取（${code ?? (e as Error).message}）`, 'file-unreadable')] };
    }
  }
  return parseBook(bytes, file);
}
