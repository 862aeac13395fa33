import { deflateSync } from 'node:zlib';
import { jobOf } from '../job.js';
import { pdfkit } from '../runtime.js';
import type { Dict } from './internals.js';

/*
 * stringContent: pdfkit turned every content-stream operator (~30,000 per document: text, rules,
 *                 colours) into its own Buffer and concatenated them when the page ended. Operators
 *                 written as strings are kept as strings and turned into bytes once per run of
 *                 strings (same latin1 bytes, same /Length).
 */

// ── stringContent ──────────────────────────────────────────────────────────────────────────────

const writers: Writers = { selfWriting: [] };

interface FinalizingDoc {
  _offset: number;
  _security?: unknown;
  _write(data: unknown): void;
  _refEnd(ref: object): void;
}

interface PdfReference {
  id: number;
  gen: number;
  offset: number;
  buffer: Uint8Array[] | Buffer;
  data: Dict & { Length?: number };
  compress: boolean;
  uncompressedLength: number;
  document: object;
  write(chunk: unknown): void;
  finalize(): void;
}

function flushStrings(ref: PdfReference): void {
  const pending = jobOf(ref.document)?.pending.get(ref);
  if (pending?.length) {
    (ref.buffer as Uint8Array[]).push(Buffer.from(pending.join(''), 'latin1'));
    pending.length = 0;
  }
}

interface WritingDoc {
  _offset: number;
  _write(data: unknown): void;
  push(chunk: unknown, encoding?: BufferEncoding): boolean;
}

/** The document's strings not yet pushed, as one Buffer (the same latin1 bytes pdfkit makes of each). */
function flushDocument(doc: WritingDoc, pending: string[], push: WritingDoc['push']): void {
  if (!pending.length) return;
  const bytes = Buffer.from(pending.join(''), 'latin1');
  pending.length = 0;
  push.call(doc, bytes);
}

// ── fastObjects ────────────────────────────────────────────────────────────────────────────────

/*
 * pdfkit's PDFObject.convert, the text of every object's dictionary (a tagged document has ~4,000
 * structure elements, links, fonts, pages): the single most expensive JavaScript function left in
 * a render (16 ms of ~480, and 6.5 MB of its garbage). Written here with the same branches in the
 * same order and the same output (tested byte for byte), building one string instead of arrays
 * joined at every level. pdfkit's classes that write themselves are learned from a throwaway
 * document; an encrypted document (never ours) keeps pdfkit's own.
 */

const ESCAPABLE = /[\n\r\t\b\f()\\]/g;
const ESCAPED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\\': '\\\\', '(': '\\(', ')': '\\)' };
const pad = (n: number, length: number) => String(n).padStart(length, '0').slice(-length);

interface Writers {
  /** PDFAbstractReference, PDFTree and SpotColor: pdfkit writes them by their toString(). */
  selfWriting: object[];
}

function isSelfWriting(o: object, w: Writers): boolean {
  for (const proto of w.selfWriting) if (Object.prototype.isPrototypeOf.call(proto, o)) return true;
  return false;
}

/** A PDF text string: ASCII as it is, anything else UTF-16BE after a byte-order mark; then escaped. */
function textString(string: string): string {
  let unicode = false;
  for (let i = 0; i < string.length; i++)
    if (string.charCodeAt(i) > 0x7f) {
      unicode = true;
      break;
    }
  let binary: string;
  if (unicode) {
    const b = Buffer.from(`\ufeff${string}`, 'utf16le');
    b.swap16();
    binary = b.toString('binary');
  } else binary = Buffer.from(string, 'ascii').toString('binary');
  return `(${binary.replace(ESCAPABLE, (c) => ESCAPED[c]!)})`;
}

function pdfNumber(n: number): number {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
}

/** pdfkit's PDFObject.convert(object) without encryption. */
export function pdfObjectText(object: unknown, w: Writers): string {
  if (typeof object === 'string') return `/${object}`;
  if (typeof object === 'number') return `${pdfNumber(object)}`;
  if (object === null || typeof object !== 'object') return `${object as string}`;
  if (object instanceof String) return textString(object.valueOf());
  if (Buffer.isBuffer(object)) return `<${object.toString('hex')}>`;
  if (isSelfWriting(object, w)) return object.toString();
  if (object instanceof Date)
    return `(D:${pad(object.getUTCFullYear(), 4)}${pad(object.getUTCMonth() + 1, 2)}${pad(object.getUTCDate(), 2)}${pad(object.getUTCHours(), 2)}${pad(object.getUTCMinutes(), 2)}${pad(object.getUTCSeconds(), 2)}Z)`;
  if (Array.isArray(object)) {
    let out = '[';
    for (let i = 0; i < object.length; i++) out += (i ? ' ' : '') + pdfObjectText(object[i], w);
    return `${out}]`;
  }
  if (Object.prototype.toString.call(object) === '[object Object]') {
    let out = '<<';
    for (const key in object) out += `\n/${key} ${pdfObjectText((object as Dict)[key], w)}`;
    return `${out}\n>>`;
  }
  return `${object as unknown as string}`;
}

export function patchContentWrites(): void {
  // pdfkit writes every object as three or four strings, each made a Buffer and pushed through its
  // readable stream on its own (~16,000 for a tagged document); kept as strings and pushed once
  // per run instead. The offsets pdfkit counts are the same: one byte per UTF-16 unit ('binary').
  const docProto = pdfkit<{ prototype: WritingDoc }>().prototype;
  const { _write: docWrite, push } = docProto;
  docProto._write = function (this: WritingDoc, data) {
    const job = jobOf(this);
    if (!job?.has('stringContent')) return docWrite.call(this, data);
    if (Buffer.isBuffer(data)) {
      flushDocument(this, job.written, push);
      return docWrite.call(this, data);
    }
    const line = `${data as string}\n`;
    job.written.push(line);
    this._offset += line.length;
  };
  // before the stream's end (and anything pushed directly): what is still held
  docProto.push = function (this: WritingDoc, chunk, encoding) {
    const job = jobOf(this);
    if (job?.written.length) flushDocument(this, job.written, push);
    return push.call(this, chunk, encoding);
  };

  // PDFReference is not exported: every pdfkit document has one as its catalog (_root)
  const scratch = new (pdfkit<new (o: Dict) => { _root: PdfReference; addSpotColor(n: string, c: number, m: number, y: number, k: number): void; spotColors: Record<string, object> }>())({ autoFirstPage: false, font: null });
  const proto = Object.getPrototypeOf(scratch._root) as PdfReference;
  // the classes pdfkit writes by their toString(): references, name and number trees, spot colours
  const dests = ((scratch._root.data.Names as { data: Dict }).data.Dests ?? {}) as object;
  scratch.addSpotColor('gongkai', 0, 0, 0, 100);
  writers.selfWriting = [Object.getPrototypeOf(proto) as object, Object.getPrototypeOf(Object.getPrototypeOf(dests)) as object, Object.getPrototypeOf(scratch.spotColors.gongkai!) as object];
  const { write, finalize } = proto;
  // pdfkit: `chunk = Buffer.from(chunk + '\n', 'binary')`, one byte per UTF-16 unit
  proto.write = function (this: PdfReference, chunk) {
    const job = jobOf(this.document);
    if (typeof chunk !== 'string' || !job?.has('stringContent')) {
      flushStrings(this);
      return write.call(this, chunk);
    }
    const line = chunk + '\n';
    this.uncompressedLength += line.length;
    this.data.Length = (this.data.Length ?? 0) + line.length;
    if (this.compress) this.data.Filter = 'FlateDecode';
    let pending = job.pending.get(this);
    if (!pending) job.pending.set(this, (pending = []));
    pending.push(line);
  };
  proto.finalize = function (this: PdfReference) {
    flushStrings(this);
    const job = jobOf(this.document);
    // the print's own deflate level (a preview's fast one): deflated here, pdfkit then writes the
    // bytes as they are (its /Filter is already set by write)
    const level = job?.deflateLevel;
    if (level !== undefined && this.compress && Array.isArray(this.buffer) && this.buffer.length) {
      this.buffer = [deflateSync(Buffer.concat(this.buffer), { level })];
      this.compress = false;
    }
    const doc = this.document as FinalizingDoc;
    if (!job?.has('fastObjects') || doc._security) return finalize.call(this);
    // pdfkit's finalize, with the dictionary written by pdfObjectText
    this.offset = doc._offset;
    let bytes: Buffer | undefined;
    if ((this.buffer as Uint8Array[]).length) {
      bytes = Buffer.concat(this.buffer as Uint8Array[]);
      if (this.compress) bytes = deflateSync(bytes);
      this.data.Length = bytes.length;
    }
    doc._write(`${this.id} ${this.gen} obj`);
    doc._write(pdfObjectText(this.data, writers));
    if (bytes?.length) {
      doc._write('stream');
      doc._write(bytes);
      doc._write('\nendstream');
    }
    this.buffer = [];
    doc._write('endobj');
    doc._refEnd(this);
  };
}