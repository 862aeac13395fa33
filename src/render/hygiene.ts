import type { Diagnostic } from '../diagnostics/index.js';
import type { Department } from '../schema/index.js';
import { clause } from './clause.js';
import type { RenderedDocument } from './index.js';
import type { TemplateSet } from './template-set.js';

/*
 * The whole rendered document read as a reader reads it: no doubled or clashing punctuation
 * ("。。", "。；", "，。"), no connective said twice in one clause ("主要原因是收入减少的主要原因是"),
 * no "的的". Each finding is given to whoever wrote it:
 *
 * - the template set, when any of it is the template's own text (a mark the template put beside
 *   data text, or two of its own): an error — the set must not print it for any data, and it
 *   names the template file and line where the set's text around it is found;
 * - the data, when the clash lies wholly inside one text the department typed ("工作。。"
 *   in a paragraph): a warning pointing at that field (line:col, or sheet › cell in a workbook).
 *   Such text is printed as typed, not rewritten: it is the department's published wording and
 *   the clerk decides how to mend it. (Edge punctuation of data text set inside a template's
 *   sentence is not the data's problem: the clause helpers drop it, render/clause.ts.)
 */

const PUNCT = /[。，；、：][。，；、：]/gu;
/** A connective, and a second one in the same clause (between two of 。；！？). */
const CONNECTIVE = /(?:主要原因是|主要原因为|主要是)[^。；！？\n]*?(?:主要原因|原因是|原因为|主要是)/gu;
const DOUBLED_DE = /的的/gu;

export interface PrintedText {
  /** Where a reader finds it: the part and heading, a table's title, a sheet's project. */
  where: string;
  text: string;
}

/** Every text the document prints, each with its place. */
export function printedTexts(doc: RenderedDocument): PrintedText[] {
  const out: PrintedText[] = [];
  let part = '';
  let heading = '';
  for (const b of doc.blocks) {
    if (b.kind === 'table' || b.kind === 'chart' || b.kind === 'sheets' || b.kind === 'toc' || b.kind === 'pagebreak') continue;
    if (b.kind === 'part') (part = b.text), (heading = '');
    else if (b.kind === 'h1' || b.kind === 'h2' || b.kind === 'h3') heading = b.text;
    out.push({ where: [part, heading].filter(Boolean).join(' › ') || '封面', text: b.text });
  }
  for (const t of Object.values(doc.tables)) {
    out.push({ where: t.title, text: t.title });
    for (const row of [...t.header, ...t.rows.map((r) => r.cells)]) for (const c of row) out.push({ where: t.title, text: c.text });
    for (const n of t.notes) out.push({ where: t.title, text: n });
  }
  for (const s of doc.sheets) {
    const where = `绩效目标表 › ${s.project}`;
    // the values the grid prints as text (labels are the set's words, figures are formatted)
    const values = s.rows.flatMap((r) => (r.kind === 'cells' ? r.cells : r.kind === 'group' ? r.rows.flat() : [])).filter((c) => !c.label && !c.figure);
    for (const text of [s.title, s.subtitle, ...values.map((c) => c.text)]) out.push({ where, text });
  }
  return out;
}

/** Every string of the data with its path, and the clause each prints as inside a sentence. */
function dataTexts(data: Department): Array<{ path: string; forms: string[] }> {
  const out: Array<{ path: string; forms: string[] }> = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'string') out.push({ path, forms: [v, clause(v)] });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(data, '');
  return out;
}

interface Finding {
  what: string;
  excerpt: string;
  /** The clash's span in its text. */
  start: number;
  end: number;
}

function findings(text: string): Finding[] {
  const out: Finding[] = [];
  const excerpt = (s: number, e: number) => text.slice(Math.max(0, s - 12), Math.min(text.length, e + 6));
  for (const m of text.matchAll(PUNCT)) out.push({ what: `重复或冲突的标点“${m[0]}”`, excerpt: excerpt(m.index, m.index + 2), start: m.index, end: m.index + 2 });
  for (const m of text.matchAll(CONNECTIVE)) out.push({ what: '同一句中两次说明原因', excerpt: excerpt(m.index, m.index + m[0].length), start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(DOUBLED_DE)) out.push({ what: '重复的“的的”', excerpt: excerpt(m.index, m.index + 2), start: m.index, end: m.index + 2 });
  return out;
}

/**
 * The data text a finding lies inside, if any: the span with one neighbour (so a mark beside the
 * data's edge is not taken for the data's) must appear in one string the department typed.
 */
function ownerInData(text: string, f: Finding, data: Array<{ path: string; forms: string[] }>): string | undefined {
  const windows = [text.slice(Math.max(0, f.start - 1), f.end), text.slice(f.start, f.end + 1)].filter((w) => w.length > f.end - f.start);
  if (windows.length === 0) windows.push(text.slice(f.start, f.end));
  for (const d of data) if (d.forms.some((form) => windows.some((w) => form.includes(w)))) return d.path;
  return undefined;
}

/**
 * The template file and line whose own text sits beside the finding: the longest stretch of the
 * printed text, reaching into the finding, that one template holds verbatim.
 */
function templatePlace(text: string, f: Finding, set: TemplateSet): { file: string; line?: number } {
  let best: { file: string; line: number; length: number } | undefined;
  for (const t of Object.values(set.templates)) {
    for (let k = 12; k >= 3; k--) {
      // the clash's last mark and what follows it, or what precedes its first mark and that mark
      const hits = [text.slice(f.end - 1, f.end - 1 + k), f.start + 1 >= k ? text.slice(f.start + 1 - k, f.start + 1) : ''].filter((s) => s.length === k);
      const hit = hits.map((s) => ({ s, at: t.source.indexOf(s) })).find((h) => h.at >= 0);
      if (!hit) continue;
      if (!best || k > best.length) best = { file: t.file, line: t.source.slice(0, hit.at).split('\n').length, length: k };
      break;
    }
  }
  if (best) return { file: best.file, line: best.line };
  // a mark at the text's edge ("…{{x}}。" at a paragraph's end): the line whose own words the text holds most of
  let line: { file: string; line: number; score: number } | undefined;
  for (const t of Object.values(set.templates)) {
    t.source.split('\n').forEach((src, i) => {
      const words = src.replace(/{{!--[\s\S]*?--}}|{{[^}]*}}/g, '\u0000').replace(/^::[\w-]+\s?/, '').split('\u0000');
      const score = words.filter((w) => w.length >= 2 && text.includes(w)).reduce((n, w) => n + w.length, 0);
      if (score >= 4 && (!line || score > line.score)) line = { file: t.file, line: i + 1, score };
    });
  }
  return line ? { file: line.file, line: line.line } : { file: set.dir };
}

/**
 * The check, after render and before layout. `file` is the data file the warnings about data text
 * name; template errors name the template set's file.
 */
export function checkPrintedText(doc: RenderedDocument, data: Department, set: TemplateSet, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const data_ = dataTexts(data);
  const warned = new Set<string>();
  const blamed = new Set<string>();
  for (const p of printedTexts(doc)) {
    for (const f of findings(p.text)) {
      const path = ownerInData(p.text, f, data_);
      if (path !== undefined) {
        const key = `${path}|${f.what}`;
        if (warned.has(key)) continue;
        warned.add(key);
        out.push({ file, path, rule: 'data-text-punctuation', severity: 'warning', message: `文字中有${f.what}（“${f.excerpt}”），将按原样印出：请修改这段文字` });
        continue;
      }
      const place = templatePlace(p.text, f, set);
      const key = `${place.file}:${place.line ?? ''}|${f.what}|${p.where}`;
      if (blamed.has(key)) continue;
      blamed.add(key);
      out.push({
        file: place.file,
        path: '',
        rule: 'template-text',
        severity: 'error',
        message: `模板集 ${set.name} 印出了${f.what}：${p.where}：“${f.excerpt}”。模板在数据文字前后须用 clause、sentence、reason 助手，不能再加重复的标点或连接词`,
        ...(place.line ? { line: place.line } : {}),
      });
    }
  }
  return out;
}
