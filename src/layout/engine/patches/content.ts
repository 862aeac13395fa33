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

export function patchContentWrites(): void {
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