import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'src', 'cli', 'index.ts');
// An absolute URL: `--import tsx` would resolve from the child's cwd (a temp dir) and fail.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `gongkai …` as a child process exactly as a user would (node + tsx on the TypeScript
 * source: `node --import tsx src/cli/index.ts …`), without colour and without DEBUG.
 */
export function gongkai(args: string[], opts: { cwd?: string; env?: Record<string, string>; nodeArgs?: string[] } = {}): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...opts.env };
  delete env.FORCE_COLOR;
  if (!opts.env?.DEBUG) delete env.DEBUG;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, ...(opts.nodeArgs ?? []), CLI, ...args], { cwd: opts.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every file under a directory (relative paths, sorted): to assert that a command wrote nothing. */
export async function listing(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map(String).sort();
}

/** No stack trace in user-facing output. */
export const STACK = /^\s+at .+[:(]\d+/m;
