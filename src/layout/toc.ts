import type { Annotations, Content } from './engine/index.js';
import type { Fonts } from '../fonts/index.js';
import { breakLines } from './breaks.js';
import type { Anchors } from './ids.js';
import { styleRole, styleSize, type LayoutTheme } from './theme.js';

/*
 * The 目录: one line per anchor (parts, headings, tables), its title broken evenly when it needs
 * two lines, dot leaders running from the end of the title to the page number, and the whole
 * entry a link to its heading. The page number is a placeholder here: it is printed once the
 * pages are laid out (annotated `pageOf`, see numbers.ts and the engine), so no global page offset
 * exists; then the leaders are drawn on up to the printed number (`leaderTo`).
 */

/** The placeholder the page number is laid out with: three digits of room. */
export const PAGE_PLACEHOLDER = '000';
/** Between the last leader dot and the page number. */
const GAP = 4;

export function tocNode(anchors: Anchors, lt: LayoutTheme, fonts: Fonts, annotations: Annotations): Content {
  const { annotate } = annotations;
  const entries = [...anchors.byBlock.values()];
  const numberWidth = Math.ceil(Math.max(...['tocPart', 'tocEntry'].map((s) => fonts.width(styleRole(lt, s), PAGE_PLACEHOLDER, styleSize(lt, s))))) + 1;
  const titleWidth = lt.contentWidth - numberWidth - GAP;
  const rows = entries.map((e) => {
    const style = e.level === 0 ? 'tocPart' : 'tocEntry';
    const size = styleSize(lt, style);
    const role = styleRole(lt, style);
    const measure = (s: string) => fonts.width(role, s, size);
    const indent = e.level * size * 2;
    const avail = titleWidth - indent;
    const dot = measure('.');
    // the last line keeps room for a few leader dots
    const text = breakLines(e.text, measure, avail - dot * 4);
    const last = text.split('\n').pop()!;
    const n = Math.max(3, Math.floor((avail - measure(last) - 1) / dot));
    const top = e.level === 0 ? 5 : 1;
    return [
      // leaders are real dots, so the 目录 reads (and extracts) as 标题……页码
      annotate({ text: [text, { text: '.'.repeat(n), color: lt.color('muted') }], style, margin: [indent, top, 0, 1], linkToDestination: e.id }, { leaderTo: e.id }),
      annotate({ text: PAGE_PLACEHOLDER, style, alignment: 'right', verticalAlignment: 'bottom', margin: [0, top, 0, 1], linkToDestination: e.id }, { pageOf: e.id }),
    ];
  });
  return annotate({
    table: { widths: [titleWidth, numberWidth], body: rows, dontBreakRows: true },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: () => 0,
      paddingLeft: () => 0,
      paddingRight: (i: number) => (i === 0 ? GAP : 0),
      paddingTop: () => 0,
      paddingBottom: () => 0,
    },
  }, { tag: 'TOC', unit: { label: '目录' } });
}
