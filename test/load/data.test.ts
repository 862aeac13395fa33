import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataFile, parseJson } from '../../src/load/data.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gongkai-load-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('parseJson', () => {
  it('parses JSON and records the position of every value', () => {
    const src = '{\n  "year": 2026,\n  "department": {\n    "units": [\n      { "name": "甲" }\n    ]\n  }\n}\n';
    const r = parseJson(src, 'a.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.json).toEqual({ year: 2026, department: { units: [{ name: '甲' }] } });
    expect(Object.getPrototypeOf(r.json)).toBe(Object.prototype);
    expect(r.positions.get('')).toEqual({ line: 1, column: 1 });
    expect(r.positions.get('year')).toEqual({ line: 2, column: 11, key: { line: 2, column: 3 } });
    expect(r.positions.get('department.units[0]')).toEqual({ line: 5, column: 7 });
    expect(r.positions.get('department.units[0].name')).toEqual({ line: 5, column: 17, key: { line: 5, column: 9 } });
  });

  it('reports malformed JSON with rule json-syntax, line and column', () => {
    const r = parseJson('{\n  "a": 1,\n  "b": @\n}\n', 'bad.json');
    expect(r.json).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ file: 'bad.json', path: '', rule: 'json-syntax', severity: 'error', line: 3, column: 8 });
    expect(r.diagnostics[0]!.message).toMatch(/^JSON 语法错误：此处不应出现字符“@”/);
  });

  it('explains a trailing comma and a missing comma', () => {
    const trailing = parseJson('{\n  "a": [1, 2,],\n  "b": 1\n}', 't.json').diagnostics[0]!;
    expect(trailing).toMatchObject({ rule: 'json-syntax', line: 2, column: 14 });
    expect(trailing.message).toContain('多了逗号');
    const missing = parseJson('{\n  "a": 1\n  "b": 2\n}', 'm.json').diagnostics[0]!;
    expect(missing).toMatchObject({ rule: 'json-syntax', line: 3, column: 3 });
    expect(missing.message).toContain('缺少逗号');
  });

  it('explains single quotes, comments and unquoted words', () => {
    expect(parseJson("{'a': 1}", 'q.json').diagnostics[0]!.message).toContain('双引号');
    expect(parseJson('{"a": 1 // note\n}', 'c.json').diagnostics[0]!.message).toContain('注释');
    expect(parseJson('{"a": yes}', 'w.json').diagnostics[0]).toMatchObject({ line: 1, column: 7 });
  });

  it('reports an unterminated document at its end', () => {
    const d = parseJson('{\n  "a": {\n    "b": 1\n', 'u.json').diagnostics[0]!;
    expect(d.rule).toBe('json-syntax');
    expect(d.line).toBeGreaterThanOrEqual(3);
  });

  it('accepts a UTF-8 byte-order mark', () => {
    const r = parseJson('\ufeff{"a": 1}', 'bom.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.json).toEqual({ a: 1 });
  });

  it('reports duplicate keys with the path and both positions', () => {
    const src = '{\n  "department": {\n    "name": "甲",\n    "name": "乙"\n  }\n}';
    const r = parseJson(src, 'dup.json');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ file: 'dup.json', path: 'department.name', rule: 'duplicate-key', severity: 'error', line: 4, column: 5 });
    expect(r.diagnostics[0]!.message).toContain('第 3 行第 5 列');
    expect(r.json).toEqual({ department: { name: '甲' } });
  });

  it('rejects __proto__, constructor and prototype keys without polluting any prototype', () => {
    const src = '{"__proto__": {"polluted": "yes"}, "a": {"constructor": {"prototype": {"polluted": "yes"}}, "prototype": 1}, "b": [{"__proto__": {"isAdmin": true}}]}';
    const r = parseJson(src, 'evil.json');
    expect(r.diagnostics.map((d) => [d.rule, d.path])).toEqual([
      ['forbidden-key', '__proto__'],
      ['forbidden-key', 'a.constructor'],
      ['forbidden-key', 'a.prototype'],
      ['forbidden-key', 'b[0].__proto__'],
    ]);
    for (const d of r.diagnostics) {
      expect(d.severity).toBe('error');
      expect(d.line).toBe(1);
      expect(d.message).toContain('不允许使用键');
    }
    expect(r.diagnostics[0]!.column).toBe(2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const json = r.json as Record<string, unknown>;
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(Object.hasOwn(json, '__proto__')).toBe(false);
    expect(json).toEqual({ a: {}, b: [{}] });
    expect(Object.getPrototypeOf((json.b as object[])[0])).toBe(Object.prototype);
  });
});

describe('loadDataFile', () => {
  it('loads a file', async () => {
    const file = path.join(tmp, 'ok.json');
    await writeFile(file, '{"year": 2026}');
    const r = await loadDataFile(file);
    expect(r).toMatchObject({ file, text: '{"year": 2026}', json: { year: 2026 }, diagnostics: [] });
    expect(r.positions.get('year')).toMatchObject({ line: 1, column: 10 });
  });

  it('refuses a file that reports no size but never ends (F1: /dev/zero), counted as read', async () => {
    const r = await loadDataFile('/dev/zero');
    expect(r.json).toBeUndefined();
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['file-too-large']);
    expect(r.diagnostics[0]!.message).toMatch(/读到 16\.0 MB 仍未结束，超过上限/);
  });

  it('reports an empty file', async () => {
    for (const [name, content] of [['empty.json', ''], ['blank.json', '  \n\t\n']] as const) {
      const file = path.join(tmp, name);
      await writeFile(file, content);
      const r = await loadDataFile(file);
      expect(r.json).toBeUndefined();
      expect(r.diagnostics).toEqual([{ file, path: '', rule: 'empty-file', severity: 'error', message: `数据文件“${file}”是空的` }]);
    }
  });

  it('reports a file that does not exist', async () => {
    const file = path.join(tmp, 'nope', 'missing.json');
    const r = await loadDataFile(file);
    expect(r.json).toBeUndefined();
    expect(r.diagnostics).toEqual([{ file, path: '', rule: 'file-not-found', severity: 'error', message: `找不到数据文件“${file}”` }]);
  });

  it('reports a directory', async () => {
    const dir = path.join(tmp, 'adir.json');
    await mkdir(dir);
    const r = await loadDataFile(dir);
    expect(r.diagnostics).toMatchObject([{ file: dir, rule: 'is-directory', severity: 'error' }]);
    expect(r.diagnostics[0]!.message).toContain('是目录');
  });

  it('reports a file that is not UTF-8', async () => {
    const file = path.join(tmp, 'gbk.json');
    // "部门" in GBK
    await writeFile(file, Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xb2, 0xbf, 0xc3, 0xc5, 0x22, 0x7d]));
    const r = await loadDataFile(file);
    expect(r.diagnostics).toMatchObject([{ file, rule: 'encoding', severity: 'error' }]);
    expect(r.diagnostics[0]!.message).toContain('UTF-8');
  });

  it('passes syntax errors through with positions', async () => {
    const file = path.join(tmp, 'syntax.json');
    await writeFile(file, '{\n  "year": 2026,\n}\n');
    const r = await loadDataFile(file);
    expect(r.text).toBe('{\n  "year": 2026,\n}\n');
    expect(r.diagnostics).toMatchObject([{ file, rule: 'json-syntax', line: 3, column: 1 }]);
  });
});
