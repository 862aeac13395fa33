import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ArchiveFile, ArchiveInput } from '../layout/engine/index.js';
import type { LoadedData } from './check.js';
import type { World } from './world.js';

/*
 * What a PDF carries of its data (PDF/A-3 associated files) and records of how it was made (XMP),
 * so that anyone holding the PDF can check it against its data (`gongkai verify`):
 *
 * - the data as JSON, as the loader holds it (a JSON file normalised: two-space indents, one
 *   trailing newline — the layout `gongkai import` writes), named after the source file;
 * - a workbook's own bytes too, when the data came from one (verify renders from them again);
 * - in XMP: each file's SHA-256, gongkai's version, the template set and its files' digest, and
 *   for a 单位 document which unit.
 *
 * A 单位 document carries the department's data (its view is derived from it), not the view.
 */

const SHEET_TYPES: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.xlsm': 'application/vnd.ms-excel.sheet.macroEnabled.12',
  '.xls': 'application/vnd.ms-excel',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.xml': 'application/xml',
  '.html': 'text/html',
  '.htm': 'text/html',
};

/** The department's files as a PDF carries them, and what the XMP says of them. */
export interface Carried {
  files: ArchiveFile[];
  properties: Record<string, string>;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The files of the department's data, loaded from `file` (undefined when nothing was read: then nothing is printed either). */
export function carriedFiles(file: string, loaded: LoadedData): Carried | undefined {
  if (loaded.json === undefined) return undefined;
  const base = path.basename(file);
  const stem = base.replace(/\.[^.]*$/, '') || 'data';
  const data = Buffer.from(JSON.stringify(loaded.json, null, 2) + '\n', 'utf8');
  const dataFile = `${stem}.json`;
  const files: ArchiveFile[] = [{ name: dataFile, bytes: data, type: 'application/json', description: '部门预算数据（JSON）' }];
  const properties: Record<string, string> = { dataFile, dataSha256: sha256(data) };
  if (loaded.bytes && base !== dataFile) {
    const bytes = Buffer.from(loaded.bytes.buffer, loaded.bytes.byteOffset, loaded.bytes.byteLength);
    files.push({ name: base, bytes, type: SHEET_TYPES[path.extname(base).toLowerCase()] ?? 'application/octet-stream', description: '部门预算数据的来源工作簿（填报表）' });
    Object.assign(properties, { sourceFile: base, sourceSha256: sha256(bytes) });
  }
  return { files, properties };
}

/** The print's archive: the files carried, how the document was made, the profile (none found: a plain PDF, not PDF/A). */
export async function archiveFor(world: World, carried: Carried | undefined, set: string, unit: string | undefined, draft?: string): Promise<ArchiveInput | undefined> {
  const profile = await world.outputProfile();
  if (!profile || !carried) return undefined;
  const [version, digest] = await Promise.all([world.toolVersion(), world.setDigest(set)]);
  const properties: Record<string, string> = { ...carried.properties, version, templateSet: set, ...(digest ? { templateSetDigest: digest } : {}), ...(unit !== undefined ? { unit } : {}), ...(draft !== undefined ? { draft } : {}) };
  return { profile, files: carried.files, properties };
}
