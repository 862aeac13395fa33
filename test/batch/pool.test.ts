import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPool, workerDeathMessage } from '../../src/batch/pool.js';
import type { JobMessage, JobResult } from '../../src/batch/types.js';
import { minimalInput } from '../fixtures/minimal.js';
import { varied } from '../support/pdf-text.js';

/*
 * A worker that runs out of memory (issue 20): a small-scale model of a department too large for
 * the memory one department may take — a worker heap of HEAP_MB instead of OLD_GENERATION_MB, and
 * a department whose layout needs more than that (the small one beside it needs far less).
 */

const HEAP_MB = 96;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gongkai-pool-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a batch worker out of memory', () => {
  it('fails that department in Chinese, names the limit, and the next department still renders', async () => {
    const large = minimalInput();
    large.department.duties = Array.from({ length: 5 }, () => varied(19_000));
    await writeFile(path.join(dir, 'large.json'), JSON.stringify(large));
    await writeFile(path.join(dir, 'small.json'), JSON.stringify(minimalInput()));
    const job = (id: number, name: string): JobMessage => ({ type: 'job', id, file: path.join(dir, name), outDir: path.join(dir, 'out'), version: 'test' });
    const results: JobResult[] = [];
    const run = await runPool([job(0, 'large.json'), job(1, 'small.json')], { size: 1, templateSets: ['shanxi-zonggai'], heapMb: HEAP_MB, onResult: (r) => results.push(r) });
    expect(run.interrupted).toBe(false);
    const [large0, small] = [results.find((r) => r.id === 0)!, results.find((r) => r.id === 1)!];
    expect(large0).toMatchObject({ status: 'failed', errors: [{ rule: 'out-of-memory', severity: 'error' }] });
    expect(large0.reason).toContain(`内存超过每个部门的上限（${HEAP_MB} MB）`);
    expect(large0.errors![0]!.message).not.toMatch(/heap|memory|Worker|terminated/i);
    expect(small).toMatchObject({ status: 'produced' });
  });

  it('any other end of a worker is said in Chinese too', () => {
    expect(workerDeathMessage(Object.assign(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'), { code: 'ERR_WORKER_OUT_OF_MEMORY' }), 1024).message).toMatch(/^生成时内存超过每个部门的上限（1024 MB）/);
    expect(workerDeathMessage(new Error('退出码 1'), 1024)).toEqual({ rule: 'worker-crashed', message: '生成线程意外退出（退出码 1）；其余部门照常生成' });
  });
});
