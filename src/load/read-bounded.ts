import { open } from 'node:fs/promises';

/*
 * A file read with its size counted as it is read, not as the file system reports it: a pipe,
 * /dev/stdin or a device (/dev/zero) reports size 0 and would otherwise be read until memory runs
 * out. Reading stops one chunk past the limit.
 */

export type BoundedRead =
  | { kind: 'bytes'; bytes: Buffer }
  /** Larger than the limit; `size` when the file system knew it before reading. */
  | { kind: 'too-large'; size?: number }
  | { kind: 'directory' }
  | { kind: 'error'; error: NodeJS.ErrnoException };

const CHUNK = 1024 * 1024;

export async function readBounded(file: string, limit: number): Promise<BoundedRead> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    return error.code === 'EISDIR' ? { kind: 'directory' } : { kind: 'error', error };
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return { kind: 'directory' };
    // a regular file says its size truly: refused without reading a byte
    if (info.isFile() && info.size > limit) return { kind: 'too-large', size: info.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, limit + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) return { kind: 'too-large' };
    }
    return { kind: 'bytes', bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    return error.code === 'EISDIR' ? { kind: 'directory' } : { kind: 'error', error };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
