import type { Block } from '../render/blocks.js';
import type { RenderedDocument } from '../render/index.js';

/*
 * Step one: every block the 目录 and the bookmarks point at gets its id, and its parent in the
 * outline (a part holds its headings and tables, an 一级 heading its 二级 ones and the sheets).
 * Ids come first because the 目录 precedes the headings it lists.
 */

export interface Anchor {
  id: string;
  /** The outline entry it sits under; none for a part. */
  parentId?: string;
  /** Its level in the 目录: part 0, heading or table 1, sub-heading 2. */
  level: 0 | 1 | 2;
  /** What the 目录 and the bookmark say. */
  text: string;
}

export interface Anchors {
  /** By block index. */
  byBlock: Map<number, Anchor>;
  /** The outline entry the performance sheets sit under (the heading before `::sheets`). */
  sheetsParent: Map<number, string | undefined>;
  /** The 批复 letter's id: a bookmark without a 目录 line. */
  letter: string;
}

function levelOf(kind: Block['kind']): 0 | 1 | 2 | undefined {
  if (kind === 'part') return 0;
  if (kind === 'h1' || kind === 'table') return 1;
  if (kind === 'h2') return 2;
  return undefined;
}

export function assignIds(rendered: Pick<RenderedDocument, 'blocks' | 'tables'>): Anchors {
  const byBlock = new Map<number, Anchor>();
  const sheetsParent = new Map<number, string | undefined>();
  let part: string | undefined;
  let h1: string | undefined;
  rendered.blocks.forEach((b, i) => {
    if (b.kind === 'sheets') sheetsParent.set(i, h1 ?? part);
    const level = levelOf(b.kind);
    if (level === undefined) return;
    // tables by their id (table-t12): the preview links a diagnostic to its table's page by it
    const id = b.kind === 'table' ? `table-${b.text}` : `s${i}`;
    const parentId = level === 0 ? undefined : level === 1 ? part : (h1 ?? part);
    const text = b.kind === 'table' ? rendered.tables[b.text]!.toc : b.text;
    byBlock.set(i, { id, level, text, ...(parentId ? { parentId } : {}) });
    if (b.kind === 'part') {
      part = id;
      h1 = undefined;
    } else if (b.kind === 'h1') h1 = id;
  });
  return { byBlock, sheetsParent, letter: 'letter' };
}
