import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';

/*
 * Content hashes of the startup snapshot's inputs, remembered between processes. The snapshot key
 * is computed before every one-shot command, and its inputs weigh ~230 MB (the Noto fonts alone
 * ~215 MB): hashing them each start would cost more than the snapshot saves. So a file's SHA-256
 * is kept in a cache file beside the snapshots and reused while the file is, as far as the
 * file system can tell, the same file: same size, modification AND change time (ctime: set by the
 * kernel on every write, rename or utimes, never settable back by a program — a copy, an
 * `npm pack` round trip or a re-install that keeps old mtimes still gets new ctimes), same inode
 * and device. That is git's index rule, with git's answer to "racily clean" files: a file changed
 * within RACY_MS of being hashed is hashed again next time, as a second write within the file
 * system's time resolution would not show in its times.
 *
 * The cache is our own file, checked by hand rather than with zod: this runs before the command
 * is imported (cli/index.ts), where loading a module costs more than the whole key. A cache that
 * does not parse, has another shape or fails its own checksum is dropped whole — a hash is
 * recomputed, never trusted from a damaged file.
 */

const FORMAT = 1;
/** Coarser than any file system's time resolution in use (FAT: 2 s). */
export const RACY_MS = 3000;
/** Entries kept for files this process did not ask about (another install sharing the cache). */
const KEEP_OTHERS = 4096;

type Entry = [identity: string, sha256: string];

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

// milliseconds as fractions: microseconds kept, enough for every file system's times (a bigint
// stat, to the nanosecond, costs three times as much on the ~330 files of each start)
function identity(st: Stats): string {
  return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}:${st.dev}`;
}

/** A cache file's text: its checksum, then the entries, one JSON line each. */
export function formatHashCache(entries: Record<string, Entry>): string {
  const body = JSON.stringify({ format: FORMAT, entries });
  return `${sha256(body)}\n${body}`;
}

/** The entries of a cache file's text, or none when anything about it is off. */
export function parseHashCache(text: string): Map<string, Entry> {
  const none = new Map<string, Entry>();
  const nl = text.indexOf('\n');
  if (nl !== 64 || sha256(text.slice(nl + 1)) !== text.slice(0, nl)) return none;
  let doc: unknown;
  try {
    doc = JSON.parse(text.slice(nl + 1));
  } catch {
    return none;
  }
  if (typeof doc !== 'object' || doc === null) return none;
  const { format, entries } = doc as Record<string, unknown>;
  if (format !== FORMAT || typeof entries !== 'object' || entries === null || Array.isArray(entries)) return none;
  const out = new Map<string, Entry>();
  for (const [file, e] of Object.entries(entries)) {
    if (!Array.isArray(e) || e.length !== 2 || typeof e[0] !== 'string' || typeof e[1] !== 'string' || !/^[0-9a-f]{64}$/.test(e[1])) return none;
    out.set(file, [e[0], e[1]]);
  }
  return out;
}

export interface HashStats {
  /** Files read and hashed this time, and their bytes. */
  hashed: number;
  bytes: number;
}

export class ContentHashes {
  private readonly known: Map<string, Entry>;
  private readonly used = new Map<string, Entry>();
  /** Stats taken by unhashedBytes, used once by hash (before the command every stat counts). */
  private readonly seen = new Map<string, Stats>();
  private changed = false;
  readonly stats: HashStats = { hashed: 0, bytes: 0 };

  /** `file`: the cache file (undefined: remember nothing); `now`: the clock racy files are judged by. */
  constructor(
    private readonly file: string | undefined,
    private readonly now: () => number = Date.now,
  ) {
    let text: string | undefined;
    try {
      text = file ? readFileSync(file, 'utf8') : undefined;
    } catch {
      // no cache yet
    }
    this.known = text === undefined ? new Map() : parseHashCache(text);
    if (text !== undefined && this.known.size === 0 && text.trim() !== '') this.changed = true; // damaged: written again
  }

  /** How many bytes `hash` would read for these files (those not known by their times). */
  unhashedBytes(files: readonly string[]): number {
    let n = 0;
    for (const f of files) {
      try {
        const st = statSync(f);
        this.seen.set(f, st);
        if (this.known.get(f)?.[0] !== identity(st)) n += st.size;
      } catch {
        // an absent file is not read
      }
    }
    return n;
  }

  /** The SHA-256 of a file's bytes, or undefined when it cannot be read. */
  hash(file: string): string | undefined {
    let st = this.seen.get(file);
    this.seen.delete(file);
    try {
      st ??= statSync(file);
    } catch {
      return undefined;
    }
    const id = identity(st);
    const had = this.known.get(file);
    if (had && had[0] === id) {
      this.used.set(file, had);
      return had[1];
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return undefined;
    }
    const h = sha256(bytes);
    this.stats.hashed++;
    this.stats.bytes += bytes.length;
    // a file without a change time (some FAT volumes) or changed just now is not remembered
    const recent = this.now() - RACY_MS;
    if (st.ctimeMs > 0 && st.mtimeMs < recent && st.ctimeMs < recent && identity(statSync(file)) === id) {
      this.used.set(file, [id, h]);
      this.changed = true;
    } else if (had) {
      this.changed = true; // the stale entry goes
      this.known.delete(file);
    }
    return h;
  }

  /** Writes the cache when it learnt something (atomically: a reader sees the old or the new file). */
  save(): void {
    if (!this.file || !this.changed) return;
    const entries: Record<string, Entry> = {};
    const others = [...this.known].filter(([f]) => !this.used.has(f));
    for (const [f, e] of others.length + this.used.size > KEEP_OTHERS ? [] : others) entries[f] = e;
    for (const [f, e] of this.used) entries[f] = e;
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileSync(tmp, formatHashCache(entries));
      renameSync(tmp, this.file);
      this.changed = false;
    } catch {
      // a read-only cache folder: hashed again next time
      try {
        unlinkSync(tmp);
      } catch {
        // never written
      }
    }
  }
}
