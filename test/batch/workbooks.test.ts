import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchReport, ZoneSummary } from '../../src/batch/index.js';
import type { DepartmentInput } from '../../src/schema/index.js';
import { outputPath } from '../../src/write/index.js';
import { cli, isCompletePdf, tempDir, writeSmall } from './helpers.js';

/*
 * Batch with workbooks (issue 19 item 8, issue 20 item 5): an unchanged workbook is skipped like
 * an unchanged JSON file; each output name comes from the data, for both; two inputs naming one
 * PDF (also by case) both fail, saying which two; a failed department's old PDF is renamed aside
 * with 「未更新」 and the report says so; a skipped department keeps its warning count.
 * One folder, run in order; small generated departments keep the renders few.
 */

let root: string;
let data: string;
let out: string;
let depts: DepartmentInput[];
let files: string[];

const report = (stdout: string) => JSON.parse(stdout) as BatchReport;
const byFile = (r: BatchReport) => Object.fromEntries(r.entries.map((e) => [path.basename(e.file), e]));
const pdf = (d: DepartmentInput, suffix = '') => outputPath(out, 2026, d.department.name, suffix);
const batch = async (...extra: string[]) => {
  const r = await cli(['batch', 'data', '-o', 'out', '--json', ...extra], root);
  return { code: r.code, rep: report(r.stdout) };
};

beforeAll(async () => {
  root = await tempDir('batch-wb');
  data = path.join(root, 'data');
  out = path.join(root, 'out');
  ({ depts, files } = await writeSmall(path.join(root, 'json'), 3, 29));
  // a name a file cannot carry as is: made safe, with a warning the skipped runs must still count
  depts[1]!.department.name = `${depts[1]!.department.name}/分中心`;
  await writeFile(files[1]!, JSON.stringify(depts[1], null, 2));
  // two departments as workbooks (made as a clerk gets them), one as JSON
  for (const i of [0, 1]) {
    const made = await cli(['init', '--xlsx', '--from', files[i]!, '-o', path.join('data', `w${i + 1}.xlsx`)], root);
    expect(made.code, made.stderr).toBe(0);
  }
  await writeFile(path.join(data, 'j3.json'), await readFile(files[2]!));
}, 120_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('batch over workbooks', () => {
  it('renders workbooks to the names their data gives; a second run skips all, with their warnings', async () => {
    const first = await batch();
    expect(first.code).toBe(0);
    expect(first.rep.counts).toMatchObject({ total: 3, produced: 3, failed: 0 });
    for (const d of depts) expect(await isCompletePdf(pdf(d))).toBe(true);
    const second = await batch();
    expect(second.code).toBe(0);
    expect(second.rep.counts).toMatchObject({ total: 3, produced: 0, skipped: 3 });
    expect(second.rep.jobs).toBe(0);
    // the warning count a skipped department reports is the one it was made with
    for (const e of first.rep.entries) expect(byFile(second.rep)[path.basename(e.file)]!.warnings).toBe(e.warnings);
    expect(first.rep.entries.some((e) => (e.warnings ?? 0) > 0)).toBe(true);
    const summary = JSON.parse(await readFile(path.join(out, 'batch-summary.json'), 'utf8')) as ZoneSummary;
    expect(summary.rows.map((r) => r.warnings)).toEqual(first.rep.entries.map((e) => e.warnings));
  });

  it('a JSON and a workbook of one department: both fail naming each other; the old PDF is renamed 未更新', async () => {
    await writeFile(path.join(data, 'dup.json'), await readFile(files[0]!));
    const r = await cli(['batch', 'data', '-o', 'out'], root);
    expect(r.code).toBe(1);
    const rep = (await batch()).rep; // the state the run above left: both fail again, nothing more to move
    expect(rep.counts).toMatchObject({ failed: 2, skipped: 2 });
    const e = byFile(rep);
    expect(e['dup.json']!.reason).toContain('[duplicate-output] 与“data/w1.xlsx”输出到同一个文件');
    expect(e['w1.xlsx']!.reason).toContain('与“data/dup.json”输出到同一个文件');
    expect(e['w1.xlsx']!.reason).toContain('两份都未生成');
    // the terminal run: the old PDF moved aside and said on the department's line
    expect(r.stdout).toContain(`旧版已改名  ${path.join('out', '2026', `${depts[0]!.department.name}（未更新）.pdf`)}`);
    expect(await readdir(path.join(out, '2026'))).not.toContain(`${depts[0]!.department.name}.pdf`);
    expect(await isCompletePdf(pdf(depts[0]!, '（未更新）'))).toBe(true);
    const page = await readFile(path.join(out, 'batch-summary.html'), 'utf8');
    expect(page).toContain('<strong>未生成</strong>');
  });

  it('once the duplicate is gone the department is made again and its 未更新 copy removed', async () => {
    await rm(path.join(data, 'dup.json'));
    const { code, rep } = await batch();
    expect(code).toBe(0);
    expect(byFile(rep)['w1.xlsx']).toMatchObject({ status: 'produced' });
    expect(await isCompletePdf(pdf(depts[0]!))).toBe(true);
    expect(await readdir(path.join(out, '2026'))).not.toContain(`${depts[0]!.department.name}（未更新）.pdf`);
  });

  it('a department whose data no longer reads: its last PDF, found by its data file, is renamed aside', async () => {
    const good = await readFile(path.join(data, 'j3.json'), 'utf8');
    await writeFile(path.join(data, 'j3.json'), good.slice(0, 200));
    const { code, rep } = await batch();
    expect(code).toBe(1);
    const e = byFile(rep)['j3.json']!;
    expect(e.status).toBe('failed');
    expect(e.stale).toEqual([path.relative(root, pdf(depts[2]!, '（未更新）'))]);
    const summary = JSON.parse(await readFile(path.join(out, 'batch-summary.json'), 'utf8')) as ZoneSummary;
    expect(summary.rows.find((r) => r.file.endsWith('j3.json'))!.stale).toEqual(e.stale);
    expect(await readFile(path.join(out, 'batch-summary.html'), 'utf8')).toContain('（未更新，不是本次数据）');
  });

  it('a department renamed in its data: the PDF under its former name is renamed aside', async () => {
    const renamed = structuredClone(depts[1]!);
    renamed.department.name = '改名后的测试中心';
    const json = path.join(root, 'json', 'renamed.json');
    await writeFile(json, JSON.stringify(renamed, null, 2));
    const made = await cli(['init', '--xlsx', '--from', json, '-o', path.join('data', 'w2.xlsx'), '--force'], root);
    expect(made.code, made.stderr).toBe(0);
    const { rep } = await batch();
    const e = byFile(rep)['w2.xlsx']!;
    expect(e).toMatchObject({ status: 'produced', output: path.relative(root, pdf(renamed)) });
    expect(e.stale).toEqual([path.relative(root, pdf(depts[1]!, '（未更新）'))]);
    expect(await isCompletePdf(pdf(depts[1]!, '（未更新）'))).toBe(true);
    const again = await batch();
    expect(byFile(again.rep)['w2.xlsx']).toMatchObject({ status: 'skipped' });
    expect(byFile(again.rep)['w2.xlsx']!.stale).toBeUndefined();
  });

  it('names differing only in case are one file on Windows and macOS: both refused, in words', async () => {
    const a = structuredClone(depts[2]!);
    a.department.name = 'ABC测试局';
    const b = structuredClone(a);
    b.department.name = 'abc测试局';
    await writeFile(path.join(data, 'case-a.json'), JSON.stringify(a));
    await writeFile(path.join(data, 'case-b.json'), JSON.stringify(b));
    const { code, rep } = await batch();
    expect(code).toBe(1);
    const e = byFile(rep);
    expect(e['case-a.json']!.reason).toContain('文件名只差大小写或字符写法，Windows 和 macOS 视为同一个文件');
    expect(e['case-b.json']!.reason).toContain('“data/case-a.json”');
    await rm(path.join(data, 'case-a.json'));
    await rm(path.join(data, 'case-b.json'));
  });
});
