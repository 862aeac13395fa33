import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERIFIED } from '../../../src/layout/engine/versions.js';
import { packageRoot } from '../../../src/load/root.js';

/*
 * The speed patches, the layout hooks and the tagged-PDF writer are gated on the exact pdfmake
 * and pdfkit they were verified against: package.json pins those versions, and an installed
 * version that differs fails here — an upgrade is a decision, not a silent slowdown.
 */

const require = createRequire(import.meta.url);

describe('pinned versions', () => {
  it('package.json pins pdfmake and pdfkit at the versions the patches are verified on, and those are installed', () => {
    const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies.pdfmake).toBe(VERIFIED.pdfmake);
    expect(pkg.dependencies.pdfkit).toBe(VERIFIED.pdfkit);
    const installed = (name: string, from = require) => (from(`${name}/package.json`) as { version: string }).version;
    expect(installed('pdfmake')).toBe(VERIFIED.pdfmake);
    // the pdfkit pdfmake itself loads, not only the one at the top of node_modules
    const fromPdfmake = createRequire(require.resolve('pdfmake/package.json'));
    expect(installed('pdfkit', fromPdfmake)).toBe(VERIFIED.pdfkit);
    expect(installed('pdfkit')).toBe(VERIFIED.pdfkit);
  });
});
