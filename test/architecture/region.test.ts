import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/load/root.js';

/*
 * Region knowledge lives in templates/, never in src/: no file under src/ names a region's table
 * numbers (表1…表13, 表一…表十三), its 预算公开表, its places, or the shipped set's own wording.
 * A second region's format must not have to fight the first one's names in the code.
 */

const SRC = path.join(packageRoot(), 'src');

const PATTERNS: Array<[string, RegExp]> = [
  ['a table number', /表[0-9]{1,2}(?![0-9])/g],
  ['a table number in Chinese numerals', /表(?:十[一二三]|[一二三四五六七八九十])(?![一-龥])/g],
  ['a table set’s name', /预算公开表/g],
  ['a place', /太原|山西|综改|示范区|晋综改/g],
  ['the shipped set', /shanxi/gi],
  // the shipped set's own wording (templates/shanxi-zonggai/)
  ['the set’s wording', /县（区）级预算部门|项目名称（续）|转型综合改革/g],
];

/** None: every file under src/ speaks of what a thing is, not which region's table prints it. */
const TEMPORARY: string[] = [];

/** The one place the shipped default set is named: a data file that names no set uses it. */
const DEFAULT_SET = 'schema/default-set.ts';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

export function regionNames(text: string): Array<{ line: number; what: string; found: string }> {
  const out: Array<{ line: number; what: string; found: string }> = [];
  text.split('\n').forEach((line, i) => {
    for (const [what, re] of PATTERNS) for (const m of line.matchAll(re)) out.push({ line: i + 1, what, found: m[0] });
  });
  return out;
}

describe('src/', () => {
  it('names no region’s tables, places or wording', () => {
    const hits = files(SRC).flatMap((f) => {
      const rel = path.relative(SRC, f).split(path.sep).join('/');
      if (TEMPORARY.some((t) => rel.startsWith(t))) return [];
      return regionNames(readFileSync(f, 'utf8'))
        .filter((h) => !(rel === DEFAULT_SET && h.what === 'the shipped set'))
        .map((h) => `${rel}:${h.line} ${h.what}: ${h.found}`);
    });
    expect(hits).toEqual([]);
  });

  it('the check finds what it looks for (a test that cannot fail is no test)', () => {
    const found = regionNames('// 表6 and 表十三 of 预算公开表, 太原, templates/shanxi-zonggai; 表头 and 列表一致 are not numbers\n项目名称（续）').map((h) => h.found);
    expect(found).toEqual(['表6', '表十三', '预算公开表', '太原', 'shanxi', '项目名称（续）']);
  });
});
