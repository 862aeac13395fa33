import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/load/data.js';
import { Department } from '../../src/schema/index.js';
import { LIMITS } from '../../src/schema/common.js';
import { validate } from '../../src/validate/index.js';
import { documentSizeDiagnostics, textShares } from '../../src/validate/size.js';
import { text, validData } from './fixture.js';

/*
 * The whole document's text (issue 20 F2): 200 paragraphs of 20,000 characters were each within
 * their limits, and the document took 4 GB and died. Now it is refused before rendering, in words
 * that say where the text is.
 */

const FILE = 'data/test.json';
function check(data: unknown) {
  const parsed = parseJson(text(data), FILE);
  return validate(parsed.json, FILE, parsed.positions);
}

describe('the text of the whole document', () => {
  it('200 paragraphs of 20,000 characters, each within its limit, are one error naming 职责 and its size', () => {
    const d = validData();
    d.department.duties = Array.from({ length: LIMITS.paragraphs }, () => '职'.repeat(LIMITS.paragraph));
    const r = check(d);
    expect(r.data).toBeUndefined();
    const errors = r.diagnostics.filter((x) => x.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule: 'document-too-large', path: 'department.duties', line: expect.any(Number), column: expect.any(Number) });
    expect(errors[0]!.message).toMatch(/^整份文档的文字共 4,00\d,\d{3} 字，超过上限 400,000 字/);
    expect(errors[0]!.message).toContain('其中一、本部门职责（段落） 4,000,000 字');
    expect(errors[0]!.message).not.toMatch(/duties|department|[a-z]{4,}/);
  });

  it('the limit is on the sum: just under it passes, one character over fails', () => {
    const d = validData();
    d.department.duties = ['职'];
    const base = textShares(Department.parse(d)).reduce((s, x) => s + x.chars, 0) - 1;
    const fill = LIMITS.documentChars - base;
    d.department.duties = [...Array.from({ length: Math.floor(fill / LIMITS.paragraph) }, () => '职'.repeat(LIMITS.paragraph)), '职'.repeat(fill % LIMITS.paragraph)].filter((p) => p.length > 0);
    expect(check(d).diagnostics.filter((x) => x.rule === 'document-too-large')).toEqual([]);
    d.narrative.other = [...(d.narrative.other ?? []), '多'];
    expect(check(d).diagnostics.filter((x) => x.rule === 'document-too-large')).toHaveLength(1);
  });

  it('parts are named largest first, in the department’s terms; amounts are not text', () => {
    const data = Department.parse(validData());
    const shares = textShares(data);
    expect(shares.map((s) => s.chars)).toEqual([...shares.map((s) => s.chars)].sort((a, b) => b - a));
    expect(shares.every((s) => !/[，；]/u.test(s.label))).toBe(true);
    const [e] = documentSizeDiagnostics(data, FILE, 10);
    expect(e!.message).toContain(`${shares[0]!.label} ${shares[0]!.chars.toLocaleString('en-US')} 字`);
    expect(e!.path).toBe(shares[0]!.path);
  });
});
