import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('a set of other tables, read through its own declarations', () => {
  /*
   * test/fixtures/template-sets/import-mini: five of the reference set's tables under other ids,
   * labels and titles, in another order, 三公 and 机关运行经费 in one table (its total alone). No
   * import layout and no code knows it.
   */
  const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'template-sets');
  let was: string | undefined;
  beforeAll(() => {
    was = process.env.GONGKAI_TEMPLATES;
    process.env.GONGKAI_TEMPLATES = FIXTURES;
  });
  afterAll(() => {
    if (was === undefined) delete process.env.GONGKAI_TEMPLATES;
    else process.env.GONGKAI_TEMPLATES = was;
  });

  it.each([DEFAULT_DATA_FILE, `${EXAMPLES_DIR}/yingze-culture-tourism.json`])('%s: gives back the facts its tables carry, and keeps the base’s for the rest', async (data) => {
    const original = { ...JSON.parse(readFileSync(data, 'utf8')), templateSet: 'import-mini' };
    const file = path.join(dir, `mini-${path.basename(data)}`);
    await writeFile(file, JSON.stringify(original));
    const xlsx = await exported(file);
    // the base without what the five tables print: projects' funds, 三公, the economic items' amounts
    const stripped = structuredClone(original);
    for (const p of stripped.projects) p.funds = {};
    stripped.threePublic = {};
    for (const g of stripped.basicByEconomic) for (const i of g.items) delete i.personnel, delete i.public;
    const into = path.join(dir, `mini-stripped-${path.basename(data)}`);
    await writeFile(into, JSON.stringify(stripped));
    const r = await importTablesFile(xlsx, { into, skeleton: base(file) });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.diagnostics.filter((d) => d.rule.startsWith('tables-'))).toEqual([]);
    expect(r.json).toEqual(original);
    // the figures came from the sheets the set's titles name; 三公 from the merged table
    const sheets = new Set([...(r.checked!.positions ?? new Map()).values()].map((p) => (p as { sheet?: string }).sheet));
    expect(['附表一', '附表二', '附表五'].every((s) => sheets.has(s))).toBe(true);
    expect(sheets.has('附表三')).toBe(Object.keys(original.threePublic).length > 0);
  }, 60_000);

  it('says which of the set’s tables it cannot find, by their labels', async () => {
    const file = path.join(dir, 'mini-gone.json');
    await writeFile(file, JSON.stringify({ ...JSON.parse(readFileSync(DEFAULT_DATA_FILE, 'utf8')), templateSet: 'import-mini' }));
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await exported(file));
    wb.removeWorksheet(wb.getWorksheet('附表三')!.id);
    const gone = path.join(dir, 'mini-gone.xlsx');
    await wb.xlsx.writeFile(gone);
    const r = await importTablesFile(gone, { into: file, skeleton: base(file) });
    const d = r.diagnostics.find((x) => x.rule === 'tables-missing');
    expect(d?.message).toMatch(/找不到这些表：附表三/);
    expect(r.json).toBeUndefined();
  });
});

describe('the import code', () => {
  it('names no table of a set: no table id, no table number', () => {
    const dirOf = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'workbook');
    const files = ['tables-import.ts', ...readdirSync(path.join(dirOf, 'import')).map((f) => path.join('import', f))];
    for (const f of files) {
      const text = readFileSync(path.join(dirOf, f), 'utf8');
      expect(text, f).not.toMatch(/\bt(0[1-9]|1[0-3])\b/);
      expect(text, f).not.toMatch(/表([一二三四五六七八九十]+|\d+)/);
      expect(text, f).not.toMatch(/预算公开表/);
    }
  });
});
