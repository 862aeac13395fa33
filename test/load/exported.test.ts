import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDataFiles } from '../../src/load/discover.js';
import { isExportedTables, TABLES_CATEGORY, tablesCategory } from '../../src/load/exported.js';
import { exportTablesFile } from '../../src/pipeline/index.js';

/*
 * An exported tables workbook is an output: discovery skips it by its mark, whatever it is
 * named (a set words the file name), and keeps every other workbook.
 */

let dir: string;
let exported: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gongkai-exported-'));
  const r = await exportTablesFile(path.resolve('data/640-zwfw.json'), { outDir: path.join(dir, 'made') });
  expect(r.refused).toBeUndefined();
  exported = r.output!;
  // the shipped set words its name; the mark does not depend on it
  expect(path.basename(exported)).toMatch(/（预算公开表）\.xlsx$/);
}, 600_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('exported tables', () => {
  it('carry the mark in their document properties', async () => {
    expect(await isExportedTables(exported)).toBe(true);
  });

  it('are skipped by discovery under any name; a data file and a workbook without the mark are kept', async () => {
    const data = path.join(dir, 'data');
    await rm(data, { recursive: true, force: true });
    await mkdir(data, { recursive: true });
    await copyFile(exported, path.join(data, '随便起的名字.xlsx'));
    await copyFile('data/640-zwfw.json', path.join(data, 'a.json'));
    // a workbook like it but without the mark: a clerk's, to be read
    const zip = await JSZip.loadAsync(await readFile(exported));
    const core = await zip.file('docProps/core.xml')!.async('string');
    zip.file('docProps/core.xml', core.replace(`<cp:category>${TABLES_CATEGORY}</cp:category>`, ''));
    await writeFile(path.join(data, '填报表.xlsx'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const found = (await findDataFiles(data)).map((f) => path.basename(f));
    expect(found).toEqual(['a.json', '填报表.xlsx']);
  });

  it('a file that is not a zip, or is damaged, is not taken for one', () => {
    expect(tablesCategory(Buffer.from('not a zip'))).toBe(false);
    expect(tablesCategory(Buffer.alloc(0))).toBe(false);
  });
});
