import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../../bench/examples.js';
import { skeleton } from '../../../src/cli/init.js';
import type { Diagnostic } from '../../../src/diagnostics/index.js';
import { DEFAULT_DATA_FILE } from '../../../src/load/discover.js';
import { packageRoot } from '../../../src/load/root.js';
import { exportTablesFile } from '../../../src/pipeline/index.js';
import { importTablesFile } from '../../../src/pipeline/import.js';

/*
 * The import round trip of a set no code knows about (test/fixtures/template-sets/national-core):
 * five tables in 元, codes printed "### ## ##", the 支出预算总表 cut to 类 and 款, the
 * 一般公共预算 table alone at 项, 三公 and 机关运行经费 in one table. The tables cannot say how a
 * 项 line divides between sources and 基本/项目 outside the 一般公共预算; with --into the base
 * says it wherever it gives every printed figure — the 项 rows of 表三 and the 款 rows of 表二
 * its lines add up to. Without a base that settles them, the import refuses, naming each cell.
 */

type Json = Record<string, unknown>;
type Line = { code: string; name: string; basic?: Json; project?: Json; carryover?: Json };

const FIXTURES = path.join(packageRoot(), 'test', 'fixtures', 'template-sets');
let saved: string | undefined;
let dir: string;

beforeAll(async () => {
  saved = process.env.GONGKAI_TEMPLATES;
  process.env.GONGKAI_TEMPLATES = FIXTURES;
  dir = await mkdtemp(path.join(tmpdir(), 'gk-national-import-'));
});

afterAll(() => {
  if (saved === undefined) delete process.env.GONGKAI_TEMPLATES;
  else process.env.GONGKAI_TEMPLATES = saved;
});

const errors = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error');
const tablesRules = (ds: readonly Diagnostic[]) => ds.filter((d) => d.rule.startsWith('tables-'));
const nationalSkeleton = (o: { name: string; year: number; code: string }) => ({ ...(skeleton(o) as Json), templateSet: 'national-core' });

/** A department's data under the national-core set, written where the export can read it. */
async function asNational(dataFile: string, change?: (j: Json) => void): Promise<{ file: string; json: Json }> {
  const json = JSON.parse(readFileSync(dataFile, 'utf8')) as Json;
  json.templateSet = 'national-core';
  change?.(json);
  const file = path.join(dir, `${path.basename(dataFile, '.json')}${change ? '-changed' : ''}.json`);
  await writeFile(file, JSON.stringify(json, null, 1));
  return { file, json };
}

const exports = new Map<string, Promise<string>>();
/** The set's tables of a department, exported once per department. */
function exported(dataFile: string): Promise<string> {
  let at = exports.get(dataFile);
  if (!at) {
    at = (async () => {
      const { file } = await asNational(dataFile);
      const r = await exportTablesFile(file, { outDir: path.join(dir, path.basename(dataFile, '.json')) });
      expect(errors(r.diagnostics)).toEqual([]);
      return r.output!;
    })();
    exports.set(dataFile, at);
  }
  return at;
}

const EXAMPLES = readdirSync(EXAMPLES_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => path.join(EXAMPLES_DIR, f));

const YUCI = path.join(EXAMPLES_DIR, 'yuci-government-services.json');

describe('national-core: export → import --tables --into', () => {
  it('has the reference and three examples to go round', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(3);
  });

  it.each([DEFAULT_DATA_FILE, ...EXAMPLES])('%s: the same data, no error, no figure that disagrees', async (dataFile) => {
    const { file, json } = await asNational(dataFile);
    const r = await importTablesFile(await exported(dataFile), { into: file, skeleton: nationalSkeleton });
    expect(errors(r.diagnostics)).toEqual([]);
    expect(tablesRules(r.diagnostics)).toEqual([]);
    expect(r.json).toEqual(json);
  }, 120_000);
});

describe('national-core: what the five tables cannot say', () => {
  it('without a base, refuses each 项 line they leave open, in Chinese, at its cell of 表三', async () => {
    const r = await importTablesFile(await exported(YUCI), { skeleton: nationalSkeleton });
    expect(r.json).toBeUndefined();
    const errs = errors(r.diagnostics);
    expect(errs.length).toBeGreaterThan(0);
    for (const d of errs) {
      expect(d.rule).toBe('tables-ambiguous');
      expect(d.sheet).toBe('表三');
      expect(d.cell).toMatch(/^A\d+$/);
      expect(d.message).toMatch(/^科目 \d{7} \S+：公开表（表二、表三）没有给出这一行各资金来源的基本支出与项目支出/);
      // no field name or English
      expect(d.message).not.toMatch(/[a-zA-Z]/);
    }
    // the 2010301 行政运行 line is among them, at its own row
    expect(errs.some((d) => d.message.startsWith('科目 2010301 行政运行'))).toBe(true);
  }, 120_000);

  it('with a base whose lines of one 款 do not add up to 表二’s row, refuses that 款’s lines: it never guesses the split', async () => {
    let changed = '';
    const { file } = await asNational(YUCI, (j) => {
      const lines = (j.expenditure as { lines: Line[] }).lines;
      // money 表三 does not print (单位资金) moved into a line: 表三 still agrees, 表二’s 款 row does not
      const line = lines.find((l) => l.code === '2010301')!;
      line.project = { ...(line.project ?? {}), unitFunds: '100.00' };
      changed = line.code;
    });
    const r = await importTablesFile(await exported(YUCI), { into: file, skeleton: nationalSkeleton });
    expect(r.json).toBeUndefined();
    const errs = errors(r.diagnostics);
    expect(errs.map((d) => d.rule)).toEqual(errs.map(() => 'tables-ambiguous'));
    // every line of 20103 is open, the changed one too; lines of other 款 are the base's
    expect(errs.some((d) => d.message.startsWith(`科目 ${changed} `))).toBe(true);
    for (const d of errs) expect(d.message).toMatch(/^科目 20103\d\d /);
    for (const d of errs) expect(d.sheet).toBe('表三');
  }, 120_000);

  it('a base line no table prints on its own stays where its 款 adds up, and is refused where it does not', async () => {
    // a 项 of 单位资金 alone: only 表二’s 款 row and the totals print its money
    const extra: Line = { code: '2010399', name: '其他政府办公厅（室）及相关机构事务支出', basic: { unitFunds: '2500.00' } };
    const { file: agreeing } = await asNational(YUCI, (j) => {
      (j.expenditure as { lines: Line[] }).lines.push(extra);
    });
    // the tables of the department with the line printed, read into the same base: kept as it is
    const withLine = await exportTablesFile(agreeing, { outDir: path.join(dir, 'with-line') });
    expect(errors(withLine.diagnostics)).toEqual([]);
    const kept = await importTablesFile(withLine.output!, { into: agreeing, skeleton: nationalSkeleton });
    expect(errors(kept.diagnostics)).toEqual([]);
    expect(tablesRules(kept.diagnostics)).toEqual([]);
    expect((kept.json!.expenditure as { lines: Line[] }).lines.find((l) => l.code === extra.code)).toEqual(extra);
    // the tables without it, into the base with it: 表二's 20103 row is 2,500.00 元 short
    const refused = await importTablesFile(await exported(YUCI), { into: agreeing, skeleton: nationalSkeleton });
    expect(refused.json).toBeUndefined();
    const d = errors(refused.diagnostics).find((x) => x.message.startsWith(`科目 ${extra.code} `));
    expect(d?.rule).toBe('tables-ambiguous');
    expect(d?.sheet).toBe('表二');
    expect(d?.cell).toMatch(/^A\d+$/);
    expect(d?.message).toMatch(/表二只印到款，所并入数据中其下各项之和与之不符/);
  }, 120_000);
});

describe('a variant of the set no code knows either: the 支出预算总表 to 项, the 一般公共预算 table’s amounts in 万元 in a 元 set', () => {
  let variant: string;
  beforeAll(async () => {
    // made here from the fixture: a region's own set, as it would write it
    const root = await mkdtemp(path.join(tmpdir(), 'gk-national-variant-'));
    variant = path.join(root, 'national-core-variant');
    await cp(path.join(FIXTURES, 'national-core'), variant, { recursive: true });
    const edit = async (file: string, change: (j: Json) => void) => {
      const j = JSON.parse(await readFile(path.join(variant, file), 'utf8')) as Json;
      change(j);
      await writeFile(path.join(variant, file), JSON.stringify(j, null, 1));
    };
    await edit('set.json', (j) => void (j.name = 'national-core-variant'));
    await edit('tables/expenditure-total.json', (j) => void ((j.body as Json[])[0]!.levels = [0, 1, 2, 3]));
    await edit('tables/general-budget-functional.json', (j) => {
      for (const c of j.columns as Json[]) if (c.f === 'amount') c.f = { amount: { unit: '万元' } };
    });
    process.env.GONGKAI_TEMPLATES = [root, FIXTURES].join(path.delimiter);
  });
  afterAll(() => {
    process.env.GONGKAI_TEMPLATES = FIXTURES;
  });

  it('round-trips with --into, reads the 万元 column as 万元, and without a base refuses the 项 lines its tables leave open', async () => {
    const json = JSON.parse(readFileSync(YUCI, 'utf8')) as Json;
    json.templateSet = 'national-core-variant';
    const file = path.join(dir, 'variant.json');
    await writeFile(file, JSON.stringify(json, null, 1));
    const x = await exportTablesFile(file, { outDir: path.join(dir, 'variant') });
    expect(errors(x.diagnostics)).toEqual([]);
    // 表三 states 单位：元 above it, and its 合计 row holds 7,169.382766 万元 (71,693,827.66 元)
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(x.output!);
    const t3 = wb.getWorksheet('表三')!;
    const values: unknown[] = [];
    t3.eachRow((row) => row.eachCell((c) => void values.push(c.value)));
    expect(values).toContain('单位：元');
    expect(values).toContain(7169.382766);
    const r = await importTablesFile(x.output!, { into: file, skeleton: nationalSkeleton });
    expect(errors(r.diagnostics)).toEqual([]);
    expect(tablesRules(r.diagnostics)).toEqual([]);
    expect(r.json).toEqual(json);
    const bare = await importTablesFile(x.output!, { skeleton: (o) => ({ ...nationalSkeleton(o), templateSet: 'national-core-variant' }) });
    expect(bare.json).toBeUndefined();
    const errs = errors(bare.diagnostics);
    expect(errs.length).toBeGreaterThan(0);
    // the lines now have their own rows in 表二, where the message names them
    for (const d of errs) expect([d.rule, d.sheet, d.cell?.replace(/\d+$/, '')]).toEqual(['tables-ambiguous', '表二', 'A']);
  }, 120_000);
});
