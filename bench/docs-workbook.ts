import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../src/load/root.js';
import { workbookDoc } from '../src/workbook/doc.js';

// npm run docs:workbook — docs/workbook.md from the workbook spec
writeFileSync(path.join(packageRoot(), 'docs', 'workbook.md'), workbookDoc());
console.log('docs/workbook.md');
