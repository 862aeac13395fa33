import { mkdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchReport } from '../../src/batch/index.js';
import { runBatch } from '../../src/batch/index.js';
import type { DepartmentInput } from '../../src/schema/index.js';
import { normalise, pdfPages, varied } from '../support/pdf-text.js';
import { cli, isCompletePdf, pdfsUnder, tempDir, writeSmall } from './helpers.js';

/*
 * A batch that trusts nothing it did not check (issue 9): a PDF changed since its run is made
 * again, the data rendered is the data hashed, a slow department is stopped and reported while
 * the others finish, symbolic links are followed once, and a report that cannot be written does
 * not cost the summary.
 */

let root: string;
let depts: DepartmentInput[];
let files: string[];

beforeAll(async () => {
  root = await tempDir('robust');
  ({ depts, files } = await writeSmall(path.join(root, 'data'), 2, 31));
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const byName = (r: BatchReport, file: string) => r.entries.find((e) => path.basename(e.file) === path.basename(file))!;

describe('incremental runs verify', () => {
  it('a PDF truncated after a batch is rendered again by the next one', async () => {
    const out = path.join(root, 'out-trunc');
    const first = await runBatch({ dir: path.join(root, 'data'), outDir: out, writeReports: false });
    expect(first.counts.produced).toBe(2);
    const [pdf] = await pdfsUnder(out);
    await truncate(pdf!, 1000);
    const second = await runBatch({ dir: path.join(root, 'data'), outDir: out, writeReports: false });
    expect(second.counts).toMatchObject({ produced: 1, skipped: 1 });
    expect(await isCompletePdf(pdf!)).toBe(true);
    const third = await runBatch({ dir: path.join(root, 'data'), outDir: out, writeReports: false });
    expect(third.counts).toMatchObject({ produced: 0, skipped: 2 });
  });

  it('the data rendered is the data hashed: an edit during the run is not in the PDF, and is seen next time', async () => {
    const dir = path.join(root, 'data-edit');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'dept.json');
    const original = JSON.stringify(depts[0], null, 2);
    await writeFile(file, original);
    const edited = structuredClone(depts[0]!);
    edited.department.duties = ['编辑后的职责文字。'];
    const out = path.join(root, 'out-edit');
    await runBatch({
      dir,
      outDir: out,
      writeReports: false,
      // the moment the plan has read and hashed the file, it changes on disk
      onEvent: (e) => {
        if (e.type === 'plan') void writeFile(file, JSON.stringify(edited, null, 2));
      },
    });
    const [pdf] = await pdfsUnder(out);
    const text = normalise((await pdfPages(await readFile(pdf!))).join(''));
    expect(text).not.toContain('编辑后的职责文字');
    // the edit is seen by the next run; reverting it, the run after that renders the original again
    expect((await runBatch({ dir, outDir: out, writeReports: false })).counts.produced).toBe(1);
    await writeFile(file, original);
    expect((await runBatch({ dir, outDir: out, writeReports: false })).counts.produced).toBe(1);
    expect(normalise((await pdfPages(await readFile(pdf!))).join(''))).not.toContain('编辑后的职责文字');
  });
});

describe('symbolic links', () => {
  it('a linked data file and a linked folder are rendered; a loop is reported, not followed', async () => {
    const dir = path.join(root, 'data-links');
    const elsewhere = path.join(root, 'elsewhere');
    await mkdir(path.join(dir, 'real'), { recursive: true });
    await mkdir(elsewhere, { recursive: true });
    await writeFile(path.join(elsewhere, 'b.json'), JSON.stringify(depts[1], null, 2));
    await symlink(files[0]!, path.join(dir, 'a.json'));
    await symlink(elsewhere, path.join(dir, 'linked'));
    await symlink(dir, path.join(dir, 'real', 'loop'));
    const r = await runBatch({ dir, outDir: path.join(root, 'out-links'), writeReports: false });
    expect(r.entries.map((e) => path.relative(dir, e.file)).sort()).toEqual(['a.json', path.join('linked', 'b.json')]);
    expect(r.counts.produced).toBe(2);
    expect(r.notices).toMatchObject([{ rule: 'symlink-loop', severity: 'warning' }]);
  });
});

describe('limits of a batch', () => {
  it('a department slower than --timeout is stopped and reported; the others finish', async () => {
    const dir = path.join(root, 'data-slow');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'a.json'), JSON.stringify(depts[0], null, 2));
    const slow = structuredClone(depts[1]!);
    // valid and within every limit, the whole document's text included: 360,000 characters (~500 pages)
    slow.department.duties = Array.from({ length: 18 }, () => varied(20_000));
    await writeFile(path.join(dir, '0-slow.json'), JSON.stringify(slow));
    // The test, not the machine's speed, decides who runs out of time: the slow department's limit
    // is reached as soon as it starts; the other's never is.
    const started: string[] = [];
    const r = await runBatch({
      dir,
      outDir: path.join(root, 'out-slow'),
      writeReports: false,
      jobs: 1,
      timeout: 4,
      startTimer: (file, ms, expire) => {
        started.push(path.basename(file));
        expect(ms).toBe(4000);
        if (path.basename(file) === '0-slow.json') setImmediate(expire);
        return () => {};
      },
    });
    const byFile = (name: string) => r.entries.find((e) => path.basename(e.file) === name)!;
    expect(byFile('a.json')).toMatchObject({ status: 'produced' });
    expect(byFile('0-slow.json')).toMatchObject({ status: 'failed' });
    expect(byFile('0-slow.json').reason).toContain('[timeout]');
    expect(byFile('0-slow.json').reason).toContain('生成超过时间上限 4 秒');
    expect(started).toEqual(expect.arrayContaining(['a.json', '0-slow.json']));
  });

  it('--timeout reaches the report', async () => {
    const r = await cli(['batch', 'data', '-o', 'out-timeout', '--timeout', '600', '--json'], root);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as BatchReport).timeout).toBe(600);
  });

  it('a report that cannot be written: the summary still reaches the terminal, in words, exit 1', async () => {
    const out = path.join(root, 'out-report');
    // a folder where the report file should go
    await mkdir(path.join(out, String(depts[0]!.year), 'batch-report.json'), { recursive: true });
    const r = await cli(['batch', 'data', '-o', 'out-report'], root);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('批量生成：2 个数据文件，生成 2 份');
    expect(r.stderr).toContain('批量报告未能写入');
    expect(r.stderr).not.toContain('内部错误');
  });
});
