import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * What the preview page loads besides itself, never from a CDN (the preview works offline):
 * pdf.js to show the PDF (so the page keeps its place across updates, which the browser's own
 * viewer cannot be asked to do), and a CJK web font for the page's own labels, so they never
 * fall back to boxes on a machine without Chinese fonts.
 *
 * pdf.js is copied into dist/preview/vendor/ by the build (vendor.ts): an installed gongkai has
 * no devDependencies. Run from src/ (tsx, vitest) it is read from pdfjs-dist itself. The font is
 * a runtime dependency. A file that cannot be found is a failed request, never a thrown error in
 * the server's handler.
 */

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

/** dist/preview/vendor/<name> ← node_modules/pdfjs-dist/<path>. */
export const VENDORED: Record<string, string> = {
  'pdf.min.mjs': 'build/pdf.min.mjs',
  'pdf.worker.min.mjs': 'build/pdf.worker.min.mjs',
  'pdfjs-LICENSE': 'LICENSE',
};

function pdfjsFile(name: string): string {
  const vendored = path.join(here, 'vendor', name);
  if (existsSync(vendored)) return vendored;
  return path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), VENDORED[name]!);
}

export interface Asset {
  type: string;
  /** May throw (a package not installed): assetBytes turns that into a rejected promise. */
  file: () => string;
}

export const ASSETS: Record<string, Asset> = {
  '/assets/pdf.mjs': { type: 'text/javascript; charset=utf-8', file: () => pdfjsFile('pdf.min.mjs') },
  '/assets/pdf.worker.mjs': { type: 'text/javascript; charset=utf-8', file: () => pdfjsFile('pdf.worker.min.mjs') },
  '/assets/ui-font.ttf': { type: 'font/ttf', file: () => path.join(path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json')), '400Regular', 'NotoSansSC_400Regular.ttf') },
};

const cache = new WeakMap<Asset, Promise<Buffer>>();

export function assetBytes(route: string, assets: Record<string, Asset> = ASSETS): Promise<Buffer> | undefined {
  const a = Object.hasOwn(assets, route) ? assets[route] : undefined;
  if (!a) return undefined;
  let hit = cache.get(a);
  if (!hit) {
    hit = (async () => readFile(a.file()))();
    cache.set(a, hit);
    hit.catch(() => cache.delete(a));
  }
  return hit;
}
