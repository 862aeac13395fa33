import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { readBounded } from './read-bounded.js';

/*
 * PDFs to verify, read from the disk (only load does): one file's bytes, or every PDF under a
 * folder (name order, sub-folders too, hidden ones and node_modules left out).
 */

/** A published PDF is tens of MB at most; a larger file is not one gongkai made. */
export const PDF_LIMIT = 256 * 1024 * 1024;

export type ReadPdf = { bytes: Buffer } | { problem: string };

export async function readPdf(file: string): Promise<ReadPdf> {
  const read = await readBounded(file, PDF_LIMIT);
  switch (read.kind) {
    case 'bytes':
      return { bytes: read.bytes };
    case 'too-large':
      return { problem: `文件过大（上限 ${PDF_LIMIT / 1024 / 1024} MB），不是 gongkai 生成的 PDF` };
    case 'directory':
      return { problem: '是目录，不是 PDF 文件' };
    default: {
      const code = read.error.code;
      return { problem: code === 'ENOENT' || code === 'ENOTDIR' ? '文件不存在' : code === 'EACCES' || code === 'EPERM' ? '文件无法读取（没有读取权限）' : `文件无法读取（系统错误 ${code ?? read.error.message}）` };
    }
  }
}

/** Is this path a folder (to verify every PDF under it)? */
export async function isFolder(p: string): Promise<boolean> {
  try {
    await readdir(p);
    return true;
  } catch {
    return false;
  }
}

/** Every .pdf under a folder, in name order. */
export async function pdfsUnder(dir: string, depth = 0): Promise<string[]> {
  if (depth > 8) return [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await pdfsUnder(p, depth + 1)));
    else if (e.isFile() && /\.pdf$/i.test(e.name)) out.push(p);
  }
  return out;
}
