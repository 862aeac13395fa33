import { allowedGovNames, govNamesByKey, mappingKeys } from '../derive/catalogue.js';
import { at, printedIn } from '../diagnostics/place.js';
import { defineRule, type AuditContext, type Finding, type Rule } from './rule.js';

/*
 * 0 — the standard catalogue (政府收支分类科目, data/catalogue/): every 类 and 款 code must be
 * in it (an error: the tables would print a subject that does not exist); a known code under
 * another name, and a 项 the catalogue does not list, are warnings naming the standard. The name
 * printed stays the one entered, so a published document can still be reproduced.
 */

const kindOf = (code: string) => (code.length === 3 ? '类' : code.length === 5 ? '款' : '项');

/** Every 功能分类 code the data names: subjects, and each line with its 类 and 款. */
function functionalCodes(ctx: AuditContext): Array<{ code: string; name?: string; path: string }> {
  const out: Array<{ code: string; name?: string; path: string }> = [];
  ctx.data.expenditure.subjects.forEach((s, i) => out.push({ code: s.code, name: s.name, path: `expenditure.subjects[${i}]` }));
  ctx.data.expenditure.lines.forEach((l, i) => out.push({ code: l.code, name: l.name, path: `expenditure.lines[${i}]` }));
  return out;
}

export const catalogueMissing = defineRule({
  id: 'catalogue-missing',
  severity: 'warning',
  title: '有预算年度的科目目录',
  find({ catalogue, data }) {
    if (catalogue !== null) return [];
    return [{ path: 'year', message: `没有 ${data.year} 年的政府收支分类科目目录（data/catalogue/），科目编码和名称未核对；请放入该年度的科目目录` }];
  },
});

export const subjectCodeKnown = defineRule({
  id: 'subject-code-known',
  severity: 'error',
  title: '功能分类的类、款编码在科目目录中',
  find(ctx) {
    const cat = ctx.catalogue;
    if (!cat) return [];
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const { code, path } of functionalCodes(ctx)) {
      for (const c of [code.slice(0, 3), ...(code.length >= 5 ? [code.slice(0, 5)] : [])]) {
        if (cat.functional[c] !== undefined || seen.has(c)) continue;
        // a level the catalogue does not hold in full cannot prove a code wrong (subject-section-unlisted asks)
        if (c.length === 5 && !cat.completeness.functionalSections) continue;
        seen.add(c);
        out.push({ path: `${path}.code`, message: `功能分类${kindOf(c)}“${c}”不在${cat.edition}年政府收支分类科目中：请核对编码${c.length === 5 && cat.functional[c.slice(0, 3)] ? `（类“${c.slice(0, 3)} ${cat.functional[c.slice(0, 3)]}”下没有此款）` : ''}；如确为新增科目，请更新科目目录 data/catalogue/` });
      }
    }
    return out;
  },
});

export const subjectSectionUnlisted = defineRule({
  id: 'subject-section-unlisted',
  severity: 'warning',
  title: '功能分类的款编码在科目目录中（目录未收全款级时）',
  find(ctx) {
    const cat = ctx.catalogue;
    if (!cat || cat.completeness.functionalSections) return [];
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const { code, path } of functionalCodes(ctx)) {
      if (code.length < 5) continue;
      const c = code.slice(0, 5);
      if (cat.functional[c] !== undefined || seen.has(c) || cat.functional[c.slice(0, 3)] === undefined) continue;
      seen.add(c);
      out.push({ path: `${path}.code`, message: `功能分类款“${c}”不在 gongkai 的${cat.edition}年科目目录中（目录尚未收全类“${c.slice(0, 3)} ${cat.functional[c.slice(0, 3)]}”下的款）：请对照财政部的科目表核对编码` });
    }
    return out;
  },
});

export const subjectNameStandard = defineRule({
  id: 'subject-name-standard',
  severity: 'warning',
  title: '功能分类科目名称与科目目录一致',
  find(ctx) {
    const cat = ctx.catalogue;
    if (!cat) return [];
    return functionalCodes(ctx).flatMap(({ code, name, path }): Finding[] => {
      const standard = cat.functional[code];
      if (standard === undefined || name === undefined || name === standard) return [];
      return [{ path: `${path}.name`, message: `功能分类${kindOf(code)}“${code}”的名称填写为“${name}”，${cat.edition}年科目为“${standard}”（各表照填写的名称印出；不同表印出的名称可能因此不一致）` }];
    });
  },
});

export const itemCodeKnown = defineRule({
  id: 'item-code-known',
  severity: 'warning',
  title: '功能分类的项编码在科目目录中',
  find(ctx) {
    const cat = ctx.catalogue;
    if (!cat) return [];
    return ctx.data.expenditure.lines.flatMap((l, i): Finding[] => {
      if (cat.functional[l.code] !== undefined || cat.functional[l.code.slice(0, 5)] === undefined) return [];
      return [{ path: `expenditure.lines[${i}].code`, message: `项级科目“${l.code} ${l.name}”不在科目目录中（${cat.completeness.functionalItems ? '' : '目录只收录常用的项；'}请核对编码，款“${l.code.slice(0, 5)} ${cat.functional[l.code.slice(0, 5)]}”下的项）` }];
    });
  },
});

export const economicCodeKnown = defineRule({
  id: 'economic-code-known',
  severity: 'error',
  title: `${printedIn('economicRows')}部门经济科目编码在科目目录中，名称一致`,
  find(ctx) {
    const cat = ctx.catalogue;
    if (!cat) return [];
    const out: Finding[] = [];
    ctx.data.basicByEconomic.forEach((g, i) => {
      const codes: Array<[string | undefined, string, string]> = [[g.code, g.name, `basicByEconomic[${i}]`], ...g.items.map((it, k): [string | undefined, string, string] => [it.code, it.name, `basicByEconomic[${i}].items[${k}]`])];
      for (const [code, , path] of codes) {
        if (code === undefined || cat.departmentEconomic[code] !== undefined) continue;
        out.push({ path: `${path}.code`, message: `部门预算支出经济科目“${code}”不在${cat.edition}年政府收支分类科目中：请核对编码` });
      }
      const items = g.items.filter((it) => it.code !== undefined && g.code !== undefined && !it.code.startsWith(g.code));
      for (const it of items) out.push({ path: `basicByEconomic[${i}].items[${g.items.indexOf(it)}].code`, message: `经济科目款“${it.code}”不属于类“${g.code}”：款编码的前三位应为其类编码` });
    });
    return out;
  },
});

export const economicNameStandard = defineRule({
  id: 'economic-name-standard',
  severity: 'warning',
  title: `${printedIn('economicRows')}经济科目名称、政府预算经济科目名称与科目目录一致`,
  find(ctx) {
    const cat = ctx.catalogue;
    if (!cat) return [];
    const out: Finding[] = [];
    ctx.data.basicByEconomic.forEach((g, i) => {
      if (g.code && cat.departmentEconomic[g.code] && cat.departmentEconomic[g.code] !== g.name)
        out.push({ path: `basicByEconomic[${i}].name`, message: `经济科目类“${g.code}”的名称填写为“${g.name}”，科目为“${cat.departmentEconomic[g.code]}”` });
      g.items.forEach((it, k) => {
        if (!it.code) return;
        const standard = cat.departmentEconomic[it.code];
        if (standard && standard !== it.name) out.push({ path: `basicByEconomic[${i}].items[${k}].name`, message: `经济科目“${it.code}”的名称填写为“${it.name}”，科目为“${standard}”` });
        if (it.govName === undefined) return;
        const allowed = allowedGovNames(cat, ctx.data, it.code);
        if (allowed.length && !allowed.includes(it.govName))
          out.push({ path: `basicByEconomic[${i}].items[${k}].govName`, message: `“${it.name}”（${it.code}）的政府预算支出经济科目填写为“${it.govName}”，按科目对应关系应为“${allowed.join('”或“')}”` });
      });
    });
    return out;
  },
});

const KEY_WORDS = { administrative: '行政单位、参公单位', institution: '事业单位' } as const;

export const govNameDerivable = defineRule({
  id: 'gov-name-derivable',
  severity: 'error',
  title: `${printedIn('economicRows')}每一项都有政府预算支出经济科目名称（填写或可由科目目录推出）`,
  find({ data, derived, catalogue }) {
    const out: Finding[] = [];
    const keys = mappingKeys(data);
    const unstated = data.department.units.filter((u) => !u.kind).map((u) => `“${u.name}”`);
    const kinds = [...new Set(data.department.units.flatMap((u) => (u.kind ? [u.kind] : [])))];
    data.basicByEconomic.forEach((g, i) =>
      g.items.forEach((it, k) => {
        if (it.govName !== undefined) return;
        const row = derived.economicRows.find((r) => r.kind === 'item' && r.name === it.name && r.code === (it.code ?? ''));
        if (row && row.govName !== '') return;
        const here = `basicByEconomic[${i}].items[${k}]`;
        const names = catalogue && it.code ? govNamesByKey(catalogue, it.code, keys.length ? keys : ['administrative', 'institution']) : [];
        const why = !it.code
          ? '没有填写经济科目款编码，无法从科目目录推出'
          : !catalogue
            ? '没有该年度的科目目录，无法推出'
            : names.length === 0
              ? '科目对应关系中没有此科目'
              : unstated.length
                ? `单位${unstated.join('、')}没有写明单位类型（${at(`department.units[${data.department.units.findIndex((u) => !u.kind)}].kind`)}），行政单位和事业单位对应的科目不同`
                : `部门内${kinds.join('、')}并存，对应的科目不同`;
        const choices = names.length ? `，可填：${names.map((n) => `“${n.name}”（${KEY_WORDS[n.key]}）`).join('或')}` : '';
        const split = names.length > 1 && new Set(names.map((n) => n.name)).size > 1 ? '；两类单位都有此项支出的，请分两行填写，各写一个名称和各自的金额' : '';
        out.push({ path: `${here}.govName`, message: `“${it.name}”${it.code ? `（${it.code}）` : ''}的政府预算支出经济科目名称需要填写：${why}。请在${at(`${here}.govName`)}填写${choices}${split}` });
      }),
    );
    return out;
  },
});

export const catalogueRules: Rule[] = [catalogueMissing, subjectCodeKnown, subjectSectionUnlisted, subjectNameStandard, itemCodeKnown, economicCodeKnown, economicNameStandard, govNameDerivable];
