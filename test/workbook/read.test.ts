import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/cli/report.js';
import { DEFAULT_DATA_FILE } from '../../src/load/discover.js';
import { parseBook } from '../../src/load/workbook.js';
import { LIMITS } from '../../src/schema/common.js';
import { validate } from '../../src/validate/index.js';
import { fillWorkbook, guideLines } from '../../src/workbook/fill.js';
import { readWorkbook } from '../../src/workbook/read.js';
import { writeWorkbook } from '../../src/write/workbook.js';

/*
 * Bad workbooks get a clear error with their cell, never a crash: wrong sheet names, text in an
 * amount, a formula without a cached value, merged or hidden rows, a missing column, 100,000
 * rows, an encrypted or corrupt file. And what real files do that is not wrong — thousands
 * separators, 万元 written after the figure, codes typed as numbers — is read.
 */

let reference: Buffer;
beforeAll(async () => {
  const { $schema, ...json } = JSON.parse(readFileSync(DEFAULT_DATA_FILE, 'utf8')) as Record<string, unknown>;
  void $schema;
  reference = await writeWorkbook(fillWorkbook(json), guideLines());
});

/** The reference workbook, changed with exceljs as a clerk would change it in Excel. */
async function edited(change: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(reference as unknown as ArrayBuffer);
  change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function read(bytes: Uint8Array, file = 'book.xlsx') {
  const parsed = parseBook(bytes, file);
  if (!parsed.book) return { diagnostics: parsed.diagnostics, json: undefined, positions: new Map() };
  return readWorkbook(parsed.book, file);
}

const where = (d: { sheet?: string; cell?: string; rule: string }) => `${d.sheet ?? ''}!${d.cell ?? ''} ${d.rule}`;

describe('a workbook', () => {
  it('that is not a 填报表 is said to be none, naming the sheets it has', () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['科目编码', '科目名称'], ['201', '一般公共服务支出']]), 'Sheet1');
    const r = read(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['workbook-not-gongkai']);
    expect(r.diagnostics[0]!.message).toContain('Sheet1');
  });

  it('with a renamed sheet: the missing one is an error, the unknown one a warning', async () => {
    const r = read(await edited((wb) => (wb.getWorksheet('项目支出')!.name = '项目')));
    expect(r.diagnostics.map((d) => `${d.severity} ${d.rule} ${d.sheet}`)).toEqual(expect.arrayContaining(['error workbook-sheet-missing 项目支出', 'warning workbook-sheet-unknown 项目']));
  });

  it('with text in an amount: an error at that cell, in words', async () => {
    const r = read(await edited((wb) => (wb.getWorksheet('项目支出')!.getCell('D3').value = '一百万')));
    const d = r.diagnostics.find((x) => x.rule === 'workbook-cell')!;
    expect(where(d)).toBe('项目支出!D3 workbook-cell');
    expect(d.message).toMatch(/金额格内是文字“一百万”/);
    // the cell, in the workbook's words: no data path for a clerk
    expect(formatDiagnostic(d)).toMatch(/^book\.xlsx › 项目支出 › D3 {2}\[workbook-cell\] 一般公共预算：/);
  });

  it('with a formula: its cached value is used; without one it is an error at the cell', async () => {
    const withValue = read(await edited((wb) => (wb.getWorksheet('项目支出')!.getCell('D2').value = { formula: '2000+849.51', result: 2849.51 } as ExcelJS.CellFormulaValue)));
    expect(withValue.diagnostics).toEqual([]);
    expect((withValue.json as { projects: Array<{ funds: { generalBudget: string } }> }).projects[0]!.funds.generalBudget).toBe('2849.51');
    const without = read(await edited((wb) => (wb.getWorksheet('项目支出')!.getCell('D2').value = { formula: 'SUM(D3:D5)' } as ExcelJS.CellFormulaValue)));
    expect(without.diagnostics.map(where)).toEqual(['项目支出!D2 workbook-formula']);
    expect(without.diagnostics[0]!.message).toContain('没有计算结果');
  });

  it('with rows merged or hidden over data: errors, since data would be lost or unseen', async () => {
    const merged = read(await edited((wb) => wb.getWorksheet('项目支出')!.mergeCells('A2:A3')));
    expect(merged.diagnostics.map(where)).toContain('项目支出!A2 workbook-merged');
    const hidden = read(await edited((wb) => (wb.getWorksheet('项目支出')!.getRow(4).hidden = true)));
    expect(hidden.diagnostics.map(where)).toContain('项目支出!A4 workbook-hidden-row');
  });

  it('with values in a column without a header: a warning at the first such cell, once per column (F7)', async () => {
    const r = read(
      await edited((wb) => {
        const ws = wb.getWorksheet('项目支出')!;
        ws.getCell('K3').value = '备注：待核实';
        ws.getCell('K7').value = 99;
        wb.getWorksheet('部门信息')!.getCell('E4').value = '另记';
        wb.getWorksheet('段落文字')!.getCell('D2').value = '补充一段';
      }),
    );
    expect(r.diagnostics.map((d) => `${where(d)} ${d.severity}`)).toEqual(['部门信息!E4 workbook-column-unread warning', '段落文字!D2 workbook-column-unread warning', '项目支出!K3 workbook-column-unread warning']);
    expect(r.diagnostics.find((d) => d.sheet === '项目支出')!.message).toBe('K 列没有表头，K3 等 2 格的内容没有读取：请把内容移到对应的列，或删去');
  });

  it('with many sheets it does not know: one warning, not one per sheet', async () => {
    const r = read(await edited((wb) => { for (let i = 0; i < 40; i++) wb.addWorksheet(`附表${i}`); }));
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['workbook-sheet-unknown']);
    expect(r.diagnostics[0]!.message).toMatch(/^40 个不认识的工作表已忽略：“附表0”/);
  });

  it('with a column deleted: an error naming the column', async () => {
    const r = read(await edited((wb) => wb.getWorksheet('项目支出')!.spliceColumns(3, 1)));
    const d = r.diagnostics.find((x) => x.rule === 'workbook-column-missing')!;
    expect(d.message).toContain('“项目类别”');
    expect(d.sheet).toBe('项目支出');
  });

  it('reads figures as real files write them: separators, the unit after the figure, codes typed as numbers', async () => {
    const r = read(
      await edited((wb) => {
        const ws = wb.getWorksheet('项目支出')!;
        ws.getCell('D2').value = '2,849.51';
        ws.getCell('D3').value = '1380.30万元';
        wb.getWorksheet('功能科目支出')!.getCell('A2').value = 2010302;
      }),
    );
    expect(r.diagnostics).toEqual([]);
    const json = r.json as { projects: Array<{ funds: { generalBudget: string } }>; expenditure: { lines: Array<{ code: string }> } };
    expect(json.projects[0]!.funds.generalBudget).toBe('2849.51');
    expect(json.projects[1]!.funds.generalBudget).toBe('1380.30');
    expect(json.expenditure.lines[0]!.code).toBe('2010302');
    // an amount in the other unit is not guessed at
    const wrong = read(await edited((wb) => (wb.getWorksheet('项目支出')!.getCell('D2').value = '28495100元')));
    expect(wrong.diagnostics.map((d) => d.rule)).toEqual(['workbook-unit']);
  });

  it('whose data does not validate gets the validation’s own message at the cell', async () => {
    const r = read(await edited((wb) => (wb.getWorksheet('项目支出')!.getCell('B2').value = null)));
    expect(r.diagnostics).toEqual([]);
    const v = validate(r.json, 'book.xlsx', r.positions);
    const d = v.diagnostics.find((x) => x.path === 'projects[0].name')!;
    expect(where(d)).toBe('项目支出!B2 missing-field');
  });

  it('of 100,000 rows is refused at the row limit', () => {
    const rows: unknown[][] = [['单位名称', '项目名称', '项目类别', '一般公共预算']];
    for (let i = 0; i < 100_000; i++) rows.push(['单位', `项目${i}`, '其他运转类', 1]);
    const wb = XLSX.read(reference, { type: 'buffer' });
    wb.Sheets['项目支出'] = XLSX.utils.aoa_to_sheet(rows);
    const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    const r = read(bytes);
    const d = r.diagnostics.find((x) => x.rule === 'too-many')!;
    expect(d.sheet).toBe('项目支出');
    expect(d.message).toContain(String(LIMITS.rows));
  });

  it('that is encrypted, corrupt or not a spreadsheet is said to be so', () => {
    const CFB = (XLSX as unknown as { CFB: { utils: { cfb_new(): unknown; cfb_add(c: unknown, name: string, data: Buffer): void }; write(c: unknown, o: object): Buffer } }).CFB;
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
    CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(64, 7));
    expect(read(CFB.write(cfb, { type: 'buffer' })).diagnostics.map((d) => d.rule)).toEqual(['workbook-encrypted']);
    const corrupt = read(reference.subarray(0, 2000));
    expect(corrupt.diagnostics.map((d) => d.rule)).toEqual(['workbook-unreadable']);
    expect(corrupt.diagnostics[0]!.message).toMatch(/已损坏/);
    expect(read(Buffer.from('这不是表格')).diagnostics.map((d) => d.rule)).toEqual(['workbook-unreadable']);
  });
});
