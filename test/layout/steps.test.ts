import { Annotations, type Content } from '../../src/layout/engine/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupFonts, type Fonts } from '../../src/fonts/index.js';
import { placeBlocks } from '../../src/layout/blocks.js';
import { assignIds } from '../../src/layout/ids.js';
import { layoutDocument } from '../../src/layout/index.js';
import { estimatedHeight, keepWithNext } from '../../src/layout/keep.js';
import { metadata } from '../../src/layout/metadata.js';
import { layoutTheme, oriented, type LayoutTheme } from '../../src/layout/theme.js';
import { layoutTable } from '../../src/layout/table.js';
import { tocNode } from '../../src/layout/toc.js';
import { DEFAULT_DATA_FILE } from '../../src/load/discover.js';
import { loadFontSet } from '../../src/load/font-set.js';
import { loadTemplateSet } from '../../src/load/template-set.js';
import { checkDataFile } from '../../src/pipeline/index.js';
import { BLOCK_KINDS, type Block } from '../../src/render/blocks.js';
import { renderDocument, type RenderedDocument } from '../../src/render/index.js';
import type { TemplateSet } from '../../src/render/template-set.js';

/*
 * The layout steps one at a time, on the reference department's rendered document: ids and
 * outline parents, the 目录, the block builders, keeping headings with their text, metadata.
 */

const annotations = new Annotations();
let fonts: Fonts;
let set: TemplateSet;
let rendered: RenderedDocument;
let lt: LayoutTheme;
beforeAll(async () => {
  fonts = setupFonts((await loadFontSet()).roles);
  set = (await loadTemplateSet('shanxi-zonggai')).set!;
  const checked = await checkDataFile(DEFAULT_DATA_FILE);
  rendered = renderDocument(checked.derived!, checked.data!, set);
  lt = layoutTheme(set.theme, fonts);
});

const block = (kind: Block['kind'], text: string): Block => ({ kind, text, runs: [{ text }], line: 1 });

describe('ids', () => {
  it('give every part, heading and table an id, its 目录 level and its outline parent', () => {
    const a = assignIds(rendered);
    const entries = [...a.byBlock.entries()].map(([i, e]) => ({ kind: rendered.blocks[i]!.kind, ...e }));
    expect(entries.filter((e) => e.kind === 'part').map((e) => e.level)).toEqual([0, 0, 0, 0]);
    for (const e of entries) {
      if (e.kind === 'part') expect(e.parentId).toBeUndefined();
      else expect(entries.some((p) => p.id === e.parentId && p.level < e.level)).toBe(true);
    }
    const t1 = entries.find((e) => e.kind === 'table')!;
    // a table's id is its own (the preview links diagnostics to it), its text the 目录's
    expect(t1.id).toMatch(/^table-t\d\d$/);
    expect(t1.text).toBe(rendered.tables[t1.id.replace('table-', '')]!.toc);
    // the sheets sit under the heading before them
    const [[sheetsAt, parent]] = [...a.sheetsParent.entries()] as [[number, string]];
    expect(rendered.blocks[sheetsAt]!.kind).toBe('sheets');
    expect(entries.find((e) => e.id === parent)?.kind).toMatch(/^h[12]$/);
  });
});

describe('blocks', () => {
  it('have a builder for every block kind the templates may write', () => {
    const doc: RenderedDocument = { ...rendered, blocks: [] };
    for (const kind of BLOCK_KINDS) {
      if (kind === 'table' || kind === 'chart' || kind === 'sheets' || kind === 'toc') continue;
      const placed = placeBlocks({ ...doc, blocks: [block(kind, '一段文字')] }, { lt, fonts, annotations, anchors: assignIds({ blocks: [block(kind, '一段文字')], tables: {} }) });
      expect(placed.length, kind).toBeGreaterThan(0);
    }
  });

  it('tag their nodes for the tagged PDF: parts H1, headings H2 and H3, paragraphs P, tables Table', () => {
    const placed = placeBlocks(rendered, { lt, fonts, annotations, anchors: assignIds(rendered) });
    const tags = (n: Content): string[] => {
      const x = n as { stack?: Content[]; table?: unknown };
      const tag = annotations.of(n)?.tag;
      return [...(tag ? [tag] : []), ...(x.stack ?? []).flatMap(tags)];
    };
    const all = placed.flatMap((p) => tags(p.node));
    for (const t of ['H1', 'H2', 'H3', 'P', 'Table', 'TOC', 'L', 'LI']) expect(all, t).toContain(t);
    // headings wait for their text; parts and the first sheet start afresh
    expect(placed.filter((p) => p.glue).length).toBeGreaterThan(20);
    // numbering may start at any part: the document counts from the first
    expect((placed.find((p) => p.numbering)!.node as { text: string }).text).toBe(rendered.blocks.find((b) => b.kind === 'part')!.text);
  });

  it('gather the glossary’s items into one list (L) of items (LI), continuation paragraphs in their item', () => {
    const blocks = [block('li', '一、甲：定义'), block('li-more', '续'), block('li', '二、乙：定义')];
    const [list] = placeBlocks({ ...rendered, blocks }, { lt, fonts, annotations, anchors: assignIds({ blocks, tables: {} }) });
    const l = list!.node as { stack: Array<{ stack: Array<{ stack: unknown[] }> }> };
    expect(annotations.of(l)?.tag).toBe('L');
    expect(l.stack.map((i) => annotations.of(i)?.tag)).toEqual(['LI', 'LI']);
    expect(l.stack.map((i) => i.stack[0]!.stack.length)).toEqual([2, 1]);
  });
});

describe('the 目录', () => {
  it('lists every anchor, each line a link to it, its number a placeholder for the printed one', () => {
    const anchors = assignIds(rendered);
    const toc = tocNode(anchors, lt, fonts, annotations) as { table: { body: Array<[{ text: unknown[]; linkToDestination: string }, { linkToDestination: string }]> } };
    expect(toc.table.body).toHaveLength(anchors.byBlock.size);
    for (const [title, number] of toc.table.body) {
      expect(title.linkToDestination).toBe(annotations.of(number)?.pageOf);
      expect(number.linkToDestination).toBe(annotations.of(number)?.pageOf);
      // leaders: real dots after the title
      expect((title.text[1] as { text: string }).text).toMatch(/^\.{3,}$/);
    }
  });
});

describe('page orientation', () => {
  /** The rendered reference with some tables declared landscape. */
  const turned = (ids: string[]): RenderedDocument => ({
    ...rendered,
    tables: Object.fromEntries(Object.entries(rendered.tables).map(([id, t]) => [id, ids.includes(id) ? { ...t, orientation: 'landscape' as const } : t])),
  });
  const turns = (doc: RenderedDocument) =>
    placeBlocks(doc, { lt, fonts, annotations, anchors: assignIds(doc) }).flatMap((p, i) => {
      const n = p.node as { pageBreak?: string; pageOrientation?: string; text?: unknown; stack?: Array<{ text?: unknown }> };
      return n.pageOrientation ? [{ i, pageBreak: n.pageBreak, to: n.pageOrientation, what: annotations.of(n)?.unit?.label ?? String(n.text ?? n.stack?.[0]?.text) }] : [];
    });

  it('is portrait throughout when no table asks otherwise: no node turns a page', () => {
    expect(turns(rendered)).toEqual([]);
  });

  it('turns to landscape before a landscape table and back on the block after it', () => {
    const t = turns(turned(['t05', 't06']));
    expect(t).toHaveLength(2);
    expect(t[0]).toMatchObject({ pageBreak: 'before', to: 'landscape' });
    expect(t[0]!.what).toContain('预算公开表5');
    expect(t[1]).toMatchObject({ pageBreak: 'before', to: 'portrait' });
    expect(t[1]!.what).toContain('预算公开表7');
  });

  it('puts the part heading above the first table on that table’s landscape page', () => {
    const t = turns(turned(Object.keys(rendered.tables)));
    expect(t[0]).toMatchObject({ pageBreak: 'before', to: 'landscape' });
    expect(t[0]!.what).toContain('第二部分');
    // the tables follow on landscape pages; the next part turns back
    expect(t[1]).toMatchObject({ pageBreak: 'before', to: 'portrait' });
    expect(t[1]!.what).toContain('第三部分');
    expect(t).toHaveLength(2);
  });

  it('moves a turn on a heading kept with its block to the kept group', () => {
    const h = { text: '一、标题', style: 'h1', margin: [0, 12, 0, 6], pageBreak: 'before', pageOrientation: 'landscape' } as Content;
    const short = { text: '短段落。', style: 'body' } as Content;
    const [group] = keepWithNext([{ node: h, glue: true }, { node: short }], lt, annotations).content as unknown as Array<{ stack: Array<Record<string, unknown>>; pageBreak?: string; pageOrientation?: string }>;
    expect(group).toMatchObject({ unbreakable: true, pageBreak: 'before', pageOrientation: 'landscape' });
    expect(group!.stack[0]!.pageBreak).toBeUndefined();
    expect(group!.stack[0]!.pageOrientation).toBeUndefined();
  });

  it('spreads a landscape table over the landscape text block', () => {
    const wide = oriented(lt, 'landscape');
    expect(wide.contentWidth).toBeCloseTo(841.89 - 68 - 62, 2);
    expect(wide.bodyHeight).toBeCloseTo(595.28 - 64 - 60, 2);
    expect(oriented(wide, 'portrait').contentWidth).toBeCloseTo(lt.contentWidth, 6);
    const grid = (orientation?: 'landscape') => {
      const node = layoutTable({ ...rendered.tables.t05!, ...(orientation ? { orientation } : {}) }, lt, fonts, rendered.meta, { id: 'x', atPageTop: true }, annotations) as unknown as { stack: Array<{ table?: { widths: number[] } }> };
      const widths = node.stack.find((n) => n.table)!.table!.widths;
      const [pl, , pr] = lt.theme.spacing.cellPadding;
      return widths.reduce((a, b) => a + b, 0) + widths.length * (pl + pr) + (widths.length + 1) * lt.theme.table.lineWidth;
    };
    expect(grid()).toBeLessThanOrEqual(lt.contentWidth + 0.01);
    expect(grid()).toBeGreaterThan(lt.contentWidth - 1);
    expect(grid('landscape')).toBeLessThanOrEqual(wide.contentWidth + 0.01);
    expect(grid('landscape')).toBeGreaterThan(wide.contentWidth - 1);
  });
});

describe('keeping headings with their text', () => {
  it('joins a heading and a short paragraph into one unbreakable block, and places a tall one’s headings alone', () => {
    const h = { text: '一、标题', style: 'h1', margin: [0, 12, 0, 6] } as Content;
    const short = { text: '短段落。', style: 'body' } as Content;
    const tall = { text: '很长的段落'.repeat(2000), style: 'body' } as Content;
    const kept = keepWithNext([{ node: h, glue: true }, { node: short }], lt, annotations);
    expect(kept.content).toHaveLength(1);
    expect(kept.content[0]).toMatchObject({ unbreakable: true });
    const alone = keepWithNext([{ node: h, glue: true }, { node: tall }], lt, annotations);
    expect(alone.content).toHaveLength(2);
    expect(alone.content[0]).toMatchObject({ headlineLevel: 1 });
    expect(alone.headlines).toBe(true);
    // a fence places what waits before it, on its own
    const fenced = keepWithNext([{ node: h, glue: true }, { node: short, fence: true }], lt, annotations);
    expect(fenced.content).toEqual([h, short]);
    expect(estimatedHeight(tall, lt, annotations)).toBeGreaterThan(lt.bodyHeight);
  });
});

describe('the document definition', () => {
  it('is PDF 1.7, tagged, shows its title, and dates itself from the data', () => {
    const { definition, numbering } = layoutDocument(rendered, set, fonts);
    expect(definition).toMatchObject({ version: '1.7', tagged: true, displayTitle: true, language: 'zh-CN' });
    expect((definition.info as { creationDate: Date }).creationDate.toISOString()).toBe(rendered.meta.created.toISOString());
    expect(numbering.printed(1)).toBeNull(); // nothing is laid out yet
    expect(definition.watermark).toBeUndefined();
  });

  it('marks a forced build in its metadata', () => {
    const info = metadata(rendered.meta, { forced: { errors: 2 } }) as { title: string; subject: string; keywords: string };
    expect(info.title.startsWith(`【${rendered.meta.forced}】`)).toBe(true);
    expect(info.subject).toContain(rendered.meta.forced);
    expect(info.keywords).toContain(rendered.meta.forced);
  });
});
