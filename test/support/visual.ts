import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { EXAMPLES_DIR } from '../../bench/examples.js';
import { DEFAULT_DATA_FILE } from '../../src/load/discover.js';
import { packageRoot } from '../../src/load/root.js';
import { checkDataFile, environment, renderToPdf } from '../../src/pipeline/index.js';

/*
 * Page images for the visual regression test: the reference department and two example
 * departments rendered, each page turned into a small grey PNG by poppler's pdftoppm (Debian
 * poppler-utils), and compared with the stored images in test/visual/<name>/ by pixelmatch.
 * `npm run visual:update` stores new images after an intended change (look at them first).
 */

export const VISUAL_DIR = path.join(packageRoot(), 'test', 'visual');
/** Low enough to keep the stored images small, high enough to see a table move. */
export const DPI = 20;

export const DOCUMENTS: Array<{ name: string; file: string }> = [
  { name: 'reference', file: DEFAULT_DATA_FILE },
  { name: 'yingze-culture-tourism', file: `${EXAMPLES_DIR}/yingze-culture-tourism.json` },
  { name: 'yuci-government-services', file: `${EXAMPLES_DIR}/yuci-government-services.json` },
];

export async function renderDocumentPdf(file: string): Promise<Buffer> {
  const checked = await checkDataFile(file);
  const { env } = await environment(checked.data!.templateSet);
  const r = await renderToPdf(checked.data!, checked.derived!, env!, file);
  if (!r.pdf.length) throw new Error(`${file}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.pdf;
}

/** The pages of a PDF as grey PNG bytes, in order (poppler's drawing: equal bytes, equal pixels). */
export function pageImages(pdf: Buffer, dpi: number = DPI): Buffer[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-visual-'));
  try {
    writeFileSync(path.join(dir, 'doc.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', path.join(dir, 'doc.pdf'), path.join(dir, 'p')]);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => readFileSync(path.join(dir, f)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const storedName = (i: number) => `p${String(i + 1).padStart(3, '0')}.png`;

export function storedImages(name: string): Buffer[] {
  const dir = path.join(VISUAL_DIR, name);
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => /^p\d{3}\.png$/.test(f)).sort();
  } catch {
    return [];
  }
  return files.map((f) => readFileSync(path.join(dir, f)));
}

/** Share of a page's pixels that differ (pixelmatch's colour threshold 0.1), and a diff image. */
export function compare(a: Buffer, b: Buffer): { share: number; diff?: Buffer; sizeDiffers?: boolean } {
  const x = PNG.sync.read(a);
  const y = PNG.sync.read(b);
  if (x.width !== y.width || x.height !== y.height) return { share: 1, sizeDiffers: true };
  const diff = new PNG({ width: x.width, height: x.height });
  const n = pixelmatch(x.data, y.data, diff.data, x.width, x.height, { threshold: 0.1 });
  return { share: n / (x.width * x.height), ...(n ? { diff: PNG.sync.write(diff) } : {}) };
}
