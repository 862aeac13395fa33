import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadBook, parseBook, WORKBOOK_LIMITS, type WorkerMessage } from '../../src/load/workbook.js';
import { validate } from '../../src/validate/index.js';
import { readWorkbook } from '../../src/workbook/read.js';

/*
 * Workbooks as spreadsheet applications save them, and as a hostile tester makes them. The
 * fixtures in test/fixtures/workbooks were really saved by LibreOffice Calc (make.sh): each must
 * read to exactly the data of the file it was saved from. Cut, changed, inflated or endless
 * files must end in a sentence, never a hang, a crash or English.
 */

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/workbooks/${name}`, import.meta.url)));

function readBytes(bytes: Uint8Array, file = 'book.xlsx') {
  const parsed = parseBook(bytes, file);
  if (!parsed.book) return { diagnostics: parsed.diagnostics, json: undefined };
  return readWorkbook(parsed.book, file);
}

const source = () => readBytes(fixture('source.xlsx'));
/** No English in what a clerk reads (product and format names aside). */
const english = (message: string) => message.replace(/Excel|WPS|\.xlsx|MB|CRC/g, '').match(/[A-Za-z]{2,}/g);

/** A sheet's XML part inside an .xlsx, found through the workbook's relationships. */
async function sheetPart(zip: JSZip, name: string): Promise<string> {
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(wb)![1]!;
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)!;
  return `xl/${(target[1] ?? target[2])!.replace(/^\/?xl\//, '')}`;
}

/** The LibreOffice-saved workbook with one sheet's <dimension> changed. */
async function withDimension(ref: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(fixture('rows-deleted.xlsx'));
  const part = await sheetPart(zip, '项目支出');
  const xml = await zip.file(part)!.async('string');
  expect(xml).toMatch(/<dimension ref="A1:H1048576"\/>/);
  zip.file(part, xml.replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="${ref}"/>`));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

afterEach(() => vi.restoreAllMocks());

describe('workbooks saved by LibreOffice Calc', () => {
  it('read to the same data as the file they were saved from, with nothing to say', () => {
    const original = source();
    expect(original.diagnostics).toEqual([]);
    expect((original.json as { projects: unknown[] }).projects).toHaveLength(38);
    for (const name of ['resaved.xlsx', 'rows-deleted.xlsx', 'rows-inserted.xlsx', 'columns-widened.xlsx', 'sheet-renamed.xlsx', 'rows-deleted.xls', 'rows-deleted.ods']) {
      const r = readBytes(fixture(name), name);
      expect(r.diagnostics, name).toEqual([]);
      expect(r.json, name).toEqual(original.json);
    }
  });

  it('with a deleted row (declaring A1:H1048576) validate without a row-limit error', async () => {
    const r = readBytes(fixture('rows-deleted.xlsx'));
    expect(r.diagnostics).toEqual([]);
    expect(validate(r.json, 'rows-deleted.xlsx', new Map()).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('say nothing in English on the console while they are read (.ods number formats)', () => {
    const spies = (['log', 'warn', 'error', 'info'] as const).map((m) => vi.spyOn(console, m));
    expect(readBytes(fixture('rows-deleted.ods')).diagnostics).toEqual([]);
    for (const s of spies) expect(s).not.toHaveBeenCalled();
  });
});

describe('a sheet is read by the cells it holds, not the range it declares', () => {
  it('a stale <dimension> does not hide the rows below it (F6)', async () => {
    const r = readBytes(await withDimension('A1:H3'));
    expect(r.diagnostics).toEqual([]);
    expect(r.json).toEqual(source().json);
  });

  it('a declared range of 16,384 columns and every row is neither visited nor a row-limit error (F5)', async () => {
    for (const ref of ['A1:XFD5000', 'A1:XFD1048576']) {
      const r = readBytes(await withDimension(ref));
      expect(r.diagnostics, ref).toEqual([]);
      expect(r.json, ref).toEqual(source().json);
    }
  });

  it('more rows holding values than the limit (the header is one): cut at the first row not read', () => {
    const rows = [['序号', '名称'], ...Array.from({ length: WORKBOOK_LIMITS.rows + 5 }, (_, i) => [i + 1, `项目${i + 1}`])];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'S');
    const sheet = parseBook(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer, 'big.xlsx').book!.sheets[0]!;
    expect(sheet.truncated).toBe(true);
    expect(sheet.truncatedAt).toBe(WORKBOOK_LIMITS.rows);
    expect(sheet.rows.length).toBe(WORKBOOK_LIMITS.rows);
  });
});

describe('a damaged, cut or oversized workbook is refused in words', () => {
  it('cut short anywhere (F4: SheetJS spun forever on the first 300 bytes)', async () => {
    const whole = fixture('source.xlsx');
    for (const cut of [300, 500, 2_000, whole.length >> 1, whole.length - 10]) {
      const d = parseBook(whole.subarray(0, cut), 'cut.xlsx').diagnostics;
      expect(d.map((x) => x.rule), `cut at ${cut}`).toEqual(['workbook-unreadable']);
      expect(d[0]!.message).toMatch(/^文件已损坏/);
      expect(english(d[0]!.message)).toBeNull();
    }
  });

  it('64 changed bytes inside a sheet: damaged, not a missing field', () => {
    const bytes = Buffer.from(fixture('source.xlsx'));
    for (let i = 0; i < 64; i++) bytes[(bytes.length >> 1) + i] = (bytes[(bytes.length >> 1) + i]! + 1) & 0xff;
    const d = readBytes(bytes).diagnostics;
    expect(d.map((x) => x.rule)).toEqual(['workbook-unreadable']);
    expect(d[0]!.message).toMatch(/文件已损坏/);
  });

  it('a zip bomb: refused from its declared size, before it is inflated (F3)', () => {
    // the workbook with one entry declaring 1 GB, as a bomb does (its zeros would deflate to 1 MB)
    const bomb = Buffer.from(fixture('source.xlsx'));
    const end = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const central = bomb.readUInt32LE(end + 16);
    expect(bomb.readUInt32LE(central)).toBe(0x02014b50);
    bomb.writeUInt32LE(1024 ** 3, central + 24);
    bomb.writeUInt32LE(1024 ** 3, bomb.readUInt32LE(central + 42) + 22);
    const d = parseBook(bomb, 'bomb.xlsx').diagnostics;
    expect(d.map((x) => x.rule)).toEqual(['workbook-too-large']);
    expect(d[0]!.message).toMatch(/^文件已损坏或过大/);
    expect(english(d[0]!.message)).toBeNull();
  });

  it('more sheets than any workbook has: one message, not one per sheet', () => {
    const wb = XLSX.utils.book_new();
    for (let i = 0; i <= WORKBOOK_LIMITS.sheets; i++) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([[i]]), `S${i}`);
    for (const bookType of ['xlsx', 'ods'] as const) {
      const d = parseBook(XLSX.write(wb, { type: 'buffer', bookType }) as Buffer, `many.${bookType}`).diagnostics;
      expect(d.map((x) => x.rule), bookType).toEqual(['workbook-too-large']);
      expect(d[0]!.message).toContain(`${WORKBOOK_LIMITS.sheets + 1} 个工作表`);
    }
  });
});

describe('loadBook parses where it can be stopped', () => {
  it('gives the parse thread’s result', async () => {
    const r = await loadBook('source.xlsx', { bytes: fixture('rows-deleted.xlsx'), deadline: () => () => undefined });
    expect(r.diagnostics).toEqual([]);
    expect(readWorkbook(r.book!, 'x.xlsx').json).toEqual(source().json);
  });

  it('ends a parse that runs past its deadline, in words (the deadline injected: it expires once parsing began)', async () => {
    let expire = () => undefined as void;
    const r = await loadBook('slow.xlsx', { bytes: fixture('source.xlsx'), deadline: (e) => ((expire = e), () => undefined), onParsing: () => expire() });
    expect(r.book).toBeUndefined();
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['workbook-timeout']);
    expect(r.diagnostics[0]!.message).toMatch(/^无法在 \d+ 秒内读完工作簿，文件可能已损坏/);
  });

  it('a cut file ends (F4), through the thread as well', async () => {
    const r = await loadBook('cut.xlsx', { bytes: fixture('source.xlsx').subarray(0, 300), deadline: () => () => undefined });
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['workbook-unreadable']);
  });

  it('from a file with no size (a device): counted as read, refused at the limit', async () => {
    const r = await loadBook('/dev/zero');
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['file-too-large']);
    expect(r.diagnostics[0]!.message).toMatch(/^文件过大/);
  });

  it('in a child process (from the startup snapshot): the same answer, and it ends with its parent', async () => {
    const script = fileURLToPath(new URL('../../src/load/workbook-child.ts', import.meta.url));
    const child = fork(script, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const messages: WorkerMessage[] = [];
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.on('message', (m: WorkerMessage) => messages.push(m));
    child.send({ bytes: fixture('rows-deleted.ods'), file: 'x.ods' });
    expect(await exited).toBe(0);
    expect(messages.map((m) => m.kind)).toEqual(['parsing', 'done']);
    const done = messages[1] as Extract<WorkerMessage, { kind: 'done' }>;
    expect(readWorkbook(done.result.book!, 'x.ods').json).toEqual(source().json);

    const orphan = fork(script, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const gone = new Promise<number | null>((resolve) => orphan.on('exit', (code) => resolve(code)));
    orphan.disconnect();
    expect(await gone).toBe(0);
  });
});
