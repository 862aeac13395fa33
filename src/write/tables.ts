import { TABLES_CATEGORY } from '../load/exported.js';
import ExcelJS from 'exceljs';
import type { RenderedDocument } from '../render/index.js';
import type { TableModel } from '../render/table.js';
import { deterministicZip } from './workbook.js';

/*
 * The set's tables as one workbook, the attachment many departments publish beside the
 * PDF: a sheet per table with the PDF's label, title, 部门名称 / 单位 line, header rows with
 * their merged cells, the same figures (the exact amounts as numbers, formatted 0.00 so they show
 * as the PDF rounds them; blank where the PDF is blank) and the same notes. Made from the render stage's table models, so it cannot say
 * anything the PDF does not.
 */

const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));
/** A printed amount: digits, maybe thousands separators, two decimals. */
const AMOUNT = /^-?\d{1,3}(,?\d{3})*\.\d{2}$/;

/** Excel forbids some characters in sheet names and allows 31 characters. */
function sheetName(label: string, used: Set<string>): string {
  let name = label.replace(/[\\/?*[\]:]/g, '').slice(0, 31) || '表';
  for (let i = 2; used.has(name); i++) name = `${name.slice(0, 28)}(${i})`;
  used.add(name);
  return name;
}

function addTable(wb: ExcelJS.Workbook, t: TableModel, meta: RenderedDocument['meta'], used: Set<string>, grouping: boolean): void {
  const ws = wb.addWorksheet(sheetName(t.label, used), { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const n = t.widths.length;
  const total = t.widths.reduce((a, b) => a + b, 0);
  t.widths.forEach((w, i) => (ws.getColumn(i + 1).width = Math.max(8, Math.round((w / total) * 110))));
  ws.getCell(1, 1).value = t.label;
  ws.getCell(1, 1).font = { bold: true };
  ws.mergeCells(2, 1, 2, n);
  const title = ws.getCell(2, 1);
  title.value = t.title;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(2).height = 28;
  if (n > 1) ws.mergeCells(3, 1, 3, n - 1);
  ws.getCell(3, 1).value = meta.tableMeta;
  ws.getCell(3, n).value = t.unitLine ?? meta.tableUnit;
  ws.getCell(3, n).alignment = { horizontal: 'right' };
  let row = 4;
  const covered = new Set<string>();
  for (const header of t.header) {
    header.forEach((c, k) => {
      if (covered.has(`${row},${k}`)) return;
      const cell = ws.getCell(row, k + 1);
      cell.value = c.text;
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      const rs = c.rowSpan ?? 1;
      const cs = c.colSpan ?? 1;
      if (rs > 1 || cs > 1) {
        ws.mergeCells(row, k + 1, row + rs - 1, k + cs);
        for (let i = 0; i < rs; i++) for (let j = 0; j < cs; j++) covered.add(`${row + i},${k + j}`);
      }
    });
    row++;
  }
  for (let r = 4; r < row; r++) for (let k = 1; k <= n; k++) ws.getCell(r, k).border = THIN;
  for (const body of t.rows) {
    let k = 0;
    for (const c of body.cells) {
      const cell = ws.getCell(row, k + 1);
      if (c.exact !== undefined) {
        // the exact amount (to the 分, as 万元 with up to six decimals: a double holds it), shown
        // rounded as the PDF prints it: `import --layout` reads back the data, not its rounding
        cell.value = Number(c.exact);
        cell.numFmt = grouping ? '#,##0.00' : '0.00';
      } else if (AMOUNT.test(c.text)) {
        cell.value = Number(c.text.replace(/,/g, ''));
        cell.numFmt = grouping ? '#,##0.00' : '0.00';
      } else if (c.text !== '') cell.value = c.text;
      cell.alignment = { horizontal: c.align, vertical: 'middle', wrapText: true, ...(c.indent ? { indent: c.indent } : {}) };
      if (body.kind === 'total') cell.font = { bold: true };
      if (c.colSpan && c.colSpan > 1) ws.mergeCells(row, k + 1, row, k + c.colSpan);
      k += c.colSpan ?? 1;
    }
    for (let j = 1; j <= n; j++) ws.getCell(row, j).border = THIN;
    row++;
  }
  const notes = [...(t.empty ? [meta.emptyNote] : []), ...t.notes];
  for (const note of notes) {
    ws.mergeCells(row, 1, row, n);
    ws.getCell(row, 1).value = note;
    ws.getCell(row, 1).alignment = { wrapText: true };
    row++;
  }
  ws.views = [{ state: 'frozen', ySplit: 3 + t.header.length }];
}

export async function writeTablesWorkbook(rendered: RenderedDocument, tableOrder: readonly string[], grouping: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongkai';
  wb.lastModifiedBy = 'gongkai';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  wb.title = rendered.meta.title;
  // an output, never a department: discovery skips it by this mark, whatever the file is named
  wb.category = TABLES_CATEGORY;
  const used = new Set<string>();
  for (const id of tableOrder) {
    const t = rendered.tables[id];
    if (t) addTable(wb, t, rendered.meta, used, grouping);
  }
  return deterministicZip(new Uint8Array(await wb.xlsx.writeBuffer()));
}
