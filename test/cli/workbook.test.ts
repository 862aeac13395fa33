import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_FILE } from '../../src/load/discover.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pdfPages } from '../support/pdf-text.js';
import { gongkai, listing } from './run.js';

/*
 * The workbook route on the command line, as a clerk takes it: init --xlsx (blank, or --from an
 * existing data file), validate / build the workbook directly, import it to JSON, export the
 * thirteen tables.
 */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gongkai-cli-workbook-'));
});

describe('the workbook commands', () => {
  it('init --xlsx --from, then validate, build and import the workbook: the same data and pages as the JSON', async () => {
    const init = await gongkai(['init', '--xlsx', '--from', DEFAULT_DATA_FILE, '-o', 'book.xlsx'], { cwd: dir });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('已创建填报表 book.xlsx');
    const v = await gongkai(['validate', 'book.xlsx'], { cwd: dir });
    expect(v.code).toBe(0);
    // diagnostics point at sheet and cell
    expect(v.stdout).toMatch(/book\.xlsx › 绩效目标表 › [A-Z]+\d+/);
    const b = await gongkai(['build', 'book.xlsx', '-o', 'out'], { cwd: dir });
    expect(b.code).toBe(0);
    const j = await gongkai(['build', DEFAULT_DATA_FILE, '-o', 'out-json'], { cwd: dir });
    expect(j.code).toBe(0);
    const pdf = (await listing(path.join(dir, 'out'))).find((f) => f.endsWith('.pdf'))!;
    // the same pages; the files inside differ (the workbook's PDF carries book.xlsx and book.json)
    const fromBook = await readFile(path.join(dir, 'out', pdf));
    expect(await pdfPages(fromBook)).toEqual(await pdfPages(await readFile(path.join(dir, 'out-json', pdf))));
    const inside = await (await getDocument({ data: new Uint8Array(fromBook), verbosity: 0 }).promise).getAttachments();
    expect(Object.keys(inside ?? {}).sort()).toEqual(['book.json', 'book.xlsx']);
    const imp = await gongkai(['import', 'book.xlsx', '-o', 'back.json'], { cwd: dir });
    expect(imp.code).toBe(0);
    const { $schema: a, ...back } = JSON.parse(await readFile(path.join(dir, 'back.json'), 'utf8'));
    const { $schema: b2, ...ref } = JSON.parse(await readFile(DEFAULT_DATA_FILE, 'utf8'));
    expect(typeof a).toBe('string');
    void b2;
    expect(back).toEqual(ref);
  });

  it('init --xlsx writes a blank workbook that names what is still to be filled', async () => {
    const r = await gongkai(['init', '示例部门', '--xlsx', '--code', '701'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(await listing(dir)).toContain('701-示例部门.xlsx');
    const v = await gongkai(['validate', '701-示例部门.xlsx'], { cwd: dir });
    expect(v.code).toBe(1); // the placeholders (待填写) are errors until written
    expect(v.stdout).toMatch(/701-示例部门\.xlsx › 段落文字 › B\d+/);
  });

  it('batch renders the workbooks of a folder, not Excel’s lock files beside them', async () => {
    const folder = path.join(dir, 'batch-in');
    await (await import('node:fs/promises')).mkdir(folder);
    await (await import('node:fs/promises')).copyFile(path.join(dir, 'book.xlsx'), path.join(folder, 'book.xlsx'));
    await (await import('node:fs/promises')).writeFile(path.join(folder, '~$book.xlsx'), 'lock');
    const r = await gongkai(['batch', folder, '-o', path.join(dir, 'batch-out')], { cwd: dir });
    expect(r.stdout + r.stderr).toMatch(/1 个数据文件，生成 1 份，跳过 0 份（未变化），失败 0 份/);
    expect(r.code).toBe(0);
  });

  it('export writes the thirteen tables beside the PDF', async () => {
    const r = await gongkai(['export', DEFAULT_DATA_FILE, '--xlsx', '-o', 'out'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/（预算公开表）\.xlsx/);
  });

  it('import refuses a workbook with errors and writes nothing; a non-workbook is a usage error', async () => {
    const bad = path.join(dir, 'bad.xlsx');
    await (await import('node:fs/promises')).writeFile(bad, 'not a workbook');
    const r = await gongkai(['import', 'bad.xlsx'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.xlsx');
    expect(await listing(dir)).not.toContain('bad.json');
    expect((await gongkai(['import', 'x.json'], { cwd: dir })).code).toBe(2);
  });
});
