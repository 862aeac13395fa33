import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSetDigest, loadToolVersion } from '../../src/load/identity.js';
import { loadOutputProfile } from '../../src/load/output-profile.js';
import { packageRoot } from '../../src/load/root.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('what a PDF records of how it was made', () => {
  it('a set’s digest: the same for a copy elsewhere, another when one file changes, none for no folder', async () => {
    const a = await mkdtemp(path.join(tmpdir(), 'gongkai-digest-'));
    dirs.push(a);
    const set = path.join(packageRoot(), 'templates', 'shanxi-zonggai');
    await cp(set, path.join(a, 'copy'), { recursive: true });
    const original = await loadSetDigest(set);
    expect(original).toMatch(/^[0-9a-f]{64}$/);
    expect(await loadSetDigest(path.join(a, 'copy'))).toBe(original);
    await writeFile(path.join(a, 'copy', 'set.json'), ' ', { flag: 'a' });
    expect(await loadSetDigest(path.join(a, 'copy'))).not.toBe(original);
    expect(await loadSetDigest(path.join(a, 'absent'))).toBeUndefined();
  });

  it('the tool’s version, and the sRGB profile pdfkit ships', async () => {
    expect(await loadToolVersion(packageRoot())).toMatch(/^\d+\.\d+\.\d+/);
    expect(await loadToolVersion('/nonexistent')).toBe('0.0.0');
    const icc = await loadOutputProfile();
    // an ICC profile: 'acsp' at byte 36, RGB data colour space
    expect(icc!.subarray(36, 40).toString('latin1')).toBe('acsp');
    expect(icc!.subarray(16, 20).toString('latin1')).toBe('RGB ');
  });
});
