import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { isFolder, pdfsUnder, readPdf } from '../load/pdf.js';
import { run, type RunResult } from '../pipeline/compose.js';
import { runUnits } from '../pipeline/documents.js';
import { processWorld, type World } from '../pipeline/world.js';
import { comparePages, type Difference } from './compare.js';
import { pageTexts, readBack } from './pdf.js';

/*
 * gongkai verify: a published PDF checked against the data it carries (pipeline/archive.ts).
 *
 *   read      pdf.js: the XMP gongkai recorded, the embedded files, each page's text
 *   intact    each embedded file's SHA-256 is the one recorded (else the data was changed after)
 *   check     the data through the normal checks, and made into a PDF again — with the template
 *             set the PDF names (refused politely when it is not installed), its date, and for a
 *             单位 document its unit
 *   compare   the bytes, when this gongkai and this set's files are the ones that made it; else
 *             (or when the bytes differ) every printed figure, page by page
 *
 * Every outcome is a value with its reasons in Chinese; only the CLI turns it into an exit code.
 */

export type VerifyStatus = 'verified' | 'differs' | 'no-data' | 'unreadable' | 'set-missing';

export interface VerifyResult {
  file: string;
  status: VerifyStatus;
  /** How the PDF was compared with the one its data makes. */
  compared?: 'bytes' | 'figures';
  /** What the PDF records of how it was made. */
  recorded?: { version?: string; templateSet?: string; templateSetDigest?: string; unit?: string; dataFile?: string; sourceFile?: string; draft?: string };
  /** Why it was compared as it was, what could not be done (Chinese). */
  notes: string[];
  differences: Difference[];
  /** The embedded data's own check: its errors and warnings, as a build would say them. */
  diagnostics: Diagnostic[];
}

export interface VerifyOptions {
  /** The PDF's bytes, already read. */
  bytes?: Uint8Array;
  /** What verify renders with: this process's World unless given. */
  world?: World;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export async function verifyPdf(file: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const base: VerifyResult = { file, status: 'unreadable', notes: [], differences: [], diagnostics: [] };
  let bytes = options.bytes;
  if (!bytes) {
    const read = await readPdf(file);
    if ('problem' in read) return { ...base, notes: [read.problem] };
    bytes = read.bytes;
  }
  const back = await readBack(bytes);
  if (!back) return { ...base, notes: ['无法读取：不是 PDF 文件，或文件已损坏'] };
  const r = back.recorded;
  const recorded = {
    ...(r.version ? { version: r.version } : {}),
    ...(r.templateset ? { templateSet: r.templateset } : {}),
    ...(r.templatesetdigest ? { templateSetDigest: r.templatesetdigest } : {}),
    ...(r.unit !== undefined ? { unit: r.unit } : {}),
    ...(r.datafile ? { dataFile: r.datafile } : {}),
    ...(r.sourcefile ? { sourceFile: r.sourcefile } : {}),
    ...(r.draft !== undefined ? { draft: r.draft } : {}),
  };
  const result: VerifyResult = { ...base, recorded, ...(r.draft !== undefined ? { notes: [`这是预览的草稿（${r.draft}），不是用于公开的文档`] } : {}) };
  if (!r.datafile || !r.datasha256 || !r.templateset) return { ...result, status: 'no-data', notes: ['PDF 中没有内嵌数据：不是 gongkai 生成的，或生成它的版本还不内嵌数据，无法核对'] };

  // intact: each file the XMP names is inside, with the bytes it had when the PDF was made
  const changed: string[] = [];
  for (const [name, digest] of [[r.datafile, r.datasha256], ...(r.sourcefile ? [[r.sourcefile, r.sourcesha256 ?? '']] : [])] as Array<[string, string]>) {
    const inside = back.files.get(name);
    if (!inside) changed.push(`PDF 记录内嵌了“${name}”，但其中没有这个文件`);
    else if (sha256(inside) !== digest) changed.push(`内嵌的“${name}”与 PDF 记录的 SHA-256 不符：数据在 PDF 生成之后被改动过`);
  }
  if (changed.length > 0) return { ...result, status: 'differs', differences: changed.map((message) => ({ message })) };

  // check and make again, with the set the PDF names
  const world = options.world ?? processWorld();
  const set = r.templateset;
  if (!world.templateSetNames().includes(set)) return { ...result, status: 'set-missing', notes: [`生成这份 PDF 的模板集“${set}”没有安装，无法重新生成核对（可用 --templates 指定模板集所在的目录）`] };
  const sourceName = r.sourcefile ?? r.datafile;
  const source = { file: sourceName, bytes: back.files.get(sourceName)! };
  // a preview's draft is made again as the draft it is (its mark and date), not as the document to publish
  const common = { force: true, set: { override: set }, ...(back.created ? { created: back.created } : {}), ...(r.draft !== undefined ? { draft: { date: r.draft } } : {}) };
  let made: RunResult | undefined;
  const department = await run(world, source, common);
  if (r.unit !== undefined && department.checked.data) {
    const units = await runUnits(world, department.checked, { force: true, ...(department.carried ? { carried: department.carried } : {}), ...(back.created ? { created: back.created } : {}) });
    made = units?.units.find((u) => u.unit === r.unit)?.result;
    if (!made) return { ...result, status: 'differs', diagnostics: department.diagnostics, differences: [{ message: `这是单位“${r.unit}”的预算公开文档，但内嵌数据得不出这个单位的文档` }] };
  } else made = department;
  const diagnostics = made.diagnostics;
  if (!made.bytes) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    return { ...result, status: 'differs', diagnostics, differences: [{ message: errors > 0 ? `内嵌数据未通过检查（${errors} 个错误），无法重新生成这份 PDF` : '内嵌数据无法重新生成 PDF（模板集或字体的问题，见下）' }] };
  }

  // compare: the bytes when this gongkai and this set made it, else (or also) the printed figures
  const [version, digest] = await Promise.all([world.toolVersion(), world.setDigest(set)]);
  const sameMaker = r.version === version && r.templatesetdigest === digest;
  const notes: string[] = [...result.notes];
  if (sameMaker && made.bytes.equals(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) return { ...result, status: 'verified', compared: 'bytes', diagnostics };
  if (sameMaker) notes.push('与重新生成的 PDF 字节不同（PDF 生成后被改动过，或本机的字体不同），逐页比较印出的文字和数字');
  else if (r.version !== version) notes.push(`PDF 由 gongkai ${r.version ?? '（未记录版本）'} 生成，本机是 ${version}：逐页比较印出的文字和数字，不比较字节`);
  else notes.push(`本机的模板集“${set}”与生成 PDF 时的文件不同：逐页比较印出的文字和数字，不比较字节`);
  const [printed, expected] = await Promise.all([pageTexts(bytes), pageTexts(made.bytes)]);
  if (!printed) return { ...result, status: 'unreadable', notes: [...notes, '无法读取这份 PDF 各页的文字'] };
  if (!expected) return { ...result, status: 'differs', notes, diagnostics, differences: [{ message: '重新生成的 PDF 无法读取（程序的问题，不是您的文件的问题）' }] };
  const differences = comparePages(printed, expected);
  return { ...result, status: differences.length > 0 ? 'differs' : 'verified', compared: 'figures', notes, differences, diagnostics };
}

export interface VerifySummary {
  results: VerifyResult[];
  counts: Record<VerifyStatus, number>;
}

/** A PDF, or every PDF under a folder. */
export async function verifyPath(p: string, options: Omit<VerifyOptions, 'bytes'> = {}): Promise<VerifySummary> {
  const files = (await isFolder(p)) ? await pdfsUnder(p) : [p];
  const results: VerifyResult[] = [];
  for (const f of files) results.push(await verifyPdf(f === p ? f : path.normalize(f), options));
  const counts: Record<VerifyStatus, number> = { verified: 0, differs: 0, 'no-data': 0, unreadable: 0, 'set-missing': 0 };
  for (const r of results) counts[r.status]++;
  return { results, counts };
}

export { comparePages, figuresOf, type Difference } from './compare.js';
