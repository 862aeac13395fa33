/*
 * The example departments under data/examples/ (issue 10): synthetic but shaped like real ones
 * — entered in 元 to the 分 as the budget system exports them, several units of different kinds,
 * 25+ 表6 items over 301/302/303/310, five or six 类 of 功能分类, non-zero 三公 (公务用车购置
 * included), 政府性基金, 上年结转, 30+ projects each with its 绩效目标表. They build without a
 * warning; tests and the batch benchmark use them.
 *
 *   npx tsx bench/examples.ts        # rewrites data/examples/*.json (test/synth checks they are current)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { Catalogue } from '../src/schema/catalogue.js';
import type { DepartmentInput } from '../src/schema/index.js';
import { generateDepartments, type SynthOptions } from './synth/index.js';
import { rowsByUnitKind } from './synth/kinds.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EXAMPLES_DIR = path.join(ROOT, 'data', 'examples');

const OPTIONS: SynthOptions = { moneyUnit: '元', complete: true, projects: [32, 40], sheets: 'all', units: [4, 5] };
/**
 * seed → file name; the seeds were picked for variety (5 units / 39 projects; 6 类). The third is a
 * 局 of mixed kinds (行政 + 参公 + 2 事业单位) whose 表6 is filled as such a department fills it:
 * one row per kind where the 政府预算经济科目 differ, the name left to the catalogue where not.
 */
const EXAMPLES: Array<[number, string, SynthOptions, boolean?]> = [
  [2, 'yingze-culture-tourism.json', OPTIONS],
  [6, 'yuci-government-services.json', OPTIONS],
  [18, 'yangqu-agriculture-mixed-kinds.json', { ...OPTIONS, units: [4, 4] }, true],
];

const catalogue = () => Catalogue.parse(JSON.parse(readFileSync(path.join(ROOT, 'data', 'catalogue', '2026.json'), 'utf8')));

export function exampleDepartments(): Array<{ file: string; data: DepartmentInput & { $schema: string } }> {
  return EXAMPLES.map(([seed, file, options, byKind]) => {
    const d = generateDepartments(1, seed, options)[0]!;
    return { file, data: { $schema: '../department.schema.json', ...(byKind ? rowsByUnitKind(d, catalogue()) : d) } };
  });
}

export const exampleText = (data: unknown) => `${JSON.stringify(data, null, 2)}\n`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await mkdir(EXAMPLES_DIR, { recursive: true });
  for (const { file, data } of exampleDepartments()) {
    await writeFile(path.join(EXAMPLES_DIR, file), exampleText(data));
    process.stdout.write(`wrote data/examples/${file}\n`);
  }
}
