import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_FILE } from '../../src/load/discover.js';
import { packageRoot } from '../../src/load/root.js';
import { checkDataFile, environment, renderToPdf } from '../../src/pipeline/index.js';

/*
 * gongkai as others get it: packed (npm pack), installed as a dependency of a fresh project
 * (npm install of the tarball: npm hoists the Noto fonts out of gongkai's folder), then used
 * from there — the gongkai command and the library API — building the reference PDF with the
 * same bytes as this checkout does.
 */

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let project: string;
let expected: Buffer;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'gongkai-pack-'));
  // dist as built (npm ci's prepare): packing must not rebuild it under the other tests' feet
  await run(npm, ['pack', '--ignore-scripts', '--pack-destination', dir, '--silent'], { cwd: packageRoot(), maxBuffer: 1 << 24 });
  const tgz = (await readdir(dir)).find((f) => f.endsWith('.tgz'))!;
  project = path.join(dir, 'zone');
  await (await import('node:fs/promises')).mkdir(project);
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'zone', private: true, type: 'module' }));
  // from npm's cache where it can: CI installed these same packages a moment ago
  await run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', path.join(dir, tgz)], { cwd: project, maxBuffer: 1 << 24 });
  const checked = await checkDataFile(DEFAULT_DATA_FILE);
  expected = (await renderToPdf(checked.data!, checked.derived!, (await environment('shanxi-zonggai')).env!, DEFAULT_DATA_FILE)).pdf;
});

describe('the installed package', () => {
  it('finds its fonts where npm put them and builds the reference with the same bytes', async () => {
    const fonts = await run(process.execPath, ['node_modules/gongkai/dist/cli/index.js', 'fonts'], { cwd: project });
    expect(fonts.stdout).not.toContain('未找到');
    const r = await run(process.execPath, ['node_modules/gongkai/dist/cli/index.js', 'build', 'node_modules/gongkai/data/640-zwfw.json', '-o', 'out/ref.pdf'], { cwd: project });
    expect(r.stdout).toContain('out/ref.pdf');
    expect((await readFile(path.join(project, 'out', 'ref.pdf'))).equals(expected)).toBe(true);
  });

  it('serves the library API: import { render } from "gongkai", with types', async () => {
    await writeFile(path.join(project, 'use.mjs'), "import { render, check } from 'gongkai';\nconst c = await check('node_modules/gongkai/data/640-zwfw.json');\nconst r = await render('node_modules/gongkai/data/640-zwfw.json');\nprocess.stdout.write(JSON.stringify({ errors: c.diagnostics.filter((d) => d.severity === 'error').length, pages: r.pages }));\nprocess.stderr.write(r.pdf.toString('base64'));\n");
    const r = await run(process.execPath, ['use.mjs'], { cwd: project, maxBuffer: 1 << 26 });
    expect(JSON.parse(r.stdout)).toEqual({ errors: 0, pages: 36 });
    expect(Buffer.from(r.stderr, 'base64').equals(expected)).toBe(true);
    const types = await readFile(path.join(project, 'node_modules', 'gongkai', 'dist', 'index.d.ts'), 'utf8');
    expect(types).toMatch(/export declare function render\(/);
  });
});
