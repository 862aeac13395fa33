import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../bench/examples.js';
import { skeleton } from '../../src/cli/init.js';
import { D } from '../../src/derive/decimal.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { DEFAULT_DATA_FILE } from '../../src/load/discover.js';
import { exportTablesFile } from '../../src/pipeline/index.js';
import { importTablesFile } from '../../src/pipeline/import.js';
import { generateDepartments } from '../../bench/synth/index.js';

/*
 * The budget system's route, both ways: `export --xlsx` writes the thirteen tables, `import
 * --layout standard-13 --into` reads them back into the same data — every department we have,
 * in 元 to the 分, with 公务用车 rows, units named like their department and projects sharing a
 * name. The figures come from the tables (a base stripped of them gets them back to the 元);
 * what two decimals of 万元 cannot carry is said, cell by cell, in one warning.
 */

type Json = Record<string, unknown>;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gongkai-tables-rt-'));
}, 60_000);

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Json;
const tablesRules = (ds: readonly Diagnostic[]) => ds.filter((d) => d.rule.startsWith('tables-'));
const errors = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error');

async function save(name: string, json: Json): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, JSON.stringify(json, null, 1));
  return file;
}

async function exported(file: string): Promise<string> {
  const r = await exportTablesFile(file, { outDir: path.join(dir, path.basename(file, '.json')) });
  expect(errors(r.diagnostics)).toEqual([]);
  return r.output!;
}

const back = (xlsx: string, into: string, layout: string | undefined = 'standard-13') => importTablesFile(xlsx, { ...(layout ? { layout } : {}), into, skeleton: (o) => skeleton(o) as Json });

/**
 * A 街道-shaped department in 元: its 本级 unit bears the department's own name (表11 and 表12
 * print the name twice), and two units each have a project of the same name.
 */
function street(): Json {
  const d = generateDepartments(1, 19, { units: 5, moneyUnit: '元', complete: true, projects: [40, 50], sheets: 'none' })[0] as unknown as Json & {
    department: { name: string; units: Array<{ name: string }> };
    projects: Array<{ unit: string; name: string }>;
    carryoverProjects: Array<{ unit: string }>;
    operatingCosts: Array<{ unit?: string }>;
  };
  const own = d.department.units[0]!.name;
  d.department.units[0]!.name = d.department.name;
  for (const x of [...d.projects, ...d.carryoverProjects, ...d.operatingCosts]) if (x.unit === own) x.unit = d.department.name;
  const first = d.projects[0]!;
  const other = d.projects.find((p) => p.unit !== first.unit)!;
  other.name = first.name;
  return d;
}

const EXAMPLES = readdirSync(EXAMPLES_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => path.join(EXAMPLES_DIR, f));

describe('export --xlsx → import --layout standard-13 --into', () => {
  it('has every example department to go round', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(2);
  });

  it.each([DEFAULT_DATA_FILE, ...EXAMPLES])('%s: the same data, no error, no figure that disagrees', async (file) => {
    const r = await back(await exported(file), file);
    expect(errors(r.diagnostics)).toEqual([]);
    expect(tablesRules(r.diagnostics)).toEqual([]);
    expect(r.json).toEqual(read(file));
  }, 120_000);

  it.each([DEFAULT_DATA_FILE, ...EXAMPLES])('%s without a layout (the set’s own declarations): the same data, no error, no figure that disagrees', async (file) => {
    const r = await back(await exported(file), file, undefined);
    expect(errors(r.diagnostics)).toEqual([]);
    expect(tablesRules(r.diagnostics)).toEqual([]);
    expect(r.json).toEqual(read(file));
  }, 120_000);

  it('a 街道-shaped department (本级 named as the department, a project name in two units): the same data', async () => {
    const file = await save('street.json', street());
    const r = await back(await exported(file), file);
    expect(errors(r.diagnostics)).toEqual([]);
    expect(tablesRules(r.diagnostics)).toEqual([]);
    expect(r.json).toEqual(read(file));
  }, 120_000);

  it('takes the figures from the tables, to the 元: a base without them gets them back', async () => {
    const file = `${EXAMPLES_DIR}/yingze-culture-tourism.json`;
    const original = read(file) as Json & {
      expenditure: { lines: Array<{ carryover?: unknown }> };
      basicByEconomic: Array<{ items: Json[] }>;
      projects: Json[];
      carryoverProjects: Json[];
      govFundIncome: Json[];
    };
    const stripped = structuredClone(original);
    // only the lines whose carryover the tables cannot split stay; every other amount goes
    stripped.expenditure.lines = stripped.expenditure.lines.filter((l) => l.carryover !== undefined);
    for (const g of stripped.basicByEconomic) for (const i of g.items) delete i.personnel, delete i.public;
    for (const p of [...stripped.projects, ...stripped.carryoverProjects]) p.funds = {};
    for (const i of stripped.govFundIncome) i.amount = '1';
    stripped.threePublic = {};
    stripped.operatingCosts = [];
    const r = await back(await exported(file), await save('stripped.json', stripped));
    expect(errors(r.diagnostics)).toEqual([]);
    expect(tablesRules(r.diagnostics)).toEqual([]);
    expect(r.json).toEqual(original);
    // 表10's numbered rows (①公务用车购置费, ②公务用车运行维护费) are among them
    expect(Object.keys(r.json!.threePublic as Json).sort()).toEqual(['abroad', 'reception', 'vehicleOperation', 'vehiclePurchase']);
  }, 120_000);
});

describe('tables in 元', () => {
  it('go into data kept in 万元 without changing its unit', async () => {
    // the reference department (万元, no moneyUnit) as a system that exports 元 would print it
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await exported(DEFAULT_DATA_FILE));
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (typeof c.value === 'number') c.value = Number(new D(String(c.value)).mul(10_000));
          else if (c.value === '单位：万元') c.value = '单位：元';
        }),
      ),
    );
    const xlsx = path.join(dir, 'in-yuan.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const r = await back(xlsx, DEFAULT_DATA_FILE);
    expect(errors(r.diagnostics)).toEqual([]);
    expect(tablesRules(r.diagnostics)).toEqual([]);
    expect(r.json!.moneyUnit).toBeUndefined();
    expect(r.json).toEqual(read(DEFAULT_DATA_FILE));
  }, 120_000);
});

describe('the exported tables re-saved by a spreadsheet application', () => {
  /*
   * test/fixtures/workbooks/yingze-tables-libreoffice.xlsx: `gongkai export --xlsx
   * data/examples/yingze-culture-tourism.json`, opened and saved as .xlsx by LibreOffice Calc
   * 7.4 (`soffice --headless --convert-to xlsx`; its docProps/app.xml says so). Made again the
   * same way if the example is regenerated.
   */
  const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'workbooks', 'yingze-tables-libreoffice.xlsx');

  it('is what LibreOffice wrote, not our own bytes', async () => {
    const app = (await JSZip.loadAsync(readFileSync(FIXTURE))).file('docProps/app.xml');
    expect(await app!.async('string')).toMatch(/<Application>LibreOffice/);
  });

  it('still gives the same data, with no error and no figure that disagrees', async () => {
    const file = `${EXAMPLES_DIR}/yingze-culture-tourism.json`;
    const r = await back(FIXTURE, file);
    expect(errors(r.diagnostics)).toEqual([]);
    expect(tablesRules(r.diagnostics)).toEqual([]);
    expect(r.json).toEqual(read(file));
  }, 120_000);
});

describe('a budget system’s export: two decimals of 万元, data in 元', () => {
  /** The exported workbook as a system writes it: every amount rounded to 0.01 万元. */
  async function rounded(xlsx: string): Promise<string> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (typeof c.value === 'number') c.value = Number(new D(String(c.value)).toDecimalPlaces(2, D.ROUND_HALF_UP));
        }),
      ),
    );
    const out = xlsx.replace(/\.xlsx$/, '（两位小数）.xlsx');
    await wb.xlsx.writeFile(out);
    return out;
  }

  it('keeps the base’s 元 wherever the rounded figure is theirs', async () => {
    const file = `${EXAMPLES_DIR}/yuci-government-services.json`;
    const r = await back(await rounded(await exported(file)), file);
    expect(errors(r.diagnostics)).toEqual([]);
    expect(tablesRules(r.diagnostics)).toEqual([]);
    expect(r.json).toEqual(read(file));
  }, 120_000);

  it('says which figures the 万元 tables cannot carry, naming each cell', async () => {
    const file = `${EXAMPLES_DIR}/yuci-government-services.json`;
    const xlsx = await rounded(await exported(file));
    // the base says otherwise for one project: the table's figure is taken, to the 百元 only
    const json = read(file) as Json & { projects: Array<{ name: string; funds: { generalBudget?: string } }> };
    const p = json.projects.find((x) => x.funds.generalBudget !== undefined)!;
    const was = p.funds.generalBudget!;
    p.funds.generalBudget = '1.00';
    const r = await back(xlsx, await save('changed.json', json));
    // the import itself has no error (the audit then finds the 百元 figure off its lines and sheet)
    expect(errors(tablesRules(r.diagnostics))).toEqual([]);
    const lost = r.diagnostics.filter((d) => d.rule === 'tables-wan-precision');
    expect(lost).toHaveLength(1);
    const d = lost[0]!;
    expect(d.severity).toBe('warning');
    expect(d.sheet).toBe('预算公开表12');
    expect(d.cell).toMatch(/^C\d+$/);
    expect(d.message).toContain(`预算公开表12 › ${d.cell}`);
    expect(d.message).toMatch(/万元的两位小数.*元位无法从公开表得出.*整百元/);
    // no field name or English: the only Latin letters are the cell's column
    expect(d.message.replace(/› [A-Z]+\d+/g, '')).not.toMatch(/[a-zA-Z]/);
    const got = (r.json!.projects as typeof json.projects).find((x) => x.name === p.name)!;
    expect(got.funds.generalBudget).toBe(new D(was).div(10_000).toDecimalPlaces(2, D.ROUND_HALF_UP).mul(10_000).toFixed(2));
    expect(got.funds.generalBudget).not.toBe(was);
  }, 120_000);
});
