import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { carriedFiles } from '../../src/pipeline/archive.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('what a PDF carries of its data', () => {
  it('a JSON file: the loader’s data, normalised, named after the file, with its SHA-256', () => {
    const c = carriedFiles('/x/data/部门.json', { json: { year: 2026, department: { name: '甲' } }, positions: new Map(), diagnostics: [] })!;
    expect(c.files.map((f) => [f.name, f.type])).toEqual([['部门.json', 'application/json']]);
    expect(c.files[0]!.bytes.toString('utf8')).toBe('{\n  "year": 2026,\n  "department": {\n    "name": "甲"\n  }\n}\n');
    expect(c.properties).toEqual({ dataFile: '部门.json', dataSha256: sha(c.files[0]!.bytes) });
  });

  it('a workbook: its JSON and its own bytes', () => {
    const book = new Uint8Array([0x50, 0x4b, 3, 4, 9, 9]);
    const c = carriedFiles('in/填报表.xlsx', { json: { year: 2026 }, positions: new Map(), diagnostics: [], bytes: book })!;
    expect(c.files.map((f) => f.name)).toEqual(['填报表.json', '填报表.xlsx']);
    expect(c.files[1]!.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(c.properties).toMatchObject({ sourceFile: '填报表.xlsx', sourceSha256: sha(book) });
  });

  it('nothing read: nothing carried', () => {
    expect(carriedFiles('x.json', { positions: new Map(), diagnostics: [] })).toBeUndefined();
  });
});
