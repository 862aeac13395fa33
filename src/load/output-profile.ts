import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { packageDir } from './paths.js';

/*
 * The sRGB ICC profile of a PDF/A document's OutputIntent: the one pdfkit ships (ICC's
 * sRGB IEC61966-2.1, freely distributable), read here like a font — only load touches the disk —
 * and handed to the print. pdfkit is found the way the Noto packages are (a startup snapshot has no
 * require.resolve): beside pdfmake, where pdfmake's own copy would be, or hoisted.
 */

const PROFILE = path.join('js', 'data', 'sRGB_IEC61966_2_1.icc');

/** The profile's bytes, or undefined when pdfkit's folder cannot be found or read (the PDF is then not PDF/A). */
export async function loadOutputProfile(): Promise<Buffer | undefined> {
  const pdfmake = packageDir('pdfmake');
  const dirs = [pdfmake ? path.join(pdfmake, 'node_modules', 'pdfkit') : undefined, packageDir('pdfkit')].filter((d): d is string => d !== undefined);
  for (const dir of dirs) {
    try {
      return await readFile(path.join(dir, PROFILE));
    } catch {
      // not this one: the next place, or none
    }
  }
  return undefined;
}
