import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOCUMENTS, pageImages, renderDocumentPdf, storedName, VISUAL_DIR } from '../support/visual.js';

/*
 * npm run visual:update — store the page images the visual test compares with, after a change
 * to the layout that is meant (look at the pages first: pdftoppm -r 60 -png out/x.pdf /tmp/p).
 */

for (const doc of DOCUMENTS) {
  const dir = path.join(VISUAL_DIR, doc.name);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f.endsWith('.png')) rmSync(path.join(dir, f));
  const pages = pageImages(await renderDocumentPdf(doc.file));
  pages.forEach((png, i) => writeFileSync(path.join(dir, storedName(i)), png));
  console.log(`${doc.name}: ${pages.length} 页 → ${path.relative(process.cwd(), dir)}`);
}
