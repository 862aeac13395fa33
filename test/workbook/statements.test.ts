import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/load/root.js';
import { parseBook, type Book } from '../../src/load/workbook.js';
import { checkDataFile, environment, renderToPdf } from '../../src/pipeline/index.js';
import { fillWorkbook, guideLines } from '../../src/workbook/fill.js';
import { readWorkbook } from '../../src/workbook/read.js';
import { SHEETS } from '../../src/workbook/spec.js';
import { writeWorkbook } from '../../src/write/workbook.js';

/*
 * The Shanghai lists through the 填报表: 项目经费情况说明 (a sheet, its paragraphs and budget parts
 * in two child sheets keyed by 序号) and the planned purchases (rows of 情况说明). The Shanghai
 * data goes data → workbook → data unchanged and builds the same PDF; a workbook made before these
 * sheets and rows existed reads as it did, without a word.
 */

const SHANGHAI = path.join(packageRoot(), 'data', 'shanghai-putuo-commerce.json');
const NEW_SHEETS = SHEETS.filter((s) => s.kind === 'table' && s.addedLater).map((s) => s.name);
const PLANNED_ROWS = SHEETS.flatMap((s) => (s.kind === 'record' ? s.fields : [])).filter((f) => f.path.startsWith('narrative.assets.planned.')).map((f) => f.header);

let shanghai: Record<string, unknown>;
beforeAll(() => {
  const { $schema, ...json } = JSON.parse(readFileSync(SHANGHAI, 'utf8')) as Record<string, unknown>;
  void $schema;
  shanghai = json;
});

async function bookOf(json: unknown): Promise<{ bytes: Buffer; book: Book }> {
  const bytes = await writeWorkbook(fillWorkbook(json), guideLines());
  const parsed = parseBook(bytes, 'book.xlsx');
  expect(parsed.diagnostics).toEqual([]);
  return { bytes, book: parsed.book! };
}

const cellText = (book: Book, sheet: string, r: number, c: number) => book.sheets.find((s) => s.name === sheet)!.rows[r]?.[c]?.v;

describe('the Shanghai data through the workbook', () => {
  it('has the statements, their paragraphs and parts, and the planned purchases in the workbook', async () => {
    const { book } = await bookOf(shanghai);
    const statements = shanghai.projectStatements as Array<{ project: string; basis: string[]; budget: { parts: unknown[] } }>;
    expect(NEW_SHEETS).toEqual(['项目经费情况说明', '项目经费说明段落', '项目经费预算构成']);
    expect(cellText(book, '项目经费情况说明', 1, 1)).toBe(statements[0]!.project);
    const paragraphs = book.sheets.find((s) => s.name === '项目经费说明段落')!.rows.slice(1).filter(Boolean);
    expect(paragraphs.filter((r) => r![0]?.v === 1 && r![1]?.v === '立项依据').map((r) => r![2]?.v)).toEqual(statements[0]!.basis);
    const parts = book.sheets.find((s) => s.name === '项目经费预算构成')!.rows.slice(1).filter(Boolean);
    expect(parts.length).toBe(statements.reduce((n, s) => n + s.budget.parts.length, 0));
    const record = book.sheets.find((s) => s.name === '情况说明')!.rows;
    expect(record.find((r) => r?.[0]?.v === '本年预算安排购置执法执勤用车（辆）')?.[1]?.v).toBe(0);
  });

  it('reads back as the same data, and builds the same PDF bytes', async () => {
    expect(shanghai.projectStatements).toBeDefined();
    const { bytes, book } = await bookOf(shanghai);
    const read = readWorkbook(book, 'book.xlsx');
    expect(read.diagnostics).toEqual([]);
    expect(read.json).toEqual(shanghai);

    const env = (await environment('shanghai-putuo')).env!;
    const pdfOf = async (file: string) => {
      const checked = await checkDataFile(file);
      expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      return (await renderToPdf(checked.data!, checked.derived!, env, file)).pdf;
    };
    const xlsx = path.join(await mkdtemp(path.join(tmpdir(), 'gongkai-statements-')), 'shanghai.xlsx');
    await writeFile(xlsx, bytes);
    expect((await pdfOf(xlsx)).equals(await pdfOf(SHANGHAI))).toBe(true);
  });
});

describe('a workbook made before the statements and planned purchases', () => {
  it('reads as before, with no message', async () => {
    const { projectStatements, ...rest } = shanghai;
    void projectStatements;
    const narrative = structuredClone(rest.narrative) as { assets: Record<string, unknown> };
    delete narrative.assets.planned;
    const older = { ...rest, narrative };
    const { book } = await bookOf(older);
    // as an earlier gongkai wrote it: without the sheets and rows added since
    const before: Book = {
      ...book,
      sheets: book.sheets
        .filter((s) => !NEW_SHEETS.includes(s.name))
        .map((s) => (s.name === '情况说明' ? { ...s, rows: s.rows.filter((r) => !PLANNED_ROWS.includes(String(r?.[0]?.v))) } : s)),
    };
    expect(before.sheets.length).toBe(book.sheets.length - NEW_SHEETS.length);
    expect(PLANNED_ROWS.length).toBe(12);
    const read = readWorkbook(before, 'old.xlsx');
    expect(read.diagnostics).toEqual([]);
    expect(read.json).toEqual(older);
  });
});

describe('mistakes in the statement sheets', () => {
  it('are said at their sheet and cell, in the clerk’s words', async () => {
    const { book } = await bookOf(shanghai);
    const paragraphs = book.sheets.find((s) => s.name === '项目经费说明段落')!;
    paragraphs.rows[1]![0] = { t: 'n', v: 9 };
    paragraphs.rows[2]![1] = { t: 's', v: '总体目标' };
    const parts = book.sheets.find((s) => s.name === '项目经费预算构成')!;
    parts.rows[1]![2] = { t: 's', v: '一百万' };
    const read = readWorkbook(book, 'book.xlsx');
    expect(read.diagnostics.map((d) => `${d.sheet} › ${d.cell}: ${d.message}`)).toEqual([
      '项目经费说明段落 › A2: “项目经费情况说明”中没有序号 9',
      '项目经费说明段落 › B3: “部分”须为 项目概述、立项依据、实施方案 之一',
      '项目经费预算构成 › C2: 金额：金额格内是文字“一百万”：请填写数字（单位：元）',
    ]);
  });

  it('a repeated 序号 names both sheets that join by it', async () => {
    const { book } = await bookOf(shanghai);
    book.sheets.find((s) => s.name === '项目经费情况说明')!.rows[2]![0] = { t: 'n', v: 1 };
    const read = readWorkbook(book, 'book.xlsx');
    expect(read.diagnostics.find((d) => d.sheet === '项目经费情况说明')?.message).toBe('序号 1 重复：“项目经费说明段落”和“项目经费预算构成”表按它对应，须各不相同');
  });
});
