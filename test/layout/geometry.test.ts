import { beforeAll, describe, expect, it } from 'vitest';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { EXAMPLES_DIR } from '../../bench/examples.js';
import { setupFonts } from '../../src/fonts/index.js';
import { installFonts, renderPdf } from '../../src/layout/pdf.js';
import { DEFAULT_DATA_FILE } from '../../src/load/discover.js';
import { loadFontSet } from '../../src/load/font-set.js';
import { checkDataFile, environment, renderToPdf, type Environment } from '../../src/pipeline/index.js';
import { boundsDiagnostics } from '../../src/pipeline/complete.js';
import { derive } from '../../src/derive/index.js';
import { Department } from '../../src/schema/index.js';
import { generateDepartments, SMALL } from '../../src/synth/index.js';
import { inkExtents } from '../support/geometry.js';

/*
 * Every table, sheet, rule and line inside the text block (issue 12): A4, margins 68 / 62 pt, so
 * ink from 68 to 533.28 pt. Read back with pdf.js on the reference and the examples; checked by the
 * layout itself (content-out-of-bounds) on 200 synthetic departments.
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
  });

  it('200 synthetic departments: the layout’s own bounds check stays silent', async () => {
    const depts = generateDepartments(200, 1212, { ...SMALL, projects: [0, 3], units: [1, 3] });
    for (const input of depts) {
      const data = Department.parse(input);
      const r = await renderToPdf(data, derive(data, { glossary: [] }), env, 'x.json');
      expect(r.diagnostics.filter((d) => d.rule === 'content-out-of-bounds' || d.rule === 'content-not-placed'), input.department.name).toEqual([]);
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
