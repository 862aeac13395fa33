import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentHash, Fingerprints, hashFilePath } from '../../src/batch/fingerprint.js';
import { tempDir } from './helpers.js';

/** A package root of its own: package.json, one template set, a font role map (no fonts). */
async function fakeRoot(): Promise<string> {
  const root = await tempDir('fingerprint');
  await mkdir(path.join(root, 'templates', 'set-a', 'partials'), { recursive: true });
  await mkdir(path.join(root, 'fonts'), { recursive: true });
  await writeFile(path.join(root, 'package.json'), JSON.stringify({ version: '1.0.0' }));
  await writeFile(path.join(root, 'templates', 'set-a', 'document.hbs'), 'doc');
  await writeFile(path.join(root, 'templates', 'set-a', 'partials', 'cover.hbs'), 'cover');
  const role = { family: 'Noto Serif SC', weight: 400 };
  await writeFile(path.join(root, 'fonts', 'roles.json'), JSON.stringify({ title: role, heading: role, body: role, bodyBold: role, table: role, tableBold: role }));
  return root;
}

describe('incremental fingerprints', () => {
  it('change with any template file, the font role map and the tool version; not otherwise', async () => {
    const root = await fakeRoot();
    const first = await new Fingerprints(root).environment('set-a');
    expect(await new Fingerprints(root).environment('set-a')).toBe(first);
    expect(await new Fingerprints(root).environment('set-b')).not.toBe(first);

    await writeFile(path.join(root, 'templates', 'set-a', 'partials', 'cover.hbs'), 'cover 2');
    const afterTemplate = await new Fingerprints(root).environment('set-a');
    expect(afterTemplate).not.toBe(first);

    await writeFile(path.join(root, 'package.json'), JSON.stringify({ version: '1.0.1' }));
    const afterVersion = await new Fingerprints(root).environment('set-a');
    expect(afterVersion).not.toBe(afterTemplate);

    const roles: Record<string, unknown> = {};
    for (const r of ['title', 'heading', 'body', 'bodyBold', 'table', 'tableBold']) roles[r] = { family: 'Noto Sans SC', weight: 700 };
    await writeFile(path.join(root, 'fonts', 'roles.json'), JSON.stringify(roles));
    expect(await new Fingerprints(root).environment('set-a')).not.toBe(afterVersion);
    await rm(root, { recursive: true, force: true });
  });

  it('a document hash depends on the data bytes and the environment', () => {
    const a = documentHash(Buffer.from('{"year":2026}'), 'env');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(documentHash(Buffer.from('{"year":2026}'), 'env')).toBe(a);
    expect(documentHash(Buffer.from('{"year":2026} '), 'env')).not.toBe(a);
    expect(documentHash(Buffer.from('{"year":2026}'), 'env2')).not.toBe(a);
    expect(hashFilePath(path.join('out', '2026', '某局.pdf'))).toBe(path.join('out', '2026', '.某局.pdf.hash'));
  });
});
