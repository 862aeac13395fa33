import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as XLSX from '@e965/xlsx';
import type { Diagnostic } from '../diagnostics/index.js';
import { LIMITS } from '../schema/common.js';
import { threadEntry } from '../pipeline/thread.js';
import { readBounded } from './read-bounded.js';
import { packageRoot } from './root.js';
import { checkZip, type ZipProblem } from './zip.js';

/*
 * Reading a spreadsheet file into plain cells (a `Book`), whatever it really is: .xlsx (Excel,
 * WPS), .xls (BIFF), the SpreadsheetML 2003 XML or HTML table many government systems save
 * under an .xls name, WPS's .et. SheetJS (the maintained @e965/xlsx 0.20.3 build, never the
 * registry's vulnerable xlsx 0.18) reads them all and says what each cell holds: its value, its
 * number format, its formula and whether the formula has a cached value. A file it cannot read
 * — encrypted, corrupt, not a spreadsheet — is a diagnostic in words, never an exception.
 *
 * SheetJS believes what a file declares, so nothing declared is believed here: a zip is checked
 * entry by entry before it is parsed (zip.ts); a sheet's cells are the cells it holds, never its
 * declared range (a sheet saved by LibreOffice declares A1:H1048576, a stale <dimension> can
 * declare too few rows); and the parse runs in a worker thread with a memory limit and a
 * deadline, so no file can hang a command or take the machine's memory.
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
  /** More rows holding values than were read (the sheet was cut at the row limit). */
  truncated: boolean;
  /** When truncated: the first row holding a value that was not read. */
  truncatedAt?: number;
}

export interface Book {
  sheets: BookSheet[];
  /** What the file really was (xlsx, biff8, xlml, html…). */
  format: string;
}

/** Bounds on what a workbook may hold, checked before (and while) it is parsed. */
export const WORKBOOK_LIMITS = {
  /** Rows holding values read per sheet: far more than any department, a bound on memory. */
  rows: LIMITS.rows + 10,
  /** Files inside an .xlsx / .ods zip: a 填报表 has about 60. */
  zipEntries: 2_000,
  /** Their declared uncompressed size together: a full 5,000-row 填报表 is far below. */
  unzippedBytes: 128 * 1024 * 1024,
  /** Sheets in one workbook: a 填报表 has 19, a budget system's export about 15. */
  sheets: 255,
  /** The parse thread's heap. */
  heapMb: 1536,
  /** How long reading one workbook may take: a real one takes under a second. */
  deadlineMs: 60_000,
} as const;

export function cellAddress(r: number, c: number): string {
  return XLSX.utils.encode_cell({ r, c });
}

/** A cell with nothing in it: empty, an empty stub, or only spaces. */
export function isBlankCell(c: BookCell | undefined): boolean {
  return !c || (c.t === 'z' && c.f === undefined) || (c.t === 's' && String(c.v ?? '').trim() === '');
}

function problem(file: string, message: string, rule = 'workbook-unreadable'): Diagnostic {
  return { file, path: '', rule, severity: 'error', message };
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 1 : 0);
const RESAVE = '请在 Excel 或 WPS 中打开后另存为 .xlsx 再试';
const DAMAGED = `文件已损坏（内容不完整或被改动过），无法读取：${RESAVE}；打不开时请用原来的文件或备份`;

/** What the bytes really are, whatever the file's name says. */
export function sniffFormat(bytes: Uint8Array): 'xlsx' | 'cfb' | 'spreadsheetml' | 'html' | 'other' {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx'; // a zip: .xlsx, .xlsm, .ods, WPS .xlsx
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'cfb'; // .xls (BIFF), WPS .et, an encrypted .xlsx
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<?xml') && head.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'spreadsheetml';
  if (/^(<!doctype html|<html|<table|<meta|<\?xml[^>]*>\s*<html)/.test(head) || head.includes('<table')) return 'html';
  return 'other';
}

function zipProblem(file: string, p: ZipProblem): Diagnostic {
  switch (p.kind) {
    case 'encrypted':
      return problem(file, '工作簿设有打开密码（已加密）：请在 Excel 或 WPS 中取消密码（文件 › 信息 › 保护工作簿）后另存，再导入', 'workbook-encrypted');
    case 'too-many-entries':
      return problem(file, `文件已损坏或过大：工作簿内含 ${p.count} 个部件（上限 ${WORKBOOK_LIMITS.zipEntries} 个；填报表约 60 个），没有读取。请确认选对了文件，或在 Excel 或 WPS 中删去多余的工作表后另存`, 'workbook-too-large');
    case 'too-large':
      return problem(file, `文件已损坏或过大：工作簿解压后超过 ${mb(WORKBOOK_LIMITS.unzippedBytes)} MB（填报表通常不到 5 MB），没有读取。请确认选对了文件，或在 Excel 或 WPS 中删去多余的内容后另存`, 'workbook-too-large');
    case 'damaged':
      return problem(file, DAMAGED, 'workbook-unreadable');
  }
}

/** SheetJS's own errors, in the clerk's words; what it says in English never reaches the clerk. */
function readError(file: string, e: unknown): Diagnostic {
  const msg = e instanceof Error ? e.message : String(e);
  if (/password|encrypt/i.test(msg)) return zipProblem(file, { kind: 'encrypted' });
  if (/unsupported file|not a spreadsheet|unrecognized|invalid html/i.test(msg)) return problem(file, `这不是能读取的 Excel / WPS 表格文件：${RESAVE}`);
  return problem(file, DAMAGED, 'workbook-unreadable');
}

/**
 * SheetJS prints what it doubts to the console ("ODS number format may be incorrect", in
 * English, 24 times for a LibreOffice .ods): none of it changes a value read here, and a clerk
 * must never see it, so it is held back while SheetJS runs.
 */
function quietly<T>(run: () => T): T {
  const saved = { log: console.log, warn: console.warn, error: console.error, info: console.info, debug: console.debug };
  const hush = () => undefined;
  Object.assign(console, { log: hush, warn: hush, error: hush, info: hush, debug: hush });
  try {
    return run();
  } finally {
    Object.assign(console, saved);
  }
}

/** A sheet's cells as rows, by the cells it holds (keys of the sheet object), never by its range. */
function sheetRows(ws: XLSX.WorkSheet): Pick<BookSheet, 'rows' | 'truncated' | 'truncatedAt'> {
  const byRow = new Map<number, Array<BookCell | undefined>>();
  for (const key of Object.keys(ws)) {
    if (key.charCodeAt(0) === 33) continue; // '!ref', '!merges'…: not cells
    const cell = ws[key] as XLSX.CellObject;
    // an empty styled cell (a stub) holds nothing: LibreOffice writes thousands of them
    if (cell.t === 'z' && cell.f === undefined) continue;
    const { r, c } = XLSX.utils.decode_cell(key);
    const out: BookCell = { t: cell.t as BookCell['t'] };
    if (cell.v !== undefined && cell.v !== null) out.v = cell.v as string | number | boolean;
    if (cell.z !== undefined) out.z = String(cell.z);
    if (cell.w !== undefined) out.w = cell.w;
    if (cell.f !== undefined) out.f = cell.f;
    let row = byRow.get(r);
    if (!row) byRow.set(r, (row = []));
    row[c] = out;
  }
  const order = [...byRow.keys()].sort((a, b) => a - b);
  const rows: BookSheet['rows'] = [];
  let held = 0;
  for (const r of order) {
    const row = byRow.get(r)!;
    if (row.some((c) => !isBlankCell(c)) && ++held > WORKBOOK_LIMITS.rows) return { rows, truncated: true, truncatedAt: r };
    rows[r] = row;
  }
  return { rows, truncated: false };
}

/** Bytes → cells, in this thread. Pure; bounded by the checks above, not by a deadline (see loadBook). */
export function parseBook(bytes: Uint8Array, file: string): { book?: Book; diagnostics: Diagnostic[] } {
  const sniffed = sniffFormat(bytes);
  if (sniffed === 'other') return { diagnostics: [problem(file, '这不是 Excel / WPS 表格文件（也不是系统导出的 XML 或网页表格）：请在 Excel 或 WPS 中另存为 .xlsx 再试', 'workbook-unreadable')] };
  if (sniffed === 'xlsx') {
    const bad = checkZip(bytes, { entries: WORKBOOK_LIMITS.zipEntries, unzippedBytes: WORKBOOK_LIMITS.unzippedBytes });
    if (bad) return { diagnostics: [zipProblem(file, bad)] };
  }
  let wb: XLSX.WorkBook;
  try {
    // stubs: a formula without a cached value is a stub cell; styles: hidden rows are row styles
    wb = quietly(() => XLSX.read(bytes, { type: 'buffer', cellFormula: true, cellNF: true, cellText: true, cellDates: false, cellStyles: true, sheetStubs: true, dense: false, WTF: false }));
  } catch (e) {
    return { diagnostics: [readError(file, e)] };
  }
  if (!wb?.SheetNames || !wb.Sheets) return { diagnostics: [problem(file, DAMAGED, 'workbook-unreadable')] };
  if (wb.SheetNames.length > WORKBOOK_LIMITS.sheets) {
    return { diagnostics: [problem(file, `工作簿有 ${wb.SheetNames.length} 个工作表（上限 ${WORKBOOK_LIMITS.sheets} 个），没有读取：文件已损坏或过大，请确认选对了文件`, 'workbook-too-large')] };
  }
  const format = sniffed === 'cfb' ? 'xls' : sniffed;
  const sheets: BookSheet[] = [];
  for (const [i, name] of wb.SheetNames.entries()) {
    const ws = wb.Sheets[name];
    // a sheet the workbook lists but whose part is missing: the file lost it
    if (!ws) return { diagnostics: [problem(file, DAMAGED, 'workbook-unreadable')] };
    const hidden = !!wb.Workbook?.Sheets?.[i]?.Hidden;
    const hiddenRows = new Set<number>();
    (ws['!rows'] ?? []).forEach((info, r) => {
      if (info?.hidden) hiddenRows.add(r);
    });
    const merges = (ws['!merges'] ?? []).map((m) => ({ s: { ...m.s }, e: { ...m.e } }));
    sheets.push({ name, hidden, hiddenRows, merges, ...sheetRows(ws) });
  }
  return { book: { sheets, format }, diagnostics: [] };
}

export interface LoadBookOptions {
  /** The bytes a caller already read (and hashed): exactly these are parsed. */
  bytes?: Uint8Array;
  /**
   * Starts the clock of the parse when its thread starts; calls `expire` when reading must give
   * up, and returns a cancel. Default: WORKBOOK_LIMITS.deadlineMs of wall time. Tests inject one.
   */
  deadline?: (expire: () => void) => () => void;
  /** Called when the thread has begun parsing (tests expire their deadline here). */
  onParsing?: () => void;
}

const wallClock = (ms: number) => (expire: () => void) => {
  const t = setTimeout(expire, ms);
  return () => clearTimeout(t);
};

/** A compiled module beside this one; from the startup snapshot's bundle (dist/snapshot/*.cjs), the one in dist/load/. */
function sibling(name: string): URL {
  const here = import.meta.url;
  return here.endsWith('.cjs') ? pathToFileURL(path.join(packageRoot(), 'dist', 'load', name)) : new URL(`./${name}`, here);
}

/** What the parse thread (or process) sends back. */
export type WorkerMessage = { kind: 'parsing' } | { kind: 'done'; result: ParsedBook };
type ParsedBook = { book?: Book; diagnostics: Diagnostic[] };

/** A running parse, thread or process alike. */
interface Runner {
  on(event: 'message', listener: (m: WorkerMessage) => void): void;
  on(event: 'error', listener: (e: Error & { code?: string }) => void): void;
  on(event: 'exit', listener: () => void): void;
  stop(): void;
}

function inThread(bytes: Uint8Array, file: string): Runner {
  const entry = threadEntry(sibling('workbook-worker'));
  const worker = new Worker(entry.script, {
    eval: entry.eval,
    workerData: { ...entry.data, bytes, file },
    resourceLimits: { maxOldGenerationSizeMb: WORKBOOK_LIMITS.heapMb },
    // whatever the library prints stays in the thread: it is English and means nothing to a clerk
    stdout: true,
    stderr: true,
  });
  worker.stdout.resume();
  worker.stderr.resume();
  return { on: worker.on.bind(worker) as Runner['on'], stop: () => void worker.terminate().catch(() => undefined) };
}

/**
 * A process started from the startup snapshot cannot start worker threads (Node 20 does not
 * restore the shared counter a worker's process.cwd() reads, and every worker dies on start), so
 * there the parse runs in a plain node process — which parses in a thread itself (workbook-child.ts)
 * and exits when this process goes away.
 */
function inProcess(bytes: Uint8Array, file: string): Runner {
  const child = fork(fileURLToPath(sibling('workbook-child.js')), [], { execArgv: [], serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  child.send({ bytes, file });
  return { on: child.on.bind(child) as Runner['on'], stop: () => void child.kill('SIGKILL') };
}

const inSnapshotBundle = () => import.meta.url.endsWith('.cjs');

/** parseBook where it can be stopped: ended when it takes too long or too much memory. */
export function parseBookIsolated(bytes: Uint8Array, file: string, options: Omit<LoadBookOptions, 'bytes'> = {}): Promise<ParsedBook> {
  return new Promise((resolve) => {
    let settled = false;
    let cancel = () => undefined as void;
    let runner: Runner | undefined;
    const finish = (r: ParsedBook) => {
      if (settled) return;
      settled = true;
      cancel();
      resolve(r);
      runner?.stop();
    };
    try {
      runner = (inSnapshotBundle() ? inProcess : inThread)(bytes, file);
    } catch {
      return finish({ diagnostics: [problem(file, '无法启动读取工作簿的线程（系统资源不足？）：请关闭其他程序后再试', 'workbook-internal')] });
    }
    cancel = (options.deadline ?? wallClock(WORKBOOK_LIMITS.deadlineMs))(() => {
      finish({ diagnostics: [problem(file, `无法在 ${Math.round(WORKBOOK_LIMITS.deadlineMs / 1000)} 秒内读完工作簿，文件可能已损坏：${RESAVE}`, 'workbook-timeout')] });
    });
    runner.on('message', (m) => {
      if (m.kind === 'parsing') options.onParsing?.();
      else finish(m.result);
    });
    runner.on('error', (e) => {
      finish({
        diagnostics: [
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? problem(file, `文件已损坏或过大：读取工作簿所需的内存超过 ${WORKBOOK_LIMITS.heapMb} MB，没有读取。请确认选对了文件，或在 Excel 或 WPS 中删去多余的内容后另存`, 'workbook-too-large')
            : problem(file, '读取工作簿时程序出错（不是您的文件的问题）：请再试一次；仍然出错时请把文件交给技术支持', 'workbook-internal'),
        ],
      });
    });
    // ended without an answer: out of memory in the child process, or killed
    runner.on('exit', () => finish({ diagnostics: [problem(file, `文件已损坏或过大：读取工作簿时意外中止（所需内存可能超过 ${WORKBOOK_LIMITS.heapMb} MB）。请确认选对了文件，或在 Excel 或 WPS 中打开后另存为 .xlsx 再试`, 'workbook-too-large')] }));
  });
}

/** A workbook file from disk: read with its size counted, parsed in its own thread. */
export async function loadBook(file: string, options: LoadBookOptions = {}): Promise<{ book?: Book; diagnostics: Diagnostic[]; bytes?: Uint8Array }> {
  let bytes = options.bytes;
  if (bytes && bytes.length > LIMITS.fileBytes) return { diagnostics: [problem(file, `文件过大（${mb(bytes.length)} MB，上限 ${mb(LIMITS.fileBytes)} MB）`, 'file-too-large')] };
  if (!bytes) {
    const read = await readBounded(file, LIMITS.fileBytes);
    switch (read.kind) {
      case 'bytes':
        bytes = read.bytes;
        break;
      case 'too-large':
        return { diagnostics: [problem(file, read.size === undefined ? `文件过大（读到 ${mb(LIMITS.fileBytes)} MB 仍未结束，上限 ${mb(LIMITS.fileBytes)} MB）` : `文件过大（${mb(read.size)} MB，上限 ${mb(LIMITS.fileBytes)} MB）`, 'file-too-large')] };
      case 'directory':
        return { diagnostics: [problem(file, `“${file}”是目录，不是工作簿文件`, 'file-unreadable')] };
      case 'error': {
        const code = read.error.code;
        return { diagnostics: [problem(file, code === 'ENOENT' || code === 'ENOTDIR' ? '文件不存在' : code === 'EACCES' || code === 'EPERM' ? '文件无法读取（没有读取权限）' : `文件无法读取（系统错误 ${code ?? read.error.message}）`, 'file-unreadable')] };
      }
    }
  }
  const { deadline, onParsing } = options;
  const parsed = await parseBookIsolated(bytes, file, { ...(deadline ? { deadline } : {}), ...(onParsing ? { onParsing } : {}) });
  // the bytes read go on with the book: a PDF carries the workbook it was made from
  return parsed.book ? { ...parsed, bytes } : parsed;
}
