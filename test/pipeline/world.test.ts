import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { World, type Loaders } from '../../src/pipeline/world.js';
import type { WorldPaths } from '../../src/pipeline/world-inputs.js';

/*
 * The World supplies every input once per World, from loaders a test can give (no disk), and its
 * key follows its inputs: any template set file, font, catalogue or import layout changes it;
 * nothing else does.
 */

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

/** A package root of its own: one template set, a font folder, a catalogue, an import layout. */
async function fakeRoot(): Promise<WorldPaths> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'gongkai-world-'));
  roots.push(root);
  const put = async (rel: string, text: string) => {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  };
  await put('package.json', '{"version":"1.0.0"}');
  await put('templates/set-a/set.json', '{}');
  await put('templates/set-a/partials/cover.hbs', 'cover');
  await put('templates/set-b/set.json', '{}');
  await put('fonts/roles.json', '{}');
  await put('fonts/仿宋.ttf', 'font bytes');
  await put('data/catalogue/2026.json', '[]');
  await put('data/import-layouts/a.json', '{}');
  return {
    root,
    templateRoots: [path.join(root, 'templates')],
    fontDirs: [path.join(root, 'fonts')],
    roleMap: path.join(root, 'fonts', 'roles.json'),
    catalogueDir: path.join(root, 'data', 'catalogue'),
    importLayoutDir: path.join(root, 'data', 'import-layouts'),
  };
}

/** Loaders that hand out fixed values and count their calls. */
function counting(): { loaders: Loaders; counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  const count = <T>(name: string, value: T) => {
    counts[name] = (counts[name] ?? 0) + 1;
    return Promise.resolve(value);
  };
  const loaders: Loaders = {
    data: (file) => count('data', { json: { file }, positions: new Map(), diagnostics: [] }),
    templateSet: (name) => count('templateSet', { diagnostics: [{ file: name, path: '', rule: 'template-file', severity: 'error' as const, message: '模板文件不存在' }] }),
    templateSetNames: () => [],
    templateDefaults: () => count('templateDefaults', { glossary: [], diagnostics: [] }),
    fontRoles: () => count('fontRoles', []),
    fontSet: () => count('fontSet', { roles: [], resolved: [], diagnostics: [] }),
    catalogues: () => count('catalogues', { files: [], diagnostics: [] }),
    importLayout: () => count('importLayout', { diagnostics: [] }),
    outputProfile: () => count('outputProfile', undefined),
    toolVersion: () => count('toolVersion', '0.0.0'),
    setDigest: () => count('setDigest', undefined),
  };
  return { loaders, counts };
}

describe('World', () => {
  it('loads each input once per World, however often and concurrently it is asked for; data every time', async () => {
    const { loaders, counts } = counting();
    const world = new World(await fakeRoot(), loaders);
    await Promise.all([world.environment('a'), world.environment('a'), world.templateSet('a'), world.fonts(), world.fonts()]);
    await Promise.all([world.templateDefaults('a'), world.templateDefaults('a'), world.catalogues(), world.catalogues(), world.importLayout('x'), world.importLayout('x')]);
    await world.environment('b');
    await world.data('/d.json');
    await world.data('/d.json');
    expect(counts).toEqual({ templateSet: 2, fontRoles: 1, fontSet: 1, templateDefaults: 1, catalogues: 1, importLayout: 1, data: 2 });
    // a set that does not load gives no environment, and says why
    const { env, diagnostics } = await world.environment('a');
    expect(env).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ rule: 'template-file' });
    // another World reads again: a changed input is a new World
    const other = new World(world.paths, loaders);
    await other.fonts();
    expect(counts.fontSet).toBe(2);
  });

  it('a load that throws is not kept: the next asker tries again', async () => {
    const { loaders } = counting();
    let fail = true;
    const world = new World(await fakeRoot(), { ...loaders, catalogues: () => (fail ? Promise.reject(new Error('EIO')) : loaders.catalogues()) });
    await expect(world.catalogues()).rejects.toThrow('EIO');
    fail = false;
    await expect(world.catalogues()).resolves.toEqual({ files: [], diagnostics: [] });
  });

  it('its key changes with a template set file, a font, the catalogue, an import layout or the tool; not otherwise', async () => {
    const paths = await fakeRoot();
    const key = (set = 'set-a') => new World(paths).key(set);
    const first = await key();
    expect(await key()).toBe(first);
    // the same World computes it once
    const w = new World(paths);
    expect(w.key('set-a')).toBe(w.key('set-a'));

    const seen = new Set([first]);
    const change = async (rel: string, text: string) => {
      await writeFile(path.join(paths.root, rel), text);
      const k = await key();
      expect(seen.has(k), rel).toBe(false);
      seen.add(k);
    };
    await change('templates/set-a/partials/cover.hbs', 'cover 2');
    await change('fonts/仿宋.ttf', 'other font bytes');
    await change('fonts/roles.json', '{"body":{}}');
    await change('data/catalogue/2026.json', '[{}]');
    await change('data/import-layouts/a.json', '{"a":1}');
    await change('package.json', '{"version":"1.0.1"}');
    // another set's files are not this set's input; the set's name is
    const before = await key();
    await writeFile(path.join(paths.root, 'templates/set-b/set.json'), '{"changed":true}');
    expect(await key()).toBe(before);
    expect(await key('set-b')).not.toBe(before);
  });
});
