import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { inflateSync } from 'node:zlib';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { headingLevels } from '../../../src/layout/engine/hooks/render.js';
import type { StructElement } from '../../../src/layout/engine/index.js';
import { DEFAULT_DATA_FILE } from '../../../src/load/discover.js';
import { checkDataFile, environment, renderToPdf, type Environment } from '../../../src/pipeline/index.js';
import { normalise } from '../../support/pdf-text.js';

/*
 * The PDF as publishers and readers expect it (issue 12): PDF 1.7 with XMP, page labels equal to
 * the printed numbers, bookmarks at their headings, the whole 目录 line a link with leaders up to
 * its number, and a tagged PDF whose structure tree holds headings, paragraphs, lists and tables
 * with header cells, page furniture marked as artifacts. Read back with pdf.js and poppler's
 * pdfinfo (installed by .ci/run).
 */

type PdfDoc = Awaited<ReturnType<typeof getDocument>['promise']>;
let env: Environment;
let pdf: Buffer;
let doc: PdfDoc;
let pageTexts: string[];
beforeAll(async () => {
  env = (await environment('shanxi-zonggai')).env!;
  const checked = await checkDataFile(DEFAULT_DATA_FILE);
  const r = await renderToPdf(checked.data!, checked.derived!, env, DEFAULT_DATA_FILE);
  expect(r.diagnostics).toEqual([]);
  pdf = r.pdf;
  doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  pageTexts = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const c = await (await doc.getPage(i)).getTextContent();
    pageTexts.push(c.items.map((it) => ('str' in it ? it.str : '')).join(''));
  }
});

/** The page content streams, inflated and joined (fonts, object streams and the xref left out). */
function pageContent(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  let content = '';
  for (const m of text.matchAll(/\d+ 0 obj\s*<<([\s\S]*?)>>\s*stream\r?\n/g)) {
    if (/Length1|ObjStm|XRef|Metadata|Subtype \/XML/.test(m[1]!)) continue;
    const length = Number(/\/Length (\d+)/.exec(m[1]!)?.[1]);
    const start = m.index! + m[0].length;
    try {
      content += inflateSync(bytes.subarray(start, start + length)).toString('latin1');
    } catch {
      // not deflated: not page content
    }
  }
  return content;
}

function pdfinfo(bytes: Buffer): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-pdfinfo-'));
  const file = path.join(dir, 'x.pdf');
  writeFileSync(file, bytes);
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

describe('the PDF', () => {
  it('is PDF 1.7, tagged, with an XMP metadata stream that says what the information dictionary says', async () => {
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    const info = pdfinfo(pdf);
    expect(info['PDF version']).toBe('1.7');
    expect(info.Tagged).toBe('yes');
    expect(info['Metadata Stream']).toBe('yes');
    const meta = await doc.getMetadata();
    expect(meta.metadata?.get('dc:title')).toBe((meta.info as { Title: string }).Title);
    expect((await doc.getMarkInfo())?.Marked).toBe(true);
  });

  it('labels its pages with the printed numbers, the cover and the 目录 by name', async () => {
    const labels = (await doc.getPageLabels())!;
    expect(labels).toHaveLength(doc.numPages);
    expect(labels[0]).toBe('封面');
    expect(labels[1]).toBe('目录');
    pageTexts.forEach((t, i) => {
      const footer = /—\s*(\d+)\s*—\s*$/.exec(t);
      if (footer) expect(labels[i], `page ${i + 1}`).toBe(footer[1]);
      else expect(i).toBeLessThan(2);
    });
  });

  it('points each bookmark at its heading, not at the top of the page', async () => {
    const outline = (await doc.getOutline())!;
    expect(outline.length).toBeGreaterThan(3);
    for (const item of outline) {
      const dest = item.dest as [unknown, { name: string }, number, number, number];
      expect(dest[1].name).toBe('XYZ');
      const page = await doc.getPage((await doc.getPageIndex(dest[0] as { num: number; gen: number })) + 1);
      const text = await page.getTextContent();
      const heading = text.items.find((it) => 'str' in it && normalise(it.str) !== '' && normalise(item.title).startsWith(normalise(it.str)));
      expect(heading, item.title).toBeDefined();
      const top = (heading as { transform: number[]; height: number }).transform[5]! + (heading as { height: number }).height;
      // the view's top edge sits just above the heading line
      expect(dest[3]).toBeGreaterThanOrEqual(top - 1);
      expect(dest[3]).toBeLessThan(top + 30);
      expect(dest[2]).toBe(0);
    }
  });

  it('makes each 目录 line a link across its whole width, with leaders up to the page number', async () => {
    const page = await doc.getPage(2);
    const links = (await page.getAnnotations()).filter((a) => a.subtype === 'Link');
    const text = await page.getTextContent();
    const numbers = text.items.filter((it): it is typeof it & { str: string; transform: number[]; width: number } => 'str' in it && /^\d+$/.test(it.str));
    expect(numbers.length).toBeGreaterThan(30);
    for (const n of numbers) {
      const y = n.transform[5]!;
      const row = links.filter((a) => a.rect[1] <= y + 2 && a.rect[3] >= y + 2);
      // links from the title's start to the number's end
      const start = Math.min(...text.items.filter((it) => 'str' in it && it.str.trim() !== '' && Math.abs((it as typeof n).transform[5]! - y) < 1).map((it) => (it as typeof n).transform[4]!));
      expect(Math.min(...row.map((a) => a.rect[0])), `row at ${y}`).toBeLessThanOrEqual(start + 1);
      expect(Math.max(...row.map((a) => a.rect[2])), `row at ${y}`).toBeGreaterThan(n.transform[4]! + n.width - 1);
      const leader = text.items.filter((it): it is typeof n => 'str' in it && /\.{3,}$/.test(it.str) && Math.abs((it as typeof n).transform[5]! - y) < 1);
      expect(leader.length, `leaders at ${y}`).toBe(1);
      const end = leader[0]!.transform[4]! + leader[0]!.width;
      expect(n.transform[4]! - end, `gap before ${n.str}`).toBeLessThan(12);
      expect(n.transform[4]! - end).toBeGreaterThan(0);
    }
  });

  it('has a structure tree with headings, paragraphs, lists, the 目录 and tables with header cells', async () => {
    const roles = new Map<string, number>();
    const walk = (n: { role?: string; children?: unknown[] }) => {
      if (n.role) roles.set(n.role, (roles.get(n.role) ?? 0) + 1);
      for (const c of n.children ?? []) walk(c as typeof n);
    };
    for (let i = 1; i <= doc.numPages; i++) walk(((await (await doc.getPage(i)).getStructTree()) ?? {}) as { children?: unknown[] });
    for (const role of ['Document', 'H1', 'H2', 'H3', 'P', 'L', 'LI', 'TOC', 'TOCI', 'Table', 'TR', 'TH', 'TD']) expect(roles.get(role) ?? 0, role).toBeGreaterThan(0);
    expect(roles.get('H1')).toBeGreaterThanOrEqual(5); // the 目录's title and the four parts
  });

  it('marks the footers and repeated table headers as artifacts, the text as content', async () => {
    let content = 0;
    let artifactText = '';
    for (let i = 3; i <= doc.numPages; i++) {
      const items = (await (await doc.getPage(i)).getTextContent({ includeMarkedContent: true })).items;
      let artifact = 0;
      for (const it of items) {
        if ('type' in it && it.type === 'beginMarkedContentProps') (it as { tag?: string }).tag === 'Artifact' ? artifact++ : content++;
        else if ('type' in it && it.type === 'endMarkedContent') artifact = Math.max(0, artifact - 1);
        else if ('str' in it && artifact) artifactText += it.str;
      }
    }
    expect(content).toBeGreaterThan(1000);
    expect(artifactText).toMatch(/—\s*1\s*—/);
    expect(artifactText).not.toContain('本部门职责');
  });

  it('shows its title, not its file name, in the viewer’s title bar', async () => {
    expect(((await doc.getViewerPreferences()) as { DisplayDocTitle?: boolean } | null)?.DisplayDocTitle).toBe(true);
  });

  it('starts no line with closing punctuation and ends none with opening punctuation', async () => {
    const bad: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const items = (await (await doc.getPage(i)).getTextContent()).items.filter((it): it is typeof it & { str: string; transform: number[] } => 'str' in it && it.str.trim() !== '');
      // a line: the runs at one baseline within one column (a gap of more than 20 pt ends it)
      const byLine = new Map<string, Array<{ x: number; str: string }>>();
      for (const it of items) {
        const key = it.transform[5]!.toFixed(1);
        byLine.set(key, [...(byLine.get(key) ?? []), { x: it.transform[4]!, str: it.str }]);
      }
      for (const runs of byLine.values()) {
        const line = runs.sort((a, b) => a.x - b.x).map((r) => r.str).join('').trim();
        if (/^[，。、；：？！）」』】》]/.test(line) || /[（「『【《]$/.test(line)) bad.push(`page ${i}: ${line}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('justifies body text without gaps that read as spaces', () => {
    const all = pageTexts.join('');
    expect(all).toContain('区公共资源交易中心）纳入绩效目标管理的1级项目12个');
  });

  it('draws table rules as one path per run of one style: a grid\'s lines joined, far fewer strokes', () => {
    const content = pageContent(pdf);
    const segments = content.match(/^[\d.-]+ [\d.-]+ m\n[\d.-]+ [\d.-]+ l$/gm)?.length ?? 0;
    const runs = content.match(/^0\.6 w\n\[\] 0 d\n0 j\n0 J\n(?:[\d.-]+ [\d.-]+ m\n[\d.-]+ [\d.-]+ l\n)+\/DeviceRGB CS\n[\d. ]+SCN\n\/Gs\d+ gs\nS$/gm) ?? [];
    // the reference's tables: ~6,300 cell borders, joined where they meet on one line (~1,200)
    expect(segments).toBeGreaterThan(500);
    expect(segments).toBeLessThan(3000);
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.length).toBeLessThan(segments / 3);
    // each run is wrapped as one artifact: marked content stays balanced
    expect(content.match(/ BDC$/gm)?.length).toBe(content.match(/^EMC$/gm)?.length);
  });

  it('draws nothing for an empty table cell (no opacity, colour and empty paint for it)', () => {
    const content = pageContent(pdf);
    expect(content.match(/^\/Artifact <<\n\/Type \/Pagination\n>> BDC\n\/Gs\d+ gs\n\/DeviceRGB cs\n[\d. ]+scn\nf\nEMC$/gm)).toBeNull();
    // the cells with text are all there: the page texts read back above are the 目录's, the tables'…
    expect(pageTexts.join('')).toContain('2026年部门预算');
  });
});


describe('heading levels', () => {
  const h = (type: string): StructElement => ({ type, children: [] });
  it('never skip: a heading is one below the nearest higher-ranked heading before it', () => {
    // a part, 五、, an （一） the template ranks two below 五、, then 十二、 and its （一） ranked one below
    const part = h('H1');
    const five = h('H2');
    const sub = h('H4');
    const twelve = h('H2');
    const other = h('H3');
    const table = h('H2');
    const root: StructElement = { type: 'Document', children: [part, five, { type: 'Sect', children: [sub] }, twelve, other, h('H1'), table] };
    const levels = headingLevels(root);
    const level = (e: StructElement) => levels.get(e) ?? e.type;
    expect([part, five, sub, twelve, other, table].map(level)).toEqual(['H1', 'H2', 'H3', 'H2', 'H3', 'H2']);
  });

  it('a document that starts below H1 starts at H1', () => {
    const first = h('H3');
    const next = h('H4');
    const levels = headingLevels({ type: 'Document', children: [first, next] });
    expect([levels.get(first), levels.get(next)]).toEqual(['H1', 'H2']);
  });
});
