import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/*
 * The CLI's own small writes (the schema, a new data file or workbook). Errors come back as a Chinese
 * message, never an exception.
 */
export async function writeTextFile(file: string, text: string | Uint8Array, opts: { overwrite: boolean; shown?: string }): Promise<{ ok: true } | { ok: false; exists?: boolean; message: string }> {
  const name = opts.shown ?? file;
  try {
    await mkdir(path.dirname(file), { recursive: true });
  } catch (err) {
    return { ok: false, message: `无法写入“${name}”：无法创建所在目录（${(err as NodeJS.ErrnoException).code === 'EEXIST' || (err as NodeJS.ErrnoException).code === 'ENOTDIR' ? '路径中有一段是文件而不是目录' : (err as Error).message}）` };
  }
  try {
    await writeFile(file, text, { encoding: 'utf8', flag: opts.overwrite ? 'w' : 'wx' });
    return { ok: true };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return { ok: false, exists: true, message: `文件“${name}”已存在；如要覆盖，请加 --force` };
    if (code === 'EISDIR') return { ok: false, message: `“${name}”是目录，不能写入` };
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, message: `没有写入“${name}”的权限` };
    if (code === 'ENOTDIR') return { ok: false, message: `无法写入“${name}”：路径中有一段不是目录` };
    return { ok: false, message: `无法写入“${name}”：${(err as Error).message}` };
  }
}
