import type { Annotations, Content } from './engine/index.js';
import type { ChartKind, ChartModel } from '../render/chart.js';
import type { Fonts } from '../fonts/index.js';
import { styleRole, styleSize, type LayoutTheme } from './theme.js';

/*
 * The chart kinds (render/chart.ts) drawn. A donut drawn as SVG paths (vector, no fonts inside the SVG —
 * pdfkit would drop SVG text set in our embedded fonts) beside a legend in pdfmake text, so the
 * labels are real, searchable Chinese text (the render stage wrote them). Coordinates are rounded
 * to 0.01 pt so the output is byte-identical run to run.
 */

const f = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

function sector(cx: number, cy: number, r: number, r0: number, a0: number, a1: number): string {
  const p = (a: number, rr: number) => `${f(cx + rr * Math.sin(a))} ${f(cy - rr * Math.cos(a))}`;
  const large = a1 - a0 > Math.PI ? 1 : 0;
  return `M ${p(a0, r)} A ${f(r)} ${f(r)} 0 ${large} 1 ${p(a1, r)} L ${p(a1, r0)} A ${f(r0)} ${f(r0)} 0 ${large} 0 ${p(a0, r0)} Z`;
}

/** A full ring as one path: outer circle and inner circle, the hole cut by the even-odd rule (no seams). */
function ring(cx: number, cy: number, r: number, r0: number): string {
  const circle = (rr: number) => `M ${f(cx)} ${f(cy - rr)} A ${f(rr)} ${f(rr)} 0 1 1 ${f(cx)} ${f(cy + rr)} A ${f(rr)} ${f(rr)} 0 1 1 ${f(cx)} ${f(cy - rr)} Z`;
  return `${circle(r)} ${circle(r0)}`;
}

export function donutSvg(fractions: readonly number[], colors: readonly string[], size: number): string {
  const cx = size / 2;
  const cy = size / 2;
  const r = size / 2 - 2;
  const r0 = r * 0.55;
  let a = 0;
  const parts: string[] = [];
  const shown = fractions.filter((x) => x > 0).length;
  fractions.forEach((share, i) => {
    const color = colors[i % colors.length]!;
    if (share <= 0) return;
    if (shown === 1) {
      parts.push(`<path d="${ring(cx, cy, r, r0)}" fill="${color}" fill-rule="evenodd"/>`);
      return;
    }
    const b = a + share * 2 * Math.PI;
    parts.push(`<path d="${sector(cx, cy, r, r0, a, b)}" fill="${color}" stroke="#FFFFFF" stroke-width="0.8"/>`);
    a = b;
  });
  if (parts.length === 0) parts.push(`<circle cx="${f(cx)}" cy="${f(cy)}" r="${f(r)}" fill="none" stroke="#999999" stroke-width="1"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${f(size)}" height="${f(size)}" viewBox="0 0 ${f(size)} ${f(size)}">${parts.join('')}</svg>`;
}

/** A chart of any kind the render stage knows. */
export function layoutChart(chart: ChartModel, lt: LayoutTheme, fonts: Fonts, annotations: Annotations): Content {
  const draw: Record<ChartKind, typeof layoutDonut> = { donut: layoutDonut };
  return draw[chart.kind](chart, lt, fonts, annotations);
}

/** The ring and its legend side by side, the pair centred in the text block. */
function layoutDonut(chart: ChartModel, lt: LayoutTheme, fonts: Fonts, { annotate }: Annotations): Content {
  const colors = lt.theme.colors.chart;
  const size = Math.min(lt.theme.chart.height, 200);
  const gap = 16;
  const key = 14;
  // the legend as wide as its longest line, so the pair can be centred
  const widest = Math.max(0, ...chart.slices.map((s) => fonts.width(styleRole(lt, 'chartLabel'), s.label, styleSize(lt, 'chartLabel'))));
  // a little room over the measured width, so pdfmake never wraps the longest line
  const legendWidth = Math.min(lt.contentWidth - size - gap, Math.ceil(widest * 1.02) + key + 4);
  const side = Math.max(0, (lt.contentWidth - size - gap - legendWidth) / 2);
  const legend = chart.slices.map((s, i) => ({
    columns: [
      { canvas: [{ type: 'rect', x: 0, y: 3, w: 9, h: 9, color: colors[i % colors.length]! }], width: key },
      annotate({ text: s.label, style: 'chartLabel', width: '*' }, { tag: 'LBody' }),
    ],
    // the gap between ring and legend is inherited (a style property): not between key and label
    columnGap: 0,
    margin: [0, 0, 0, 4],
  })).map((item) => annotate(item, { tag: 'LI' }));
  return annotate({
    stack: [
      annotate({ text: chart.title, style: 'chartTitle', margin: [0, 6, 0, 6] }, { tag: 'P' }),
      {
        columns: [
          // the ring is the figure: a reader hears the render stage's words for it
          annotate({ svg: donutSvg(chart.slices.map((s) => s.fraction), colors, size), width: size }, { tag: 'Figure', alt: chart.alt ?? chart.title }),
          annotate({ stack: legend, width: legendWidth, margin: [0, Math.max(0, size / 2 - chart.slices.length * 8), 0, 0] }, { tag: 'L' }),
        ],
        columnGap: gap,
        margin: [side, 0, side, 0],
      },
    ],
    unbreakable: true,
    margin: [0, 4, 0, 10],
  }, { tag: 'Div', unit: { label: chart.title }, height: Math.max(size, chart.slices.length * 18) + 40 });
}
