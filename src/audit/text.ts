import { repeats } from '../diagnostics/index.js';
import { D } from '../derive/decimal.js';
import type { Change } from '../derive/types.js';
import type { Department } from '../schema/index.js';
import { defineRule, type Finding, type Rule } from './rule.js';
import { money } from '../diagnostics/place.js';

/*
 * 11 — unfinished and copied text: what a reviewer sends back at a glance. Placeholders left in
 * (an error: the document would print them), the same paragraph twice, years that belong to
 * another budget, sheets with nothing in them, and figures written into the reasons that
 * contradict the figures the template prints beside them.
 */

/** Every free text of the data a reader sees, with its path (amounts, codes and dates are not text). */
function texts(data: Department): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  const SKIP = new Set(['$schema', 'templateSet', 'code', 'publishedOn', 'asOf', 'date', 'filledAt', 'moneyUnit', 'buildingArea', 'declaredPublishedShare', 'level1', 'phone']);
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'string') out.push({ path, text: v });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (SKIP.has(k)) continue;
        // amounts: any object of funds, and the amount fields
        if (typeof x === 'string' && /^\d+(\.\d+)?$/.test(x)) continue;
        walk(x, path ? `${path}.${k}` : k);
      }
    }
  };
  walk(data, '');
  return out;
}

/** Marks of a text not yet written. */
const PLACEHOLDER = /待填写|待补充|待完善|请填写|（待[^）]{0,20}）|\bTBD\b|\bTODO\b|××|某某|(?<![A-Za-z])X{2,}(?![A-Za-z])|(?<![A-Za-z])x{2,}(?![A-Za-z])|\?{3,}|？{2,}/;

export const placeholderText = defineRule({
  id: 'placeholder-text',
  severity: 'error',
  title: '没有未完成的占位文字（待填写、XX、××、某某、TBD……）',
  find({ data }) {
    return texts(data).flatMap(({ path, text }): Finding[] => {
      const m = PLACEHOLDER.exec(text);
      if (!m) return [];
      // the context only where it says more than the mark itself
      const context = text.trim() === m[0] ? '' : text.length > 30 ? `（“${text.slice(Math.max(0, m.index - 8), m.index + m[0].length + 8)}”）` : `（“${text}”）`;
      return [{ path, message: `${context ? '文字中还有占位内容' : '这一段只有占位内容'}“${m[0]}”${context}：请填写实际内容后再生成` }];
    });
  },
});

/** The paragraphs a reader reads as running text: 职责, 机构设置, reasons, 其他说明, sheet texts. */
function paragraphs(data: Department): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  data.department.duties.forEach((t, i) => out.push({ path: `department.duties[${i}]`, text: t }));
  data.department.organisation.forEach((t, i) => out.push({ path: `department.organisation[${i}]`, text: t }));
  for (const [k, t] of Object.entries(data.narrative.reasons)) if (t) out.push({ path: `narrative.reasons.${k}`, text: t });
  data.narrative.purchaseServices.forEach((t, i) => out.push({ path: `narrative.purchaseServices[${i}]`, text: t }));
  data.narrative.other.forEach((t, i) => out.push({ path: `narrative.other[${i}]`, text: t }));
  return out;
}

const norm = (s: string) => s.replace(/\s+/g, '');

export const duplicateParagraph = defineRule({
  id: 'duplicate-paragraph',
  severity: 'warning',
  title: '同一段文字不出现两次',
  find({ data }) {
    const all = paragraphs(data);
    return repeats(all, (p) => {
      const key = norm(p.text);
      return key.length < 20 ? undefined : key; // short stock phrases ("无", "与上年持平。") may repeat
    }).flatMap(({ item: p, firstIndex }): Finding[] => {
      const k = all[firstIndex]!.path;
      // the two reasons of 一、 (收入 and 支出) are often the same sentence by design
      if (k === 'narrative.reasons.income' && p.path === 'narrative.reasons.expenditure') return [];
      return [{ path: p.path, related: [k], message: `这一段与 ${k} 完全相同（“${p.text.slice(0, 24)}…”）：同一段文字会印两次，可能是复制后忘了修改` }];
    });
  },
});

const YEAR = /((?:19|20)\d{2})\s*(?:年\s*)?(?:[-—–~～至到]\s*((?:19|20)\d{2}))?\s*年/g;

/** Texts of the narrative and the sheets that speak of the budget's own time. */
function dated(data: Department): Array<{ path: string; text: string }> {
  const out = paragraphs(data);
  data.performanceSheets.forEach((s, i) => {
    for (const k of ['project', 'period', 'overview', 'basis', 'necessity', 'measures', 'plan'] as const) out.push({ path: `performanceSheets[${i}].${k}`, text: s[k] });
    out.push({ path: `performanceSheets[${i}].goals.implementation`, text: s.goals.implementation }, { path: `performanceSheets[${i}].goals.annual`, text: s.goals.annual });
  });
  return out;
}

export const textYearWindow = defineRule({
  id: 'text-year-window',
  severity: 'warning',
  title: '情况说明和绩效目标表里提到的年份在预算年度或上一年',
  find({ data }) {
    const year = data.year;
    return dated(data).flatMap(({ path, text }): Finding[] => {
      const bad: string[] = [];
      for (const m of text.matchAll(YEAR)) {
        const a = Number(m[1]);
        const b = m[2] ? Number(m[2]) : a;
        // a span that reaches the budget year or the year before it is the project's own time
        const ok = m[2] ? a <= year && b >= year - 1 : a === year || a === year - 1;
        if (!ok) bad.push(m[0].replace(/\s+/g, ''));
      }
      if (!bad.length) return [];
      return [{ path, related: ['year'], message: `提到“${[...new Set(bad)].join('、')}”，不在 ${year - 1}年或${year}年（预算年度 ${year}）：可能是沿用往年的文字，请核对` }];
    });
  },
});

export const sheetHasContent = defineRule({
  id: 'sheet-has-content',
  severity: 'error',
  title: '绩效目标表有年度资金和绩效指标',
  find({ derived }) {
    return derived.sheets.flatMap((s): Finding[] => {
      const missing: string[] = [];
      if (new D(s.fundsYuan.annual.total.printed).isZero()) missing.push('年度资金为 0');
      if (s.source.indicators.annual.length + s.source.indicators.implementation.length === 0) missing.push('没有任何绩效指标');
      if (!missing.length) return [];
      return [{ path: `performanceSheets[${s.index}]`, message: `绩效目标表“${s.source.project}”${missing.join('，')}：空表不应公开，请补齐或删除这张表` }];
    });
  },
});

export const sheetGoalsWritten = defineRule({
  id: 'sheet-goals-written',
  severity: 'warning',
  title: '绩效目标表写了实施期目标和年度目标',
  find({ derived }) {
    return derived.sheets.flatMap((s): Finding[] => {
      const empty = (['implementation', 'annual'] as const).filter((k) => s.source.goals[k].trim() === '').map((k) => (k === 'annual' ? '年度目标' : '实施期目标'));
      if (!empty.length) return [];
      return [{ path: `performanceSheets[${s.index}].goals`, message: `绩效目标表“${s.source.project}”没有填写${empty.join('和')}：表中这一格将是空的` }];
    });
  },
});

/** "比上年增加123.45万元" / "减少…" and "增长12.3%" / "下降…" written in a reason. */
const DELTA = /比上年(增加|减少|增长|下降)\s*([\d,]+(?:\.\d+)?)\s*(万元|%|％)/g;
const PCT = /(增长|下降)\s*([\d,]+(?:\.\d+)?)\s*(%|％)/g;

export const reasonFiguresMatch = defineRule({
  id: 'reason-figures-match',
  severity: 'error',
  title: '增减原因里写的增减金额、幅度与表中数字一致',
  find({ data, derived }) {
    const c = derived.narrative.changes;
    const pairs: Array<[keyof Department['narrative']['reasons'], Change | null, string]> = [
      ['income', c.income, '收入'],
      ['expenditure', c.expenditure, '支出'],
      ['generalBudget', c.generalBudget, '一般公共预算当年支出'],
      ['threePublic', c.threePublic, '“三公”经费'],
      ['operatingCosts', c.operatingCosts, '机关运行经费'],
    ];
    const out: Finding[] = [];
    for (const [key, change, what] of pairs) {
      const text = data.narrative.reasons[key];
      if (!text || !change) continue;
      const up = change.direction === 'increase';
      const printedDelta = new D(change.deltaAbs).toDecimalPlaces(2, D.ROUND_HALF_UP);
      const printedPct = new D(change.percentAbs).toDecimalPlaces(2, D.ROUND_HALF_UP);
      const said: string[] = [];
      for (const m of [...text.matchAll(DELTA), ...text.matchAll(PCT)]) {
        const verb = m[1]!;
        const n = new D(m[2]!.replace(/,/g, ''));
        const isPct = m[3] !== '万元';
        const wrongWay = (verb === '增加' || verb === '增长') !== up && change.direction !== 'flat';
        const wrongFigure = isPct ? !n.eq(printedPct) && !n.eq(printedPct.toDecimalPlaces(1, D.ROUND_HALF_UP)) && !n.eq(printedPct.toDecimalPlaces(0, D.ROUND_HALF_UP)) : !n.eq(printedDelta);
        if (wrongWay || wrongFigure) said.push(m[0]);
      }
      if (!said.length) continue;
      out.push({
        path: `narrative.reasons.${key}`,
        message: `${what}增减原因中写着“${[...new Set(said)].join('”“')}”，而按表中数字为${change.direction === 'flat' ? '与上年持平' : `比上年${up ? '增加' : '减少'} ${money(printedDelta)}、${up ? '增长' : '下降'} ${printedPct.toFixed(2)}%`}（本年 ${money(new D(change.current).toDecimalPlaces(2, D.ROUND_HALF_UP))}，上年 ${money(new D(change.lastYear))}）`,
      });
    }
    return out;
  },
});

export const textRules: Rule[] = [placeholderText, duplicateParagraph, textYearWindow, sheetHasContent, sheetGoalsWritten, reasonFiguresMatch];
