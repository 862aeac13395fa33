import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/*
 * What a PDF records of how it was made (its XMP), so that `gongkai verify` can tell whether it
 * can make the very same bytes again: the tool's version, and a digest of the template set's
 * files — by their bytes and their paths inside the set, so a set copied elsewhere keeps its
 * digest and any edited template changes it.
 */

/** gongkai's version, from its package.json ('0.0.0' when unreadable). */
export async function loadToolVersion(root: string): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** SHA-256 over a template set folder's files (paths and bytes, in name order); undefined when the folder cannot be read. */
export async function loadSetDigest(dir: string): Promise<string | undefined> {
  const h = createHash('sha256');
  const walk = async (abs: string, rel: string, depth: number): Promise<void> => {
    const entries = (await readdir(abs, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (depth < 4 && e.name !== 'node_modules') await walk(path.join(abs, e.name), r, depth + 1);
      } else if (e.isFile()) {
        const bytes = await readFile(path.join(abs, e.name));
        h.update(`${r}\0${bytes.length}\0`);
        h.update(bytes);
      }
    }
  };
  try {
    await walk(dir, '', 0);
  } catch {
    return undefined;
  }
  return h.digest('hex');
}
