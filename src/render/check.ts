import Handlebars from 'handlebars';
import type { Diagnostic } from '../diagnostics/index.js';
import { BLOCK_KINDS } from './blocks.js';
import { CHART_KINDS, isChartKind } from './chart.js';
import { indicatorValueKind, sheetValueKind, sheetValuePaths } from './sheet.js';
import type { TemplateSet } from './template-set.js';

/*
 * A template set's files fit together — checked once when the set is loaded, before any
 * document renders: every template parses, every partial it uses exists, every `::table` and
 * `::chart` it places is declared, every block kind has its style and every style the layout
 * prints with exists, every chart is of a kind the layout draws, every value the sheet grid reads
 * is a field of the derived sheet. (A cell path that finds nothing is
 * reported when the tables resolve: render/table.ts.)
 */

/** Block kinds that print text in a theme style (the others are placed by their own code). */
const TEXT_BLOCKS = BLOCK_KINDS.filter((k) => !['toc', 'table', 'chart', 'sheets', 'pagebreak'].includes(k));
/** Styles the layout prints with by name. */
const LAYOUT_STYLES = ['tocPart', 'tocEntry', 'tableLabel', 'tableTitle', 'tableMeta', 'tableHeader', 'tableCell', 'tableTotal', 'tableNote', 'sheetTitle', 'sheetSubtitle', 'sheetCell', 'sheetLabel', 'chartTitle', 'chartLabel', 'footer'];

type Node = { type?: string; name?: { type?: string; original?: string }; loc?: { start: { line: number } } } & Record<string, unknown>;

/** Partial names a template uses, with their lines. */
function partialsUsed(ast: unknown): Array<{ name: string; line?: number }> {
  const out: Array<{ name: string; line?: number }> = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const node = n as Node;
    if ((node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') && node.name?.type === 'PathExpression' && node.name.original) out.push({ name: node.name.original, ...(node.loc ? { line: node.loc.start.line } : {}) });
    for (const [k, v] of Object.entries(node)) if (k !== 'loc' && typeof v === 'object') walk(v);
  };
  walk(ast);
  return out;
}

export function checkTemplateSet(set: TemplateSet): Diagnostic[] {
  const out: Diagnostic[] = [];
  const err = (file: string, path: string, message: string, line?: number) => out.push({ file, path, rule: 'template', severity: 'error', message, ...(line ? { line } : {}) });
  const at = (f: string) => `${set.dir}/${f}`;

  if (!set.templates.document) err(at('document.hbs'), '', '模板集缺少 document.hbs');
  for (const [name, t] of Object.entries(set.templates)) {
    let ast: unknown;
    try {
      ast = Handlebars.parse(t.source);
    } catch (e) {
      const m = /line (\d+)/.exec((e as Error).message);
      err(t.file, '', `模板语法错误：${(e as Error).message.split('\n')[0]}`, m ? Number(m[1]) : undefined);
      continue;
    }
    for (const p of partialsUsed(ast)) if (!set.templates[p.name] || p.name === 'document') err(t.file, '', `模板引用了不存在的片段“${p.name}”（partials/${p.name}.hbs）`, p.line);
    // blocks the templates place literally: declared tables and known charts
    t.source.split(/\r?\n/).forEach((line, i) => {
      const m = /^\s*::(table|chart)\s+([^\s{]+)/.exec(line);
      if (!m) return;
      if (m[1] === 'table' && !set.tables[m[2]!]) err(t.file, '', `模板引用了不存在的表格“${m[2]}”（set.json 的 tables：${set.tableOrder.join('、')}）`, i + 1);
      if (m[1] === 'chart' && !set.charts[m[2]!]) err(t.file, '', `模板引用了未声明的图表“${m[2]}”（set.json 的 charts：${Object.keys(set.charts).join('、') || '无'}）`, i + 1);
      void name;
    });
  }

  const theme = set.theme;
  for (const kind of [...TEXT_BLOCKS, 'letter-rule']) if (typeof theme.blocks[kind] !== 'object') err(at('theme.json'), `blocks.${kind}`, `主题缺少块“${kind}”的样式和边距`);
  for (const [kind, b] of Object.entries(theme.blocks)) {
    if (typeof b === 'object' && !theme.styles[b.style]) err(at('theme.json'), `blocks.${kind}.style`, `块“${kind}”使用的样式“${b.style}”在 styles 中不存在`);
  }
  for (const s of LAYOUT_STYLES) if (!theme.styles[s]) err(at('theme.json'), `styles.${s}`, `主题缺少版式所用的样式“${s}”`);
  for (const [name, c] of Object.entries(set.charts)) {
    if (!isChartKind(c.kind)) err(at('set.json'), `charts.${name}.kind`, `图表“${name}”的种类“${c.kind}”不存在（可用：${Object.keys(CHART_KINDS).join('、')}）`);
  }
  out.push(...checkSheetPaths(set, at('sheet.json')));
  return out;
}

/** Every value the sheet grid reads is a field of the derived sheet (or of an indicator line). */
function checkSheetPaths(set: TemplateSet, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const unknown = (path: string, value: string, indicators = false) =>
    out.push({ file, path, rule: 'template', severity: 'error', message: `绩效目标表读取的“${value}”不是${indicators ? '指标行' : '绩效目标表'}的字段（可用：${sheetValuePaths(indicators).join('、')}）` });
  const cells = (list: ReadonlyArray<{ value?: string }>, path: string) => list.forEach((c, k) => c.value !== undefined && !sheetValueKind(c.value) && unknown(`${path}[${k}].value`, c.value));
  const sheet = set.sheet;
  if (!sheetValueKind(sheet.outline)) unknown('outline', sheet.outline);
  sheet.rows.forEach((r, i) => {
    if ('cells' in r) cells(r.cells, `rows[${i}].cells`);
    else if ('group' in r) r.rows.forEach((row, j) => cells(row, `rows[${i}].rows[${j}]`));
    else r.indicators.columns.forEach((c, k) => !indicatorValueKind(c.value) && unknown(`rows[${i}].indicators.columns[${k}].value`, c.value, true));
  });
  cells(sheet.continued, 'continued');
  return out;
}
