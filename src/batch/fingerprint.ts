import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/index.js';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { packageRoot } from '../load/root.js';
import { choiceKey, type SetChoice } from '../pipeline/set-choice.js';
import { World } from '../pipeline/world.js';
import { worldPaths } from '../pipeline/world-inputs.js';

/*
 * What an output PDF depends on besides its data file is the World's key (pipeline/world.ts):
 * the tool, its template set's files, the fonts, the catalogues, the import layouts — one list
 * (pipeline/world-inputs.ts), the same the startup snapshot's key is made from. A department
 * whose data and environment fingerprint are unchanged since its last PDF is skipped.
 */

export async function toolVersion(root = packageRoot()): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

/** Fingerprints of the environment, per template set: the World's key, computed once per batch. */
export class Fingerprints {
  private readonly world: World;
  constructor(root = packageRoot()) {
    this.world = new World(worldPaths(root));
  }
  /**
   * The fingerprint of everything a document of template set `name` depends on but its data;
   * with the run's choice of set, when it made one (a --template-set or the project's set changed
   * means the documents are made again).
   */
  async environment(name: string, choice: SetChoice = {}): Promise<string> {
    const key = await this.world.key(name);
    const chosen = choiceKey(choice);
    return chosen ? `${key}\0${chosen}` : key;
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
