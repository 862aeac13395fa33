import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VENDORED } from '../../src/preview/assets.js';
import { vendorPdfjs } from '../../src/preview/vendor.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'gongkai-vendor-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('pdf.js copied into dist/ by the build (issue 20 F11)', () => {
  it('copies the page script, its worker and the licence byte for byte', () => {
    const pdfjs = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    const written = vendorPdfjs(tmp);
    expect(written.map((f) => path.basename(f)).sort()).toEqual(Object.keys(VENDORED).sort());
    for (const [name, from] of Object.entries(VENDORED)) expect(readFileSync(path.join(tmp, name)).equals(readFileSync(path.join(pdfjs, from))), name).toBe(true);
    expect(readFileSync(path.join(tmp, 'pdfjs-LICENSE'), 'utf8')).toContain('Apache License');
  });
});
