import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplateDefaults } from '../../src/load/templates.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'gongkai-templates-'));
  await mkdir(path.join(root, 'templates', 'plain'), { recursive: true });
  await mkdir(path.join(root, 'templates', 'with-glossary'), { recursive: true });
  await writeFile(path.join(root, 'templates', 'with-glossary', 'glossary.json'), JSON.stringify({ entries: [{ term: '财政拨款收入', definition: ['指……'] }] }));
  await mkdir(path.join(root, 'templates', 'array-glossary'), { recursive: true });
  await writeFile(path.join(root, 'templates', 'array-glossary', 'glossary.json'), JSON.stringify([{ term: '一', definition: ['甲', '乙'] }]));
  await mkdir(path.join(root, 'templates', 'broken'), { recursive: true });
  await writeFile(path.join(root, 'templates', 'broken', 'glossary.json'), '{"entries": [{"term": "x"}]}');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadTemplateDefaults', () => {
  it('reads the glossary as {entries} or as an array', async () => {
    expect(await loadTemplateDefaults('with-glossary', { root })).toEqual({ glossary: [{ term: '财政拨款收入', definition: ['指……'] }], diagnostics: [] });
    expect(await loadTemplateDefaults('array-glossary', { root })).toEqual({ glossary: [{ term: '一', definition: ['甲', '乙'] }], diagnostics: [] });
  });

  it('gives an empty glossary for a set without glossary.json', async () => {
    expect(await loadTemplateDefaults('plain', { root })).toEqual({ glossary: [], diagnostics: [] });
  });

  it('reports an unknown template set at path templateSet, never leaving templates/', async () => {
    for (const name of ['nope', '../templates/plain', 'PLAIN']) {
      const r = await loadTemplateDefaults(name, { root, file: 'd.json' });
      expect(r.glossary).toEqual([]);
      expect(r.diagnostics).toMatchObject([{ file: 'd.json', path: 'templateSet', rule: 'unknown-template-set', severity: 'error' }]);
    }
  });

  it('reports a malformed glossary in its own file', async () => {
    const r = await loadTemplateDefaults('broken', { root });
    expect(r.glossary).toEqual([]);
    expect(r.diagnostics[0]).toMatchObject({ file: path.join(root, 'templates', 'broken', 'glossary.json'), rule: 'schema', severity: 'error' });
  });

  it('reads the shipped default set', async () => {
    const r = await loadTemplateDefaults('shanxi-zonggai');
    expect(r.diagnostics).toEqual([]);
    expect(Array.isArray(r.glossary)).toBe(true);
  });
});
