import type { Annotations } from './annotate.js';
import type { ArchiveInput } from './hooks/archive.js';
import type { Pen } from './patches/lines.js';
import type { LaidPage, PageNumbering, StructElement } from './types.js';
import { activeWraps, disabledByEnv, type WrapName } from './versions.js';

/*
 * One print's state. pdfmake's classes are shared by every document of the process, so a wrapped
 * method finds its document's job through the objects pdfmake hands it: the document definition's
 * content (layoutDocument's first argument), then the pdfkit document every later step holds
 * (`this.pdfDocument`, `this.document`, `this.docMeasure.pdfDocument`). `bind` is that way in —
 * the one module-level table, a WeakMap that holds no state of its own; everything a print
 * changes or collects lives on its Job and dies with it.
 */

/** What the tags and the completeness check need from the layout's tagging (complete.ts). */
export interface TaggedInput {
  structure: StructElement;
  /** Text nodes' numbers, by node (the definition's own objects). */
  numberOf: WeakMap<object, number>;
  nodes: ReadonlyArray<{ repeats: boolean }>;
}

export interface PrintOptions {
  /** Printed page numbers: the 目录's numbers and the page labels. */
  numbering?: PageNumbering;
  /** The document's text nodes and structure (complete.ts tagContent). */
  tagged?: TaggedInput;
  /** The document's notes on its nodes (annotate.ts): the 目录's page numbers and leaders are read from them. */
  annotations?: Annotations;
  /**
   * PDF/A-3 with files inside (hooks/archive.ts): the OutputIntent's profile, the associated
   * files, our XMP properties. Without it, no PDF/A claim.
   */
  archive?: ArchiveInput;
  /**
   * Conformance claimed beside PDF/A: `pdfua` adds pdfuaid:part 1 — only to a document tagged by
   * the tags hook (say it only of what is conformant).
   */
  claims?: { pdfua?: boolean };
  /** Wraps switched off for this print (diagnosis, or comparing with stock pdfmake). */
  disable?: Iterable<WrapName>;
  /** Measuring (the benchmarks): told when pdfmake's layout and its drawing began and ended, by the caller's clock. */
  observe?: PhaseObserver;
  /**
   * zlib level for the streams pdfkit deflates (its own default, 6, without). A preview on screen
   * takes a fast level: other bytes, the same pages.
   */
  deflateLevel?: number;
}

export interface PhaseObserver {
  clock(): number;
  phase(name: 'layout' | 'draw', start: number, end: number): void;
}

/** A merged run being drawn: layout() answers it from the parts' own layouts (patches/render-line.ts). */
export interface DrawingRun {
  font: object;
  text: string;
  run: unknown;
}

export class Job {
  readonly on: ReadonlySet<WrapName>;
  readonly numbering: PageNumbering | undefined;
  readonly tagged: TaggedInput | undefined;
  readonly annotations: Annotations | undefined;
  readonly observe: PhaseObserver | undefined;
  readonly archive: ArchiveInput | undefined;
  readonly claims: { pdfua?: boolean };
  readonly deflateLevel: number | undefined;
  /** Text nodes that may be printed more than once (repeated table headers). */
  readonly repeats: Set<number>;

  /** The definition asks for a tagged PDF (and the layout gave its structure). */
  taggedPdf = false;
  /** The laid-out pages, as the checks read them (hooks/pages.ts). */
  laid: LaidPage[] | undefined;
  pageCount = 0;
  /** Merged runs on the line being drawn (mergeInlines). */
  drawing: DrawingRun[] | undefined;
  /** The fill state lineText last set on a page, while nothing else has written to it (patches/lines.ts). */
  pen: Pen | undefined;
  /** lineText is writing: its own operators do not make it forget the pen. */
  penWriting = false;
  /** Table rules not yet drawn (mergeRules). */
  rules: unknown;
  /** Structure elements by text node number, while the pages are drawn (tags). */
  leaves: Map<number, { el: { add(child: unknown): void }; type: string }> | undefined;
  /** What each 目录 link leads to (its entry's title), by anchor id: the links' /Contents. */
  readonly linkTexts = new Map<string, string>();
  /** The page a repeated header's node was first drawn on. */
  readonly seen = new Map<number, object>();
  /** Resolved styles per TextInlines (fastStyles). */
  readonly measuring = new WeakMap<object, unknown>();
  /** The document's own writes not yet pushed to its stream (stringContent). */
  readonly written: string[] = [];
  /** Content-stream strings not yet turned into bytes, per stream (stringContent). */
  readonly pending = new WeakMap<object, string[]>();

  constructor(options: PrintOptions = {}) {
    this.on = activeWraps([...(options.disable ?? []), ...disabledByEnv()]);
    this.numbering = options.numbering;
    this.tagged = options.tagged;
    this.annotations = options.annotations;
    this.observe = options.observe;
    this.archive = options.archive;
    this.claims = options.claims ?? {};
    this.deflateLevel = options.deflateLevel;
    this.repeats = new Set();
    options.tagged?.nodes.forEach((n, i) => {
      if (n.repeats) this.repeats.add(i);
    });
  }

  has(wrap: WrapName): boolean {
    return this.on.has(wrap);
  }
}

const jobs = new WeakMap<object, Job>();

/** The job printing with this library object (the definition's content, the pdfkit document, a font or stream of it). */
export function jobOf(o: object | null | undefined): Job | undefined {
  return o ? jobs.get(o) : undefined;
}

export function bind(o: object, job: Job): void {
  jobs.set(o, job);
}

/** Is this wrap on for the job of `o`? (No job: a document not printed by print() gets stock pdfmake.) */
export function on(o: object | null | undefined, wrap: WrapName): boolean {
  return jobOf(o)?.has(wrap) ?? false;
}
