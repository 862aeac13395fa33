import { on } from '../job.js';
import { pdfkit } from '../runtime.js';

/**
 * pdfkit writes the document information into its XMP packet as it is: a title with `&` or `<`
 * (a department's name can hold them) would make the packet malformed XML. Escaped there only;
 * the information dictionary keeps the text as written.
 */
export function installXmpHook(): void {
  const PDFKit = pdfkit<{ prototype: { _addInfo(): void; info: Record<string, unknown> } }>();
  const add = PDFKit.prototype._addInfo;
  const esc = (v: unknown) => (v === undefined || v === null || v instanceof Date ? v : String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  PDFKit.prototype._addInfo = function (this: { info: Record<string, unknown> }) {
    if (!on(this, 'xmp')) return add.call(this);
    const info = this.info;
    this.info = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, esc(v)]));
    try {
      add.call(this);
    } finally {
      this.info = info;
    }
  };
}

