import { TemplateError } from './handlebars.js';

/*
 * The rendered document is plain text in a small block language: every block starts on its own
 * line with `::kind`, the rest of the line (and any following lines without `::`) is its text.
 * The templates own the words and the order; the layout stage owns how each kind looks.
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

export interface Block {
  kind: BlockKind;
  text: string;
  /** 1-based line in the rendered text, for error messages. */
  line: number;
}

const KINDS = new Set<string>(BLOCK_KINDS);
const DIRECTIVE = /^::([a-z0-9-]+)(?:\s(.*))?$/;

export function parseBlocks(rendered: string, source = 'document.hbs'): Block[] {
  const blocks: Block[] = [];
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
    // a data paragraph with a line break continues its block
    if (!last) throw new TemplateError(source, undefined, `渲染结果第${i + 1}行不属于任何块：“${line.slice(0, 30)}”`);
    last.text = last.text ? `${last.text}\n${line}` : line;
  }
  return blocks;
}

/** `**bold**` inside a block's text → runs; the only inline markup the templates use. */
export function inlineRuns(text: string): Array<{ text: string; bold?: boolean }> {
  const runs: Array<{ text: string; bold?: boolean }> = [];
  const parts = text.split('**');
  parts.forEach((part, i) => {
    if (part === '') return;
    runs.push(i % 2 === 1 ? { text: part, bold: true } : { text: part });
  });
  return runs;
}
