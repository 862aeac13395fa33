import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The engine room owns pdfmake, pdfkit and fontkit: no other file under src/ imports them (value
 * or type) or requires them. The snapshot bundler only names their folders, to refuse a tree where
 * pdfmake has its own copies.
 */

const SRC = path.resolve(import.meta.dirname, '../../../src');
const ENGINE = path.join(SRC, 'layout', 'engine') + path.sep;
const LIBS = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](pdfmake|pdfkit|fontkit)(?:\/[^'"]*)?['"]/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('the engine room', () => {
  it('is the only place in src/ that imports or requires pdfmake, pdfkit or fontkit', () => {
    const all = files(SRC);
    const outside = all.filter((f) => !f.startsWith(ENGINE) && !f.endsWith(path.join('types', 'fontkit.d.ts')) && !f.endsWith(path.join('snapshot', 'bundle.ts')) && LIBS.test(readFileSync(f, 'utf8')));
    expect(outside.map((f) => path.relative(SRC, f))).toEqual([]);
    // the pattern finds what it looks for
    expect(all.filter((f) => f.startsWith(ENGINE) && LIBS.test(readFileSync(f, 'utf8'))).length).toBeGreaterThan(0);
  });

  it('leaves no pdfmake field of ours on layout nodes: annotations travel beside them', () => {
    const layout = files(path.join(SRC, 'layout')).filter((f) => !f.startsWith(ENGINE));
    const hits = layout.filter((f) => /\b_(tag|unit|src|figure|pageOf|leaderTo|height)\b\s*:/.test(readFileSync(f, 'utf8')));
    expect(hits.map((f) => path.relative(SRC, f))).toEqual([]);
  });
});
