import { link, open, rename } from 'node:fs/promises';
import type { AtomicFs } from '../../src/write/index.js';

/** A file system whose writes stop with a full disk after `after` bytes, as a real one would: part of the file is on disk. */
export function diskFullAfter(after: number): AtomicFs {
  return {
    rename,
    link,
    open: (async (p: string, flags: string, mode?: number) => {
      const h = await open(p, flags, mode);
      return new Proxy(h, {
        get(target, prop, receiver) {
          if (prop === 'writeFile')
            return async (data: string | Uint8Array) => {
              const bytes = typeof data === 'string' ? Buffer.from(data) : data;
              await target.write(bytes.subarray(0, after));
              throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
            };
          const v = Reflect.get(target, prop, receiver) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
    }) as AtomicFs['open'],
  };
}
