import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_FILE } from '../../src/load/discover.js';
import { packageRoot } from '../../src/load/root.js';
import { processWorld, run as build } from '../../src/pipeline/index.js';

/*
 * gongkai as others get it: packed (npm pack), installed as a dependency of a fresh project
 * (npm install --omit=dev of the tarball, as `npm install -g` does: no devDependencies anywhere;
 * npm hoists the Noto fonts out of gongkai's folder), then used from there — the gongkai command
 * and the library API — building the reference PDF with the same bytes as this checkout does,
 * and `gongkai preview` showing it in Chromium with the pdf.js the package itself carries.
 */

const CHROMIUM = '/usr/bin/chromium';
const SKIP_BROWSER = !existsSync(CHROMIUM) && !process.env.CI;

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let project: string;
let expected: Buffer;
let expectedPages: number;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'gongkai-pack-'));
  // dist as built (npm ci's prepare): packing must not rebuild it under the other tests' feet
  await run(npm, ['pack', '--ignore-scripts', '--pack-destination', dir, '--silent'], { cwd: packageRoot(), maxBuffer: 1 << 24 });
  const tgz = (await readdir(dir)).find((f) => f.endsWith('.tgz'))!;
  project = path.join(dir, 'zone');
  await (await import('node:fs/promises')).mkdir(project);
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'zone', private: true, type: 'module' }));
  // from npm's cache where it can: CI installed these same packages a moment ago
  await run(npm, ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--silent', path.join(dir, tgz)], { cwd: project, maxBuffer: 1 << 24 });
  // a build's PDF, the data inside (PDF/A-3): the installed copy records the same version and set
  const made = await build(processWorld(), { file: DEFAULT_DATA_FILE });
  expected = made.bytes!;
  expectedPages = made.pages!;
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
    expect(JSON.parse(r.stdout)).toEqual({ errors: 0, pages: expectedPages });
    expect(Buffer.from(r.stderr, 'base64').equals(expected)).toBe(true);
    const types = await readFile(path.join(project, 'node_modules', 'gongkai', 'dist', 'index.d.ts'), 'utf8');
    expect(types).toMatch(/export declare function render\(/);
  });

  it.skipIf(SKIP_BROWSER)('previews from the installed copy: the page loads its pdf.js and draws the first page (issue 20 F11)', async () => {
    // nothing of the checkout's node_modules can be reached from the project (pdfjs-dist is a
    // runtime dependency since verify reads PDFs with it: the preview still serves its vendored copy)
    await expect(run(process.execPath, ['-e', "import('vitest')"], { cwd: project })).rejects.toThrow();
    const child = spawn(process.execPath, ['node_modules/gongkai/dist/cli/index.js', 'preview', 'node_modules/gongkai/data/640-zwfw.json', '--port', '0'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const context = await chromium.launchPersistentContext(await mkdtemp(path.join(project, 'chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => {
          const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
          if (m) resolve(m[0]);
        });
        void exited.then((code) => reject(new Error(`preview exited (${code}) before printing its URL\nstdout: ${out}\nstderr: ${err}`)));
      });
      const page = context.pages()[0] ?? (await context.newPage());
      const failed: string[] = [];
      page.on('response', (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
      });
      await page.goto(url);
      await page.waitForSelector('body[data-status="ok"][data-pdf-version="1"]', { timeout: 300_000 });
      await page.waitForSelector('#pages .page[data-page="1"][data-drawn="true"]', { timeout: 300_000 });
      // the first page is drawn: its canvas holds more than one colour
      const inked = await page.evaluate(() => {
        const canvas = document.querySelector('#pages .page[data-page="1"] canvas') as HTMLCanvasElement;
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
        return dark;
      });
      expect(inked).toBeGreaterThan(100);
      expect(failed).toEqual([]);
      expect(child.exitCode).toBeNull(); // the server is still up
    } finally {
      await context.close();
      child.kill('SIGTERM');
      await exited;
    }
    expect(err).not.toMatch(/\n\s+at /); // no stack trace
  });
});
