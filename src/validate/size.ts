import type { Diagnostic } from '../diagnostics/index.js';
import { Department } from '../schema/index.js';
import { LIMITS } from '../schema/common.js';
import { fieldInfo } from './describe.js';

/*
 * The whole document's text against LIMITS.documentChars: every field may be within its own
 * limit while the document as a whole is too large to lay out in the memory a render may take.
 * Said before rendering, naming where the text is, largest first, in the department's terms.
 */

/** Sections counted apart: the parts of 部门信息 and 情况说明 are told by their own names. */
const SPLIT = new Set(['department', 'narrative']);

export interface TextShare {
  /** Data path of the part (the diagnostic points at the largest). */
  path: string;
  label: string;
  chars: number;
}

/** Characters of text per part of the document, largest first. */
export function textShares(data: Department): TextShare[] {
  const by = new Map<string, TextShare>();
  const count = (value: unknown, key: string[]): number => {
    if (typeof value === 'string') return value.length;
    let n = 0;
    if (Array.isArray(value)) for (const v of value) n += count(v, key);
    // plain objects only: amounts are Decimals, not text
    else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) for (const [k, v] of Object.entries(value)) n += count(v, key);
    return n;
  };
  for (const [top, value] of Object.entries(data)) {
    const parts: Array<[string[], unknown]> =
      SPLIT.has(top) && value !== null && typeof value === 'object' ? Object.entries(value).map(([k, v]) => [[top, k], v]) : [[[top], value]];
    for (const [key, v] of parts) {
      const chars = count(v, key);
      if (chars === 0) continue;
      const label = (fieldInfo(Department, key).description ?? key.join('.')).split(/[，；]/u)[0]!;
      by.set(key.join('.'), { path: key.join('.'), label, chars });
    }
  }
  return [...by.values()].sort((a, b) => b.chars - a.chars || (a.path < b.path ? -1 : 1));
}

const n = (x: number) => x.toLocaleString('en-US');

export function documentSizeDiagnostics(data: Department, file: string, limit: number = LIMITS.documentChars): Diagnostic[] {
  const shares = textShares(data);
  const total = shares.reduce((s, x) => s + x.chars, 0);
  if (total <= limit) return [];
  const named = shares.slice(0, 3).map((x) => `${x.label} ${n(x.chars)} 字`);
  return [
    {
      file,
      path: shares[0]!.path,
      rule: 'document-too-large',
      severity: 'error',
      message: `整份文档的文字共 ${n(total)} 字，超过上限 ${n(limit)} 字（再多则排版所需的内存和时间过大）：其中${named.join('、')}。请删减，或拆分为几份文档`,
    },
  ];
}
