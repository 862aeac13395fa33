import type { Diagnostic } from '../diagnostics/index.js';
import { at } from '../diagnostics/place.js';
import { DEFAULT_TEMPLATE_SET } from '../schema/default-set.js';

/*
 * Which template set a document is printed with. In order:
 *
 *   1. the run's own choice (--template-set, or `set.override` from the library): every data
 *      file of the run, whatever it names — a data file that names another set is told so;
 *   2. the data's `templateSet` (a 填报表's 模板集 cell): the document's own statement, so a file
 *      prints the same wherever it is built;
 *   3. the project's `templateSet` (gongkai.config.json): for data that names none;
 *   4. the shipped default.
 *
 * The data field comes before the project's because `init` writes the project's set into every
 * file it makes: a file naming another set was given it on purpose, or comes from elsewhere.
 */

/** What the run says about the set, besides the data. */
export interface SetChoice {
  /** The set for every data file of the run (--template-set). */
  override?: string;
  /** The set for data that names none (the project's gongkai.config.json). */
  fallback?: string;
}

/** The set a document uses, given what its data names (undefined or '' when it names none). */
export function chooseSet(named: string | undefined, choice: SetChoice = {}): string {
  return choice.override ?? (named || undefined) ?? choice.fallback ?? DEFAULT_TEMPLATE_SET;
}

/** What raw data (a parsed JSON file, a workbook's data) names as its set. */
export function namedSet(json: unknown): string | undefined {
  const named = json && typeof json === 'object' ? (json as { templateSet?: unknown }).templateSet : undefined;
  return typeof named === 'string' && named.trim() !== '' ? named : undefined;
}

/** A data file that names another set than the run's: the run's wins, and the file is told so. */
export function overriddenSet(file: string, named: string | undefined, choice: SetChoice = {}): Diagnostic | undefined {
  if (!choice.override || !named || named === choice.override) return undefined;
  return {
    file,
    path: 'templateSet',
    rule: 'template-set-overridden',
    severity: 'warning',
    message: `${at('templateSet', named)}，本次用命令指定的模板集“${choice.override}”（--template-set）；以后也用它，请把这一项改为“${choice.override}”`,
  };
}

/** A fingerprint of the choice, for what a document was made from (empty when the run chose nothing). */
export function choiceKey(choice: SetChoice = {}): string {
  return choice.override || choice.fallback ? `set:${choice.override ?? ''}|${choice.fallback ?? ''}` : '';
}
