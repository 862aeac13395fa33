import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { isSameFile, writeFileAtomic, type AtomicFs } from '../write/index.js';
import { UsageError } from './context.js';

/*
 * The CLI's own small writes (the schema, a new data file or workbook), through the write stage's
 * atomic write: a full disk or a crash leaves the old file as it was. Errors come back as a
 * Chinese message, never an exception.
 */
export async function writeTextFile(
  file: string,
  text: string | Uint8Array,
  opts: { overwrite: boolean; shown?: string; fs?: AtomicFs },
): Promise<{ ok: true } | { ok: false; exists?: boolean; message: string }> {
  const name = opts.shown ?? file;
  try {
    await mkdir(path.dirname(file), { recursive: true });
  } catch (err) {
    return { ok: false, message: `无法写入“${name}”：无法创建所在目录（${(err as NodeJS.ErrnoException).code === 'EEXIST' || (err as NodeJS.ErrnoException).code === 'ENOTDIR' ? '路径中有一段是文件而不是目录' : (err as Error).message}）` };
  }
  try {
    await writeFileAtomic(file, typeof text === 'string' ? Buffer.from(text, 'utf8') : text, { exclusive: !opts.overwrite, ...(opts.fs ? { fs: opts.fs } : {}) });
    return { ok: true };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return { ok: false, exists: true, message: `文件“${name}”已存在；如要覆盖，请加 --force` };
    if (code === 'EISDIR') return { ok: false, message: `“${name}”是目录，不能写入` };
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, message: `没有写入“${name}”的权限` };
    if (code === 'ENOTDIR') return { ok: false, message: `无法写入“${name}”：路径中有一段不是目录` };
    if (code === 'ENOSPC' || code === 'EDQUOT') return { ok: false, message: `磁盘空间不足，无法写入“${name}”${opts.overwrite ? '；原文件未改动' : ''}：请清理磁盘后重试` };
    return { ok: false, message: `无法写入“${name}”：${(err as Error).message}` };
  }
}

/**
 * The output may never be an input: `init --from d.json -o d.json`, `import w.xlsx -o w.xlsx`
 * would replace what is being read. Compared by real path (through symbolic links) and by file
 * identity, so another spelling of the same file is caught too. A usage mistake: exit 2.
 */
export async function refuseOutputIsInput(output: { file: string; shown: string }, inputs: ReadonlyArray<{ file: string; shown: string; role: string }>): Promise<void> {
  for (const input of inputs) {
    if (await isSameFile(output.file, input.file)) {
      const same = output.shown === input.shown ? `“${output.shown}”就是${input.role}` : `“${output.shown}”与${input.role}“${input.shown}”是同一个文件`;
      throw new UsageError(`输出文件不能是输入文件：${same}，写入会覆盖正在读取的内容。请用 -o 写到另一个文件`);
    }
  }
}
