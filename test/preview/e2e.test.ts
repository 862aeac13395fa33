import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * End to end: `gongkai preview` as a child process on a temporary copy of the reference, the page
 * in a real headless Chromium (Debian's /usr/bin/chromium), its pdf.js viewer served by the
 * preview, edits saved to the data file. The PDF text is read with pdfjs-dist from the bytes the
 * page's viewer loaded.
 *
 * Skipped only when /usr/bin/chromium is absent AND CI is unset; under CI it always runs (and
 * fails loudly if Chromium is missing: .ci/run must `apt-get install -y chromium`).
 */

/** A bound on a wait that would otherwise hang, not a speed expectation (a loaded machine is slow). */
const HANG = 300_000;
const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const SKIP = !HAVE_CHROMIUM && !process.env.CI;
if (SKIP) console.warn(`test/preview/e2e.test.ts skipped: ${CHROMIUM} is not installed (apt-get install -y chromium). It never skips when CI is set.`);

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'src', 'cli', 'index.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const REFERENCE = path.join(ROOT, 'data', '640-zwfw.json');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Text that is not in the reference, made only of characters its fonts have.
const MARK_1 = '端到端预览测试标记甲';
const MARK_2 = '端到端预览测试标记乙';

async function pdfText(bytes: Uint8Array): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: bytes, verbosity: 0, useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    let text = '';
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      text += content.items.map((it) => ('str' in it ? it.str : '')).join('') + '\n';
    }
    return text;
  } finally {
    await doc.destroy();
  }
}

interface Preview {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startPreviewProcess(cwd: string, file: string): Promise<Preview> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const child = spawn(process.execPath, ['--import', TSX, CLI, 'preview', file, '--port', '0'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview did not print its URL in time\nstdout: ${out}\nstderr: ${err}`)), 45_000);
    child.stdout!.on('data', () => {
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[0], stdout: () => out, stderr: () => err, exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`preview exited (${code}) before printing its URL\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

describe.skipIf(SKIP)('gongkai preview in a real browser (needs /usr/bin/chromium)', () => {
  let dir: string;
  let dataFile: string;
  let original: string;
  let preview: Preview | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  /** The PDF the page shows: the URL its pdf.js viewer loaded, drawn, and the text of those bytes. */
  async function pdfShown(): Promise<{ src: string; version: string; text: string; pages: number }> {
    await page.waitForSelector('#pages .page[data-drawn="true"]', { timeout: HANG });
    const src = await page.locator('#pages').getAttribute('data-src');
    expect(src).toMatch(/^\/document\.pdf\?v=\d+$/);
    // the same bytes the viewer fetched (the server keeps the PDF on screen until a newer one is good)
    const bytes = await page.evaluate(async (u) => Array.from(new Uint8Array(await (await fetch(u)).arrayBuffer())), src!);
    return { src: src!, version: src!.replace(/.*v=/, ''), text: await pdfText(new Uint8Array(bytes)), pages: Number(await page.locator('#pages').getAttribute('data-pages')) };
  }

  /** The page at the top of the viewer. */
  const topPage = () =>
    page.evaluate(() => {
      const box = document.getElementById('pages')!;
      for (const p of Array.from(box.children) as HTMLElement[]) if (p.offsetTop + p.offsetHeight > box.scrollTop + 1) return Number(p.dataset.page);
      return 0;
    });

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (apt-get install -y chromium)`);
    dir = await mkdtemp(path.join(tmpdir(), 'gongkai-preview-e2e-'));
    dataFile = path.join(dir, 'dept.json');
    await copyFile(REFERENCE, dataFile);
    original = await readFile(dataFile, 'utf8');
    preview = await startPreviewProcess(dir, 'dept.json');
    context = await chromium.launchPersistentContext(await mkdtemp(path.join(dir, 'chromium-profile-')), { executablePath: CHROMIUM, headless: true, args: ARGS });
    page = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    if (preview && preview.child.exitCode === null) preview.child.kill('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows the draft PDF and the audit warnings with their JSON paths', async () => {
    await page.goto(preview!.url);
    await page.waitForSelector('body[data-status="ok"][data-pdf-version="1"]', { timeout: HANG });
    const { text } = await pdfShown();
    expect(text).toContain('2026年度部门预算公开');
    expect(text).toContain('草稿'); // the preview's watermark
    expect(text).toMatch(/草稿\s*\d{4}-\d{2}-\d{2}/);
    expect(text).not.toContain(MARK_1);
    // the reference has warnings, no errors: listed beside the PDF, with path and line:column
    const warnings = page.locator('aside li.warning');
    expect(await warnings.count()).toBeGreaterThan(0);
    expect(await page.locator('aside li.error').count()).toBe(0);
    const first = warnings.first();
    expect(await first.locator('.path').textContent()).toMatch(/^[a-zA-Z]+(\.|\[)/);
    expect(await first.locator('.loc').textContent()).toMatch(/^dept\.json:\d+:\d+$/);
    expect(await page.locator('#overlay').isHidden()).toBe(true);
  });

  it('reloads with the new text when the data file is saved, keeping the reader on their page', async () => {
    // read on at page 12
    await page.evaluate(() => {
      const box = document.getElementById('pages')!;
      box.scrollTop = (box.children[11] as HTMLElement).offsetTop;
    });
    expect(await topPage()).toBe(12);
    const data = JSON.parse(original) as { department: { duties: string[] } };
    data.department.duties[0] = `${MARK_1}。${data.department.duties[0]}`;
    await writeFile(dataFile, JSON.stringify(data, null, 2));
    await page.waitForSelector('body[data-status="ok"][data-pdf-version="2"]', { timeout: HANG });
    const { version, text } = await pdfShown();
    expect(version).toBe('2');
    expect(text).toContain(MARK_1);
    expect(text).toContain('草稿');
    expect(await topPage()).toBe(12);
  });

  it('keeps the last good PDF on screen and shows the JSON error over it', async () => {
    const before = await pdfShown();
    const good = await readFile(dataFile, 'utf8');
    // a half-typed edit: the comma after the year is gone
    const broken = good.replace(/("year": \d+),/, '$1');
    expect(broken).not.toBe(good);
    await writeFile(dataFile, broken);
    await page.waitForSelector('body[data-status="error"]', { timeout: HANG });

    const overlay = page.locator('#overlay');
    expect(await overlay.isVisible()).toBe(true);
    const error = overlay.locator('li.error').first();
    expect(await error.getAttribute('data-rule')).toBe('json-syntax');
    expect(await error.locator('.loc').textContent()).toMatch(/^dept\.json:\d+:\d+$/);
    expect(await error.locator('.msg').textContent()).toContain('JSON');
    expect(await page.locator('#status').textContent()).toContain('有错误');

    // the viewer still points at the last good PDF, and it still has the previous text
    const after = await pdfShown();
    expect(after.src).toBe(before.src);
    expect(after.text).toContain(MARK_1);
    const current = await page.evaluate(async (src) => {
      const r = await fetch(src, { cache: 'no-store' });
      const bytes = new Uint8Array(await r.arrayBuffer());
      return { status: r.status, version: r.headers.get('x-preview-pdf-version'), pdf: String.fromCharCode(...bytes.subarray(0, 5)) };
    }, after.src);
    expect(current).toEqual({ status: 200, version: '2', pdf: '%PDF-' });
  });

  it('shows data that fails the audit as a PDF marked 未通过审核, the error beside it with a link to its page', async () => {
    const data = JSON.parse(original) as { department: { duties: string[] }; projects: Array<{ unit: string }> };
    data.department.duties[0] = `${MARK_2}。${data.department.duties[0]}`;
    data.projects[0]!.unit = '不存在的单位'; // valid JSON, valid schema: the audit refuses it
    await writeFile(dataFile, JSON.stringify(data, null, 2));
    await page.waitForSelector('body[data-status="ok"][data-pdf-version="3"]', { timeout: HANG });
    const error = page.locator('aside li.error[data-path="projects[0].unit"]');
    expect(await error.count()).toBe(1);
    expect(await error.locator('.loc').textContent()).toMatch(/^dept\.json:\d+:\d+$/);
    expect(await page.locator('#overlay').isHidden()).toBe(true);
    expect(await page.locator('#forced').textContent()).toContain('未通过审核');
    const { version, text } = await pdfShown();
    expect(version).toBe('3');
    expect(text).toContain(MARK_2);
    expect(text).toContain('未通过审核');
    // the error concerns 表12: its link goes to the page the table is on
    const link = error.locator('.goto');
    await link.waitFor({ timeout: HANG });
    const n = Number(await link.getAttribute('data-page'));
    expect(text.split('\n')[n - 1]).toContain('项目支出预算表');
    await link.click();
    expect(await topPage()).toBe(n);
  });

  it('shows warnings beside a fresh PDF once fixed', async () => {
    const data = JSON.parse(original) as { department: { duties: string[] }; narrative: { procurement: { goods: string } } };
    data.department.duties[0] = `${MARK_2}。${data.department.duties[0]}`;
    data.narrative.procurement.goods = '123.45'; // no longer adds up to the declared total: a warning
    await writeFile(dataFile, JSON.stringify(data, null, 2));
    await page.waitForSelector('body[data-status="ok"][data-pdf-version="4"]', { timeout: HANG });
    expect(await page.locator('#overlay').isHidden()).toBe(true);
    expect(await page.locator('#forced').isHidden()).toBe(true);
    expect(await page.locator('aside li.warning[data-rule="procurement-total-equals-parts"] .path').textContent()).toBe('narrative.procurement.declaredTotal');
    const { text } = await pdfShown();
    expect(text).toContain(MARK_2);
    expect(text).not.toContain(MARK_1);
    expect(text).toContain('123.45');
  });

  it('stops cleanly on Ctrl-C (exit 0)', async () => {
    preview!.child.kill('SIGINT');
    const code = await preview!.exited;
    expect(code, preview!.stderr()).toBe(0);
    expect(preview!.stdout()).toContain('正在停止预览');
    expect(preview!.stderr()).not.toMatch(/^\s+at .+[:(]\d+/m);
    await page.waitForSelector('body[data-connected="false"]', { timeout: HANG });
  });
});
