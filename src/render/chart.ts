import type { ShareItem } from '../derive/types.js';

/*
 * The structure chart as the layout needs it: a title, and for each slice its legend line (the
 * template's wording, figures formatted by the render stage) and the fraction of the ring it
 * takes (a drawing proportion, not a printed figure).
 */

export interface ChartModel {
  title: string;
  slices: Array<{ label: string; fraction: number }>;
}

export function chartModel(title: string, items: readonly ShareItem[], label: (item: ShareItem) => string): ChartModel {
  const total = items.reduce((a, it) => a + Math.max(0, Number(it.share.toFixed(6))), 0);
  return {
    title,
    slices: items.map((it) => ({ label: label(it), fraction: total > 0 ? Math.max(0, Number(it.share.toFixed(6))) / total : 0 })),
  };
}
