import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Decimal } from 'decimal.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/load/root.js';
import { buildFile } from '../../src/pipeline/index.js';
import { splitByUnit } from '../support/split-units.js';

/*
 * A set that makes a 部门 document and a 单位 document per budget unit
 * (test/fixtures/template-sets/national-core-units: national-core with `documents`): the 单位
 * PDFs' table figures, read back from the PDFs, add up to the 部门 PDF's, table by table.
 */

const root = packageRoot();
const FIXTURES = path.join(root, 'test', 'fixtures', 'template-sets');
const YANGQU = path.join(root, 'data', 'examples', 'yangqu-agriculture-mixed-kinds.json');
const SET = path.join(FIXTURES, 'national-core-units');
let saved: string | undefined;
let dir: string;

beforeAll(async () => {
  saved = process.env.GONGKAI_TEMPLATES;
  process.env.GONGKAI_TEMPLATES = FIXTURES;
  dir = await mkdtemp(path.join(os.tmpdir(), 'gk-documents-'));
});

afterAll(() => {
  if (saved === undefined) delete process.env.GONGKAI_TEMPLATES;
  else process.env.GONGKAI_TEMPLATES = saved;
});

async function dataFile(name: string, edit: (d: Record<string, unknown>) => Record<string, unknown>, templateSet = 'national-core-units'): Promise<string> {
  const data = edit(JSON.parse(await readFile(YANGQU, 'utf8')) as Record<string, unknown>);
  data.templateSet = templateSet;
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(data, null, 2));
  return file;
}

/** An amount printed in a table cell: 元, two decimals, thousands separators. */
const AMOUNT = /^-?\d{1,3}(,\d{3})*\.\d{2}$/;

/**
 * Every amount each table prints, added up, by table title: the PDF's text runs in order, a
 * table's amounts counted from its title on until the next title or the part after the tables.
 */
async function tableSums(pdf: Uint8Array, titles: readonly string[]): Promise<Map<string, Decimal>> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const sums = new Map<string, Decimal>(titles.map((t) => [t, new Decimal(0)]));
  let current: string | undefined;
  let seen = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    for (const item of content.items) {
      const str = 'str' in item ? item.str.trim() : '';
      if (current && AMOUNT.test(str)) sums.set(current, sums.get(current)!.plus(str.replaceAll(',', '')));
      seen += str.replace(/\s+/g, '');
      const title = titles.find((t) => seen.endsWith(t));
      if (title) current = title;
      if (/第三部分|绩效目标/.test(seen.slice(-12))) current = undefined;
      if (title || current === undefined) seen = seen.slice(-40);
    }
  }
  await doc.destroy();
  return sums;
}

async function titles(year: number): Promise<string[]> {
  const set = JSON.parse(await readFile(path.join(SET, 'set.json'), 'utf8')) as { tables: string[] };
  return Promise.all(set.tables.map(async (id) => (JSON.parse(await readFile(path.join(SET, 'tables', `${id}.json`), 'utf8')) as { title: string }).title.replace('{{year}}', String(year))));
}

describe('a 部门 document and a 单位 document per budget unit, from one data file', () => {
  it('the units’ table figures add up to the department’s, table by table', async () => {
    const file = await dataFile('yangqu-split', splitByUnit);
    const r = await buildFile(file, { outDir: path.join(dir, 'out') });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.output).toBe(path.join(dir, 'out', '2026', '阳曲县农业农村局.pdf'));
    // one per unit, in a folder named as the 部门 document is
    const units = ['阳曲县农业农村局本级', '阳曲县农村经济经营管理站', '阳曲县农业技术推广中心', '阳曲县动物疫病预防控制中心'];
    expect(r.units?.map((u) => [u.unit, u.output, u.refused])).toEqual(units.map((u) => [u, path.join(dir, 'out', '2026', '阳曲县农业农村局', `${u}.pdf`), undefined]));
    expect((await readdir(path.join(dir, 'out', '2026', '阳曲县农业农村局'))).sort()).toEqual(units.map((u) => `${u}.pdf`).sort());

    const heads = await titles(2026);
    const department = await tableSums(new Uint8Array(await readFile(r.output!)), heads);
    const sum = new Map(heads.map((t) => [t, new Decimal(0)]));
    for (const u of r.units!) {
      const pdf = new Uint8Array(await readFile(u.output!));
      for (const [t, x] of await tableSums(pdf, heads)) sum.set(t, sum.get(t)!.plus(x));
      // the unit's name where the department's stands, on the cover and over each table
      const text = await firstPages(pdf);
      expect(text).toContain(`${u.unit}（阳曲县农业农村局所属单位）2026年度单位预算公开`);
    }
    for (const t of heads) {
      // a table that prints nothing would make the sum hold trivially
      expect(department.get(t)!.gt(0), t).toBe(true);
      expect(sum.get(t)!.toFixed(2), t).toBe(department.get(t)!.toFixed(2));
    }
  });

  it('makes no 单位 document while part of the budget is no unit’s, and says where to split it', async () => {
    const file = await dataFile('yangqu', (d) => d);
    const r = await buildFile(file, { outDir: path.join(dir, 'unsplit') });
    expect(r.output).toBeDefined();
    expect(r.units).toEqual([]);
    const said = r.diagnostics.filter((d) => d.rule === 'unit-not-split');
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ severity: 'warning', path: 'expenditure.lines[0]' });
    expect(said[0]!.line).toBeGreaterThan(1);
    expect(said[0]!.message).toMatch(/^未生成单位预算：.*支出功能分类科目 11 项共 11,?992\.\d+ 万元/);
    await expect(readdir(path.join(dir, 'unsplit', '2026'))).resolves.toEqual(['阳曲县农业农村局.pdf']);
  });

  it('a set that declares no documents makes the 部门 document alone', async () => {
    const file = await dataFile('yangqu-core', splitByUnit, 'national-core');
    const r = await buildFile(file, { outDir: path.join(dir, 'core') });
    expect(r.output).toBeDefined();
    expect(r.units).toBeUndefined();
    await expect(readdir(path.join(dir, 'core', '2026'))).resolves.toEqual(['阳曲县农业农村局.pdf']);
  });
});

async function firstPages(pdf: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const content = await (await doc.getPage(1)).getTextContent();
  const text = content.items.map((it) => ('str' in it ? it.str : '')).join('');
  await doc.destroy();
  return text.replace(/\s+/g, '');
}
