/*
 * Data text placed inside a template's sentence. A clerk types a reason as a fragment ("人员增加"),
 * as a full sentence ("人员增加。"), as a restated sentence ("收入预算比上年减少的主要原因是：…。"),
 * or as several items (one per line, or separated by ；). The template around it supplies its
 * own connective ("主要原因是") and punctuation ("；", "。"), so the text must arrive as a bare
 * clause: otherwise the page reads "主要原因是收入预算比上年减少的主要原因是：…。；".
 *
 * These functions work on plain (unsealed) text; the Handlebars helpers unseal and seal around
 * them (render/handlebars.ts).
 */

/** What may end a clause the clerk typed: dropped, the template supplies the sentence's own mark. */
const TRAILING = /[\s，,。．.；;：:、!！?？]+$/u;
/** What may start one: a clause never opens with punctuation. */
const LEADING = /^[\s，,。．.；;：:、!！?？]+/u;

/**
 * A restatement before the reason proper ("收入预算比上年减少的主要原因是：", "收入增加主要是",
 * "主要原因是"): the words before the connective hold no punctuation, so a reason with its own
 * clauses ("人员增加，主要是新招录3人") is not cut.
 */
const RESTATED = /^[^，,。．；;：:、!！?？\s]{0,40}?(?:主要原因(?:是|为|在于|[：:](?![：:]))|原因(?:是|为|在于|[：:](?![：:]))|主要是由于|主要是因为|主要由于|主要因为|主要是)[\s：:，,]*/u;
/** Connectives that open a reason with no restatement before them. */
const OPENING = /^(?:由于|因为)/u;
/** A clause that still explains itself needs no "主要原因是" before it. */
const EXPLAINS = /原因(?:是|为|在于)|主要是|由于|因为/u;
/** Several items: separated by ；, or numbered ("1、", "（一）", "2."). */
const SEVERAL = /[；;]|(?:^|\s)(?:[（(]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)]|(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?:、|[.．](?!\d)))/u;

function edges(text: string): string {
  return text.replace(LEADING, '').replace(TRAILING, '');
}

/**
 * A data text as a clause inside a sentence: trimmed of edge punctuation; a text typed on several
 * lines (one item a line in a spreadsheet cell) becomes one clause with its items joined by "；".
 */
export function clause(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(edges)
    .filter((s) => s !== '')
    .join('；');
}

/** A data text as a complete sentence of its own: a clause closed by "。" ('' when there is no text). */
export function sentence(text: string | null | undefined): string {
  const c = clause(text);
  return c === '' ? '' : `${c}。`;
}

/** The reason proper: a restated subject and its connective dropped ("…的主要原因是：X" → "X"). */
export function reasonBody(text: string | null | undefined): string {
  let c = clause(text);
  for (let i = 0; i < 3; i++) {
    const next = edges(c.replace(RESTATED, '').replace(OPENING, ''));
    if (next === c) break;
    c = next;
  }
  return c;
}

/** The reason holds several items (then a list follows the connective after a colon). */
export function severalItems(text: string | null | undefined): boolean {
  return SEVERAL.test(reasonBody(text));
}

/**
 * A reason after the template's own connective: `lead` ("主要原因是") + the reason proper, with
 * "：" after the lead when it lists several items; the bare clause when it still carries its own
 * explanation ("人员增加，主要是新招录3人"), so no connective is printed twice; '' when nothing
 * is stated. `before` ("，") is printed only when something follows it.
 */
export function reason(text: string | null | undefined, lead: string, before = ''): string {
  const body = reasonBody(text);
  if (body === '') return '';
  if (EXPLAINS.test(body)) return `${before}${body}`;
  return `${before}${lead}${severalItems(text) ? '：' : ''}${body}`;
}

/** The text opens with one of the names (a per-item reason that names its item itself). */
export function opensWith(text: string | null | undefined, names: readonly string[]): boolean {
  const c = clause(text);
  return names.some((n) => n !== '' && c.startsWith(n));
}
