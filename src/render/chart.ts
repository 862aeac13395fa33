import type { ShareItem } from '../derive/types.js';

/*
 * Charts a set may place: the kinds of drawing the code knows (CHART_KINDS), each reading a list of
 * shares. A set declares its charts by name in set.json — which kind, and which share list of the
 * derived model it draws — and places them with `::chart <name> <title>`. The model is what the
 * layout needs: a title, and for each slice its legend line (the set's wording, figures formatted
 * by the render stage) and the fraction it takes (a drawing proportion, not a printed figure).
 */

/** The kinds of chart the layout draws; a set chooses by name. */
export const CHART_KINDS = {
  /** A ring of the shares, beside a legend line for each. */
  donut: { reads: 'a list of shares (code, name, amount, share), e.g. $.narrative.generalBudgetByClass' },
} as const;
export type ChartKind = keyof typeof CHART_KINDS;

export const isChartKind = (k: string): k is ChartKind => Object.hasOwn(CHART_KINDS, k);

export interface ChartModel {
  kind: ChartKind;
  title: string;
  slices: Array<{ label: string; fraction: number }>;
  /** The chart in words, for a reader who cannot see it (the tagged PDF's /Alt): set by the render stage. */
  alt?: string;
}

/** A list of shares as the derive stage makes them, or undefined when `value` is not one. */
export function shareItems(value: unknown): readonly ShareItem[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const ok = value.every((x) => x !== null && typeof x === 'object' && 'share' in x && 'amount' in x && 'name' in x);
  return ok ? (value as ShareItem[]) : undefined;
}

export function chartModel(kind: ChartKind, title: string, items: readonly ShareItem[], label: (item: ShareItem) => string): ChartModel {
  const total = items.reduce((a, it) => a + Math.max(0, Number(it.share.toFixed(6))), 0);
  return {
    kind,
    title,
    slices: items.map((it) => ({ label: label(it), fraction: total > 0 ? Math.max(0, Number(it.share.toFixed(6))) / total : 0 })),
  };
}
