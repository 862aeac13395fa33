/*
 * A PDF read back with pdf.js — the parser gongkai trusts for this (the tests read every PDF
 * with it too): the XMP properties gongkai recorded, the embedded files, each page's text as a
 * reader's copy gives it. pdf.js is loaded on first use: no other command pays for it.
 */

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;
const load = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

export interface ReadBack {
  /** gongkai's XMP properties (namespace prefix `gongkai:`), by name as written (lower case: pdf.js folds them). */
  recorded: Record<string, string>;
  /** The information dictionary's creation date. */
  created?: Date;
  /** Embedded files by name. */
  files: Map<string, Uint8Array>;
}

type PdfDoc = Awaited<ReturnType<Awaited<ReturnType<typeof load>>['getDocument']>['promise']>;

/** `read` over the opened PDF; undefined when pdf.js cannot open it, or reading it fails. */
async function opened<T>(bytes: Uint8Array, read: (doc: PdfDoc) => Promise<T>): Promise<T | undefined> {
  const { getDocument } = await load();
  let doc: PdfDoc;
  try {
    doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  } catch {
    return undefined;
  }
  try {
    return await read(doc);
  } catch {
    return undefined;
  } finally {
    await doc.destroy();
  }
}

/**
 * What the PDF records and carries; undefined when pdf.js cannot open it at all. Its pages' text is
 * not read here: a PDF the same bytes as the one made again needs none (pageTexts, when it differs).
 */
export function readBack(bytes: Uint8Array): Promise<ReadBack | undefined> {
  return opened(bytes, async (doc) => {
    const meta = await doc.getMetadata().catch(() => undefined);
    const recorded: Record<string, string> = {};
    const xmp = meta?.metadata;
    if (xmp) for (const [k, v] of xmp) if (k.startsWith('gongkai:') && typeof v === 'string') recorded[k.slice('gongkai:'.length)] = v;
    const info = (meta?.info ?? {}) as { CreationDate?: unknown };
    const created = typeof info.CreationDate === 'string' ? pdfDate(info.CreationDate) : undefined;
    const attached = ((await doc.getAttachments().catch(() => null)) ?? {}) as Record<string, { filename: string; content: Uint8Array }>;
    const files = new Map<string, Uint8Array>();
    for (const a of Object.values(attached)) files.set(a.filename, a.content);
    return { recorded, ...(created ? { created } : {}), files };
  });
}

/** Each page's text runs, as pdf.js extracts them. */
export function pageTexts(bytes: Uint8Array): Promise<string[][] | undefined> {
  return opened(bytes, async (doc) => {
    const pages: string[][] = [];
    for (let i = 1; i <= doc.numPages; i++) pages.push(await pageItems(doc, i));
    return pages;
  });
}

async function pageItems(doc: { getPage(n: number): Promise<{ getTextContent(): Promise<{ items: unknown[] }> }> }, n: number): Promise<string[]> {
  const page = await doc.getPage(n);
  const content = await page.getTextContent();
  return content.items.map((it) => (it && typeof it === 'object' && 'str' in it ? String((it as { str: unknown }).str) : '')).filter((s) => s !== '');
}

/** D:YYYYMMDDHHmmSS(Z|±HH'mm') → Date. */
export function pdfDate(s: string): Date | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|([+-])(\d{2})'?(\d{2})?'?)?/.exec(s);
  if (!m) return undefined;
  const n = (i: number, d: number) => (m[i] ? Number(m[i]) : d);
  let t = Date.UTC(n(1, 0), n(2, 1) - 1, n(3, 1), n(4, 0), n(5, 0), n(6, 0));
  if (m[8]) t -= (m[8] === '-' ? -1 : 1) * (n(9, 0) * 60 + n(10, 0)) * 60_000;
  return new Date(t);
}
