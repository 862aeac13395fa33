/*
 * `npm run build` step: copies the pdf.js the preview page runs (and its licence) into
 * dist/preview/vendor/, so the installed package serves it from its own files. pdfjs-dist stays a
 * devDependency: installed as a runtime one it would also pull its optional native canvas
 * (@napi-rs/canvas, tens of MB) into every clerk's install, for a browser-side script. Run with
 * tsx; not part of the compiled package (tsconfig.build.json leaves it out).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VENDORED } from './assets.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function vendorPdfjs(outDir = path.join(root, 'dist', 'preview', 'vendor')): string[] {
  const pdfjs = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  mkdirSync(outDir, { recursive: true });
  return Object.entries(VENDORED).map(([name, from]) => {
    const to = path.join(outDir, name);
    copyFileSync(path.join(pdfjs, from), to);
    return to;
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) vendorPdfjs();
