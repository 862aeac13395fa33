import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics/index.js';
import { processWorld, renewProcessWorld, run, type RunResult, type SetChoice, type World } from '../pipeline/index.js';
import type { RenderJob } from './scheduler.js';

/*
 * One preview render: the composition every route uses (pipeline/compose.ts), with the 草稿
 * watermark. Templates and fonts stay warm in the process's World unless a template or font
 * change asks for a new one. Between steps the job may find it has been superseded and stop:
 * its result would be dropped anyway. The PDF is a preview's (run's `preview`): the published
 * file's pages without what only publishing needs. A save that changed nothing (the same bytes,
 * the same World, date and set) gets the PDF it already had, without a check or a render.
 */

export type PreviewRender =
  | { kind: 'ok'; pdf: Buffer; pages: number; diagnostics: Diagnostic[]; templateSet: string; ms: number }
  /** Nothing printable: the last good PDF stays on screen, these are shown over it. */
  | { kind: 'error'; diagnostics: Diagnostic[]; templateSet?: string; ms: number }
  /** Given up between stages because a newer change arrived (never published). */
  | { kind: 'superseded' };

export interface PreviewRenderOptions {
  /** The date printed in the 草稿 mark, 'YYYY-MM-DD'. */
  date: string;
  /** Reload template set and fonts (a template, theme or font file changed). */
  fresh: boolean;
  isCurrent: RenderJob['isCurrent'];
  /** The run's choice of template set (preview --template-set, the project's), beside the data's own. */
  set?: SetChoice;
  /** The renderer's memory of its last PDF, to answer a save without a change from it. */
  memo?: PreviewMemo;
}

/** The last PDF a renderer made, and what it was made of. */
export interface PreviewMemo {
  last?: { world: World; key: string; result: Extract<PreviewRender, { kind: 'ok' }> };
}

/** What a render depends on besides the World: the data file's bytes, the 草稿 date, the set chosen. */
function inputKey(bytes: Uint8Array, options: PreviewRenderOptions): string {
  return createHash('sha256').update(bytes).update(`\0${options.date}\0${JSON.stringify(options.set ?? null)}`).digest('hex');
}

/** Today in local time as YYYY-MM-DD: the preview's 草稿 date (the preview is not the deterministic product). */
export function today(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export async function renderPreview(file: string, options: PreviewRenderOptions): Promise<PreviewRender> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  // a template, theme or font file changed: a new World reads them again
  const world = options.fresh ? renewProcessWorld() : processWorld();
  // read once here: the key and the check see the same bytes (an unreadable file is the check's to say)
  const bytes = await readFile(file).catch(() => undefined);
  const key = bytes && inputKey(bytes, options);
  const last = options.memo?.last;
  if (last && key && last.key === key && last.world === world) return { ...last.result, ms: ms() };
  let r: RunResult | undefined;
  try {
    // data that only fails the audit is normal while drafting: it is shown, marked 未通过审核
    // like build --force, the errors beside it
    r = await run(world, { file, ...(bytes ? { bytes } : {}) }, { force: true, draft: { date: options.date }, preview: true, isCurrent: options.isCurrent, ...(options.set ? { set: options.set } : {}) });
  } catch (err) {
    // A template being edited is often broken for a moment (unreadable JSON, a Handlebars syntax
    // error): say so over the last good PDF rather than stopping the preview.
    return { kind: 'error', diagnostics: [failure(err)], ms: ms() };
  }
  if (r.refused === 'superseded') return { kind: 'superseded' };
  const templateSet = r.checked.data?.templateSet;
  // unreadable or invalid data prints nothing: the last good PDF stays on screen
  if (r.refused || !r.bytes) return { kind: 'error', diagnostics: r.diagnostics, templateSet, ms: ms() };
  const made = { kind: 'ok' as const, pdf: r.bytes, pages: r.pages ?? 0, diagnostics: r.diagnostics, templateSet: templateSet!, ms: ms() };
  if (options.memo) options.memo.last = key ? { world, key, result: made } : undefined;
  return made;
}

function failure(err: unknown): Diagnostic {
  const e = err instanceof Error ? err : new Error(String(err));
  return { file: '', path: '', rule: 'render-failed', severity: 'error', message: `无法生成 PDF：${e.message}` };
}
