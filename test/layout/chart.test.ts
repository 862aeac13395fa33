import { beforeAll, describe, expect, it } from 'vitest';
import { setupFonts, type Fonts } from '../../src/fonts/index.js';
import { donutSvg, layoutChart } from '../../src/layout/chart.js';
import { Annotations } from '../../src/layout/engine/index.js';
import { layoutTheme, type LayoutTheme } from '../../src/layout/theme.js';
import { loadFontSet } from '../../src/load/font-set.js';
import { loadTemplateSet } from '../../src/load/template-set.js';

let fonts: Fonts;
let lt: LayoutTheme;
beforeAll(async () => {
  fonts = setupFonts((await loadFontSet()).roles);
  lt = layoutTheme((await loadTemplateSet('shanxi-zonggai')).set!.theme, fonts);
});

describe('the structure chart', () => {
  it('draws a single slice as one ring path, its hole cut even-odd: no seams', () => {
    const svg = donutSvg([1], ['#2F5597'], 200);
    expect(svg.match(/<path/g)).toHaveLength(1);
    expect(svg).toContain('fill-rule="evenodd"');
    expect(svg).not.toContain('stroke=');
    // several slices: one sector each, white seams between them on purpose
    expect(donutSvg([0.5, 0.3, 0.2, 0], ['#1', '#2', '#3'], 200).match(/<path/g)).toHaveLength(3);
  });

  it('centres ring and legend in the text block, the legend as wide as its longest line', () => {
    const chart = { kind: 'donut' as const, title: '一般公共预算当年拨款结构图', slices: [{ label: '一般公共服务支出  2867.01万元  100.00%', fraction: 1 }] };
    const node = layoutChart(chart, lt, fonts, new Annotations()) as unknown as { stack: [unknown, { columns: [{ width: number }, { width: number }]; columnGap: number; margin: number[] }] };
    const row = node.stack[1];
    const [left, , right] = row.margin as [number, number, number];
    expect(left).toBeCloseTo(right, 6);
    expect(left + row.columns[0].width + row.columnGap + row.columns[1].width + right).toBeCloseTo(lt.contentWidth, 6);
    const label = fonts.width('body', chart.slices[0]!.label, 10);
    expect(row.columns[1].width).toBeGreaterThan(label + 14);
    expect(row.columns[1].width).toBeLessThan(label + 30);
  });
});
