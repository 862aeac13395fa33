import { beforeAll, describe, expect, it } from 'vitest';
import type { Content, TDocumentDefinitions } from '../../src/layout/engine/index.js';
import { EXAMPLES_DIR } from '../../bench/examples.js';
import { setupFonts } from '../../src/fonts/index.js';
import { installFonts } from '../../src/layout/engine/index.js';
import { renderPdf } from '../support/print.js';
import { DEFAULT_DATA_FILE } from '../../src/load/discover.js';
import { loadFontSet } from '../../src/load/font-set.js';
import { checkDataFile, environment, renderToPdf, type Environment } from '../../src/pipeline/index.js';
import { boundsDiagnostics } from '../../src/pipeline/complete.js';
import { derive } from '../../src/derive/index.js';
import { Department } from '../../src/schema/index.js';
import { generateDepartments, SMALL } from '../../bench/synth/index.js';
import { readFile } from 'node:fs/promises';
import { renderDocument } from '../../src/render/index.js';
import { isFigure } from '../../src/layout/table.js';
import { inkExtents, splitFiguresOnPage, textItems } from '../support/geometry.js';
import { scaleMoney } from '../support/scale.js';

/*
 * Every table, sheet, rule and line inside the text block (issue 12): A4, margins 68 / 62 pt, so
 * ink from 68 to 533.28 pt. Read back with pdf.js on the reference and the examples; checked by the
 * layout itself (content-out-of-bounds) on 60 synthetic departments (200, as before issue 23, took two
 * minutes of one CI worker; all 200 passed when the sheets' 8 pt floor and whole-sheet rule landed).
 */

const LEFT = 68;
const RIGHT = 595.28 - 62;
const TOLERANCE = 0.5;

let env: Environment;
beforeAll(async () => {
  env = (await environment('shanxi-zonggai')).env!;
});

describe('nothing crosses the text block', () => {
  it.each([DEFAULT_DATA_FILE, `${EXAMPLES_DIR}/yingze-culture-tourism.json`, `${EXAMPLES_DIR}/yuci-government-services.json`])('%s, read back from the PDF', async (file) => {
    const checked = await checkDataFile(file);
    const r = await renderToPdf(checked.data!, checked.derived!, env, file);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const pages = await inkExtents(r.pdf);
    pages.forEach((p, i) => {
      expect(p.right, `page ${i + 1} right`).toBeLessThanOrEqual(RIGHT + TOLERANCE);
      if (p.left !== Infinity) expect(p.left, `page ${i + 1} left`).toBeGreaterThanOrEqual(LEFT - TOLERANCE);
    });
    // the tables span the text block: their rules reach its right edge
    expect(Math.max(...pages.map((p) => p.right))).toBeGreaterThan(RIGHT - 1);
    // and no figure is broken over two lines of its cell
    expect((await textItems(r.pdf)).flatMap((p, i) => splitFiguresOnPage(p).map((s) => `page ${i + 1}: ${s}`))).toEqual([]);
  });

  it('measures each page against its own width: ink a landscape page holds is out of bounds on a portrait one', () => {
    const doc = { pageMargins: [68, 64, 62, 60] };
    // a landscape grid's right rule at 779.9 pt: inside 841.89 − 62, past 595.28 − 62
    expect(boundsDiagnostics([{ left: 68, right: 779.9, width: 841.89 }], doc, 'x.json')).toEqual([]);
    const [d] = boundsDiagnostics([{ left: 68, right: 500, width: 595.28 }, { left: 68, right: 779.9, width: 595.28 }], doc, 'x.json');
    expect(d!.message).toContain('第 2 页');
    expect(d!.message).toContain('533.3');
    // a page whose size is not reported is A4 portrait
    expect(boundsDiagnostics([{ left: 68, right: 779.9 }], doc, 'x.json')).toHaveLength(1);
  });

  it('60 synthetic departments: the layout’s own bounds and figure checks stay silent', async () => {
    const depts = generateDepartments(60, 1212, { ...SMALL, projects: [0, 3], units: [1, 3] });
    for (const input of depts) {
      const data = Department.parse(input);
      const r = await renderToPdf(data, derive(data, { glossary: [] }), env, 'x.json');
      expect(r.diagnostics.filter((d) => d.rule === 'content-out-of-bounds' || d.rule === 'content-not-placed' || d.rule === 'figure-split'), input.department.name).toEqual([]);
    }
  });

  it('sabotage: a grid wider than the text block is an error', async () => {
    const fonts = setupFonts((await loadFontSet()).roles);
    installFonts(fonts.families);
    const doc: TDocumentDefinitions = {
      pageSize: 'A4',
      pageMargins: [LEFT, 64, 62, 60],
      content: [{ table: { widths: [300, 300], body: [['甲', '乙']] } } as Content],
      defaultStyle: { font: fonts.familyOf.body },
    };
    const { extents } = await renderPdf(doc);
    const [d] = boundsDiagnostics(extents!, doc, 'x.json');
    expect(d).toMatchObject({ rule: 'content-out-of-bounds', severity: 'error' });
    expect(d!.message).toContain('第 1 页');
  });
});

/*
 * Numbers are never split (issue 19): the examples nine times over — 5- and 6-digit 万元 figures
 * with decimals in every amount column, bold totals the widest — print every figure whole.
 */
describe('no figure is split across lines', () => {
  it.each(['yingze-culture-tourism', 'yuci-government-services'])('%s ×9, read back from the PDF', async (name) => {
    const input = scaleMoney(JSON.parse(await readFile(`${EXAMPLES_DIR}/${name}.json`, 'utf8')) as unknown, 9);
    const data = Department.parse(input);
    const derived = derive(data, { glossary: [] });
    const r = await renderToPdf(data, derived, env, 'big.json');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const figures = Object.values(renderDocument(derived, data, env.set).tables).flatMap((t) => t.rows.flatMap((row) => row.cells.filter((c) => c.align === 'right' && isFigure(c.text)).map((c) => c.text.trim())));
    // the case in point: totals of six digits, which the template's weights alone split
    expect(figures.some((f) => /^\d{6}\./.test(f))).toBe(true);
    const pages = await textItems(r.pdf);
    expect(pages.flatMap((p, i) => splitFiguresOnPage(p).map((s) => `page ${i + 1}: ${s}`))).toEqual([]);
    // every figure of every table is one piece of text on its page, as often as the tables print it
    const printed = new Map<string, number>();
    for (const item of pages.flat()) printed.set(item.str, (printed.get(item.str) ?? 0) + 1);
    const wanted = new Map<string, number>();
    for (const f of figures) wanted.set(f, (wanted.get(f) ?? 0) + 1);
    const short = [...wanted].filter(([f, n]) => (printed.get(f) ?? 0) < n).map(([f, n]) => `${f}: ${printed.get(f) ?? 0} of ${n}`);
    expect(short).toEqual([]);
  });
});
