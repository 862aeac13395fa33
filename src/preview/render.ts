import { hasErrors, type Diagnostic } from '../diagnostics/index.js';
import { checkDataFile, environment, renderToPdf } from '../pipeline/index.js';
import type { RenderJob } from './scheduler.js';

/*
 * One preview render: check the data file (load → validate → derive → audit), then — only if
 * there is no error — render it with the 草稿 watermark. Templates and fonts stay warm in the
 * process (`environment`) unless a template or font change asks for them to be reloaded. Between
 * stages the job may find it has been superseded and stop: its result would be dropped anyway.
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
}

/** Today in local time as YYYY-MM-DD: the preview's 草稿 date (the preview is not the deterministic product). */
export function today(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export async function renderPreview(file: string, options: PreviewRenderOptions): Promise<PreviewRender> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const checked = await checkDataFile(file);
  const diagnostics = [...checked.diagnostics];
  const templateSet = checked.data?.templateSet;
  // unreadable or invalid data prints nothing; data that only fails the audit is normal while
  // drafting: it is shown, marked 未通过审核 like build --force, the errors beside it
  if (!checked.data || !checked.derived) return { kind: 'error', diagnostics, templateSet, ms: ms() };
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (!options.isCurrent()) return { kind: 'superseded' };

  try {
    const { env, diagnostics: envDiagnostics } = await environment(checked.data.templateSet, { fresh: options.fresh });
    diagnostics.push(...envDiagnostics);
    if (!env) return { kind: 'error', diagnostics, templateSet, ms: ms() };
    if (!options.isCurrent()) return { kind: 'superseded' };

    const rendered = await renderToPdf(checked.data, checked.derived, env, file, { draft: { date: options.date }, ...(errors ? { forced: { errors } } : {}) });
    diagnostics.push(...rendered.diagnostics);
    if (hasErrors(rendered.diagnostics) || rendered.pdf.length === 0) return { kind: 'error', diagnostics, templateSet, ms: ms() };
    return { kind: 'ok', pdf: rendered.pdf, pages: rendered.pages, diagnostics, templateSet: checked.data.templateSet, ms: ms() };
  } catch (err) {
    // A template being edited is often broken for a moment (unreadable JSON, a Handlebars syntax
    // error): say so over the last good PDF rather than stopping the preview.
    diagnostics.push(failure(err));
    return { kind: 'error', diagnostics, templateSet, ms: ms() };
  }
}

function failure(err: unknown): Diagnostic {
  const e = err instanceof Error ? err : new Error(String(err));
  return { file: '', path: '', rule: 'render-failed', severity: 'error', message: `无法生成 PDF：${e.message}` };
}
