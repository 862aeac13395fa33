import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_FILE } from '../../src/load/discover.js';
import { renderPreview } from '../../src/preview/render.js';
import { watchPreview } from '../../src/preview/watch.js';
import { fillWorkbook, guideLines } from '../../src/workbook/fill.js';
import { writeWorkbook } from '../../src/write/workbook.js';

/*
 * The preview takes a 填报表 as it takes a JSON file: it renders it, and a save in Excel (which
 * writes a new file and renames it over the old one) is a data change that renders again.
 */

describe('preview of a workbook', () => {
  it('renders the workbook, and notices it saved by rename', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gongkai-preview-book-'));
    const book = path.join(dir, 'book.xlsx');
    const { $schema, ...json } = JSON.parse(await readFile(DEFAULT_DATA_FILE, 'utf8'));
    void $schema;
    await writeFile(book, await writeWorkbook(fillWorkbook(json), guideLines()));
    const first = await renderPreview(book, { date: '2026-03-01', fresh: false, isCurrent: () => true });
    expect(first.kind).toBe('ok');

    const seen: string[] = [];
    const watcher = watchPreview({ file: book, onChange: (reason) => seen.push(reason) });
    await watcher.ready;
    try {
      // a save as Excel does it: a new file, renamed over the old one; with an error in it
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(book);
      wb.getWorksheet('项目支出')!.getCell('D2').value = '一百万';
      const tmp = path.join(dir, '~book.tmp');
      await wb.xlsx.writeFile(tmp);
      await (await import('node:fs/promises')).rename(tmp, book);
      const deadline = Date.now() + 15_000;
      while (!seen.includes('data') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(seen).toContain('data');
      const again = await renderPreview(book, { date: '2026-03-01', fresh: false, isCurrent: () => true });
      expect(again.kind).toBe('error');
      expect(again.kind === 'error' && again.diagnostics.some((d) => d.sheet === '项目支出' && d.cell === 'D2')).toBe(true);
    } finally {
      await watcher.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
