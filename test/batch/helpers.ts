import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import type { CliIO } from '../../src/cli/context.js';
import { run } from '../../src/cli/main.js';
import type { DepartmentInput } from '../../src/schema/index.js';
import { generateDepartments, SMALL, synthFileName } from '../../bench/synth/index.js';

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `gongkai-${prefix}-`));
}

/** Small generated departments (one or two projects: a few seconds of rendering each). */
export async function writeSmall(dir: string, n: number, seed: number): Promise<{ files: string[]; depts: DepartmentInput[] }> {
  await mkdir(dir, { recursive: true });
  const depts = generateDepartments(n, seed, { ...SMALL, projects: 1, units: 1, years: [2026] });
  const files: string[] = [];
  for (const [i, d] of depts.entries()) {
    const file = path.join(dir, synthFileName(i, d));
    await writeFile(file, JSON.stringify(d, null, 2));
    files.push(file);
  }
  return { files, depts };
}

/** A complete PDF: starts with %PDF- and ends with %%EOF (and a newline at most). */
export async function isCompletePdf(file: string): Promise<boolean> {
  const bytes = await readFile(file);
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-' && /%%EOF\s*$/.test(bytes.subarray(-32).toString('latin1'));
}

export async function pdfsUnder(dir: string): Promise<string[]> {
  return (await fg('**/*.pdf', { cwd: dir, absolute: true })).sort();
}

export async function tempFilesUnder(dir: string): Promise<string[]> {
  return fg('**/*.tmp', { cwd: dir, dot: true, absolute: true });
}

/** `gongkai …` in this process, output captured. */
export async function cli(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env: {}, color: false };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
