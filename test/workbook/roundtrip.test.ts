import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../bench/examples.js';
import { DEFAULT_DATA_FILE } from '../../src/load/discover.js';
import { parseBook } from '../../src/load/workbook.js';
import { checkDataFile, environment, renderToPdf, type Environment } from '../../src/pipeline/index.js';
import { fillWorkbook, guideLines } from '../../src/workbook/fill.js';
import { readWorkbook } from '../../src/workbook/read.js';
import { writeWorkbook } from '../../src/write/workbook.js';

/*
 * The workbook route gives the same document as the JSON route: data file → 填报表 → read back
 * is the same data, key for key and "17.50" for "17.50", and the PDF built from the workbook has
 * the same bytes. Also through the formats a government system saves (.xls, SpreadsheetML XML).
 */

const FILES = [DEFAULT_DATA_FILE, `${EXAMPLES_DIR}/yingze-culture-tourism.json`, `${EXAMPLES_DIR}/yuci-government-services.json`];
let env: Environment;
let dir: string;
beforeAll(async () => {
  env = (await environment('shanxi-zonggai')).env!;
  dir = await mkdtemp(path.join(tmpdir(), 'gongkai-roundtrip-'));
});

async function pdfOf(file: string): Promise<Buffer> {
  const checked = await checkDataFile(file);
  expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return (await renderToPdf(checked.data!, checked.derived!, env, file)).pdf;
}

describe('data file → workbook → data file', () => {
  it.each(FILES)('%s: the same data, and the same PDF bytes', async (file) => {
    const { $schema, ...json } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    void $schema;
    const bytes = await writeWorkbook(fillWorkbook(json), guideLines());
    // the same data gives the same workbook bytes
    expect((await writeWorkbook(fillWorkbook(json), guideLines())).equals(bytes)).toBe(true);
    const { book, diagnostics } = parseBook(bytes, 'book.xlsx');
    expect(diagnostics).toEqual([]);
    const read = readWorkbook(book!, 'book.xlsx');
    expect(read.diagnostics).toEqual([]);
    expect(read.json).toEqual(json);
    const xlsx = path.join(dir, `${path.basename(file, '.json')}.xlsx`);
    await writeFile(xlsx, bytes);
    expect((await pdfOf(xlsx)).equals(await pdfOf(file))).toBe(true);
  });

  it.each([['xls', 'biff8'], ['xml', 'xlml']] as const)('read as a system saves it (.%s, %s): the same data', async (ext, bookType) => {
    const { $schema, ...json } = JSON.parse(readFileSync(DEFAULT_DATA_FILE, 'utf8')) as Record<string, unknown>;
    void $schema;
    const xlsx = await writeWorkbook(fillWorkbook(json), guideLines());
    // what SheetJS writes in the old formats keeps values and number formats
    const other = XLSX.write(XLSX.read(xlsx, { type: 'buffer', cellNF: true }), { type: 'buffer', bookType }) as Buffer;
    const { book, diagnostics } = parseBook(other, `book.${ext}`);
    expect(diagnostics).toEqual([]);
    expect(book!.format).not.toBe('xlsx');
    const read = readWorkbook(book!, `book.${ext}`);
    expect(read.diagnostics).toEqual([]);
    expect(read.json).toEqual(json);
  });
});

describe('docs/workbook.md', () => {
  it('describes every sheet and column as the spec has them (npm run docs:workbook)', async () => {
    const { workbookDoc } = await import('../../src/workbook/doc.js');
    const { packageRoot } = await import('../../src/load/root.js');
    expect(readFileSync(path.join(packageRoot(), 'docs', 'workbook.md'), 'utf8')).toBe(workbookDoc());
  });

  it('lists each table sheet’s columns in the order the written workbook has them (序号 before 期间)', async () => {
    const { workbookDoc } = await import('../../src/workbook/doc.js');
    const doc = workbookDoc();
    let checked = 0;
    for (const sheet of fillWorkbook()) {
      if (sheet.spec.kind === 'record' || sheet.spec.kind === 'paragraphs') continue;
      const section = doc.split(`\n## ${sheet.spec.name}\n`)[1]!.split('\n## ')[0]!;
      const listed = [...section.matchAll(/^\| ([^|]+?) \|/gm)].map((m) => m[1]!).filter((h) => h !== '列' && !h.startsWith('---'));
      expect(listed, sheet.spec.name).toEqual(sheet.header.map((h) => h.text));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });
});
