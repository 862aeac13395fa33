import { distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { formatPath, type Diagnostic } from '../diagnostics/index.js';
import { fieldInfo, fieldLabel } from './describe.js';

type Issue = z.core.$ZodIssue;

/** The same types in a spreadsheet's words. */
const WORKBOOK_TYPE_NAMES: Record<string, string> = { string: '文字', number: '数字', int: '整数', boolean: '“是”或“否”', array: '一列或多行', object: '一组内容' };

const TYPE_NAMES: Record<string, string> = {
  string: '字符串',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '布尔值（true 或 false）',
  object: '对象（{…}）',
  array: '数组（[…]）',
  null: 'null',
  undefined: '空',
  date: '日期',
};

/** Reads a value by path without touching prototypes. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown; parent: unknown } {
  let value: unknown = root;
  let parent: unknown = undefined;
  for (const key of path) {
    parent = value;
    if (Array.isArray(value) && typeof key === 'number') {
      if (key < 0 || key >= value.length) return { found: false, value: undefined, parent };
      value = value[key];
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof key === 'string' && Object.hasOwn(value, key)) {
      value = (value as Record<string, unknown>)[key];
    } else {
      return { found: false, value: undefined, parent };
    }
  }
  return { found: true, value, parent };
}

function clip(s: string, max = 40): string {
  return s.length > max ? s.slice(0, max) + '…' : s;
}

/** "字符串 "abc"", "数字 -5", "null", "数组", "对象" — how a value is named in a message. */
export function describeValue(value: unknown): string {
  if (value === null) return '空值 null';
  if (Array.isArray(value)) return `数组（${value.length} 项）`;
  switch (typeof value) {
    case 'string':
      return `字符串 ${clip(JSON.stringify(value))}`;
    case 'number':
      return `数字 ${String(value)}`;
    case 'boolean':
      return `布尔值 ${String(value)}`;
    case 'object':
      return '对象';
    default:
      return '空';
  }
}

/** Words a data source has for a field (a workbook's column header): then no key is shown. */
export type FieldWords = (path: string) => string | undefined;

function labelWith(path: readonly PropertyKey[], description?: string, words?: FieldWords): string {
  const own = words?.(formatPath(path));
  if (own !== undefined) return `“${own}”`;
  return `“${fieldLabel(path)}”${description ? `（${description}）` : ''}`;
}

/** zod's own generic wording (zh-CN locale) carries nothing the schema author wrote. */
function isGeneric(message: string): boolean {
  return message.startsWith('无效输入') || message.startsWith('出现未知的键');
}

function closest(key: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(key.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function amountProblem(path: readonly PropertyKey[], value: unknown, unit: string, description?: string, words?: FieldWords): { rule: string; message: string } {
  const decimals = unit === '万元' ? '最多六位小数' : '最多两位小数';
  const label = labelWith(path, description, words);
  const negative = (typeof value === 'number' && value < 0) || (typeof value === 'string' && /^\s*-\s*\d/.test(value));
  if (negative) {
    return { rule: 'negative-amount', message: `${label}金额不能为负数，实际为 ${typeof value === 'string' ? JSON.stringify(value) : String(value)}（单位：${unit}）` };
  }
  let hint = '';
  if (typeof value === 'string') {
    if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(value.trim())) hint = '；不要用千分位逗号';
    else if (/^\d+\.\d+$/.test(value.trim())) hint = `；${decimals}`;
    else if (/[万元]/.test(value)) hint = '；不要写单位';
    else if (value.trim() !== value) hint = '；前后不能有空格';
  } else if (typeof value === 'number' && Number.isFinite(value) && /\.\d+/.test(String(value))) {
    hint = `；${decimals}`;
  }
  return {
    rule: 'invalid-amount',
    message: `${label}不是有效金额，实际为${describeValue(value)}；金额须为不小于0的数字（单位：${unit}，${decimals}），如 "2867.01"${hint}`,
  };
}

/**
 * One zod issue → diagnostics in the department's terms. `json` is the raw input (to tell a
 * missing field from a wrongly typed one and to quote the offending value).
 */
export function issueToDiagnostics(issue: Issue, json: unknown, file: string, schema: z.ZodType, moneyUnit: '万元' | '元' = '万元', words?: FieldWords): Diagnostic[] {
  const path = issue.path as PropertyKey[];
  const base = { file, severity: 'error' as const };

  if (issue.code === 'unrecognized_keys') {
    const parent = fieldInfo(schema, path);
    return issue.keys.map((key) => {
      const suggestion = parent.keys ? closest(key, parent.keys) : undefined;
      let message = `未知字段“${key}”`;
      if (suggestion) {
        const desc = parent.keyDescriptions?.[suggestion];
        message += `，是否应为“${suggestion}”${desc ? `（${desc}）` : ''}？`;
      } else if (parent.keys && parent.keys.length > 0 && parent.keys.length <= 12) {
        message += `；此处可用的字段：${parent.keys.join('、')}`;
      } else {
        message += '：数据格式中没有这个字段';
      }
      return { ...base, path: formatPath([...path, key]), rule: 'unknown-field', message };
    });
  }

  const info = fieldInfo(schema, path);
  const at = valueAt(json, path);
  const label = labelWith(path, info.description, words);
  // a workbook user reads cells, not JSON types: a value is quoted as written
  const shown = (v: unknown) => (words && (typeof v === 'string' || typeof v === 'number') ? `“${String(v)}”` : words && typeof v === 'boolean' ? `“${v ? '是' : '否'}”` : describeValue(v));

  if (!at.found && path.length > 0) {
    const parentIsObject = at.parent !== null && typeof at.parent === 'object' && !Array.isArray(at.parent);
    if (parentIsObject) {
      return [{ ...base, path: formatPath(path), rule: 'missing-field', message: `缺少必填字段${label}` }];
    }
  }

  if (info.unit) {
    const { rule, message } = amountProblem(path, at.value, info.unit === 'money' ? moneyUnit : info.unit, info.description, words);
    return [{ ...base, path: formatPath(path), rule, message }];
  }

  if (issue.code === 'invalid_type') {
    const expected = issue.expected === 'number' && issue.message.includes('整数') ? '整数' : (TYPE_NAMES[issue.expected] ?? issue.expected);
    let message = words ? `${label}应为${WORKBOOK_TYPE_NAMES[issue.expected] ?? expected}，这一格是${at.value === undefined ? '空的' : shown(at.value)}` : `${label}应为${expected}，实际为${describeValue(at.value)}`;
    if (!isGeneric(issue.message) && !issue.message.includes(expected)) message += `（${issue.message}）`;
    if (at.value === null && info.optional) message += '；不需要的可选字段请直接删除';
    return [{ ...base, path: formatPath(path), rule: 'wrong-type', message }];
  }

  // limits (schema/common.ts LIMITS): say how far over, never quote a 100,000-character value
  if (issue.code === 'too_big' && typeof at.value === 'string') {
    return [{ ...base, path: formatPath(path), rule: 'too-long', message: `${label}过长：${issue.message}，实际 ${at.value.length.toLocaleString('en-US')} 个字；请删减或拆分` }];
  }
  if (issue.code === 'too_big' && Array.isArray(at.value)) {
    return [{ ...base, path: formatPath(path), rule: 'too-many', message: `${label}条目过多：${issue.message}，实际 ${at.value.length.toLocaleString('en-US')} 项` }];
  }
  if (issue.code === 'custom' && path[path.length - 1] === 'name' && path[0] === 'department' && typeof at.value === 'string') {
    return [{ ...base, path: formatPath(path), rule: 'too-long', message: `${label}过长：${issue.message}，实际 ${Buffer.byteLength(at.value, 'utf8')} 字节` }];
  }

  let message = `${label}：${issue.message}`;
  if ((issue.code === 'invalid_format' || issue.code === 'invalid_value' || issue.code === 'too_big' || issue.code === 'custom') && at.found && typeof at.value !== 'object') {
    message += `，实际为${shown(at.value)}`;
  } else if (issue.code === 'too_small' && typeof at.value === 'string') {
    message += at.value === '' ? '' : `，实际为${shown(at.value)}`;
  }
  return [{ ...base, path: formatPath(path), rule: 'schema', message }];
}
