import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, exampleDepartments } from '../../bench/examples.js';
import { generateDepartments } from '../../bench/synth/index.js';
import { DEFAULT_DATA_FILE } from '../../src/load/discover.js';
import { run } from '../../src/pipeline/compose.js';
import { processWorld } from '../../src/pipeline/world.js';
import { conformance, elements, readPdf, structTree, textOf } from '../support/conformance.js';

/*
 * Issue 23, item 5: every conformance check on the documents gongkai makes — the reference, the
 * example departments and a synthetic extreme one (five units, four dozen projects with their
 * sheets, long project names) — each made as `gongkai build` makes it (run: PDF/A-3 with its data
 * inside, claiming PDF/UA-1), so the claims in its XMP are checked too.
 */

/** Four dozen projects of long names over five units, every feature a department may have. */
function extreme(): Uint8Array {
  const [d] = generateDepartments(1, 23, { projects: 48, units: 5, complete: true, sheets: 'all' }) as unknown as Array<{ projects: Array<{ name: string }>; performanceSheets?: Array<{ project?: string }> }>;
  const long = '关于推进基层治理体系和治理能力现代化建设的';
  for (const p of d!.projects) p.name = long + p.name;
  for (const s of d!.performanceSheets ?? []) if (s.project) s.project = long + s.project;
  return new TextEncoder().encode(JSON.stringify(d));
}

const DOCUMENTS: Array<{ label: string; file: string; bytes?: () => Uint8Array }> = [
  { label: 'the reference', file: DEFAULT_DATA_FILE },
  ...exampleDepartments().map(({ file }) => ({ label: `data/examples/${file}`, file: path.join(EXAMPLES_DIR, file) })),
  { label: 'a synthetic extreme department', file: path.join(EXAMPLES_DIR, 'synthetic-extreme.json'), bytes: extreme },
];

describe.each(DOCUMENTS)('$label', ({ file, bytes }) => {
  it('keeps every PDF/UA-1 and PDF/A-3 rule we check', async () => {
    const r = await run(processWorld(), { file, ...(bytes ? { bytes: bytes() } : {}) });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const m = await readPdf(r.bytes!);
    expect(conformance(m)).toEqual([]);
    // the rules had something to hold for: spanning cells, links, the chart, headings of each kind
    const all = [...elements(structTree(m))];
    expect(all.filter((e) => e.type === 'Link').length).toBeGreaterThan(30);
    expect(all.some((e) => e.type === 'Figure' && e.mcs.length > 0)).toBe(true);
    expect(all.filter((e) => e.type === 'Table').length).toBeGreaterThan(10);
    const headings = all.filter((e) => /^H\d$/.test(e.type)).map((e) => textOf(m, e));
    expect(headings.some((t) => /^（[一二三]）/.test(t))).toBe(true);
  });
});

describe('the Shanghai set (data/shanghai-putuo-commerce.json)', () => {
  it('keeps the same rules: they are the engine’s, whatever the set', async () => {
    const file = path.join(path.dirname(DEFAULT_DATA_FILE), 'shanghai-putuo-commerce.json');
    const r = await run(processWorld(), { file });
    const m = await readPdf(r.bytes!);
    expect(conformance(m)).toEqual([]);
    expect([...elements(structTree(m))].filter((e) => e.type === 'Table').length).toBeGreaterThan(5);
  });
});
