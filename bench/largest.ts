/*
 * The largest department the documented limits allow (issue 20, F2): the whole document's text
 * at LIMITS.documentChars, and 表12 as long as the generator makes it (its unique names run out
 * near 550 of the 5,000 rows allowed; measured by hand on 2026-12-07, 5,000 projects with their
 * sheets took 87.8 s and 760 MB) — each built by the CLI in a new
 * process, timed, with its peak memory (/usr/bin/time's maximum resident set size). The limits in
 * docs/data-format.md are the ones these figures show the product renders within.
 *
 *   npx tsx bench/largest.ts        # these figures alone
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Department } from '../src/schema/index.js';
import { LIMITS } from '../src/schema/common.js';
import { REFERENCE_SIZED, generateDepartments } from './synth/index.js';
import { textShares } from '../src/validate/size.js';
import type { Figure } from './run.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'index.js');

const chars = (input: unknown) => textShares(Department.parse(input)).reduce((s, x) => s + x.chars, 0);

/** Text of n characters that breaks into lines like prose (sentences of a few dozen characters). */
function prose(n: number, seed: number): string {
  const words = '政务服务平台建设运维数据共享交换项目预算绩效管理资金保障公开监督审核统筹规划组织实施';
  let x = seed;
  let out = '';
  while (out.length < n) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += words[x % words.length];
    if (out.length % 37 === 36) out += '，';
  }
  return out.slice(0, n - 1) + '。';
}

function atTextLimit() {
  const d = generateDepartments(1, 2026, REFERENCE_SIZED)[0]!;
  d.department.duties = [];
  let room = LIMITS.documentChars - chars(d) - 100;
  for (let i = 0; room > 0; i++) {
    const n = Math.min(LIMITS.paragraph, room);
    d.department.duties.push(prose(n, i + 1));
    room -= n;
  }
  return d;
}

function atRowLimit() {
  return generateDepartments(1, 2026, { ...REFERENCE_SIZED, projects: [LIMITS.rows, LIMITS.rows], sheets: 'none' })[0]!;
}

function timedBuild(file: string, out: string): Promise<{ code: number; seconds: number; rssMb: number; pages?: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('/usr/bin/time', ['-f', '%e %M', process.execPath, CLI, 'build', file, '-o', out], { env: { ...process.env, GONGKAI_SNAPSHOT: '0', NO_COLOR: '1' }, maxBuffer: 1 << 26 }, (err, stdout, stderr) => {
      const last = stderr.trim().split('\n').pop() ?? '';
      const [secs, kb] = last.split(' ').map(Number);
      const pages = /(\d+) 页/.exec(stdout + stderr)?.[1];
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, seconds: secs ?? NaN, rssMb: (kb ?? NaN) / 1024, ...(pages ? { pages } : {}), stderr });
    });
  });
}

export async function largestFigures(): Promise<Figure[]> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'gongkai-largest-'));
  try {
    const figures: Figure[] = [];
    for (const [label, input] of [
      [`text at the limit (${LIMITS.documentChars.toLocaleString('en-US')} characters)`, atTextLimit()],
      ['表12 as long as the generator makes it', atRowLimit()],
    ] as const) {
      const file = path.join(tmp, 'd.json');
      await writeFile(file, JSON.stringify(input));
      const r = await timedBuild(file, path.join(tmp, 'd.pdf'));
      const what = input.projects.length > 100 ? `${label} (${input.projects.length.toLocaleString('en-US')} projects of the ${LIMITS.rows.toLocaleString('en-US')} allowed, no sheets)` : label;
      figures.push([what, r.code === 0 ? `${r.seconds.toFixed(1)} s, peak RSS ${r.rssMb.toFixed(0)} MB, ${r.pages ?? '?'} pages (${chars(input).toLocaleString('en-US')} characters of text)` : `FAILED (exit ${r.code}): ${r.stderr.slice(0, 200)}`]);
    }
    return figures;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [k, v] of await largestFigures()) process.stdout.write(`| ${k} | ${v} |\n`);
}
