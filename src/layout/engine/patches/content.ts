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

interface PdfReference {
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
  const proto = Object.getPrototypeOf(new (pdfkit<new (o: Dict) => { _root: PdfReference }>())({ autoFirstPage: false, font: null })._root) as PdfReference;
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
    // the print's own deflate level (a preview's fast one): deflated here, pdfkit then writes the
    // bytes as they are (its /Filter is already set by write)
    const level = jobOf(this.document)?.deflateLevel;
    if (level !== undefined && this.compress && Array.isArray(this.buffer) && this.buffer.length) {
      this.buffer = [deflateSync(Buffer.concat(this.buffer), { level })];
      this.compress = false;
    }
    return finalize.call(this);
  };
}