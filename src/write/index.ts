import { lstat, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';

/*
 * The write stage: the only place output reaches the disk. A PDF is written to a temporary
 * file beside its target and renamed over it, so a crash or Ctrl-C never leaves a truncated
 * PDF where a reader (or the next incremental batch) would take it for a finished one.
 *
 * What the disk refuses (a read-only folder, a file where a folder should be, a full disk, a
 * name too long) is said in one Chinese sentence naming the path and what to do — checked
 * before rendering where it can be (`checkOutput`), and turned into the same sentence when the
 * write itself fails (`writeProblem`). Never an internal error with a raw errno.
 */

/** Bytes the temp-file name adds to the target's (`.` + `.<pid>.<µs>.tmp`). */
const TEMP_SUFFIX_BYTES = 1 + 1 + 10 + 1 + 16 + 4;
/** Longest file name (one path component) on ext4, XFS, btrfs, APFS and NTFS: 255 bytes (or UTF-16 units). */
const NAME_MAX = 255;

export function tempPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Math.floor(performance.now() * 1000)}.tmp`);
}

export async function writeFileAtomic(target: string, bytes: Buffer | string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = tempPath(target);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** What a PDF printed despite audit errors (build --force) carries in its name. */
export const FORCED_SUFFIX = '（未通过审核）';

/** out/<year>/<department name>.pdf — the name a reader expects to find (a forced one carries FORCED_SUFFIX). */
export function outputPath(outDir: string, year: number, departmentName: string, suffix = '', ext = '.pdf'): string {
  const safe = departmentName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
  return path.join(outDir, String(year), `${safe}${suffix}${ext}`);
}

type WriteRule = 'output-not-writable' | 'output-not-directory' | 'disk-full' | 'name-too-long' | 'write-failed';

function problem(target: string, rule: WriteRule, message: string): Diagnostic {
  return { file: target, path: '', rule, severity: 'error', message };
}

/** A file system error met while writing `target`, as the sentence a user can act on. */
export function writeProblem(err: unknown, target: string): Diagnostic {
  const e = err as NodeJS.ErrnoException;
  const where = e.path ?? target;
  switch (e.code) {
    case 'EACCES':
    case 'EPERM':
      return problem(target, 'output-not-writable', `没有权限写入“${where}”：请换一个可写的输出文件夹（-o），或修改该文件夹的权限`);
    case 'EROFS':
      return problem(target, 'output-not-writable', `“${where}”所在的磁盘是只读的：请换一个可写的输出文件夹（-o）`);
    case 'ENOTDIR':
    case 'EEXIST':
      return problem(target, 'output-not-directory', `“${where}”应当是文件夹，却是一个文件：请删除或改名这个文件，或用 -o 指定别的输出文件夹`);
    case 'EISDIR':
      return problem(target, 'output-not-directory', `要写入的“${where}”是一个文件夹：请删除或改名这个文件夹`);
    case 'ENOSPC':
    case 'EDQUOT':
      return problem(target, 'disk-full', `磁盘空间不足，无法写入“${target}”：请清理磁盘或换一个输出文件夹（-o），然后重试`);
    case 'ENAMETOOLONG':
      return problem(target, 'name-too-long', `文件名或路径过长，无法写入“${target}”：请缩短部门名称或输出文件夹的路径`);
    default:
      return problem(target, 'write-failed', `无法写入“${target}”：${e.message ?? String(err)}`);
  }
}

/** The nearest existing ancestor of `p` (itself included), or undefined when even the root is unreadable. */
async function nearestExisting(p: string): Promise<{ path: string; isDir: boolean } | undefined> {
  let cur = path.resolve(p);
  for (;;) {
    try {
      const s = await stat(cur);
      return { path: cur, isDir: s.isDirectory() };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') {
        // a file on the way: find it
      } else if (code !== 'ENOENT') return undefined;
      const up = path.dirname(cur);
      if (up === cur) return undefined;
      cur = up;
    }
  }
}

/**
 * Before rendering: can `target` be written? Its name fits the file system, the folders on its
 * way are folders (or can be made), and the nearest existing one takes a new file. Creates
 * nothing but a probe file it removes at once.
 */
export async function checkOutput(target: string): Promise<Diagnostic | undefined> {
  const name = path.basename(target);
  if (Buffer.byteLength(name, 'utf8') + TEMP_SUFFIX_BYTES > NAME_MAX) {
    return problem(target, 'name-too-long', `文件名“${name}”过长（${Buffer.byteLength(name, 'utf8')} 字节，文件系统最多 ${NAME_MAX - TEMP_SUFFIX_BYTES} 字节）：请缩短部门名称`);
  }
  for (const part of path.resolve(path.dirname(target)).split(path.sep)) {
    if (Buffer.byteLength(part, 'utf8') > NAME_MAX) return problem(target, 'name-too-long', `输出路径中的文件夹名“${part.slice(0, 20)}…”过长：请缩短输出文件夹的路径（-o）`);
  }
  const dir = path.dirname(target);
  const base = await nearestExisting(dir);
  if (!base) return problem(target, 'output-not-writable', `无法访问输出文件夹“${dir}”：请检查路径和权限`);
  if (!base.isDir) return writeProblem(Object.assign(new Error('ENOTDIR'), { code: 'ENOTDIR', path: base.path }), target);
  try {
    const info = await lstat(target).catch(() => undefined);
    if (info?.isDirectory()) return writeProblem(Object.assign(new Error('EISDIR'), { code: 'EISDIR', path: target }), target);
    // access() says yes to root on a read-only mount: a real file is the only honest probe
    // named like a temp file (.<name>.<pid>.<µs>.tmp): if the process dies right here, the batch's cleanup removes it
    const probe = tempPath(path.join(base.path, 'gongkai-write-check'));
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (e) {
    return writeProblem(e, target);
  }
  return undefined;
}
