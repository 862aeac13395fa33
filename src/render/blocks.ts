import { TemplateError } from './handlebars.js';
import { unseal } from './text.js';

/*
 * The templates write the document in a small block language: every block starts on its own
 * line with `::kind`, the rest of the line (and any following lines without `::`) is its text,
 * and `**…**` marks a bold run. The render stage parses it once into structured blocks — kind,
 * runs of text, plain text — and the layout stage never parses text again. Data strings reach
 * the parser sealed (see text.ts), so only the templates can write structure; a newline inside
 * a data string starts a new paragraph in a paragraph block (`p`, `letter-p`) and a new line
 * anywhere else.
 */

export const BLOCK_KINDS = [
  'cover-name',
  'cover-alt',
  'cover-title',
  'toc-title',
  'toc',
  'part',
  'h1',
  'h2',
  'h3',
  'p',
  'li',
  'li-more',
  'center',
  'table',
  'chart',
  'sheets',
  'pagebreak',
  'letter-issuer',
  'letter-number',
  'letter-title',
  'letter-to',
  'letter-p',
  'letter-attach',
  'letter-attach-more',
  'letter-sign',
  'letter-date',
  'letter-note',
] as const;

export type BlockKind = (typeof BLOCK_KINDS)[number];

export interface Run {
  text: string;
  bold?: boolean;
}

export interface Block {
  kind: BlockKind;
  /** The printed text, plain (runs joined); for `table` and `chart`, the template's argument. */
  text: string;
  /** The text as runs of one style each. */
  runs: Run[];
  /** 1-based line in the rendered text, for error messages. */
  line: number;
}

/** Block kinds whose data line breaks start a new paragraph of the same kind. */
const PARAGRAPHS: ReadonlySet<BlockKind> = new Set(['p', 'li', 'li-more', 'letter-p']);
/** A list item's later paragraphs continue the item. */
const CONTINUED: Partial<Record<BlockKind, BlockKind>> = { li: 'li-more' };

const KINDS = new Set<string>(BLOCK_KINDS);
const DIRECTIVE = /^::([a-z0-9-]+)(?:\s(.*))?$/;

interface RawBlock {
  kind: BlockKind;
  text: string;
  line: number;
}

/** Rendered (sealed) text → blocks with their runs, unsealed; paragraphs split at data line breaks. */
export function parseBlocks(rendered: string, source = 'document.hbs'): Block[] {
  const out: Block[] = [];
  for (const raw of splitBlocks(rendered, source)) {
    const runs = inlineRuns(raw.text).map((r) => ({ ...r, text: unseal(r.text) }));
    if (!PARAGRAPHS.has(raw.kind)) {
      out.push({ kind: raw.kind, text: runs.map((r) => r.text).join(''), runs, line: raw.line });
      continue;
    }
    splitParagraphs(runs).forEach((para, i) => out.push({ kind: i > 0 ? (CONTINUED[raw.kind] ?? raw.kind) : raw.kind, text: para.map((r) => r.text).join(''), runs: para, line: raw.line }));
  }
  return out;
}

/** Runs → one list of runs per paragraph, split at line breaks; empty paragraphs dropped. */
function splitParagraphs(runs: Run[]): Run[][] {
  const paras: Run[][] = [[]];
  for (const r of runs) {
    r.text.split('\n').forEach((piece, i) => {
      if (i > 0) paras.push([]);
      if (piece !== '') paras[paras.length - 1]!.push(r.bold ? { text: piece, bold: true } : { text: piece });
    });
  }
  return paras.filter((p) => p.some((r) => r.text.trim() !== ''));
}

function splitBlocks(rendered: string, source: string): RawBlock[] {
  const blocks: RawBlock[] = [];
  const lines = rendered.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.trim();
    if (line === '') continue;
    const m = DIRECTIVE.exec(line);
    if (m && KINDS.has(m[1]!)) {
      blocks.push({ kind: m[1] as BlockKind, text: (m[2] ?? '').trim(), line: i + 1 });
      continue;
    }
    if (m) throw new TemplateError(source, undefined, `未知的块类型“::${m[1]}”（渲染结果第${i + 1}行）`);
    const last = blocks[blocks.length - 1];
    // a template line without a directive continues the block before it
    if (!last) throw new TemplateError(source, undefined, `渲染结果第${i + 1}行不属于任何块：“${unseal(line.slice(0, 30))}”`);
    last.text = last.text ? `${last.text}\n${line}` : line;
  }
  return blocks;
}

/** `**bold**` inside a block's text → runs; the only inline markup the templates use. */
export function inlineRuns(text: string): Run[] {
  const runs: Run[] = [];
  const parts = text.split('**');
  parts.forEach((part, i) => {
    if (part === '') return;
    runs.push(i % 2 === 1 ? { text: part, bold: true } : { text: part });
  });
  return runs;
}
