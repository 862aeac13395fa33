import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheDir, snapshotPlace } from '../../src/snapshot/key.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'gongkai-key-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const file = (rel: string, text = 'x') => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
};
file('package.json', '{"version":"1.2.3"}');
file('dist/snapshot/gongkai.cjs', '// bundle');
file('templates/standard/theme.json', '{}');
file('fonts/roles.json', '{}');
file('data/catalogue/2026.json', '[]');

const env = { GONGKAI_CACHE: path.join(root, 'cache') };

describe('startup snapshot key', () => {
  it('is the same for the same inputs, and names a file in the cache folder', () => {
    const a = snapshotPlace(env, root)!;
    expect(snapshotPlace(env, root)!.key).toBe(a.key);
    expect(a.blob).toBe(path.join(root, 'cache', `startup-${a.key}.blob`));
    expect(a.bundle).toBe(path.join(root, 'dist', 'snapshot', 'gongkai.cjs'));
  });

  it('changes with a template, a font file, the catalogue, the bundle or the version', () => {
    const keys = new Set([snapshotPlace(env, root)!.key]);
    const touch = (rel: string) => {
      const t = new Date(Date.UTC(2026, 0, 1 + keys.size));
      utimesSync(path.join(root, rel), t, t);
      keys.add(snapshotPlace(env, root)!.key);
    };
    touch('templates/standard/theme.json');
    file('fonts/仿宋_GB2312.ttf', 'font');
    keys.add(snapshotPlace(env, root)!.key);
    touch('data/catalogue/2026.json');
    touch('dist/snapshot/gongkai.cjs');
    file('package.json', '{"version":"1.2.4"}');
    keys.add(snapshotPlace(env, root)!.key);
    expect(keys.size).toBe(6);
  });

  it('changes with the font and template folders a user names', () => {
    const before = snapshotPlace(env, root)!.key;
    const saved = process.env.GONGKAI_FONT_PATHS;
    process.env.GONGKAI_FONT_PATHS = path.join(root, 'licensed-fonts');
    try {
      expect(snapshotPlace(env, root)!.key).not.toBe(before);
    } finally {
      if (saved === undefined) delete process.env.GONGKAI_FONT_PATHS;
      else process.env.GONGKAI_FONT_PATHS = saved;
    }
    expect(snapshotPlace(env, root)!.key).toBe(before);
  });

  it('changes with NODE_OPTIONS (V8 flags the snapshot process would inherit)', () => {
    const before = snapshotPlace(env, root)!.key;
    const saved = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = '--max-old-space-size=4096';
    try {
      expect(snapshotPlace(env, root)!.key).not.toBe(before);
    } finally {
      if (saved === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = saved;
    }
  });

  it('there is none without a bundle to build it from', () => {
    const bare = mkdtempSync(path.join(os.tmpdir(), 'gongkai-key-bare-'));
    try {
      writeFileSync(path.join(bare, 'package.json'), '{}');
      expect(snapshotPlace(env, bare)).toBeUndefined();
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('lives in GONGKAI_CACHE, else the user cache folder', () => {
    expect(cacheDir({ GONGKAI_CACHE: '/x/y' })).toBe(path.resolve('/x/y'));
    if (process.platform === 'linux') {
      expect(cacheDir({ XDG_CACHE_HOME: '/c' })).toBe(path.join('/c', 'gongkai'));
      expect(cacheDir({})).toBe(path.join(os.homedir(), '.cache', 'gongkai'));
    }
  });
});

describe('a bundle older than the compiled code', () => {
  it('is never used (compiled again with tsc alone)', () => {
    const before = snapshotPlace(env, root);
    expect(before).toBeDefined();
    file('dist/cli/main.js', '// newer');
    const t = new Date(Date.now() + 60_000);
    utimesSync(path.join(root, 'dist/cli/main.js'), t, t);
    expect(snapshotPlace(env, root)).toBeUndefined();
    utimesSync(path.join(root, 'dist/snapshot/gongkai.cjs'), t, t);
    expect(snapshotPlace(env, root)).toBeDefined();
  });
});
