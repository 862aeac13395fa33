import type { Content } from 'pdfmake/interfaces.js';
import { percent, wan } from '../derive/format.js';
import type { ShareItem } from '../derive/types.js';
import type { LayoutTheme } from './theme.js';

/*
 * 一般公共预算当年拨款结构图: a donut drawn as SVG paths (vector, no fonts inside the SVG —
 * pdfkit would drop SVG text set in our embedded fonts) beside a legend in pdfmake text, so the
 * labels are real, searchable Chinese text. Coordinates are rounded to 0.01 pt so the output is
 * byte-identical run to run.
 */

const f = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

function sector(cx: number, cy: number, r: number, r0: number, a0: number, a1: number): string {
  const p = (a: number, rr: number) => `${f(cx + rr * Math.sin(a))} ${f(cy - rr * Math.cos(a))}`;
  const large = a1 - a0 > Math.PI ? 1 : 0;
  return `M ${p(a0, r)} A ${f(r)} ${f(r)} 0 ${large} 1 ${p(a1, r)} L ${p(a1, r0)} A ${f(r0)} ${f(r0)} 0 ${large} 0 ${p(a0, r0)} Z`;
}

export function donutSvg(items: ShareItem[], colors: string[], size: number): string {
  const cx = size / 2;
  const cy = size / 2;
  const r = size / 2 - 2;
  const r0 = r * 0.55;
  const total = items.reduce((a, it) => a + Number(it.share.toFixed(6)), 0);
  let a = 0;
  const parts: string[] = [];
  items.forEach((it, i) => {
    const color = colors[i % colors.length]!;
    const share = total > 0 ? Number(it.share.toFixed(6)) / total : 0;
    if (share <= 0) return;
    if (share >= 0.99999) {
      // a full ring: two half-sectors, an arc cannot start and end at the same point
      parts.push(`<path d="${sector(cx, cy, r, r0, 0, Math.PI)}" fill="${color}"/>`);
      parts.push(`<path d="${sector(cx, cy, r, r0, Math.PI, 2 * Math.PI)}" fill="${color}"/>`);
      return;
    }
    const b = a + share * 2 * Math.PI;
    parts.push(`<path d="${sector(cx, cy, r, r0, a, b)}" fill="${color}" stroke="#FFFFFF" stroke-width="0.8"/>`);
    a = b;
  });
  if (parts.length === 0) parts.push(`<circle cx="${f(cx)}" cy="${f(cy)}" r="${f(r)}" fill="none" stroke="#999999" stroke-width="1"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${f(size)}" height="${f(size)}" viewBox="0 0 ${f(size)} ${f(size)}">${parts.join('')}</svg>`;
}

export function layoutChart(title: string, items: ShareItem[], lt: LayoutTheme): Content {
  const colors = lt.theme.colors.chart;
  const size = Math.min(lt.theme.chart.height, 200);
  const legend = items.map((it, i) => ({
        columns: [
          { canvas: [{ type: 'rect', x: 0, y: 3, w: 9, h: 9, color: colors[i % colors.length]! }], width: 14 },
          { text: `${it.name}  ${wan(it.amount, { sep: true })}万元  ${percent(it.share)}%`, style: 'chartLabel', width: '*' },
        ],
        margin: [0, 0, 0, 4],
      }));
  return {
    stack: [
      { text: title, style: 'chartTitle', margin: [0, 6, 0, 6] },
      {
        columns: [
          { svg: donutSvg(items, colors, size), width: size },
          { stack: legend, width: '*', margin: [16, size / 2 - items.length * 8, 0, 0] },
        ],
        columnGap: 10,
      },
    ],
    unbreakable: true,
    margin: [0, 4, 0, 10],
    _unit: { label: title },
    _height: Math.max(size, items.length * 18) + 40,
  } as Content;
}
