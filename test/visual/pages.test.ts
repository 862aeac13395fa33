import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/load/root.js';
import { compare, DOCUMENTS, pageImages, renderDocumentPdf, storedImages, storedName } from '../support/visual.js';

/*
 * Visual regression: every page of the reference and two example departments looks as stored
 * (test/visual/<name>/). A page may differ in at most MAX_SHARE of its pixels (anti-aliasing);
 * a moved table, a lost line or a new page fails. Differences are written to out/visual-diff/
 * to look at; `npm run visual:update` stores the new pages after an intended change.
 */

const MAX_SHARE = 0.002;

describe('the pages look as stored', () => {
  it.each(DOCUMENTS)('$name', async ({ name, file }) => {
    const stored = storedImages(name);
    expect(stored.length, `no stored pages for ${name}: run npm run visual:update`).toBeGreaterThan(0);
    const pages = pageImages(await renderDocumentPdf(file));
    const bad: string[] = [];
    pages.forEach((png, i) => {
      const want = stored[i];
      if (!want) return;
      const r = compare(png, want);
      if (r.share > MAX_SHARE) {
        bad.push(`page ${i + 1}: ${(r.share * 100).toFixed(2)}% of pixels differ`);
        const dir = path.join(packageRoot(), 'out', 'visual-diff', name);
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, storedName(i)), png);
        if (r.diff) writeFileSync(path.join(dir, storedName(i).replace('.png', '-diff.png')), r.diff);
      }
    });
    expect(pages.length, 'page count').toBe(stored.length);
    expect(bad).toEqual([]);
  });
});
