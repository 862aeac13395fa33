import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_FILE } from '../../src/load/discover.js';
import { loadTemplateSet } from '../../src/load/template-set.js';
import { checkDataFile } from '../../src/pipeline/index.js';
import { checkTemplateSet } from '../../src/render/check.js';
import { renderDocument } from '../../src/render/index.js';
import { TemplateError } from '../../src/render/handlebars.js';
import { packageRoot } from '../../src/load/root.js';

/*
 * A template set is checked before anything renders with it: each file against its schema
 * (file, path, line:col), the files against each other (partials, tables, charts, styles,
 * labels); and a table cell path that finds nothing is a template error, not a blank cell.
 */

const SET = 'shanxi-zonggai';

/** A copy of the set, changed by `edit` (file → new text from old). */
async function variant(edits: Record<string, (old: string) => string>) {
  const root = await mkdtemp(path.join(tmpdir(), 'gongkai-set-'));
  await cp(path.join(packageRoot(), 'templates', SET), path.join(root, 'templates', SET), { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const f = path.join(root, 'templates', SET, file);
    await writeFile(f, edit(await readFile(f, 'utf8')));
  }
  const loaded = await loadTemplateSet(SET, { root });
  return { ...loaded, cross: loaded.set ? checkTemplateSet(loaded.set) : [] };
}

describe('a template set', () => {
  it('as shipped is sound', async () => {
    const r = await variant({});
    expect(r.diagnostics).toEqual([]);
    expect(r.cross).toEqual([]);
  });

  it('with a misspelt key in a table declaration is refused, naming file, path and line', async () => {
    const r = await variant({ 'tables/t06.json': (s) => s.replace('{ "v": "govName" }', '{ "vv": "govName" }') });
    expect(r.set).toBeUndefined();
    const d = r.diagnostics.find((x) => x.rule === 'template-schema')!;
    expect(d.file).toMatch(/tables\/t06\.json$/);
    expect(d.path).toBe('columns[1].vv');
    expect(d.line).toBe(12);
    expect(d.message).toContain('vv');
  });

  it('with a header row of the wrong width, or a meta wording missing, is refused', async () => {
    const header = await variant({ 'tables/t06.json': (s) => s.replace('"合计", "人员经费", "公用经费"]', '"合计", "人员经费"]') });
    expect(header.diagnostics.map((d) => `${path.basename(d.file)} ${d.path}`)).toEqual(['t06.json header']);
    const meta = await variant({ 'set.json': (s) => s.replace(/\s*"labelToc": "目录"/, '').replace('"labelCover": "封面",', '"labelCover": "封面"') });
    expect(meta.diagnostics.map((d) => `${path.basename(d.file)} ${d.path}`)).toEqual(['set.json meta.labelToc']);
  });

  it('whose templates use a missing partial, an undeclared table or an unknown chart is refused with the line', async () => {
    const r = await variant({ 'partials/part2.hbs': (s) => `{{> nowhere}}\n::table t99\n::chart pie 图\n${s}` });
    expect(r.set).toBeDefined();
    const msgs = r.cross.map((d) => `${path.basename(d.file)}:${d.line} ${d.message}`);
    expect(msgs).toEqual(expect.arrayContaining([expect.stringMatching(/^part2\.hbs:1 .*nowhere/), expect.stringMatching(/^part2\.hbs:2 .*t99/), expect.stringMatching(/^part2\.hbs:3 .*pie/)]));
  });

  it('whose theme lacks a block style, or names a style that does not exist, is refused', async () => {
    const r = await variant({ 'theme.json': (s) => s.replace(/\s*"li-more": \{[^}]*\},/, '').replace('"h3": { "style": "h3"', '"h3": { "style": "h33"') });
    expect(r.cross.map((d) => d.path)).toEqual(expect.arrayContaining(['blocks.li-more', 'blocks.h3.style']));
  });

  it('with a cell format that does not exist, or a bad format option, is refused naming file, path and line', async () => {
    const r = await variant({
      'tables/t06.json': (s) => s.replace('{ "v": "personnel", "f": "wan" }', '{ "v": "personnel", "f": { "amount": { "unit": "千元" } } }').replace('{ "v": "public", "f": "wan" }', '{ "v": "public", "f": "money" }'),
    });
    expect(r.set).toBeUndefined();
    const found = r.diagnostics.map((d) => `${path.basename(d.file)} ${d.path} ${d.line ?? '-'} ${d.message}`);
    expect(found).toEqual([
      expect.stringMatching(/^t06\.json columns\[3\]\.f\.amount\.unit 14 .*金额单位须为 万元 或 元/),
      expect.stringMatching(/^t06\.json columns\[4\]\.f 15 .*未知的格式“money”/),
    ]);
    const money = await variant({ 'set.json': (s) => s.replace('"tables":', '"money": { "rounding": "HALF_UP" },\n  "tables":') });
    expect(money.diagnostics.map((d) => `${path.basename(d.file)} ${d.path} ${d.line}`)).toEqual(['set.json money.rounding 4']);
    expect(money.diagnostics[0]!.message).toContain('ROUND_HALF_UP');
  });

  it('may declare its money, a table’s unit and orientation; the default is 万元, half-up, portrait', async () => {
    const shipped = await variant({});
    expect(shipped.set!.money).toEqual({ unit: '万元', textUnit: '万元', textDecimals: 2, rounding: 'ROUND_HALF_UP', changes: 'exact' });
    const r = await variant({
      'set.json': (s) => s.replace('"tables":', '"money": { "unit": "元", "rounding": "ROUND_HALF_EVEN" },\n  "tables":'),
      'tables/t06.json': (s) => s.replace('"widths":', '"unit": "万元", "orientation": "landscape", "widths":'),
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.set!.money).toEqual({ unit: '元', textUnit: '万元', textDecimals: 2, rounding: 'ROUND_HALF_EVEN', changes: 'exact' });
    expect(r.set!.tables.t06).toMatchObject({ unit: '万元', orientation: 'landscape' });
  });

  it('whose table cell reads a path that does not exist fails to render, naming the path', async () => {
    const r = await variant({ 'tables/t06.json': (s) => s.replace('{ "v": "personnel", "f": "wan" }', '{ "v": "personel", "f": "wan" }') });
    expect(r.diagnostics).toEqual([]);
    const checked = await checkDataFile(DEFAULT_DATA_FILE);
    let error: unknown;
    try {
      renderDocument(checked.derived!, checked.data!, r.set!);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).file).toMatch(/tables\/t06\.json$/);
    expect((error as Error).message).toMatch(/personel/);
    expect((error as Error).message).toMatch(/personnel/); // the keys it could have meant
  });

  it('whose sheet grid reads a field the derived sheet lacks is refused, naming file and path', async () => {
    const r = await variant({ 'sheet.json': (s) => s.replace('"value": "source.unit"', '"value": "source.unitt"').replace('"value": "annual.level3"', '"value": "annual.lvl3"') });
    expect(r.diagnostics).toEqual([]);
    const found = r.cross.map((d) => `${path.basename(d.file)} ${d.path}`);
    expect(found).toEqual(['sheet.json rows[1].cells[3].value', 'sheet.json rows[11].indicators.columns[5].value']);
    expect(r.cross[0]!.message).toMatch(/^绩效目标表读取的“source\.unitt”不是绩效目标表的字段（可用：.*source\.unit、/);
  });

  it('whose sheet grid has a row not as wide as its columns is refused, naming the row', async () => {
    const r = await variant({ 'sheet.json': (s) => s.replace('{"label": "项目名称", "span": 2}, {"value": "source.project", "span": 6}]}', '{"label": "项目名称", "span": 2}, {"value": "source.project", "span": 5}]}') });
    expect(r.set).toBeUndefined();
    expect(r.diagnostics.map((d) => `${path.basename(d.file)} ${d.path} ${d.message}`)).toEqual(['sheet.json rows[0].cells 模板集文件格式错误：这一行占 7 列，与 widths 的 8 列不符']);
  });

  it('draws the sheet its grid declares: another set’s labels and layout need no code', async () => {
    const r = await variant({
      'sheet.json': (s) => {
        const grid = JSON.parse(s) as { rows: unknown[] };
        grid.rows = [{ cells: [{ label: '名称', span: 2 }, { value: 'source.project', span: 6 }] }, { cells: [{ label: '年度金额（元）', span: 4 }, { value: 'fundsYuan.annual.total', span: 4, align: 'right' }] }];
        return JSON.stringify(grid);
      },
    });
    expect([...r.diagnostics, ...r.cross]).toEqual([]);
    const checked = await checkDataFile(DEFAULT_DATA_FILE);
    const sheet = renderDocument(checked.derived!, checked.data!, r.set!).sheets[0]!;
    expect(sheet.rows).toHaveLength(2);
    const [name, amount] = sheet.rows.map((row) => (row.kind === 'cells' ? row.cells : []));
    expect(name!.map((c) => c.text)).toEqual(['名称', checked.data!.performanceSheets[0]!.project]);
    expect(amount![1]).toMatchObject({ label: false, figure: true, align: 'right', span: 4 });
    expect(amount![1]!.text).toMatch(/^\d{1,3}(,\d{3})*(\.\d\d)?$/);
  });

  it('chooses its charts by kind and data in set.json; an unknown kind is refused', async () => {
    const r = await variant({ 'set.json': (s) => s.replace('"kind": "donut", "items": "$.narrative.expenditureByClass"', '"kind": "pie", "items": "$.narrative.expenditureByClass"') });
    expect(r.cross.map((d) => `${path.basename(d.file)} ${d.path}`)).toEqual(['set.json charts.expenditure-by-class.kind']);
    expect(r.cross[0]!.message).toContain('donut');
    const other = await variant({
      'set.json': (s) => s.replace('"items": "$.narrative.generalBudgetByClass"', '"items": "$.narrative.expenditureByClass", "label": "{{name}}：{{pct share}}%"'),
    });
    const checked = await checkDataFile(DEFAULT_DATA_FILE);
    const charts = Object.values(renderDocument(checked.derived!, checked.data!, other.set!).charts);
    expect(charts).toHaveLength(1);
    expect(charts[0]!.slices.map((x) => x.label)).toEqual(checked.derived!.narrative.expenditureByClass.map((it) => `${it.name}：${it.share.toFixed(2)}%`));
  });

  it('may give meta keys of its own, which its templates read as {{meta.<key>}}', async () => {
    const r = await variant({
      'set.json': (s) => s.replace('"labelToc": "目录"', '"labelToc": "目录", "contact": "{{department.name}}咨询电话"'),
      'document.hbs': (s) => `${s}\n::p {{meta.contact}}\n`,
    });
    expect([...r.diagnostics, ...r.cross]).toEqual([]);
    const checked = await checkDataFile(DEFAULT_DATA_FILE);
    const blocks = renderDocument(checked.derived!, checked.data!, r.set!).blocks;
    expect(blocks[blocks.length - 1]!.text).toBe(`${checked.derived!.department.name}咨询电话`);
  });
});
