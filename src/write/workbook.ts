import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { OutSheet } from '../workbook/fill.js';

/*
 * Workbooks as bytes, drawn with exceljs (styles, notes, drop-down lists, frozen header rows,
 * number formats — what a clerk in Excel or WPS needs, and what SheetJS's community build does
 * not write). The zip is written again with a fixed date on every entry, so the same data gives
 * the same bytes.
 */

const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
/** Rows below the data that keep the column's format and drop-down, for rows a clerk adds. */
const SPARE_ROWS = 200;

/** exceljs stamps the zip entries with the clock: the same workbook, written again with a fixed date. */
export async function deterministicZip(bytes: Uint8Array): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name]!;
    if (entry.dir) continue;
    out.file(name, await entry.async('uint8array'), { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}

function newBook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongkai';
  wb.lastModifiedBy = 'gongkai';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  return wb;
}

const listFormula = (options: readonly string[]) => [`"${options.join(',')}"`];

/** The gongkai 填报表: a guide sheet, then one sheet per group of facts. */
export async function writeWorkbook(sheets: OutSheet[], guide: string[]): Promise<Buffer> {
  const wb = newBook();
  const g = wb.addWorksheet('填表说明');
  g.getColumn(1).width = 110;
  guide.forEach((line, i) => {
    const cell = g.getCell(i + 1, 1);
    cell.value = line;
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    s.header.forEach((h, c) => {
      const cell = ws.getCell(1, c + 1);
      cell.value = h.text;
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = THIN;
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      if (h.note) cell.note = { texts: [{ text: h.note }] } as ExcelJS.Comment;
      ws.getColumn(c + 1).width = h.width ?? 14;
    });
    ws.getRow(1).height = 30;
    s.rows.forEach((row, r) => {
      row.forEach((out, c) => {
        const cell = ws.getCell(r + 2, c + 1);
        if (out.value !== undefined) cell.value = out.value;
        if (out.format) cell.numFmt = out.format;
        cell.alignment = { vertical: 'top', wrapText: typeof out.value === 'string' && out.value.length > 20 };
      });
    });
    // the column's format and drop-down for the rows a clerk adds
    const last = s.rows.length + 1 + SPARE_ROWS;
    s.header.forEach((h, c) => {
      for (let r = s.rows.length + 2; r <= last && s.spec.kind !== 'record'; r++) {
        const cell = ws.getCell(r, c + 1);
        if (h.format) cell.numFmt = h.format;
      }
    });
    if (s.spec.kind === 'record') {
      s.spec.fields.forEach((f, i) => {
        const cell = ws.getCell(i + 2, 2);
        if (f.options) cell.dataValidation = { type: 'list', allowBlank: true, formulae: listFormula(f.options), showErrorMessage: true, errorTitle: '请从列表中选择', error: `须为 ${f.options.join('、')} 之一` };
        ws.getCell(i + 2, 1).font = { bold: true };
      });
    } else {
      s.header.forEach((h, c) => {
        if (!h.options) return;
        for (let r = 2; r <= last; r++) ws.getCell(r, c + 1).dataValidation = { type: 'list', allowBlank: true, formulae: listFormula(h.options), showErrorMessage: true, errorTitle: '请从列表中选择', error: `须为 ${h.options.join('、')} 之一` };
      });
    }
  }
  return deterministicZip(new Uint8Array(await wb.xlsx.writeBuffer()));
}
