import type { Annotations, Content } from './engine/index.js';
import type { Placed } from './blocks.js';
import type { LayoutTheme } from './theme.js';

/*
 * Keeping headings with their text. A heading (and any headings right after it) is placed with
 * the block it introduces as one unbreakable block — unless that block might not fit a page,
 * which pdfmake would drop whole. Then the headings go alone, marked, and the document's
 * page-break rule (pageBreakBefore) moves a marked heading that would end a page to the next.
 */

/** Headings are kept with the block after them when the two are estimated at most this share of a page. */
export const KEEP_WITH_NEXT_LIMIT = 0.8;

export interface Flow {
  content: Content[];
  /** Some headings were placed alone: the document needs the page-break rule. */
  headlines: boolean;
}

/** Estimated height of a node before layout: text from its style; tables and charts say their own. */
export function estimatedHeight(n: Content, lt: LayoutTheme, annotations: Annotations): number {
  const known = annotations.of(n)?.height;
  if (known !== undefined) return known;
  const x = n as { text?: unknown; style?: string; margin?: number[] };
  if (x.text === undefined || !x.style) return Infinity;
  const text = Array.isArray(x.text) ? x.text.map((r: unknown) => (typeof r === 'string' ? r : ((r as { text?: string }).text ?? ''))).join('') : String(x.text);
  const [l = 0, t = 0, r = 0, b = 0] = x.margin ?? [];
  return lt.textHeight(x.style, text, lt.contentWidth - l - r) + t + b;
}

/**
 * Headings and their block as one unbreakable stack. A page turn (a new orientation, blocks.ts)
 * on the first heading moves to the stack: the break comes before the group, not inside it.
 */
function keptTogether(group: Content[]): Content {
  const first = group[0] as { pageBreak?: string; pageOrientation?: string };
  if (first.pageOrientation === undefined) return { stack: group, unbreakable: true } as Content;
  const { pageBreak, pageOrientation, ...rest } = first;
  return { stack: [rest, ...group.slice(1)], unbreakable: true, pageBreak, pageOrientation } as Content;
}

export function keepWithNext(placed: readonly Placed[], lt: LayoutTheme, annotations: Annotations): Flow {
  const content: Content[] = [];
  let pending: Content[] = [];
  let headlines = false;
  for (const p of placed) {
    if (p.glue) {
      pending.push(p.node);
      continue;
    }
    if (p.fence || !pending.length) {
      content.push(...pending, p.node);
      pending = [];
      continue;
    }
    const group = [...pending, p.node];
    if (group.reduce((a: number, n) => a + estimatedHeight(n, lt, annotations), 0) <= lt.bodyHeight * KEEP_WITH_NEXT_LIMIT) content.push(keptTogether(group));
    else {
      for (const h of pending) content.push({ ...(h as object), headlineLevel: 1 } as Content);
      content.push(p.node);
      headlines = true;
    }
    pending = [];
  }
  content.push(...pending);
  return { content, headlines };
}

/** The page-break rule: a marked heading with nothing after it on its page (but other headings and the footer) starts the next page. */
export function headingBreak(node: unknown, ctx: { getFollowingNodesOnPage(): unknown[] }): boolean {
  const level = (n: unknown) => (n as { headlineLevel?: number }).headlineLevel;
  return level(node) === 1 && ctx.getFollowingNodesOnPage().every((n) => level(n) === 1 || (n as { style?: unknown }).style === 'footer');
}
