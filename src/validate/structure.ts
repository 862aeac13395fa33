import { repeats, type Diagnostic } from '../diagnostics/index.js';
import { at } from '../diagnostics/place.js';
import type { Department } from '../schema/index.js';

/*
 * Rules on the shape of data that passed the schema: the 功能分类 tree must be a tree, codes and
 * names that key a table row must be unique. Figures are the audit's business, not this file's.
 */

function duplicates<T>(
  items: readonly T[],
  keyOf: (item: T) => string | undefined,
  report: (dup: { index: number; firstIndex: number; item: T }) => Diagnostic,
): Diagnostic[] {
  return repeats(items, keyOf).map(report);
}

/**
 * Characters that cannot be printed as text: C0/C1 control characters (a tab or a form feed
 * pasted from Word or Excel), unpaired surrogates, non-characters, and the bidirectional
 * embedding/override/isolate controls that make a text display in another order than it reads.
 * A line break is text (it starts a new paragraph or line) and is allowed.
 */
const UNPRINTABLE = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const NAMES: Record<number, string> = { 0x09: '制表符', 0x0b: '垂直制表符', 0x0c: '换页符', 0x00: '空字符', 0x7f: '删除符' };

function unprintableCharacters(data: unknown, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'string') {
      const m = UNPRINTABLE.exec(v);
      if (!m) return;
      const cp = m[0].codePointAt(0)!;
      const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
      const name = NAMES[cp] ?? (cp >= 0x202a && cp <= 0x2069 ? '文字方向控制符' : cp >= 0xd800 && cp <= 0xdfff ? '不成对的代理字符' : '控制字符');
      out.push({ file, path, rule: 'unprintable-character', severity: 'error', message: `第 ${m.index + 1} 个字符是${name}（${hex}），不能作为文字印出；请删除${cp === 0x09 ? '或改为空格' : ''}（常见于从 Word、Excel 粘贴的文字）` });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(data, '');
  return out;
}

export function structuralDiagnostics(data: Department, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (path: string, rule: string, message: string, related?: string[]): Diagnostic => ({
    file,
    path,
    rule,
    severity: 'error',
    message,
    ...(related ? { related } : {}),
  });

  const { subjects, lines } = data.expenditure;

  // duplicate-code
  out.push(
    ...duplicates(subjects, (s) => s.code, ({ index, firstIndex, item }) =>
      error(`expenditure.subjects[${index}].code`, 'duplicate-code', `科目编码“${item.code}”（${item.name}）重复：${at(`expenditure.subjects[${firstIndex}]`)} 已有此编码`, [`expenditure.subjects[${firstIndex}].code`]),
    ),
    ...duplicates(lines, (l) => l.code, ({ index, firstIndex, item }) =>
      error(`expenditure.lines[${index}].code`, 'duplicate-code', `项级科目编码“${item.code}”（${item.name}）重复：${at(`expenditure.lines[${firstIndex}]`)} 已有此编码；同一科目的金额应合并在一行`, [`expenditure.lines[${firstIndex}].code`]),
    ),
  );

  // tree-parent
  const subjectIndex = new Map<string, number>();
  subjects.forEach((s, i) => {
    if (!subjectIndex.has(s.code)) subjectIndex.set(s.code, i);
  });
  subjects.forEach((s, i) => {
    if (s.code.length !== 5) return;
    const cls = s.code.slice(0, 3);
    if (!subjectIndex.has(cls)) {
      out.push(error(`expenditure.subjects[${i}].code`, 'tree-parent', `款级科目“${s.code} ${s.name}”的上级类“${cls}”不在${at('expenditure.subjects')}中；请补充类科目“${cls}”及其名称`));
    }
  });
  lines.forEach((l, i) => {
    const missing: string[] = [];
    const cls = l.code.slice(0, 3);
    const sec = l.code.slice(0, 5);
    if (!subjectIndex.has(cls)) missing.push(`类“${cls}”`);
    if (!subjectIndex.has(sec)) missing.push(`款“${sec}”`);
    if (missing.length > 0) {
      out.push(error(`expenditure.lines[${i}].code`, 'tree-parent', `项级科目“${l.code} ${l.name}”的上级${missing.join('、')}不在${at('expenditure.subjects')}中；请补充上级科目`));
    }
  });

  // subject-without-lines (warning): a 款 with no 项; a 类 with neither 款 nor 项 below it.
  subjects.forEach((s, i) => {
    if (subjectIndex.get(s.code) !== i) return; // a duplicate is already an error
    const hasLine = lines.some((l) => l.code.startsWith(s.code));
    if (hasLine) return;
    if (s.code.length === 3 && subjects.some((o) => o.code.length === 5 && o.code.startsWith(s.code))) return; // its 款 warn
    out.push({
      file,
      path: `expenditure.subjects[${i}]`,
      rule: 'subject-without-lines',
      severity: 'warning',
      message: `${s.code.length === 3 ? '类' : '款'}科目“${s.code} ${s.name}”下没有项级科目（${at('expenditure.lines')}），表中将只印一行空的${s.code.length === 3 ? '类' : '款'}；不需要时请删除`,
    });
  });

  // duplicate-unit
  const units = data.department.units;
  out.push(
    ...duplicates(units, (u) => u.name, ({ index, firstIndex, item }) =>
      error(`department.units[${index}].name`, 'duplicate-unit', `预算单位“${item.name}”重复：${at(`department.units[${firstIndex}]`)} 已有同名单位`, [`department.units[${firstIndex}].name`]),
    ),
    ...duplicates(units, (u) => u.code, ({ index, firstIndex, item }) =>
      error(`department.units[${index}].code`, 'duplicate-unit', `预算单位编码“${item.code ?? ''}”重复：${at(`department.units[${firstIndex}]`)} 已用此编码`, [`department.units[${firstIndex}].code`]),
    ),
  );

  // duplicate-project, per unit
  const projectKey = (p: { unit: string; name: string }) => `${p.unit}\u0000${p.name}`;
  out.push(
    ...duplicates(data.projects, projectKey, ({ index, firstIndex, item }) =>
      error(`projects[${index}].name`, 'duplicate-project', `项目“${item.name}”在单位“${item.unit}”下重复：${at(`projects[${firstIndex}]`)} 已有同名项目；同一项目的金额应合并`, [`projects[${firstIndex}].name`]),
    ),
    ...duplicates(data.carryoverProjects, projectKey, ({ index, firstIndex, item }) =>
      error(`carryoverProjects[${index}].name`, 'duplicate-project', `结转项目“${item.name}”在单位“${item.unit}”下重复：${at(`carryoverProjects[${firstIndex}]`)} 已有同名项目；同一项目的金额应合并`, [`carryoverProjects[${firstIndex}].name`]),
    ),
  );

  out.push(...unprintableCharacters(data, file));
  return out;
}
