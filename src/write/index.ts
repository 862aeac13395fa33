import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/*
 * The write stage: the only place output reaches the disk. A PDF is written to a temporary
 * file beside its target and renamed over it, so a crash or Ctrl-C never leaves a truncated
 * PDF where a reader (or the next incremental batch) would take it for a finished one.
 */

export async function writeFileAtomic(target: string, bytes: Buffer | string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Math.floor(performance.now() * 1000)}.tmp`);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** out/<year>/<department name>.pdf — the name a reader expects to find. */
export function outputPath(outDir: string, year: number, departmentName: string): string {
  const safe = departmentName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
  return path.join(outDir, String(year), `${safe}.pdf`);
}
