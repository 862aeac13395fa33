import { describe, expect, it } from 'vitest';
import { SetFile } from '../../src/schema/template-set.js';

/* set.json `documents`: what one data file makes; refusals in Chinese, naming the key. */

const META = Object.fromEntries(['title', 'subject', 'keywords', 'tableMeta', 'tableUnit', 'emptyNote', 'footer', 'draft', 'forced', 'chartLabel', 'labelCover', 'labelToc'].map((k) => [k, k]));
const set = (documents: unknown) => SetFile.safeParse({ name: 'x', tables: ['t01'], meta: META, ...(documents === undefined ? {} : { documents }) });
const messages = (documents: unknown) => {
  const r = set(documents);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('set.json documents', () => {
  it('accepts the 部门 document alone, or with one per unit, and none given', () => {
    expect(set(['department']).success).toBe(true);
    expect(set(['department', 'unit']).success).toBe(true);
    expect(set(undefined).success).toBe(true);
  });

  it('refuses an unknown kind, a list without the 部门 document, a repeat', () => {
    expect(messages(['department', 'units'])).toEqual(['documents.1: 文档只能是 "department"（部门预算）或 "unit"（每个预算单位一份单位预算）']);
    expect(messages(['unit'])).toEqual(['documents: 须含 "department"：单位预算与部门预算一同生成']);
    expect(messages(['department', 'department'])).toEqual(['documents: 文档不能重复列出']);
    expect(messages('department')).toEqual(['documents: 须为文档的列表，如 ["department", "unit"]']);
  });
});
