import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { directoryLength, fontNames, isSfnt, parseNameTable, parseOs2, tableDirectory, type FontNames } from '../fonts/sfnt.js';
import { fontDirs, roleMapFile } from './paths.js';
import { packageRoot } from './root.js';

export interface FontFile extends FontNames {
  path: string;
}

export interface RoleSpec {
  family: string;
  weight: number;
  /** An explicit file (relative to the fonts folder) wins over family matching. */
  file?: string;
}

export type RoleName = 'title' | 'heading' | 'body' | 'bodyBold' | 'table' | 'tableBold';
export const ROLE_NAMES: RoleName[] = ['title', 'heading', 'body', 'bodyBold', 'table', 'tableBold'];

/** Where fonts are looked for, in order: the user's font folders, gongkai's fonts/, the Noto packages (paths.ts). */
export function fontSearchDirs(root = packageRoot()): string[] {
  return fontDirs(root);
}

async function readRange(fh: import('node:fs/promises').FileHandle, offset: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, offset);
  return buf.subarray(0, bytesRead);
}

/** Names one font file by reading its table directory, `name` and `OS/2` tables only. */
export async function describeFontFile(file: string): Promise<FontFile | undefined> {
  const fh = await open(file, 'r');
  try {
    const first = await readRange(fh, 0, 12);
    if (!isSfnt(first)) return undefined; // TTC and WOFF are not supported: see docs/fonts
    const head = await readRange(fh, 0, directoryLength(first));
    const tables = tableDirectory(head);
    const nameRec = tables.find((t) => t.tag === 'name');
    const os2Rec = tables.find((t) => t.tag === 'OS/2');
    if (!nameRec) return undefined;
    const names = parseNameTable(await readRange(fh, nameRec.offset, nameRec.length));
    const os2 = os2Rec ? parseOs2(await readRange(fh, os2Rec.offset, os2Rec.length)) : { weight: 400, italic: false };
    return { path: file, ...fontNames(names, os2) };
  } finally {
    await fh.close();
  }
}

/** Every TTF/OTF under the search folders, named (headers only). Each call scans again: the World keeps what it found. */
export async function scanFonts(dirs = fontSearchDirs()): Promise<FontFile[]> {
  const out: FontFile[] = [];
  for (const dir of dirs) {
    const files = await fg(['**/*.{ttf,otf,TTF,OTF}'], { cwd: dir, absolute: true, suppressErrors: true, followSymbolicLinks: false });
    files.sort();
    for (const f of files) {
      try {
        const d = await describeFontFile(f);
        if (d) out.push(d);
      } catch {
        // an unreadable or truncated file is simply not a candidate
      }
    }
  }
  return out;
}

export async function readRoleMap(root = packageRoot()): Promise<Record<RoleName, RoleSpec>> {
  const raw = JSON.parse(await readFile(roleMapFile(root), 'utf8')) as Record<string, RoleSpec>;
  const out = {} as Record<RoleName, RoleSpec>;
  for (const r of ROLE_NAMES) {
    const spec = raw[r];
    if (!spec) throw new Error(`fonts/roles.json 缺少角色“${r}”`);
    out[r] = spec;
  }
  return out;
}

/** Font bytes another thread already read (a batch's main thread), by path: not read again. */
const provided = new Map<string, Buffer>();

/** Uses these bytes (views of shared memory, say) for these font files from now on. */
export function provideFontBytes(entries: Iterable<readonly [string, Uint8Array]>): void {
  for (const [file, bytes] of entries) provided.set(file, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

export async function readFontBytes(file: string): Promise<Buffer> {
  return provided.get(file) ?? readFile(file);
}

/**
 * Reads font files into memory that worker threads share (SharedArrayBuffer): a batch keeps one
 * copy of its 10–15 MB fonts instead of one per worker.
 */
export async function readFontBytesShared(files: readonly string[]): Promise<Array<[string, Uint8Array]>> {
  const out: Array<[string, Uint8Array]> = [];
  for (const file of new Set(files)) {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const bytes = new Uint8Array(new SharedArrayBuffer(size));
      for (let at = 0; at < size; ) {
        const { bytesRead } = await handle.read(bytes, at, size - at, at);
        if (bytesRead === 0) throw new Error(`${file}：读取字体文件时文件变短了`);
        at += bytesRead;
      }
      out.push([file, bytes]);
    } finally {
      await handle.close();
    }
  }
  return out;
}
