import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_FILE } from '../../src/load/discover.js';
import { packageRoot } from '../../src/load/root.js';
import { checkDataFile, environment, renderToPdf, type Environment } from '../../src/pipeline/index.js';
import { renderDocument } from '../../src/render/index.js';
import type { CheckedFile } from '../../src/pipeline/index.js';
import { normalise, pdfInfo, pdfPages } from '../support/pdf-text.js';

/*
 * The product's main promise, end to end: the reference department's data renders to a PDF
 * whose text (read back with pdf.js, in content-stream order) holds the published document's
 * cells, whose 目录 points at the right pages, and whose bytes do not change between runs.
 */

const SEED = path.join(packageRoot(), 'seeds', '000_f7737065d6055ff9.txt');

let checked: CheckedFile;
let env: Environment;
let pdf: Buffer;
let pages: string[];

beforeAll(async () => {
  checked = await checkDataFile(DEFAULT_DATA_FILE);
  const e = await environment(checked.data!.templateSet);
  env = e.env!;
  const r = await renderToPdf(checked.data!, checked.derived!, env, DEFAULT_DATA_FILE);
  expect(r.diagnostics).toEqual([]);
  pdf = r.pdf;
  pages = await pdfPages(pdf);
});

describe('the reference department', () => {
  it('validates with warnings only', () => {
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reproduces at least 98% of the published cells', () => {
    // a paragraph running over a page break reads on after the page number: leave footers out
    const text = normalise(pages.map((p) => p.replace(/—\s*\d+\s*—\s*$/u, '')).join(''));
    const cells = readFileSync(SEED, 'utf8')
      .split(/\r?\n/)
      .flatMap((line) => line.split('\t'))
      .map(normalise)
      .filter((c) => c !== '');
    const misses = cells.filter((c) => !text.includes(c));
    const found = 1 - misses.length / cells.length;
    // the figure and every miss are printed for the closing note and for whoever changes a template
    console.log(`reference cells found: ${cells.length - misses.length}/${cells.length} = ${(found * 100).toFixed(2)}%`);
    console.log(`missing cells (${misses.length}):\n${[...new Set(misses)].map((m) => `  ${m}`).join('\n')}`);
    expect(found).toBeGreaterThanOrEqual(0.98);
  });

  it('prints every 目录 entry with the page its heading is printed on', () => {
    const rendered = renderDocument(checked.derived!, checked.data!, env.set);
    const entries = rendered.blocks
      .filter((b) => b.kind === 'part' || b.kind === 'h1' || b.kind === 'h2' || b.kind === 'table')
      .map((b) => (b.kind === 'table' ? { toc: rendered.tables[b.text]!.toc, heading: rendered.tables[b.text]!.title } : { toc: b.text, heading: b.text }));
    expect(entries.length).toBeGreaterThan(30);

    const norm = pages.map(normalise);
    const tocPages = norm.map((t, i) => ({ t, i })).filter(({ t }) => /\.{3,}\d+/.test(t));
    expect(tocPages.length).toBeGreaterThan(0);
    const tocText = tocPages.map((p) => p.t).join('');
    const bodyStart = tocPages[tocPages.length - 1]!.i + 1;
    const footerNumber = (t: string): number | undefined => {
      const all = [...t.matchAll(/—(\d+)—/g)];
      return all.length ? Number(all[all.length - 1]![1]) : undefined;
    };

    let from = bodyStart;
    for (const e of entries) {
      const title = normalise(e.toc);
      const m = new RegExp(`${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.{3,}(\\d+)`).exec(tocText);
      expect(m, `目录 lacks “${e.toc}”`).not.toBeNull();
      const listed = Number(m![1]);
      const heading = normalise(e.heading);
      let at = -1;
      for (let i = from; i < norm.length; i++) {
        if (norm[i]!.includes(heading)) {
          at = i;
          break;
        }
      }
      expect(at, `heading “${e.heading}” not found after page ${from + 1}`).toBeGreaterThanOrEqual(0);
      expect(footerNumber(norm[at]!), `“${e.toc}”`).toBe(listed);
      from = at;
    }
  });

  it('prints 注：本表无数据 under exactly the six empty tables (表7–表11, 表13)', () => {
    const notes = pages.flatMap((p) => [...normalise(p).matchAll(/预算公开表(\d+?)(?=\d{4}年)/g)].map((m) => ({ table: Number(m[1]), index: m.index!, page: normalise(p) })));
    const empty = notes.filter(({ index, page }, i) => {
      const next = notes[i + 1];
      const end = next && next.page === page ? next.index : page.length;
      return page.slice(index, end).includes('注:本表无数据');
    });
    expect(empty.map((n) => n.table)).toEqual([7, 8, 9, 10, 11, 13]);
  });

  it('numbers pages from 第一部分, leaving the cover and 目录 unnumbered', () => {
    const norm = pages.map(normalise);
    const first = norm.findIndex((t) => t.startsWith('第一部分概况'));
    expect(first).toBeGreaterThan(0);
    for (let i = 0; i < first; i++) expect(norm[i]).not.toMatch(/—\d+—/);
    expect(norm[first]).toMatch(/—1—$/);
  });

  it('renders byte-identical PDFs from the same data', async () => {
    const again = await renderToPdf(checked.data!, checked.derived!, env, DEFAULT_DATA_FILE);
    const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(hash(again.pdf)).toBe(hash(pdf));
  });

  it('carries its metadata, bookmarks and a fixed creation date', async () => {
    const { info, outline } = await pdfInfo(pdf);
    expect(info.Title).toBe('山西转型综合改革示范区政务服务中心（山西转型综合改革示范区公共资源交易中心）2026年度部门预算公开');
    expect(info.Author).toBe('山西转型综合改革示范区政务服务中心（山西转型综合改革示范区公共资源交易中心）');
    expect(info.CreationDate).toBe('D:20260204000000Z');
    expect(info.Language).toBe('zh-CN');
    for (const b of ['第一部分 概况', '表一2026年预算收支总表', '十、绩效管理情况', '政务中心装修经费', '山西转型综改示范区管委会', '第四部分 名词解释']) expect(outline).toContain(b);
  });
});
