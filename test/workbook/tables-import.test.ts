import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../bench/examples.js';
import { DEFAULT_DATA_FILE } from '../../src/load/discover.js';
import { loadImportLayout } from '../../src/load/import-layout.js';
import { parseBook } from '../../src/load/workbook.js';
import { checkDataFile, environment, exportTablesFile, renderToPdf } from '../../src/pipeline/index.js';
import { importTablesFile } from '../../src/pipeline/import.js';
import { skeleton } from '../../src/cli/init.js';
import { importTables } from '../../src/workbook/tables-import.js';

/*
 * The budget system's own tables: the thirteen 预算公开表 in the standard export layout read back
 * into facts. The reference department's exported tables give back exactly its data (and PDF);
 * a department whose tables leave a line undetermined is told which line, at its cell; a figure
 * the facts do not add up to is a warning at its cell.
 */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gongkai-tables-'));
});

const base = (file: string) => (o: { name: string; year: number; code: string }) => skeleton(o) as Record<string, unknown>;

async function exported(file: string): Promise<string> {
  const r = await exportTablesFile(file, { outDir: dir });
  expect(r.output).toBeDefined();
  return r.output!;
}

describe('importing the thirteen tables', () => {
  it('gives back the reference department’s data exactly, and the same PDF', async () => {
    const xlsx = await exported(DEFAULT_DATA_FILE);
    const r = await importTablesFile(xlsx, { layout: 'standard-13', into: DEFAULT_DATA_FILE, skeleton: base(DEFAULT_DATA_FILE) });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.diagnostics.filter((d) => d.rule.startsWith('tables-'))).toEqual([]);
    expect(r.json).toEqual(JSON.parse(readFileSync(DEFAULT_DATA_FILE, 'utf8')));
    const json = path.join(dir, 'back.json');
    await writeFile(json, JSON.stringify(r.json));
    const env = (await environment('shanxi-zonggai')).env!;
    const a = await checkDataFile(json);
    const b = await checkDataFile(DEFAULT_DATA_FILE);
    expect((await renderToPdf(a.data!, a.derived!, env, json)).pdf.equals((await renderToPdf(b.data!, b.derived!, env, DEFAULT_DATA_FILE)).pdf)).toBe(true);
  });

  it('names each line the published tables leave undetermined (and the base does not settle), at its cell, and writes nothing', async () => {
    const file = `${EXAMPLES_DIR}/yuci-government-services.json`;
    // a base without the 项 lines: nothing says how a line's carryover splits between sources
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.expenditure.lines = [];
    const into = path.join(dir, 'no-lines.json');
    await writeFile(into, JSON.stringify(json));
    const r = await importTablesFile(await exported(file), { layout: 'standard-13', into, skeleton: base(file) });
    expect(r.json).toBeUndefined();
    const ambiguous = r.diagnostics.filter((d) => d.rule === 'tables-ambiguous');
    expect(ambiguous.length).toBeGreaterThan(0);
    for (const d of ambiguous) {
      expect(d.sheet).toBe('预算公开表3');
      expect(d.cell).toMatch(/^A\d+$/);
      expect(d.message).toMatch(/请在填报表的“功能科目支出”中填写/);
    }
  });

  it('warns at the cell where an exported 合计 is not what its rows add up to', async () => {
    const xlsx = await exported(DEFAULT_DATA_FILE);
    // the system's 合计 row of 表3 says 0.01 more than its 项 rows
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.getWorksheet('预算公开表3')!;
    let at = '';
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === '合计' && !at) {
        row.getCell(3).value = Number(row.getCell(3).value) + 0.01;
        at = `C${n}`;
      }
    });
    const changed = path.join(dir, 'changed.xlsx');
    await wb.xlsx.writeFile(changed);
    const r = await importTablesFile(changed, { layout: 'standard-13', into: DEFAULT_DATA_FILE, skeleton: base(DEFAULT_DATA_FILE) });
    const d = r.diagnostics.filter((x) => x.rule === 'tables-figure-mismatch');
    expect(d.map((x) => `${x.sheet}!${x.cell}`)).toEqual([`预算公开表3!${at}`]);
    expect(d[0]!.severity).toBe('warning');
  });

  it('reads another system’s layout from its own layout file: data, not code', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'gongkai-layout-'));
    const standard = JSON.parse(readFileSync(path.join(path.dirname(DEFAULT_DATA_FILE), 'import-layouts', 'standard-13.json'), 'utf8'));
    // a system that heads the columns 一般公共预算拨款 and names the table 部门支出总表
    const other = structuredClone(standard);
    other.name = 'other-system';
    other.tables.t03.find = '部门支出总表';
    other.tables.t05.columns['current.basic.generalBudget'] = '基本支出拨款';
    await (await import('node:fs/promises')).mkdir(path.join(root, 'data', 'import-layouts'), { recursive: true });
    await writeFile(path.join(root, 'data', 'import-layouts', 'other-system.json'), JSON.stringify(other));
    const { layout } = await loadImportLayout('other-system', root);
    expect(layout).toBeDefined();
    const xlsx = await exported(DEFAULT_DATA_FILE);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    wb.getWorksheet('预算公开表3')!.getCell('A2').value = '2026年部门支出总表';
    wb.getWorksheet('预算公开表5')!.eachRow((row) => row.eachCell((c) => c.value === '基本支出' && (c.value = '基本支出拨款')));
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const set = (await environment('shanxi-zonggai')).env!.set;
    const r = importTables(parseBook(bytes, 'other.xlsx').book!, set, layout!, 'other.xlsx', { base: JSON.parse(readFileSync(DEFAULT_DATA_FILE, 'utf8')), economicClasses: new Map([['302', '商品和服务支出'], ['310', '资本性支出']]) });
    expect(r.diagnostics).toEqual([]);
    expect(r.json).toEqual(JSON.parse(readFileSync(DEFAULT_DATA_FILE, 'utf8')));
    // and the standard layout does not find the renamed table
    const std = importTables(parseBook(bytes, 'other.xlsx').book!, set, (await loadImportLayout('standard-13')).layout!, 'other.xlsx', { economicClasses: new Map() });
    expect(std.diagnostics.map((d) => d.rule)).toContain('tables-missing');
  });
});
