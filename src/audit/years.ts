import type { Diagnostic } from '../diagnostics/index.js';
import type { Department } from '../schema/index.js';
import { defineRule, type Finding, type Rule } from './rule.js';

/*
 * 11 — every date belongs to the budget year: the approval letter, the 截至 date of the assets,
 * the publication and each sheet's 填报日期 fall in the budget year or the year before.
 */

const yearOf = (iso: string) => Number(iso.slice(0, 4));
const inWindow = (y: number, year: number) => y === year || y === year - 1;
const window = (year: number) => `${year - 1}年或${year}年`;

export const approvalDateYear = defineRule({
  id: 'approval-date-year',
  severity: 'warning',
  title: '批复文件的日期、文号、标题年度与预算年度一致',
  find({ data }) {
    const a = data.approval;
    if (!a) return [];
    const out: Finding[] = [];
    const year = data.year;
    if (!inWindow(yearOf(a.date), year))
      out.push({ path: 'approval.date', related: ['year'], message: `批复成文日期 ${a.date} 不在 ${window(year)}（预算年度 ${year}）` });
    const doc = /[〔［\[（(【](\d{4})[〕］\]）)】]/.exec(a.docNumber);
    if (doc && !inWindow(Number(doc[1]), year))
      out.push({ path: 'approval.docNumber', related: ['year'], message: `批复文号“${a.docNumber}”的年份 ${doc[1]} 不在 ${window(year)}（预算年度 ${year}）` });
    const mentions = (text: string) => [...text.matchAll(/(\d{4})\s*年/g)].map((m) => Number(m[1]));
    const check = (text: string, path: string, what: string) => {
      const years = mentions(text);
      if (years.length && !years.includes(year))
        out.push({ path, related: ['year'], message: `${what}“${text}”写的是 ${years.join('、')} 年，预算年度为 ${year} 年` });
    };
    check(a.title, 'approval.title', '批复标题');
    a.attachments.forEach((t, i) => check(t, `approval.attachments[${i}]`, '批复附件'));
    return out;
  },
});

export const assetsDateYear = defineRule({
  id: 'assets-date-year',
  severity: 'warning',
  title: '国有资产“截至”日期在预算年度或上一年',
  find({ data }) {
    const asOf = data.narrative.assets.asOf;
    if (inWindow(yearOf(asOf), data.year)) return [];
    return [{ path: 'narrative.assets.asOf', related: ['year'], message: `国有资产情况截至日期 ${asOf} 不在 ${window(data.year)}（预算年度 ${data.year}）` }];
  },
});

export const publishedOnYear = defineRule({
  id: 'published-on-year',
  severity: 'warning',
  title: '公开日期在预算年度或上一年',
  find({ data }) {
    if (inWindow(yearOf(data.publishedOn), data.year)) return [];
    return [{ path: 'publishedOn', related: ['year'], message: `公开日期 ${data.publishedOn} 不在 ${window(data.year)}（预算年度 ${data.year}）` }];
  },
});

export const publishedAfterApproval = defineRule({
  id: 'published-after-approval',
  severity: 'warning',
  title: '公开日期不早于批复日期',
  find({ data }) {
    const a = data.approval;
    if (!a || data.publishedOn >= a.date) return [];
    return [{ path: 'publishedOn', related: ['approval.date'], message: `公开日期 ${data.publishedOn} 早于批复成文日期 ${a.date}` }];
  },
});

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export const sheetFilledYear = defineRule({
  id: 'sheet-filled-year',
  severity: 'warning',
  title: '绩效目标表填报日期在预算年度或上一年',
  find({ data }) {
    return data.performanceSheets.flatMap((s, i): Finding[] => {
      const path = `performanceSheets[${i}].filledAt`;
      const y = Number(s.filledAt.slice(0, 4));
      const m = Number(s.filledAt.slice(4, 6));
      const d = Number(s.filledAt.slice(6, 8));
      if (!validDate(y, m, d)) return [{ path, message: `绩效目标表“${s.project}”的填报日期 ${s.filledAt} 不是有效日期` }];
      if (inWindow(y, data.year)) return [];
      return [
        {
          path,
          related: ['year'],
          message: `绩效目标表“${s.project}”填报于 ${y}年${m}月${d}日（${s.filledAt}），不在 ${window(data.year)}：可能是往年的表（预算年度 ${data.year}）`,
        },
      ];
    });
  },
});

export const yearRules: Rule[] = [approvalDateYear, assetsDateYear, publishedOnYear, publishedAfterApproval, sheetFilledYear];

const YEAR_RULES = new Set(['approval-date-year', 'assets-date-year', 'published-on-year', 'sheet-filled-year']);

/**
 * One wrong 预算年度 puts every date of the file outside its window: then the cause is said once,
 * at the year, with where the dates lie — not once per date (26 warnings for one cell).
 */
export function collapseYearFindings(diagnostics: readonly Diagnostic[], data: Department, file: string): Diagnostic[] {
  const byYear = diagnostics.filter((d) => YEAR_RULES.has(d.rule));
  // one letter from another year is that letter's problem; dates of several sources agreeing are the year's
  if (byYear.length < 3 || new Set(byYear.map((d) => d.rule)).size < 2) return [...diagnostics];
  const dates = [data.publishedOn, data.approval?.date, data.narrative.assets.asOf, ...data.performanceSheets.map((s) => s.filledAt)].flatMap((d) => (d ? [Number(d.slice(0, 4))] : []));
  const counts = new Map<number, number>();
  for (const y of dates) if (!inWindow(y, data.year)) counts.set(y, (counts.get(y) ?? 0) + 1);
  const usual = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const one: Diagnostic = {
    file,
    path: 'year',
    rule: 'budget-year-dates',
    severity: 'warning',
    message: `共 ${byYear.length} 处日期或年份不在 ${window(data.year)}${usual !== undefined ? `，多数在 ${usual} 年` : ''}：请先核对预算年度（现为 ${data.year} 年）是否填对；预算年度无误时，再逐项核对这些日期`,
    related: [...new Set(byYear.map((d) => d.path))].slice(0, 10),
  };
  const first = diagnostics.indexOf(byYear[0]!);
  const rest = diagnostics.filter((d) => !YEAR_RULES.has(d.rule));
  return [...rest.slice(0, first), one, ...rest.slice(first)];
}
