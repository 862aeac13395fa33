import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentHashes } from '../../src/snapshot/hashes.js';
import { BUNDLE_MARK, cacheDir, compiledDigest, compiledFiles, hashCacheFile, locateSnapshot, snapshotPlace } from '../../src/snapshot/key.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'gongkai-key-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const file = (rel: string, text = 'x') => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
};
/** The bundle as `npm run build` writes it: first line, the compiled code it was made beside. */
const bundle = (text = '// bundle') => file('dist/snapshot/gongkai.cjs', `${BUNDLE_MARK}${compiledDigest(compiledFiles(path.join(root, 'dist')), new ContentHashes(undefined))}\n${text}`);
file('package.json', '{"version":"1.2.3"}');
file('dist/cli/main.js', '// compiled');
bundle();
file('templates/standard/theme.json', '{}');
file('fonts/roles.json', '{}');
file('data/catalogue/2026.json', '[]');

const env = { GONGKAI_CACHE: path.join(root, 'cache') };
// files written by a test are seconds old: a clock a minute ahead lets the cache remember them
const later = { now: () => Date.now() + 60_000 };
const key = (o = later) => snapshotPlace(env, root, o)!.key;
const setTime = (rel: string, t: Date) => utimesSync(path.join(root, rel), t, t);

describe('startup snapshot key', () => {
  it('is the same for the same inputs, and names a file in the cache folder', () => {
    const a = snapshotPlace(env, root)!;
    expect(snapshotPlace(env, root)!.key).toBe(a.key);
    expect(a.blob).toBe(path.join(root, 'cache', `startup-${a.key}.blob`));
    expect(a.bundle).toBe(path.join(root, 'dist', 'snapshot', 'gongkai.cjs'));
  });

  it('changes with the contents of a template, a font file, the catalogue, the bundle or the version', () => {
    const keys = new Set([key()]);
    const change = (rel: string, text: string) => {
      file(rel, text);
      keys.add(key());
    };
    change('templates/standard/theme.json', '{"a":1}');
    change('fonts/仿宋_GB2312.ttf', 'font');
    change('data/catalogue/2026.json', '[1]');
    bundle('// another bundle');
    keys.add(key());
    change('package.json', '{"version":"1.2.4"}');
    expect(keys.size).toBe(6);
  });

  it('stays with the same contents under new file times (a re-install): no rebuild', () => {
    const before = key();
    for (const [i, rel] of ['templates/standard/theme.json', 'fonts/roles.json', 'dist/snapshot/gongkai.cjs', 'dist/cli/main.js', 'package.json'].entries()) {
      setTime(rel, new Date(Date.UTC(1985, 9, 26 + i)));
    }
    expect(key()).toBe(before);
    // written again, byte for byte: new inode times, same key
    file('templates/standard/theme.json', readFileSync(path.join(root, 'templates/standard/theme.json'), 'utf8'));
    expect(key()).toBe(before);
  });

  it('changes when the bundle gets other bytes of the same size under the same time (a copy that kept old times)', () => {
    const bundleFile = path.join(root, 'dist/snapshot/gongkai.cjs');
    bundle('// bundle A');
    const t = new Date(Date.UTC(2026, 0, 1));
    setTime('dist/snapshot/gongkai.cjs', t);
    const a = key();
    expect(new ContentHashes(hashCacheFile(env)).unhashedBytes([bundleFile])).toBe(0); // remembered
    const size = statSync(bundleFile).size;
    bundle('// bundle B');
    setTime('dist/snapshot/gongkai.cjs', t);
    expect(statSync(bundleFile).size).toBe(size);
    expect(key()).not.toBe(a);
    bundle('// bundle A');
    expect(key()).toBe(a);
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

  it('is not computed before a command when more than the budget would have to be hashed', () => {
    const cold = { GONGKAI_CACHE: path.join(root, 'cold-cache') };
    const first = locateSnapshot(cold, root, { ...later, hashBudget: 10 });
    expect(first.place).toBeUndefined();
    expect(first.deferred).toBeGreaterThan(10);
    const full = locateSnapshot(cold, root, later).place!; // the background maker's turn
    expect(locateSnapshot(cold, root, { ...later, hashBudget: 10 })).toEqual({ place: full });
  });
});

describe('the remembered hashes', () => {
  const cache = hashCacheFile(env);

  it('a damaged cache is dropped whole and made again, never trusted', () => {
    const k = key();
    expect(k).toBe(snapshotPlace({ GONGKAI_CACHE: path.join(root, 'no-cache') }, root)!.key); // hashed afresh
    const text = readFileSync(cache, 'utf8');
    const bundleHash = JSON.parse(text.slice(text.indexOf('\n') + 1)).entries[path.join(root, 'dist/snapshot/gongkai.cjs')][1] as string;
    for (const damaged of [text.replace(bundleHash, '0'.repeat(64)), text.slice(0, text.length / 2), '{"format":1,"entries":{}}', 'garbage']) {
      writeFileSync(cache, damaged);
      expect(key()).toBe(k);
      expect(readFileSync(cache, 'utf8')).toBe(text); // written again, whole
    }
  });

  it('a file changed within RACY_MS of being hashed is hashed again next time', () => {
    file('templates/standard/fresh.hbs', 'now');
    const f = path.join(root, 'templates/standard/fresh.hbs');
    const real = new ContentHashes(cache);
    real.hash(f);
    real.save();
    expect(new ContentHashes(cache).unhashedBytes([f])).toBe(3);
    const ahead = new ContentHashes(cache, later.now);
    ahead.hash(f);
    ahead.save();
    expect(new ContentHashes(cache).unhashedBytes([f])).toBe(0);
  });
});

describe('a bundle made beside other compiled code', () => {
  it('is never used (compiled again with tsc alone), judged by content, not by time', () => {
    expect(snapshotPlace(env, root, later)).toBeDefined();
    // an installed copy: the compiled code newer than the bundle by its time, the same bytes
    const t = new Date(Date.now() + 60_000);
    setTime('dist/cli/main.js', t);
    expect(snapshotPlace(env, root, later)).toBeDefined();
    file('dist/cli/main.js', '// compiled again');
    expect(snapshotPlace(env, root, later)).toBeUndefined();
    bundle();
    expect(snapshotPlace(env, root, later)).toBeDefined();
  });
});
