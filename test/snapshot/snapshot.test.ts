import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run.js';

/*
 * The startup snapshot end to end, on the compiled product (dist/, made by `npm run build`, which
 * `npm ci` runs): built into a cache folder of its own, then the executable run from it and the
 * normal way must give the same bytes and the same report; a damaged or foreign snapshot is never
 * a failure, only the normal path.
 */

const run = promisify(execFile);
const CLI = path.join(ROOT, 'dist', 'cli', 'index.js');
const MAKE = path.join(ROOT, 'dist', 'snapshot', 'make.js');
const REFERENCE = path.join(ROOT, 'data', '640-zwfw.json');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gongkai-snapshot-test-'));
const cache = path.join(tmp, 'cache');
const env = { ...process.env, GONGKAI_CACHE: cache, NO_COLOR: '1', DEBUG: 'gongkai' } as NodeJS.ProcessEnv;
delete env.GONGKAI_SNAPSHOT;
delete env.GONGKAI_V8_OPT;
const normal: NodeJS.ProcessEnv = { ...env, GONGKAI_SNAPSHOT: '0' };
const blobs = () => (existsSync(cache) ? readdirSync(cache).filter((f) => f.endsWith('.blob')) : []);

const gongkai = async (args: string[], e: NodeJS.ProcessEnv) => {
  try {
    const r = await run(process.execPath, [CLI, ...args], { env: e, cwd: tmp, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e2 = err as { code: number; stdout: string; stderr: string };
    return { code: e2.code, stdout: e2.stdout, stderr: e2.stderr };
  }
};

/** Overwrites the snapshot with junk and builds the reference: the normal path's bytes all the same. Returns the snapshot's path. */
async function buildOverDamagedSnapshot(name: string): Promise<string> {
  const blob = path.join(cache, blobs()[0]!);
  writeFileSync(blob, Buffer.alloc(4096, 7));
  const r = await gongkai(['build', REFERENCE, '-o', path.join(tmp, name)], env);
  expect(r.code).toBe(0);
  expect(readFileSync(path.join(tmp, name)).equals(readFileSync(path.join(tmp, 'b.pdf')))).toBe(true);
  return blob;
}

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist', 'snapshot', 'gongkai.cjs'))) throw new Error('dist/snapshot/gongkai.cjs is missing: run `npm run build` first');
  const made = await run(process.execPath, [MAKE], { env, cwd: tmp });
  expect(made.stdout.trim()).toMatch(/startup-[0-9a-f]{32}\.blob$/);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('startup snapshot', () => {
  it('a build from the snapshot writes the same bytes as the normal path, and says where it started', async () => {
    expect(blobs()).toHaveLength(1);
    const a = await gongkai(['build', REFERENCE, '-o', path.join(tmp, 'a.pdf')], env);
    const b = await gongkai(['build', REFERENCE, '-o', path.join(tmp, 'b.pdf')], normal);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.stderr).toContain('从启动快照运行');
    expect(b.stderr).not.toContain('从启动快照运行');
    expect(readFileSync(path.join(tmp, 'a.pdf')).equals(readFileSync(path.join(tmp, 'b.pdf')))).toBe(true);
    // the same report, but for the line that names the snapshot
    expect(a.stderr.replace(/^gongkai：从启动快照运行.*\n/m, '').replace(/[\d.]+ ?秒/g, '')).toBe(b.stderr.replace(/[\d.]+ ?秒/g, ''));
  });

  it("a project's own font roles (gongkai.config.json) are used, not the fonts the snapshot holds", async () => {
    const project = path.join(tmp, 'zone');
    mkdirSync(path.join(project, 'licensed-fonts'), { recursive: true });
    writeFileSync(path.join(project, 'gongkai.config.json'), JSON.stringify({ fontPaths: ['licensed-fonts'] }));
    const roles = JSON.parse(readFileSync(path.join(ROOT, 'fonts', 'roles.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(project, 'licensed-fonts', 'roles.json'), JSON.stringify({ ...roles, body: { family: 'Noto Sans SC', weight: 400 } }));
    const inProject = async (name: string, e: NodeJS.ProcessEnv) => {
      const r = await run(process.execPath, [CLI, 'build', REFERENCE, '-o', path.join(project, name)], { env: e, cwd: project }).catch((err: { stderr: string }) => err);
      return { stderr: r.stderr, pdf: readFileSync(path.join(project, name)) };
    };
    const a = await inProject('a.pdf', env);
    const b = await inProject('b.pdf', normal);
    expect(a.stderr).toContain('从启动快照运行');
    expect(a.pdf.equals(b.pdf)).toBe(true);
    expect(a.pdf.equals(readFileSync(path.join(tmp, 'b.pdf')))).toBe(false); // the body font differs from the default
  });

  it('validate, --version and a usage error answer as they do without it', async () => {
    for (const args of [['validate', REFERENCE, '--json'], ['--version'], ['build', '--no-such-option', REFERENCE]]) {
      const a = await gongkai(args, env);
      const b = await gongkai(args, normal);
      expect(a.code, args.join(' ')).toBe(b.code);
      expect(a.stdout, args.join(' ')).toBe(b.stdout);
    }
  });

  it('a snapshot started without its key refuses (exit 14) before doing anything', async () => {
    const blob = path.join(cache, blobs()[0]!);
    const out = path.join(tmp, 'refused.pdf');
    const e = { ...normal };
    delete e.GONGKAI_SNAPSHOT_KEY;
    const r = await run(process.execPath, ['--no-opt', '--snapshot-blob', blob, '--', 'build', REFERENCE, '-o', out], { env: e }).then(
      () => 0,
      (err: { code: number }) => err.code,
    );
    expect(r).toBe(14);
    expect(existsSync(out)).toBe(false);
  });

  it('a damaged snapshot is removed, the build runs the normal way, and a new one is made in the background', async () => {
    const blob = await buildOverDamagedSnapshot('c.pdf');
    // rebuilt by the detached maker: wait for it (it takes a few seconds)
    for (let i = 0; i < 120 && !(existsSync(blob) && !existsSync(`${blob}.lock`)); i++) await new Promise((r) => setTimeout(r, 500));
    expect(existsSync(`${blob}.lock`)).toBe(false);
    expect(readFileSync(blob).length).toBeGreaterThan(1_000_000);
    const d = await gongkai(['build', REFERENCE, '-o', path.join(tmp, 'd.pdf')], env);
    expect(d.stderr).toContain('从启动快照运行');
    expect(readFileSync(path.join(tmp, 'd.pdf')).equals(readFileSync(path.join(tmp, 'b.pdf')))).toBe(true);
  });

  it('a key whose snapshot fails twice is not built again in the background', async () => {
    const blob = await buildOverDamagedSnapshot('e.pdf');
    expect(existsSync(blob.replace(/\.blob$/, '.failed'))).toBe(true);
    expect(existsSync(blob)).toBe(false);
    expect(existsSync(`${blob}.lock`)).toBe(false); // nothing scheduled
  });

  it('a fresh cache (a new install: ~230 MB not yet hashed) runs the normal way at once, and the snapshot is hashed and built in the background', async () => {
    const fresh = path.join(tmp, 'fresh-cache');
    const e = { ...env, GONGKAI_CACHE: fresh };
    const f = await gongkai(['build', REFERENCE, '-o', path.join(tmp, 'f.pdf')], e);
    expect(f.code).toBe(0);
    expect(f.stderr).not.toContain('从启动快照运行');
    // too much to hash before the command: the maker, under the pending lock, hashes and builds
    const pending = path.join(fresh, 'startup-pending.lock');
    for (let i = 0; i < 120 && (existsSync(pending) || !readdirSync(fresh).some((n) => n.endsWith('.blob'))); i++) await new Promise((r) => setTimeout(r, 500));
    expect(existsSync(pending)).toBe(false);
    expect(readdirSync(fresh).filter((n) => n.endsWith('.blob'))).toHaveLength(1);
    const g = await gongkai(['build', REFERENCE, '-o', path.join(tmp, 'g.pdf')], e);
    expect(g.stderr).toContain('从启动快照运行');
    expect(readFileSync(path.join(tmp, 'g.pdf')).equals(readFileSync(path.join(tmp, 'b.pdf')))).toBe(true);
  });
});
