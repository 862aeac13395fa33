import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchReport } from '../../src/batch/index.js';
import { hashFilePath, poolSize, workerEntry } from '../../src/batch/index.js';
import type { DepartmentInput } from '../../src/schema/index.js';
import { BATCH_V8_FLAGS } from '../../src/cli/batch.js';
import { gongkai } from '../cli/run.js';
import { cli, isCompletePdf, pdfsUnder, tempDir, tempFilesUnder, writeSmall } from './helpers.js';

/*
 * One directory, run several times in order: good and bad departments → the good PDFs and a
 * report naming each bad one; a second run skips; a changed file alone is redone; --force redoes
 * all; batch and build give the same bytes. Small generated departments keep this to a few renders.
 */

let root: string;
let data: string;
let out: string;
let good: { files: string[]; depts: DepartmentInput[] };

const report = (stdout: string) => JSON.parse(stdout) as BatchReport;

beforeAll(async () => {
  root = await tempDir('batch');
  data = path.join(root, 'data');
  out = path.join(root, 'out');
  good = await writeSmall(data, 2, 11);
  // malformed JSON
  await writeFile(path.join(data, 'broken.json'), '{ "year": 2026, "department": { "name": "坏数据局" ');
  // valid, but the audit finds an error: 表12 no longer equals the project expenditure
  const bad = structuredClone(good.depts[0]!);
  bad.department.name = '审核错误测试局';
  bad.department.code = '998';
  bad.projects[0]!.funds = { generalBudget: '1.00' };
  await writeFile(path.join(data, 'audit-error.json'), JSON.stringify(bad, null, 2));
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('gongkai batch', () => {
  it('the worker entry and pool size follow the module and the machine', () => {
    const entry = workerEntry();
    expect(entry.eval).toBe(true); // running from src/ under vitest: worker.ts through tsx
    expect(entry.data.entry).toMatch(/src\/batch\/worker\.ts$/);
    expect(poolSize(100, undefined)).toBeGreaterThanOrEqual(1);
    expect(poolSize(1, 8)).toBe(1);
    expect(poolSize(10, 3)).toBe(3);
  });

  it('renders the good departments, reports each bad one with its reason, exits 1', async () => {
    const r = await cli(['batch', 'data', '-o', 'out', '--json'], root);
    expect(r.code).toBe(1);
    const rep = report(r.stdout);
    expect(rep.counts).toMatchObject({ total: 4, produced: 2, skipped: 0, failed: 2, interrupted: 0 });
    const byFile = Object.fromEntries(rep.entries.map((e) => [path.basename(e.file), e]));
    expect(byFile['broken.json']).toMatchObject({ status: 'failed' });
    expect(byFile['broken.json']!.reason).toContain('json-syntax');
    expect(byFile['broken.json']!.errors![0]!.rule).toBe('json-syntax');
    expect(byFile['audit-error.json']).toMatchObject({ status: 'failed', year: 2026 });
    expect(byFile['audit-error.json']!.reason).toContain('t12-equals-project-expenditure');
    const pdfs = await pdfsUnder(out);
    expect(pdfs.map((p) => path.basename(p)).sort()).toEqual(good.depts.map((d) => `${d.department.name}.pdf`).sort());
    for (const p of pdfs) {
      expect(await isCompletePdf(p)).toBe(true);
      expect(JSON.parse(await readFile(hashFilePath(p), 'utf8')).hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(await tempFilesUnder(out)).toEqual([]);
    // the machine-readable reports: one per year, unknown year at the top of out/
    const y2026 = JSON.parse(await readFile(path.join(out, '2026', 'batch-report.json'), 'utf8')) as BatchReport;
    expect(y2026.entries.map((e) => path.basename(e.file)).sort()).toEqual(['audit-error.json', 'd001-100.json', 'd002-101.json']);
    const unknown = JSON.parse(await readFile(path.join(out, 'batch-report.json'), 'utf8')) as BatchReport;
    expect(unknown.entries.map((e) => path.basename(e.file))).toEqual(['broken.json']);
  });

  it('a second run skips what is up to date; a changed file alone is redone', async () => {
    const again = report((await cli(['batch', 'data', '-o', 'out', '--json'], root)).stdout);
    expect(again.counts).toMatchObject({ produced: 0, skipped: 2, failed: 2 });
    expect(again.jobs).toBe(2); // only the two failing files were looked at again

    const changed = structuredClone(good.depts[1]!);
    changed.narrative.other = ['本年度新增说明。'];
    await writeFile(good.files[1]!, JSON.stringify(changed, null, 2));
    const third = report((await cli(['batch', 'data', '-o', 'out', '--json'], root)).stdout);
    expect(third.counts).toMatchObject({ produced: 1, skipped: 1, failed: 2 });
    expect(third.entries.find((e) => e.status === 'produced')!.file).toBe(path.join('data', path.basename(good.files[1]!)));
  });

  it('--force renders everything again; plain output is one line per department', async () => {
    const r = await cli(['batch', 'data', '-o', 'out', '--force', '--jobs', '2'], root);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/✓ 生成/g)).toHaveLength(2);
    expect(r.stdout.match(/✗ 失败/g)).toHaveLength(2);
    expect(r.stderr).toContain('失败的部门（2）');
    expect(r.stderr).toMatch(/生成 2 份，跳过 0 份（未变化），失败 2 份/);
  });

  it('batch and build write the same bytes for the same department', async () => {
    const b = await cli(['build', path.relative(root, good.files[0]!), '-o', 'out-build'], root);
    expect(b.code).toBe(0);
    const name = `${good.depts[0]!.department.name}.pdf`;
    const fromBuild = await readFile(path.join(root, 'out-build', '2026', name));
    const fromBatch = await readFile(path.join(out, '2026', name));
    expect(fromBatch.equals(fromBuild)).toBe(true);
  });

  it('--quiet prints only failures; usage errors exit 2; an empty directory exits 1', async () => {
    const q = await cli(['batch', 'data', '-o', 'out', '--quiet'], root);
    expect(q.code).toBe(1);
    expect(q.stdout).toBe('');
    expect(q.stderr.trim().split('\n')).toHaveLength(2);
    expect((await cli(['batch', 'data', '--jobs', '0'], root)).code).toBe(2);
    const empty = await cli(['batch', 'out-build', '-o', 'out-empty'], root);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('没有数据文件');
  });

  it('the gongkai executable runs the batch under its V8 flags (relaunched once), with the same bytes', async () => {
    const inProcess = report((await cli(['batch', 'data', '-o', 'out', '--json'], root)).stdout);
    expect(inProcess.runtime.v8Flags).not.toContain('--single-threaded-gc');
    const r = await gongkai(['batch', 'data', '-o', 'out-exe', '--json'], { cwd: root });
    expect(r.code).toBe(1); // the two bad departments
    const rep = report(r.stdout);
    expect(rep.runtime.v8Flags).toEqual(expect.arrayContaining([...BATCH_V8_FLAGS]));
    expect(rep.counts).toMatchObject({ produced: 2, failed: 2 });
    const name = `${good.depts[0]!.department.name}.pdf`;
    expect((await readFile(path.join(root, 'out-exe', '2026', name))).equals(await readFile(path.join(out, '2026', name)))).toBe(true);
  });
});
