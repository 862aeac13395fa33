import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/*
 * What the preview page loads besides itself, served from the installed packages (never a CDN:
 * the preview works offline): pdf.js to show the PDF (so the page keeps its place across
 * updates, which the browser's own viewer cannot be asked to do), and a CJK web font for the
 * page's own labels, so they never fall back to boxes on a machine without Chinese fonts.
 */

const require = createRequire(import.meta.url);

export interface Asset {
  type: string;
  file: () => string;
}

export const ASSETS: Record<string, Asset> = {
  '/assets/pdf.mjs': { type: 'text/javascript; charset=utf-8', file: () => path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'build', 'pdf.min.mjs') },
  '/assets/pdf.worker.mjs': { type: 'text/javascript; charset=utf-8', file: () => path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'build', 'pdf.worker.min.mjs') },
  '/assets/ui-font.ttf': { type: 'font/ttf', file: () => path.join(path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json')), '400Regular', 'NotoSansSC_400Regular.ttf') },
};

const cache = new Map<string, Promise<Buffer>>();

export function assetBytes(route: string): Promise<Buffer> | undefined {
  const a = ASSETS[route];
  if (!a) return undefined;
  let hit = cache.get(route);
  if (!hit) {
    hit = readFile(a.file());
    cache.set(route, hit);
    hit.catch(() => cache.delete(route));
  }
  return hit;
}
