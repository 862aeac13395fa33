import { mkdtemp, open, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { loadDataFile, parseJson } from '../../src/load/data.js';
import { LIMITS } from '../../src/schema/common.js';
import { validate } from '../../src/validate/index.js';
import { text, validData } from './fixture.js';

/*
 * Limits (issue 9): each oversized or unprintable input is a diagnostic with its place, from
 * validate as from build — never a crash, a hang or a heap exhaustion.
 */

const FILE = 'data/test.json';
function check(data: unknown) {
  const parsed = parseJson(text(data), FILE);
  return validate(parsed.json, FILE, parsed.positions);
}
const rule = (ds: Diagnostic[], r: string) => ds.filter((d) => d.rule === r);

describe('limits', () => {
  it('a 100,000-character department name: one too-long error at its line and column', () => {
    const d = validData();
    d.department.name = '政'.repeat(100_000);
    const [e, ...rest] = rule(check(d).diagnostics, 'too-long');
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ path: 'department.name', severity: 'error', line: expect.any(Number), column: expect.any(Number) });
    expect(e!.message).toContain(`不能超过 ${LIMITS.nameChars} 个字`);
    expect(e!.message).toContain('100,000');
    expect(e!.message.length).toBeLessThan(300);
  });

  it('a department name that fits in characters but not in file-name bytes', () => {
    const d = validData();
    d.department.name = '😀'.repeat(55); // 55 characters (110 UTF-16 units), 220 UTF-8 bytes
    const r = check(d);
    expect(rule(r.diagnostics, 'too-long')[0]?.message).toContain('字节');
  });

  it('a 99-character name (the ENAMETOOLONG case) is refused before anything renders', () => {
    const d = validData();
    d.department.name = '政'.repeat(99);
    expect(rule(check(d).diagnostics, 'too-long')).toHaveLength(1);
  });

  it('a paragraph over the limit, and too many rows', () => {
    const d = validData();
    d.department.duties = ['职'.repeat(LIMITS.paragraph + 1)];
    d.projects = Array.from({ length: LIMITS.rows + 1 }, (_, i) => ({ ...d.projects[0], name: `项目${i}` }));
    const r = check(d);
    expect(rule(r.diagnostics, 'too-long').map((x) => x.path)).toEqual(['department.duties[0]']);
    expect(rule(r.diagnostics, 'too-many').map((x) => x.path)).toEqual(['projects']);
  });

  it('realistic long texts pass: a 5,000-character paragraph, a 1,000-character project name', () => {
    const d = validData();
    d.department.duties = ['职'.repeat(5000)];
    d.projects[0].name = '项'.repeat(1000);
    expect(check(d).diagnostics.filter((x) => x.rule === 'too-long')).toEqual([]);
  });

  it('control characters, unpaired surrogates and direction overrides are refused with their position', () => {
    for (const [bad, name] of [
      ['甲\t乙', '制表符'],
      ['甲\u0007乙', '控制字符'],
      ['甲\u202E乙', '文字方向控制符'],
      ['甲\uD800乙', '不成对的代理字符'],
    ] as const) {
      const d = validData();
      d.department.duties = [bad];
      const [e] = rule(check(d).diagnostics, 'unprintable-character');
      expect(e, bad).toMatchObject({ path: 'department.duties[0]', severity: 'error', line: expect.any(Number) });
      expect(e!.message).toContain(name);
      expect(e!.message).toContain('第 2 个字符');
    }
    const ok = validData();
    ok.department.duties = ['甲\n乙😀'];
    expect(rule(check(ok).diagnostics, 'unprintable-character')).toEqual([]);
  });

  it('a data file over the size limit is refused before it is read', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gk-limits-'));
    const file = path.join(dir, 'huge.json');
    // a sparse 200 MB file: reading it would take the heap the parser needs
    const fh = await open(file, 'w');
    await fh.truncate(200 * 1024 * 1024);
    await fh.close();
    const r = await loadDataFile(file);
    expect(r.json).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ rule: 'file-too-large', severity: 'error' }]);
    expect(r.diagnostics[0]!.message).toContain('200.0 MB');
    await writeFile(file, '{}');
    expect((await loadDataFile(file)).diagnostics.some((x) => x.rule === 'file-too-large')).toBe(false);
  });
});
