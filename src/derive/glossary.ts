import type { Department } from '../schema/index.js';

export type GlossaryEntry = { term: string; definition: string[] };

/**
 * 第四部分 名词解释: the template set's default entries, each replaced in place by the
 * department's entry of the same term; the department's new terms follow in their data order.
 * With `replace: true` only the department's entries are used. Definitions are copied, never
 * shared with the inputs.
 */
export function mergeGlossary(defaults: readonly GlossaryEntry[], own: Department['glossary']): GlossaryEntry[] {
  const copy = (e: GlossaryEntry): GlossaryEntry => ({ term: e.term, definition: [...e.definition] });
  const entries = own?.entries ?? [];
  if (own?.replace) return entries.map(copy);
  const byTerm = new Map(entries.map((e) => [e.term, e] as const));
  const merged = defaults.map((d) => copy(byTerm.get(d.term) ?? d));
  const defaultTerms = new Set(defaults.map((d) => d.term));
  const added = new Set<string>();
  for (const e of entries) {
    if (defaultTerms.has(e.term) || added.has(e.term)) continue;
    added.add(e.term);
    merged.push(copy(byTerm.get(e.term)!));
  }
  return merged;
}
