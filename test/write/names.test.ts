import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/load/data.js';
import { validate } from '../../src/validate/index.js';
import { collisionKey, fileNameProblem, safeFileName } from '../../src/write/names.js';
import { text, validData } from '../validate/fixture.js';

/*
 * A department's name is its PDF's file name on Windows, macOS and Linux alike (issue 20, noted
 * cases): what no system can carry is refused in words, what can be replaced is replaced.
 */

function nameErrors(name: string) {
  const d = validData();
  d.department.name = name;
  const parsed = parseJson(text(d), 'data/x.json');
  return validate(parsed.json, 'data/x.json', parsed.positions).diagnostics.filter((x) => x.path === 'department.name' && x.severity === 'error');
}

describe('department names as file names', () => {
  it('Windows device names are refused in any case, with or without an extension', () => {
    for (const n of ['CON', 'con', 'Aux', 'NUL.局', 'nul.pdf', 'PRN', 'COM1', 'com9', 'LPT1', 'lpt9.x', 'COM¹', 'CON .局']) {
      expect(fileNameProblem(n), n).toMatch(/Windows 保留的设备名/);
    }
    for (const n of ['CONSULT局', 'COM10', '局CON', 'NULL', '财政局', 'AUX局']) expect(fileNameProblem(n), n).toBeUndefined();
  });

  it('a leading dot (hidden file) and a trailing dot (trimmed by Windows) are refused; 。 is not a dot', () => {
    expect(fileNameProblem('.财政局')).toMatch(/不能以“\.”开头.*隐藏/);
    expect(fileNameProblem('财政局.')).toMatch(/不能以“\.”结尾/);
    expect(fileNameProblem('财政局。')).toBeUndefined();
    expect(fileNameProblem('财政局.分局')).toBeUndefined();
  });

  it('validation refuses them at the name, in words; surrounding spaces are trimmed, not refused', () => {
    const [e] = nameErrors('CON');
    expect(e).toMatchObject({ path: 'department.name', line: expect.any(Number) });
    expect(e!.message).toContain('设备名');
    expect(nameErrors('.财政局')[0]!.message).toContain('隐藏');
    expect(nameErrors('财政局.')[0]!.message).toContain('结尾');
    expect(nameErrors('  财政局 \u3000')).toEqual([]);
  });

  it('characters no file name may hold become “_”, each said; the name is put in composed form', () => {
    expect(safeFileName('山西/某中心')).toEqual({ name: '山西_某中心', replaced: ['/'] });
    expect(safeFileName('a:b*c?d"e<f>g|h\\i').replaced).toEqual([':', '*', '?', '"', '<', '>', '|', '\\']);
    expect(safeFileName('财政局')).toEqual({ name: '财政局', replaced: [] });
    const decomposed = 'Cafe\u0301局';
    expect(safeFileName(decomposed).name).toBe('Caf\u00e9局');
  });

  it('outputs differing only in case or Unicode form share a collision key', () => {
    expect(collisionKey('out/2026/ABC局.pdf')).toBe(collisionKey('out/2026/abc局.pdf'));
    expect(collisionKey('Cafe\u0301.pdf')).toBe(collisionKey('CAF\u00c9.pdf'));
    expect(collisionKey('甲局.pdf')).not.toBe(collisionKey('乙局.pdf'));
  });
});
