import { link, lstat, mkdir, open, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { safeFileName, shownChar } from './names.js';

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

/** The file system calls an atomic write makes: tests pass one that fails midway. */
export interface AtomicFs {
  open: typeof open;
  rename: typeof rename;
  link: typeof link;
}

const realFs: AtomicFs = { open, rename, link };

export interface AtomicOptions {
  /** Refuse (EEXIST) when the target exists, instead of replacing it — still never a partial file. */
  exclusive?: boolean;
  fs?: AtomicFs;
}

/** Link errors of file systems without hard links (FAT, exFAT, some network shares). */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/**
 * Every file gongkai writes — PDFs, data files, workbooks, the schema, reports — goes through
 * here: written in full to a temp file beside the target, flushed to the disk (fsync), then
 * renamed over it. A full disk, a crash or Ctrl-C at any moment leaves either the old file or
 * the new one, never a truncated mix (a rename within one folder is atomic; a write in place
 * truncates first). A replaced file keeps its permissions.
 */
export async function writeFileAtomic(target: string, bytes: Buffer | Uint8Array | string, options: AtomicOptions = {}): Promise<void> {
  const fs = options.fs ?? realFs;
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true });
  const previous = await stat(target).catch(() => undefined);
  if (options.exclusive && previous) throw Object.assign(new Error(`EEXIST: file already exists '${target}'`), { code: 'EEXIST', path: target });
  let tmp = tempPath(target);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        // 'wx': a temp name another thread of this process happens to hold is never shared
        handle = await fs.open(tmp, 'wx', previous?.isFile() ? previous.mode & 0o7777 : 0o666);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw e;
        tmp = tempPath(target);
      }
    }
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (options.exclusive) await placeExclusive(fs, tmp, target);
    else await fs.rename(tmp, target);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw e;
  }
  await syncDir(dir);
}

/** tmp → target unless target exists: link() refuses an existing name atomically; without hard links, a check then a rename. */
async function placeExclusive(fs: AtomicFs, tmp: string, target: string): Promise<void> {
  try {
    await fs.link(tmp, target);
  } catch (e) {
    if (!NO_LINKS.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
    if (await lstat(target).then(() => true, () => false)) throw Object.assign(new Error(`EEXIST: file already exists '${target}'`), { code: 'EEXIST', path: target });
    await fs.rename(tmp, target);
    return;
  }
  await rm(tmp, { force: true });
}

/** The rename itself reaches the disk with the folder's entry; a system that cannot sync a folder (Windows) skips it. */
async function syncDir(dir: string): Promise<void> {
  const h = await open(dir, 'r').catch(() => undefined);
  if (!h) return;
  await h.sync().catch(() => undefined);
  await h.close().catch(() => undefined);
}

/**
 * Are `a` and `b` one file — the same path, a symbolic link to it, a hard link, or a name
 * differing only in case on a case-insensitive disk? Compares real paths and, when both exist,
 * device and inode. A path that does not exist is no file's other name.
 */
export async function isSameFile(a: string, b: string): Promise<boolean> {
  const [ra, rb] = await Promise.all([realTarget(a), realTarget(b)]);
  if (ra === rb) return true;
  const [sa, sb] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return !!sa && !!sb && sa.dev === sb.dev && sa.ino === sb.ino;
}

/** The real path of a file, or of its folder plus its name when it does not exist yet. */
async function realTarget(p: string): Promise<string> {
  const abs = path.resolve(p);
  try {
    return await realpath(abs);
  } catch {
    const dir = await realpath(path.dirname(abs)).catch(() => path.dirname(abs));
    return path.join(dir, path.basename(abs));
  }
}

/** What a PDF printed despite audit errors (build --force) carries in its name. */
export const FORCED_SUFFIX = '（未通过审核）';

/** What a PDF that stood for a department whose new run failed is renamed to: the old one is never taken for current. */
export const STALE_SUFFIX = '（未更新）';

/** out/<year>/<department name>.pdf — the name a reader expects to find (a forced one carries FORCED_SUFFIX). */
export function outputPath(outDir: string, year: number, departmentName: string, suffix = '', ext = '.pdf'): string {
  return path.join(outDir, String(year), `${safeFileName(departmentName).name}${suffix}${ext}`);
}

/** `X.pdf` → `X（未更新）.pdf`, beside it. */
export function stalePath(output: string): string {
  const ext = path.extname(output);
  return path.join(path.dirname(output), `${path.basename(output, ext)}${STALE_SUFFIX}${ext}`);
}

/** When the department name had characters a file name cannot hold: a warning saying what the file is called instead. */
export function fileNameWarning(departmentName: string, output: string, file: string): Diagnostic | undefined {
  const { replaced } = safeFileName(departmentName);
  if (replaced.length === 0) return undefined;
  const chars = replaced.map((c) => `“${shownChar(c)}”`).join('');
  return {
    file,
    path: 'department.name',
    rule: 'file-name-changed',
    severity: 'warning',
    message: `部门名称中的${chars}不能用在文件名中，已改为“_”：文件名为“${path.basename(output)}”（部门名称照原样印在文件里；如要文件名与名称一致，可改用全角字符，如“／”“：”）`,
  };
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
