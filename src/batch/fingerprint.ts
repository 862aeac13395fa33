import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/index.js';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { resolveFontRoles } from '../load/font-set.js';
import { packageRoot } from '../load/root.js';
import { templateSetDir } from '../load/templates.js';

/*
 * What an output PDF depends on besides its data file: the tool's version, every file of the
 * template set, the font role map and the identity (path, size, mtime) of each resolved font
 * file. A department whose data and environment fingerprint are unchanged since its last PDF is
 * skipped. Font identity is read from the file system and the fonts' header tables only, never
 * their 10–15 MB of bytes.
 */

export async function toolVersion(root = packageRoot()): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

async function fontsIdentity(root: string): Promise<string> {
  const h = createHash('sha256');
  try {
    h.update(await readFile(path.join(root, 'fonts', 'roles.json')));
    const resolved = await resolveFontRoles(root);
    for (const r of resolved) {
      if (!r.file) {
        h.update(`${r.role}\0missing\n`);
        continue;
      }
      const s = await stat(r.file.path);
      h.update(`${r.role}\0${r.file.path}\0${s.size}\0${s.mtimeMs}\n`);
    }
  } catch (e) {
    // unreadable role map: no skip can be trusted, and the render will report why
    h.update(`error\0${(e as Error).message}\0${Date.now()}`);
  }
  return h.digest('hex');
}

async function templateSetHash(name: string, root: string): Promise<string> {
  const h = createHash('sha256');
  h.update(`set\0${name}\n`);
  const dir = templateSetDir(name, root);
  const files = (await fg('**/*', { cwd: dir, onlyFiles: true, dot: true, suppressErrors: true, followSymbolicLinks: false })).sort();
  for (const f of files) {
    h.update(`${f}\0`);
    h.update(await readFile(path.join(dir, f)));
    h.update('\n');
  }
  return h.digest('hex');
}

/** Fingerprints of the environment, per template set; computed once per batch. */
export class Fingerprints {
  private readonly base: Promise<string>;
  private readonly sets = new Map<string, Promise<string>>();
  constructor(private readonly root = packageRoot()) {
    // the PDF's date may come from the build (SOURCE_DATE_EPOCH): another date, other bytes
    this.base = Promise.all([toolVersion(root), fontsIdentity(root)]).then(([v, f]) => `gongkai@${v}\0${f}\0date=${process.env.SOURCE_DATE_EPOCH ?? ''}`);
  }
  /** The fingerprint of everything a document of template set `name` depends on but its data. */
  environment(name: string): Promise<string> {
    let hit = this.sets.get(name);
    if (!hit) {
      hit = Promise.all([this.base, templateSetHash(name, this.root)]).then(([b, t]) => createHash('sha256').update(`${b}\0${t}`).digest('hex'));
      this.sets.set(name, hit);
    }
    return hit;
  }
}

/** The content hash of one department: its data bytes plus the environment fingerprint. */
export function documentHash(dataBytes: Buffer, environment: string): string {
  return createHash('sha256').update(environment).update('\0').update(dataBytes).digest('hex');
}

/** `out/2026/X.pdf` → `out/2026/.X.pdf.hash`: the record of what the PDF was made from. */
export function hashFilePath(pdf: string): string {
  return path.join(path.dirname(pdf), `.${path.basename(pdf)}.hash`);
}

export interface HashRecord {
  /** What the PDF was made from: data bytes + environment (documentHash). */
  hash: string;
  pages?: number;
  /** Size and sha256 of the PDF as written: a PDF changed or truncated since is rendered again. */
  bytes?: number;
  pdf?: string;
  version?: string;
  /**
   * sha256 of the data bytes alone, the template set and the year: a workbook whose bytes are
   * unchanged is known without being read again (its template set and name are inside it).
   */
  data?: string;
  templateSet?: string;
  year?: number;
  /** The data file's absolute path: a failed or renamed department's old PDF is found by it. */
  source?: string;
  /** Its warnings when it was made: a skipped department reports them as a rendered one does. */
  warnings?: number;
  warningList?: Diagnostic[];
}

/** sha256 of a data file's bytes. */
export function dataHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every hash record under outDir, with its PDF: what earlier runs made, and from what. */
export async function hashRecordsUnder(outDir: string): Promise<Array<{ pdf: string; record: HashRecord }>> {
  const files = await fg('**/.*.pdf.hash', { cwd: outDir, dot: true, onlyFiles: true, suppressErrors: true, followSymbolicLinks: false });
  const found: Array<{ pdf: string; record: HashRecord }> = [];
  for (const f of files.sort()) {
    const pdf = path.join(outDir, path.dirname(f), path.basename(f).slice(1, -'.hash'.length));
    const record = await readHashRecord(pdf);
    if (record) found.push({ pdf, record });
  }
  return found;
}

/** Is the PDF on disk still the one the record describes (same size, same sha256)? */
export async function pdfMatchesRecord(pdf: string, rec: HashRecord): Promise<boolean> {
  if (rec.bytes === undefined || rec.pdf === undefined) return false;
  try {
    const s = await stat(pdf);
    if (!s.isFile() || s.size !== rec.bytes) return false;
    return createHash('sha256').update(await readFile(pdf)).digest('hex') === rec.pdf;
  } catch {
    return false;
  }
}

export async function readHashRecord(pdf: string): Promise<HashRecord | undefined> {
  try {
    const rec = JSON.parse(await readFile(hashFilePath(pdf), 'utf8')) as HashRecord;
    return typeof rec.hash === 'string' ? rec : undefined;
  } catch {
    return undefined;
  }
}
