import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/load/root.js';
import { buildFile, type BuildResult } from '../../src/pipeline/index.js';
import { pdfPages } from '../support/pdf-text.js';

/*
 * A template set no code knows about (test/fixtures/template-sets/national-core): five tables of
 * the national core in 元 with thousands separators, functional codes spaced "### ## ##", the
 * functional tree cut to 类 and 款 by a row group's levels, 三公 and 机关运行经费 in one table, the
 * tables on landscape pages. Found through the user's template folders (GONGKAI_TEMPLATES) and
 * named by the data's templateSet, as a region's own set would be.
 */

const FIXTURES = path.join(packageRoot(), 'test', 'fixtures', 'template-sets');
let saved: string | undefined;
let dir: string;

beforeAll(async () => {
  saved = process.env.GONGKAI_TEMPLATES;
  process.env.GONGKAI_TEMPLATES = FIXTURES;
  dir = await mkdtemp(path.join(os.tmpdir(), 'gk-national-'));
});

afterAll(() => {
  if (saved === undefined) delete process.env.GONGKAI_TEMPLATES;
  else process.env.GONGKAI_TEMPLATES = saved;
});

async function build(dataFile: string): Promise<{ r: BuildResult; pdf: Uint8Array; pages: string[]; sizes: Array<{ width: number; height: number }> }> {
  const data = JSON.parse(await readFile(path.join(packageRoot(), dataFile), 'utf8')) as Record<string, unknown>;
  data.templateSet = 'national-core';
  const file = path.join(dir, path.basename(dataFile));
  await writeFile(file, JSON.stringify(data));
  const r = await buildFile(file, { outDir: dir, output: file.replace(/\.json$/, '.pdf') });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(r.refused).toBeUndefined();
  const pdf = new Uint8Array(await readFile(r.output!));
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  const sizes: Array<{ width: number; height: number }> = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const v = (await doc.getPage(i)).getViewport({ scale: 1 });
    sizes.push({ width: Math.round(v.width), height: Math.round(v.height) });
  }
  await doc.destroy();
  return { r, pdf, pages: await pdfPages(pdf), sizes };
}

const PORTRAIT = { width: 595, height: 842 };
const LANDSCAPE = { width: 842, height: 595 };

/** A table's own pages: its title with the 编制单位 line below it (the 目录 lists the title alone). */
const pagesWith = (pages: string[], title: string) => pages.flatMap((p, i) => (p.replace(/\s+/g, '').includes(title) && p.includes('编制单位') ? [i] : []));

describe('a template set of the national core, in 元 on landscape pages', () => {
  it('renders the 榆次 example: no errors, figures in 元 with separators, spaced codes, 类 and 款 only where asked', async () => {
    const { pages, sizes } = await build('data/examples/yuci-government-services.json');
    const all = pages.join('\n');
    // 支出总计 108,089,996.52 元 (10,808.999652 万元: the text rounds it to 10,809.00), and the 一般公共预算 income
    expect(all).toContain('108,089,996.52');
    expect(all).toContain('71,693,827.66');
    expect(all).toContain('单位：元');
    // the spaced codes, 项 level in the general-budget table
    expect(all).toMatch(/201 03 02/);
    expect(all).toMatch(/301 01/);
    // the 支出预算总表 stops at 款: its page has 201 03 but no 项 code
    const total = pagesWith(pages, '2026年支出预算总表');
    expect(total.length).toBeGreaterThan(0);
    const totalText = total.map((i) => pages[i]!).join('');
    expect(totalText).toMatch(/201 03/);
    expect(totalText).not.toMatch(/201 03 \d\d/);
    // 三公 and 机关运行经费 share one table
    const merged = pagesWith(pages, '“三公”经费和机关运行经费预算表').map((i) => pages[i]!.replace(/\s+/g, '')).join('');
    expect(merged).toContain('“三公”经费合计');
    expect(merged).toContain('机关运行经费');
    // the text says 万元, and 元 where the sentence asks for it
    expect(all.replace(/\s+/g, '')).toMatch(/收入预算10,809\.00万元（108,089,996\.52元）/);
    // the table pages are landscape, the rest portrait
    const tablePages = ['2026年财务收支预算总表', '2026年支出预算总表', '2026年一般公共预算支出功能分类预算表', '2026年一般公共预算基本支出经济分类预算表'].flatMap((t) => pagesWith(pages, t));
    expect(tablePages.length).toBeGreaterThanOrEqual(4);
    for (const i of tablePages) expect(sizes[i], `page ${i + 1}`).toEqual(LANDSCAPE);
    expect(sizes[0]).toEqual(PORTRAIT);
    expect(sizes.at(-1)).toEqual(PORTRAIT);
    const sheet = pages.findIndex((p) => p.replace(/\s+/g, '').includes('项目支出绩效目标申报表'));
    expect(sizes[sheet]).toEqual(PORTRAIT);
    // the page number stays in the footer of a landscape page
    const first = tablePages[0]!;
    expect(pages[first]).toMatch(/- \d+ -/);
  });

  it('renders the reference department with the same set', async () => {
    const { pages, sizes } = await build('data/640-zwfw.json');
    const all = pages.join('\n');
    expect(all).toContain('28,670,100.00');
    expect(all).toMatch(/201 03 50/);
    expect(sizes.filter((s) => s.width === LANDSCAPE.width).length).toBeGreaterThanOrEqual(4);
  });
});
