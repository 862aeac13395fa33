import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/cli/report.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { checkDataFile } from '../../src/pipeline/check.js';
import { fillWorkbook, guideLines } from '../../src/workbook/fill.js';
import { shapeOf, workbookPlace } from '../../src/workbook/vocabulary.js';
import { writeWorkbook } from '../../src/write/workbook.js';

/*
 * A workbook user reads sheets, cells and column names: every message of the workbook route is
 * checked for what a JSON author would read instead (paths, field names, JSON values, English).
 */

const MIXED = path.resolve('data/examples/yangqu-agriculture-mixed-kinds.json');
let base: Buffer;
beforeAll(async () => {
  const { $schema, ...json } = JSON.parse(readFileSync(MIXED, 'utf8')) as Record<string, unknown>;
  void $schema;
  base = await writeWorkbook(fillWorkbook(json), guideLines());
});

async function edited(change: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(base as unknown as ArrayBuffer);
  change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function check(bytes: Buffer): Promise<Diagnostic[]> {
  return (await checkDataFile('dept.xlsx', { bytes })).diagnostics;
}

/** What only a JSON author would read: a path, a camelCase field, a JSON value, an English word. */
const JSON_WORDS = [
  /[A-Za-z_]\w*\[\d*\]/, // projects[3], units[]
  /\b[a-z]+[A-Z]\w*\b/, // govName, noCarryover
  /\b[a-z]+\.[a-z]+/, // department.units
  /"\w+"\s*:/, // "noCarryover": true
  /\b(true|false|null|undefined|string|number|object|array)\b/i,
  /⟦|⟧/, // a place left unworded
  /[A-Za-z]{3,}/, // any other word of English or code
];
/** Cell addresses and the names of tools a clerk knows. */
const ALLOWED_ASCII = /\b(gongkai|Excel|WPS|PDF|[A-Z]{1,3}\d+)\b/g;

function expectWorkbookWords(ds: readonly Diagnostic[]) {
  for (const d of ds) {
    // what the clerk reads: the message and the related places (the rule id is a code to silence it by)
    const printed = [d.message, ...(d.relatedPlaces ?? [])].join(' ').replace(ALLOWED_ASCII, '');
    if (d.related?.length) expect(d.relatedPlaces?.length, `${d.rule} words its related places`).toBeGreaterThan(0);
    expect(formatDiagnostic(d)).not.toContain(d.path || '\u0000');
    for (const re of JSON_WORDS) expect(printed, `${d.rule}: ${printed}`).not.toMatch(re);
    expect(d.sheet, `${d.rule} names a sheet: ${d.message}`).toBeDefined();
  }
}

function column(ws: ExcelJS.Worksheet, header: string): number {
  let at = 0;
  ws.getRow(1).eachCell((c, i) => {
    if (String(c.value).replace(/\s+/g, '') === header) at = i;
  });
  expect(at, header).toBeGreaterThan(0);
  return at;
}

describe('the workbook vocabulary', () => {
  it('knows each data path by its sheet and column', () => {
    expect(shapeOf('projects[12].funds.generalBudget')).toBe('projects[].funds.generalBudget');
    expect(workbookPlace('projects[12].funds.generalBudget')).toMatchObject({ sheet: '项目支出', header: '一般公共预算' });
    expect(workbookPlace('basicByEconomic[1].items[4].govName')).toMatchObject({ sheet: '基本支出经济科目', header: '政府预算经济科目名称' });
    expect(workbookPlace('expenditure.noCarryover')).toMatchObject({ sheet: '部门信息', header: '没有上年结转' });
    expect(workbookPlace('department.units[2].kind')).toMatchObject({ sheet: '预算单位', header: '单位类型' });
    expect(workbookPlace('performanceSheets[0].indicators.annual[3].value')).toMatchObject({ sheet: '绩效指标', header: '指标值' });
  });

  it('the mixed-kind example reads clean as a workbook', async () => {
    expect(await check(base)).toEqual([]);
  });

  it('a unit whose kind is not stated: one message per row to fill, at the 政府预算经济科目名称 cell, with the names to choose from', async () => {
    const bytes = await edited((wb) => {
      // a bureau of 行政 units, one unit's kind left empty, 表6 names left to the catalogue
      const units = wb.getWorksheet('预算单位')!;
      const k = column(units, '单位类型');
      for (let r = 2; r <= units.rowCount; r++) if (units.getCell(r, 1).value) units.getCell(r, k).value = r === 3 ? null : '行政单位';
      const t6 = wb.getWorksheet('基本支出经济科目')!;
      const gov = column(t6, '政府预算经济科目名称');
      for (let r = 2; r <= t6.rowCount; r++) t6.getCell(r, gov).value = null;
    });
    const ds = await check(bytes);
    expectWorkbookWords(ds);
    const gov = ds.filter((d) => d.rule === 'gov-name-derivable');
    // the rows whose name was left to the catalogue, and only where the two kinds differ
    expect(gov.length).toBeGreaterThan(0);
    for (const d of gov) {
      expect(d.sheet).toBe('基本支出经济科目');
      expect(d.cell).toMatch(/^E\d+$/); // 政府预算经济科目名称
      expect(d.message).toMatch(/可填：“[^”]+”（行政单位、参公单位）或“[^”]+”（事业单位）/);
      expect(d.message).toContain('没有写明单位类型');
      expect(d.message).toContain('预算单位 › C3');
    }
  });

  it('partly stated kinds never read the 行政 column silently', async () => {
    const bytes = await edited((wb) => {
      const units = wb.getWorksheet('预算单位')!;
      const k = column(units, '单位类型');
      for (let r = 2; r <= units.rowCount; r++) if (units.getCell(r, k).value === '事业单位') units.getCell(r, k).value = null;
      const t6 = wb.getWorksheet('基本支出经济科目')!;
      const gov = column(t6, '政府预算经济科目名称');
      for (let r = 2; r <= t6.rowCount; r++) t6.getCell(r, gov).value = null;
    });
    const ds = await check(bytes);
    expectWorkbookWords(ds);
    const gov = ds.filter((d) => d.rule === 'gov-name-derivable');
    // 301 and 302 items differ between 行政 (501/502) and 事业 (505): every one of them is asked
    expect(gov.length).toBeGreaterThanOrEqual(20);
    expect(ds.some((d) => d.rule === 'gov-name-derivable' && /工资奖金津补贴/.test(d.message) && /工资福利支出/.test(d.message))).toBe(true);
  });

  it('says what to write where, in the sheet’s own words (没有上年结转 = 是)', async () => {
    const bytes = await edited((wb) => {
      const lines = wb.getWorksheet('功能科目支出')!;
      for (let c = 1; c <= lines.columnCount; c++) {
        if (!String(lines.getRow(1).getCell(c).value).startsWith('上年结转')) continue;
        for (let r = 2; r <= lines.rowCount; r++) lines.getCell(r, c).value = null;
      }
      const t13 = wb.getWorksheet('上年结转项目')!;
      t13.spliceRows(2, t13.rowCount);
    });
    const ds = await check(bytes);
    expectWorkbookWords(ds);
    const d = ds.find((x) => x.rule === 'carryover-not-stated')!;
    expect(d.message).toMatch(/部门信息 › B\d+（没有上年结转）为“是”/);
  });

  it('a project of a unit the workbook does not have names the units it has', async () => {
    const bytes = await edited((wb) => {
      const p = wb.getWorksheet('项目支出')!;
      p.getCell(2, column(p, '单位名称')).value = '不存在的单位';
    });
    const ds = await check(bytes);
    expectWorkbookWords(ds);
    const d = ds.find((x) => x.rule === 'project-unit-known' || x.message.includes('不存在的单位'))!;
    expect(d).toBeDefined();
    expect(d.message).toContain('预算单位');
    expect(d.message).toContain('阳曲县农业农村局本级');
  });

  it('one pass: a refused cell does not hide the cross-table checks of the rest, and its consequences are not said twice', async () => {
    const bytes = await edited((wb) => {
      const p = wb.getWorksheet('项目支出')!;
      p.getCell(2, column(p, '一般公共预算')).value = '一百万'; // refused cell
      const tp = wb.getWorksheet('三公经费')!;
      tp.getCell(2, 2).value = 1; // 因公出国（境）费 below 表6's: a cross-table finding elsewhere
    });
    const ds = await check(bytes);
    expectWorkbookWords(ds);
    expect(ds.filter((d) => d.rule === 'workbook-cell')).toHaveLength(1);
    expect(ds.some((d) => d.rule.startsWith('three-public'))).toBe(true);
    // the refused amount is not also a 表12 total mismatch
    expect(ds.some((d) => d.rule === 't12-equals-project-expenditure')).toBe(false);
  });

  it('duplicates and wrong years are said with cells, not paths', async () => {
    const bytes = await edited((wb) => {
      const u = wb.getWorksheet('预算单位')!;
      u.getCell(3, 1).value = u.getCell(2, 1).value;
    });
    const ds = await check(bytes);
    expectWorkbookWords(ds);
    const d = ds.find((x) => x.rule === 'duplicate-unit')!;
    expect(d.message).toContain('“预算单位”表第2行');
  });
});
