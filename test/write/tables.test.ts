import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../bench/examples.js';
import { D } from '../../src/derive/decimal.js';
import { DEFAULT_DATA_FILE } from '../../src/load/discover.js';
import { checkDataFile, environment, renderToPdf } from '../../src/pipeline/index.js';
import { renderDocument } from '../../src/render/index.js';
import { writeTablesWorkbook } from '../../src/write/tables.js';
import { normalise, pdfPages } from '../support/pdf-text.js';

/*
 * The exported 13-table workbook says what the PDF says: every cell it holds — titles, headers,
 * names, figures — is in the PDF's text; figures are numbers formatted 0.00; header cells keep
 * their merges. A figure holds the exact amount (to the 元 of a department kept in 元), so the
 * tables read back give the data, not its rounding.
 */

let book: XLSX.WorkBook;
let pdfText: string;
beforeAll(async () => {
  const checked = await checkDataFile(DEFAULT_DATA_FILE);
  const { env } = await environment(checked.data!.templateSet);
  const rendered = renderDocument(checked.derived!, checked.data!, env!.set);
  const bytes = await writeTablesWorkbook(rendered, env!.set.tableOrder, env!.set.theme.numbers.wan.grouping);
  book = XLSX.read(bytes, { type: 'buffer', cellNF: true });
  const pdf = (await renderToPdf(checked.data!, checked.derived!, env!, DEFAULT_DATA_FILE)).pdf;
  pdfText = normalise((await pdfPages(pdf)).join(''));
});

describe('the exported 预算公开表', () => {
  it('has the thirteen tables, one sheet each, named as the PDF labels them', () => {
    expect(book.SheetNames).toHaveLength(13);
    expect(book.SheetNames[0]).toBe('预算公开表1');
  });

  it('holds only what the PDF prints, figures as numbers formatted 0.00', () => {
    let figures = 0;
    const missing: string[] = [];
    for (const name of book.SheetNames) {
      const ws = book.Sheets[name]!;
      for (const [addr, cell] of Object.entries(ws)) {
        if (addr.startsWith('!')) continue;
        const c = cell as XLSX.CellObject;
        if (c.t === 'n') {
          figures++;
          expect(c.z, `${name}!${addr}`).toBe('0.00');
        }
        // a figure shows as the PDF prints it: its exact amount rounded half-up to two decimals
        const text = normalise(c.t === 'n' ? new D(String(c.v)).toFixed(2, D.ROUND_HALF_UP) : String(c.w ?? c.v ?? ''));
        if (text && !pdfText.includes(text)) missing.push(`${name}!${addr} ${text}`);
      }
    }
    expect(figures).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  it('keeps the merged header cells', () => {
    const merges = book.Sheets['预算公开表1']!['!merges'] ?? [];
    expect(merges.some((m) => m.s.r >= 3 && m.e.c > m.s.c)).toBe(true);
  });

  it('holds each amount exact: a department kept in 元 keeps its 元 behind the 0.00 format', async () => {
    const file = `${EXAMPLES_DIR}/yingze-culture-tourism.json`;
    const checked = await checkDataFile(file);
    const { env } = await environment(checked.data!.templateSet);
    const rendered = renderDocument(checked.derived!, checked.data!, env!.set);
    const yuan = XLSX.read(await writeTablesWorkbook(rendered, env!.set.tableOrder, false), { type: 'buffer', cellNF: true });
    // 表10's 公务接待费 is 38,283.51 元: 3.828351 万元, shown 3.83
    const t10 = yuan.Sheets['预算公开表10']!;
    const reception = Object.entries(t10).find(([, c]) => (c as XLSX.CellObject).v === '公务接待费')![0];
    const figure = t10[reception.replace(/^A/, 'C')] as XLSX.CellObject;
    expect(figure.v).toBe(3.828351);
    expect(figure.z).toBe('0.00');
    // and many figures carry more than two decimals of 万元
    const exact = Object.values(yuan.Sheets).flatMap((ws) => Object.values(ws)).filter((c) => (c as XLSX.CellObject).t === 'n' && !/^-?\d+(\.\d{1,2})?$/.test(String((c as XLSX.CellObject).v)));
    expect(exact.length).toBeGreaterThan(100);
  }, 120_000);
});
