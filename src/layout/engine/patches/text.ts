import { jobOf, on, type DrawingRun } from '../job.js';
import { load } from '../runtime.js';
import { EmbeddedFontCtor } from './fonts.js';
import type { Dict, EmbeddedFont, Inline, Line, PdfkitDoc, Proto, Run, StyleStack } from './internals.js';

/*
 * The text patches. Every CJK character is its own inline (UAX #14 allows a break between any two
 * ideographs), so a 40-page document has ~20,000 inlines; pdfmake resolves ~20 style properties
 * per inline and draws every inline with its own text object. Each patch keeps pdfmake's output
 * (glyphs, positions, text, links) the same:
 *
 *   fastStyles    TextInlines.measure resolves the ~22 style properties once per run of inlines
 *                 with the same own properties (a text node, a bold run) instead of once per
 *                 character, and once per style stack for plain text (table cells); and
 *                 StyleContextStack.getStyleProperty answers without the push/closure/pop and Set
 *                 allocation per call. Same lookup order, same values.
 *   mergeInlines  Consecutive inlines of one line that touch and look the same (font, size,
 *                 colour, opacity, links, decorations, background) are drawn as one text object.
 *                 The merged run's glyphs and positions are the concatenation of the parts' own
 *                 layouts (pdfkit's layout cache), so glyphs land exactly where they would have;
 *                 pdfmake's Renderer has a TODO for this. Lines carrying page references are left
 *                 alone (their text is only known while drawing); a line's destination id stays on
 *                 its first inline. The reference's 17,900 text objects become 3,700.
 *   linearLines   LayoutBuilder.buildNextLine copied the rest of the paragraph's inlines
 *                 (`slice(1)`) and shifted the array for every inline: quadratic, 10 s for one
 *                 40,000-character paragraph. The copy is limited to what Line.hasEnoughSpaceForInline
 *                 reads (the run of `noNewLine` inlines) and the consumed inlines are removed once
 *                 per line.
 *   groupWords    TextInlines.measure makes each run of two or more same-styled words without
 *                 spaces (a CJK sentence: one word per character) one inline carrying its words and
 *                 their widths; line building takes a group's words one at a time with pdfmake's own
 *                 arithmetic (same additions, same order, same hard-wrap rule) and splits the group
 *                 where the line ends. A justified line, a group that cannot be drawn as one run, or
 *                 a hard wrap goes back to the words. The reference's 17,700 inlines become 3,500;
 *                 the bytes stay identical (tested); a cold build takes ≈ 7 % less time and CPU.
 *                 Every measured inline is a new object of one shape (not ~25 properties added to
 *                 each word), which keeps pdfmake's property accesses monomorphic.
 */

// ── fastStyles ─────────────────────────────────────────────────────────────────────────────────

const isValue = (v: unknown): boolean => v !== undefined && v !== null;
const isString = (v: unknown): v is string => typeof v === 'string' || v instanceof String;

/** pdfmake's getStylePropertyFromStyle (named style, following `extends`). */
function fromStyleSlow(dict: StyleStack['styleDictionary'], name: string, property: string, visited: Set<string>): unknown {
  if (visited.has(name)) return undefined;
  visited.add(name);
  const style = dict[name];
  if (!style) return undefined;
  if (isValue(style[property])) return style[property];
  if (style.extends) {
    const parents = (Array.isArray(style.extends) ? style.extends : [style.extends]) as string[];
    for (let i = parents.length - 1; i >= 0; i--) {
      const v = fromStyleSlow(dict, parents[i]!, property, visited);
      if (isValue(v)) return v;
    }
  }
  return undefined;
}

function fromStyle(dict: StyleStack['styleDictionary'], name: string, property: string): unknown {
  const style = dict[name];
  if (!style) return undefined;
  const v = style[property];
  if (isValue(v)) return v;
  return style.extends ? fromStyleSlow(dict, name, property, new Set()) : undefined;
}

function getProperty(this: StyleStack, property: string): unknown {
  const o = this.styleOverrides;
  if (o) {
    for (let i = o.length - 1; i >= 0; i--) {
      const item = o[i]!;
      if (isString(item)) {
        const v = fromStyle(this.styleDictionary, item, property);
        if (isValue(v)) return v;
      } else if (isValue(item[property])) return item[property];
    }
  }
  return this.defaultStyle && this.defaultStyle[property];
}

/** Own keys of an inline that measure() does not resolve as styles (it reads them directly, per inline). */
const NOT_STYLE = new Set(['text', 'lineEnd', 'noNewLine', 'leadingCut', 'leadingIndent', '_words', '_widths', '_iw0']);
const own = Object.prototype.hasOwnProperty;

/** Do two (not yet measured) inlines resolve every style property alike? Same own style keys and values. */
function sameStyle(a: Dict, b: Dict): boolean {
  let n = 0;
  for (const k in a) {
    if (!own.call(a, k) || NOT_STYLE.has(k)) continue;
    if (a[k] !== b[k]) return false;
    n++;
  }
  for (const k in b) if (own.call(b, k) && !NOT_STYLE.has(k)) n--;
  return n === 0;
}

/** The style properties TextInlines.measure resolves for an inline (pdfmake's order and defaults). */
function resolve(item: Dict, stack: StyleStack, doc: PdfkitDoc) {
  const g = (p: string, d: unknown) => getStyleProperty(item, stack, p, d);
  const font = g('font', 'Roboto') as string;
  const bold = g('bold', false) as boolean;
  const italics = g('italics', false) as boolean;
  return {
    font: doc.provideFont(font, bold, italics) as EmbeddedFont & { lineHeight(size: number): number },
    alignment: g('alignment', 'left'),
    fontSize: g('fontSize', 12) as number,
    fontFeatures: g('fontFeatures', null),
    characterSpacing: g('characterSpacing', 0),
    color: g('color', 'black'),
    decoration: g('decoration', null),
    decorationColor: g('decorationColor', null),
    decorationStyle: g('decorationStyle', null),
    decorationThickness: g('decorationThickness', null),
    background: g('background', null),
    link: g('link', null),
    linkToPage: g('linkToPage', null),
    linkToDestination: g('linkToDestination', null),
    noWrap: g('noWrap', null),
    opacity: g('opacity', 1),
    sup: g('sup', false),
    sub: g('sub', false),
    lineHeight: g('lineHeight', 1) as number,
    preserveLeadingSpaces: g('preserveLeadingSpaces', false),
    preserveTrailingSpaces: g('preserveTrailingSpaces', false),
  };
}

const LEADING = /^(\s)+/g;
const TRAILING = /(\s)+$/g;

type GetStyleProperty = (item: Dict, stack: StyleStack | undefined, property: string, dflt: unknown) => unknown;
interface TextInlinesT {
  pdfDocument: PdfkitDoc;
  measure(array: Inline[], stack: StyleStack): Inline[];
  buildInlines(textArray: unknown, stack: StyleStack): { items: Inline[]; minWidth: number; maxWidth: number };
  widthOfText(text: string, inline: Dict): number;
}

/** Same answers as pdfmake's auto(item) + getProperty + pop: the item's own value, its named styles (last first), the stack. */
const getStyleProperty: GetStyleProperty = (item, stack, property, dflt) => {
  const v = item[property];
  if (isValue(v)) return v;
  if (!stack) return dflt;
  if (!isString(item) && typeof item.section === 'undefined' && item.style) {
    const names = (Array.isArray(item.style) ? item.style : [item.style]) as Array<string | Dict>;
    for (let i = names.length - 1; i >= 0; i--) {
      const n = names[i]!;
      const w = isString(n) ? fromStyle(stack.styleDictionary, n, property) : n[property];
      if (isValue(w)) return w;
    }
  }
  const value = getProperty.call(stack, property);
  return isValue(value) ? value : dflt;
};

/** Has the inline no own style property (a plain string of a text node)? Then only the stack decides its style. */
function plain(item: Dict): boolean {
  for (const k in item) if (own.call(item, k) && !NOT_STYLE.has(k)) return false;
  return true;
}

/** Every property resolve() asks the stack for. */
const RESOLVED = ['font', 'bold', 'italics', 'alignment', 'fontSize', 'fontFeatures', 'characterSpacing', 'color', 'decoration', 'decorationColor', 'decorationStyle', 'decorationThickness', 'background', 'link', 'linkToPage', 'linkToDestination', 'noWrap', 'opacity', 'sup', 'sub', 'lineHeight', 'preserveLeadingSpaces', 'preserveTrailingSpaces'];

/** What tells two stack entries apart: what resolve() asks, and what measure and TextBreaker read besides (measureOnce keys on them). */
const FINGERPRINTED = [...RESOLVED, 'leadingIndent', 'wordBreak'];

/**
 * Resolved styles of plain inlines by the style stack they are measured under, per document
 * (per TextInlines): a trie over the stack's entries — style names as they are, node objects by
 * the values they hold for the resolved properties (table cells differ only in their node, and
 * most cells' nodes hold the same alignment or nothing). Valid because pdfmake never changes a
 * style property of a node once measuring has begun (DocPreprocessor sets linkToDestination before).
 */
interface Trie {
  next: Map<unknown, Trie>;
  value?: ReturnType<typeof resolve>;
}
interface Measuring {
  root: Trie;
  keys: WeakMap<object, unknown>;
}

function entryKey(m: Measuring, entry: string | Dict): unknown {
  if (typeof entry === 'string') return entry;
  let key = m.keys.get(entry);
  if (key !== undefined) return key;
  let fp = '\u0000';
  for (const p of FINGERPRINTED) {
    const v = entry[p];
    if (v === undefined || v === null) continue;
    if (typeof v === 'object' || typeof v === 'function') {
      fp = ''; // a value only identity describes: the entry is its own key
      break;
    }
    fp += `${p}=${typeof v}:${String(v)}\u0000`;
  }
  key = fp === '' ? entry : fp;
  m.keys.set(entry, key);
  return key;
}

function resolvePlain(ti: TextInlinesT, item: Dict, stack: StyleStack): Resolved {
  const job = jobOf(ti.pdfDocument)!;
  let m = job.measuring.get(ti) as Measuring | undefined;
  if (!m) job.measuring.set(ti, (m = { root: { next: new Map() }, keys: new WeakMap() }));
  let node = m.root;
  for (const entry of stack.styleOverrides ?? []) {
    const key = entryKey(m, entry);
    let next = node.next.get(key);
    if (!next) node.next.set(key, (next = { next: new Map() }));
    node = next;
  }
  return (node.value ??= resolve(item, stack, ti.pdfDocument));
}

/**
 * pdfmake's widthOfText (pdfkit's widthOfString plus character spacing) for one inline. A text
 * without spaces is one entry of pdfkit's layout cache: read it there instead of going through
 * layout(), which walks the text character by character (same arithmetic, same result).
 */
function widthOfText(ti: TextInlinesT, text: string, item: Dict): number {
  const font = item.font as EmbeddedFont;
  const run = item.fontFeatures == null && text.indexOf(' ') < 0 && text.indexOf('\t') < 0 ? font.layoutCache?.[text] : undefined;
  if (!run) return ti.widthOfText(text, item);
  return run.advanceWidth * ((item.fontSize as number) / 1000) + ((item.characterSpacing as number) || 0) * (text.length - 1);
}

export function patchStyles(): void {
  const SCS = load<Proto<StyleStack> & { getStyleProperty: GetStyleProperty }>('StyleContextStack');
  const original = { getProperty: SCS.prototype.getProperty, getStyleProperty: SCS.getStyleProperty };
  // a style stack knows its document by the style dictionary (the definition's, bound by print)
  SCS.prototype.getProperty = function (this: StyleStack, property: string) {
    return (on(this.styleDictionary, 'fastStyles') ? getProperty : original.getProperty).call(this, property);
  };
  SCS.getStyleProperty = function (item, stack, property, dflt) {
    return (on(stack?.styleDictionary, 'fastStyles') ? getStyleProperty : original.getStyleProperty).call(this, item, stack, property, dflt);
  };

  // pdfmake's TextInlines.measure, except that styles are resolved once per run of inlines with the
  // same own style properties (a text node, a bold run) instead of ~22 lookups for every character.
  const TextInlines = load<Proto<TextInlinesT>>('TextInlines');
  const measure = TextInlines.prototype.measure;
  TextInlines.prototype.measure = function (this: TextInlinesT, words, stack) {
    const job = jobOf(this.pdfDocument);
    if (!job?.has('fastStyles')) return measure.call(this, words, stack);
    const array = job.has('groupWords') ? groupWordsOf(words) : words;
    // before anything is written to the inlines: which share the previous one's style, which have none of their own
    const same = array.map((item, i) => i > 0 && sameStyle(array[i - 1]!, item));
    const bare = array.map((item, i) => !same[i] && plain(item));
    if (array.length) {
      const leadingIndent = getStyleProperty(array[0]!, stack, 'leadingIndent', 0) as number;
      if (leadingIndent) {
        array[0]!.leadingCut = -leadingIndent;
        array[0]!.leadingIndent = leadingIndent;
      }
    }
    const out: Inline[] = [];
    let r: Resolved | undefined;
    array.forEach((item, i) => {
      if (!r || !same[i]) r = bare[i] ? resolvePlain(this, item, stack) : resolve(item, stack, this.pdfDocument);
      // spaced or shaped text is drawn word by word (pdfkit spaces every character; features shape across words)
      if (item._words && (r.characterSpacing || r.fontFeatures != null)) for (const word of ungroup(item)) out.push(measureOne(this, word, r));
      else out.push(measureOne(this, item, r));
    });
    return out;
  };

  // pdfmake's min/max width of a text, counted per word inside groups (a group may break between its words)
  const buildInlines = TextInlines.prototype.buildInlines;
  const built = function (this: TextInlinesT, textArray: unknown, stack: StyleStack) {
    const result = buildInlines.call(this, textArray, stack);
    if (!result.items.some((i) => i._words)) return result;
    const widths = minMaxWidths(result.items);
    const noWrap = getStyleProperty({}, stack, 'noWrap', false);
    return { items: result.items, minWidth: noWrap ? widths.maxWidth : widths.minWidth, maxWidth: widths.maxWidth };
  };
  TextInlines.prototype.buildInlines = function (this: TextInlinesT, textArray, stack) {
    const seek = typeof textArray === 'string' && jobOf(this.pdfDocument)?.has('measureOnce') ? measuredKey(this, textArray, stack) : undefined;
    if (!seek) return built.call(this, textArray, stack);
    const known = measured.get(seek.key);
    if (known) return fromKnown(known, seek.r);
    const result = built.call(this, textArray, stack);
    remember(seek.key, result);
    return result;
  };
}

// ── measureOnce ────────────────────────────────────────────────────────────────────────────────

/*
 * A plain text measured under one resolved style gives the same inlines every time: the same
 * words, widths, cuts and heights (they depend on the font's outlines, the size, the spacing and
 * the text, nothing else). Table cells, headers, 类 names, labels and the numbers that recur
 * (0.00, 合计) are measured again in every table of a document and in every department of a
 * batch; this keeps the measured inlines per text and style for the process and hands out
 * copies (layout writes x, _iw0 and references onto its inlines). The key holds every resolved
 * style value and the parsed font's identity, so a hit is exactly what measuring would give;
 * what the process measured before never changes an answer. The per-document font object is
 * never kept (it holds its whole document): a copy gets this document's.
 */
interface Known {
  items: Inline[];
  minWidth: number;
  maxWidth: number;
}

/** Measured inlines by key, without their font; bounded so a long batch cannot grow it without end. */
const measured = new Map<string, Known>();
const MEASURED_KEPT = 20_000;
/** A number per parsed (fontkit) font: the widths' source is part of the key. */
const fontIds = new WeakMap<object, number>();
let nextFontId = 0;

/** The resolved style values that go into the key: every one of resolve()'s, except the font object itself. */
const KEYED = ['alignment', 'fontSize', 'fontFeatures', 'characterSpacing', 'color', 'decoration', 'decorationColor', 'decorationStyle', 'decorationThickness', 'background', 'link', 'linkToPage', 'linkToDestination', 'noWrap', 'opacity', 'sup', 'sub', 'lineHeight', 'preserveLeadingSpaces', 'preserveTrailingSpaces'] as const;

/** The style part of the key, per resolved style (one per distinct stack of a document); null: not keyable. */
const prefixes = new WeakMap<Resolved, string | null>();

/** The key of a plain text under this stack, or undefined when a style value is not a plain value (nothing kept then). */
function measuredKey(ti: TextInlinesT, text: string, stack: StyleStack): { key: string; r: Resolved } | undefined {
  const r = resolvePlain(ti, {}, stack);
  let prefix = prefixes.get(r);
  if (prefix === undefined) prefixes.set(r, (prefix = stylePrefix(r, stack)));
  return prefix === null ? undefined : { key: `${prefix}\u0000${text}`, r };
}

/**
 * Every resolved value, the parsed font, and what measure and TextBreaker read besides
 * (leadingIndent, wordBreak: part of the stack's fingerprint, so one resolved style has one of each).
 */
function stylePrefix(r: Resolved, stack: StyleStack): string | null {
  const parsed = (r.font as { font?: object }).font;
  if (!parsed) return null;
  let id = fontIds.get(parsed);
  if (id === undefined) fontIds.set(parsed, (id = nextFontId++));
  let key = `${id}\u0001${String(getStyleProperty({}, stack, 'leadingIndent', 0))}\u0001${String(getStyleProperty({}, stack, 'wordBreak', 'normal'))}`;
  for (const k of KEYED) {
    const v = r[k];
    if (v !== null && (typeof v === 'object' || typeof v === 'function')) return null;
    key += `\u0001${typeof v === 'string' ? 's' : (typeof v)[0]}${String(v)}`;
  }
  return key;
}

function remember(key: string, result: Known): void {
  if (measured.size >= MEASURED_KEPT) measured.clear();
  measured.set(key, { items: result.items.map((i) => ({ ...i, font: undefined }) as unknown as Inline), minWidth: result.minWidth, maxWidth: result.maxWidth });
}

/** Copies of the kept inlines with this document's font (the shape and order of keys as measureOne made them). */
function fromKnown(known: Known, r: Resolved): Known {
  const items = known.items.map((t) => {
    const m = { ...t };
    m.font = r.font;
    return m;
  });
  return { items, minWidth: known.minWidth, maxWidth: known.maxWidth };
}

type Resolved = ReturnType<typeof resolve>;

/** Keys every measured inline gets (in this order): one object shape for all plain inlines keeps pdfmake's property accesses monomorphic. */
const MEASURED = new Set(['text', 'font', 'alignment', 'fontSize', 'fontFeatures', 'characterSpacing', 'color', 'decoration', 'decorationColor', 'decorationStyle', 'decorationThickness', 'background', 'link', 'linkToPage', 'linkToDestination', 'noWrap', 'opacity', 'sup', 'sub', 'width', 'height', 'leadingCut', 'trailingCut', 'leadingIndent', 'lineEnd', 'noNewLine', '_words', '_widths', '_iw0', 'x']);

/**
 * pdfmake's measure() of one inline (a group: each word measured alone, the widths added in
 * order), written to a new object of one shape instead of ~25 properties added to each word
 * (which made every store megamorphic). The word's own other keys (style names, ids,
 * references) are carried over as pdfmake's copy of them would be.
 */
function measureOne(ti: TextInlinesT, item: Inline, r: Resolved): Inline {
  const m: Inline = {
    text: item.text,
    font: r.font,
    alignment: r.alignment,
    fontSize: r.fontSize,
    fontFeatures: r.fontFeatures,
    characterSpacing: r.characterSpacing,
    color: r.color,
    decoration: r.decoration,
    decorationColor: r.decorationColor,
    decorationStyle: r.decorationStyle,
    decorationThickness: r.decorationThickness,
    background: r.background,
    link: r.link,
    linkToPage: r.linkToPage,
    linkToDestination: r.linkToDestination,
    noWrap: r.noWrap as boolean | undefined,
    opacity: r.opacity,
    sup: r.sup,
    sub: r.sub,
    width: 0,
    height: 0,
    leadingCut: item.leadingCut || 0,
    trailingCut: 0,
    leadingIndent: item.leadingIndent,
    lineEnd: item.lineEnd,
    noNewLine: item.noNewLine,
    _words: item._words,
    _widths: undefined,
    _iw0: undefined,
    x: 0,
  };
  for (const k in item) if (own.call(item, k) && !MEASURED.has(k)) m[k] = item[k];
  if (m.sup || m.sub) (m.fontSize as number) *= 0.58;
  if (m._words) {
    const widths: number[] = [];
    let sum = 0;
    for (const w of m._words) {
      const width = widthOfText(ti, w, m);
      widths.push(width);
      sum += width;
    }
    m._widths = widths;
    m.width = sum;
  } else m.width = widthOfText(ti, m.text, m);
  m.height = r.font.lineHeight(m.fontSize as number) * r.lineHeight;
  if (!r.preserveLeadingSpaces) {
    const leadingSpaces = m.text.match(LEADING);
    if (leadingSpaces) m.leadingCut! += ti.widthOfText(leadingSpaces[0], m);
  }
  if (!r.preserveTrailingSpaces) {
    const trailingSpaces = m.text.match(TRAILING);
    if (trailingSpaces) m.trailingCut = ti.widthOfText(trailingSpaces[0], m);
  }
  return m;
}

// ── groupWords ─────────────────────────────────────────────────────────────────────────────────

const SPACE = /\s/;

/** A word that stays its own inline: spaced (cuts), glued to the next, empty, or tied to pdfmake's per-inline references. */
function loneWord(w: Inline): boolean {
  return w.text === '' || SPACE.test(w.text) || !!w.noNewLine || w._pageRef !== undefined || w._tocItemRef !== undefined || w._textRef !== undefined;
}

/**
 * Words per group at most. A line that ends inside a group splits it (head on the line, tail
 * copied for the next), so one group per paragraph made a long paragraph quadratic: a
 * 20,000-character paragraph took 160 ms more than its 10,000-character half. A bounded group
 * keeps line building linear; where groups end does not change a line (the words are the same).
 */
const MAX_GROUP_WORDS = 128;

/**
 * TextBreaker's words with each run of two or more same-styled words (not lone, a forced line end
 * only on the last) replaced by one group inline: its text the words joined, `_words` the words.
 */
function groupWordsOf(words: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (let i = 0; i < words.length; ) {
    const first = words[i]!;
    let j = i + 1;
    if (!loneWord(first)) while (j - i < MAX_GROUP_WORDS && !words[j - 1]!.lineEnd && j < words.length && !loneWord(words[j]!) && sameStyle(first, words[j]!)) j++;
    if (j - i < 2) {
      out.push(first);
      i = j;
      continue;
    }
    const parts: string[] = [];
    for (let k = i; k < j; k++) parts.push(words[k]!.text);
    const group: Inline = { ...first, text: parts.join(''), _words: parts };
    delete group.lineEnd;
    if (words[j - 1]!.lineEnd) group.lineEnd = true;
    out.push(group);
    i = j;
  }
  return out;
}

/** The words of a group as pdfmake would have had them: the first keeps the cuts and indent, the last the line end. */
function ungroup(group: Inline): Inline[] {
  const words = group._words!;
  const widths = group._widths;
  const last = words.length - 1;
  const source = group as unknown as Record<string, unknown>;
  const keys = Object.keys(source);
  // built key by key rather than spread and `delete`d (which sends V8 objects to dictionary mode,
  // 15 ms a document): the same properties in the same order as `{ ...group, text }` less the deletions
  return words.map((text, k) => {
    const word: Record<string, unknown> = {};
    for (const key of keys) {
      if (key === '_words' || key === '_widths' || key === '_iw0') continue;
      if (k > 0 && (key === 'leadingCut' || key === 'leadingIndent')) continue;
      if (k < last && key === 'lineEnd') continue;
      word[key] = key === 'text' ? text : source[key];
    }
    if (!('text' in word)) word.text = text;
    if (widths) {
      word.width = widths[k]!;
      if (k > 0) word.leadingCut = 0;
      word.trailingCut = 0;
    }
    return word as unknown as Inline;
  });
}

/** pdfmake's buildInlines min/max widths, taking a group's words one by one. */
function minMaxWidths(items: readonly Inline[]): { minWidth: number; maxWidth: number } {
  let minWidth = 0;
  let maxWidth = 0;
  let current: { width: number; leadingCut: number; trailingCut: number } | null = null;
  for (const inline of items) {
    const widths = inline._widths ?? [inline.width];
    for (let k = 0; k < widths.length; k++) {
      const leadingCut = k === 0 ? (inline.leadingCut ?? 0) : 0;
      const trailingCut = k === widths.length - 1 ? (inline.trailingCut ?? 0) : 0;
      minWidth = Math.max(minWidth, Math.max(0, widths[k]! - leadingCut - trailingCut));
      current ??= { width: 0, leadingCut, trailingCut: 0 };
      current.width += widths[k]!;
      current.trailingCut = trailingCut;
      maxWidth = Math.max(maxWidth, Math.max(0, current.width - current.leadingCut - current.trailingCut));
    }
    if (inline.lineEnd) current = null;
  }
  return { minWidth, maxWidth };
}

/**
 * How many of a group's words pdfmake would put on this line, adding them one at a time as its
 * buildNextLine does, and the line's inlineWidths after them (the same additions in the same
 * order). `words: -1`: a word needs pdfmake's hard wrap (wider than the room left): let pdfmake's
 * own logic take the words one by one.
 */
function fitWords(line: PdfmakeLine, group: Inline, forced: boolean): { words: number; inlineWidths: number } {
  const widths = group._widths!;
  const words = group._words!;
  let empty = line.inlines.length === 0;
  let inlineWidths = line.inlineWidths;
  let leadingCut = line.leadingCut;
  let trailingCut = line.trailingCut;
  let k = 0;
  for (; k < widths.length; k++) {
    const w = widths[k]!;
    // Line.hasEnoughSpaceForInline (a grouped word is never `noNewLine` and has no trailing cut)
    const fits = (k === 0 && forced) || empty || (!line.newLineForced && inlineWidths + w - leadingCut <= line.maxWidth);
    if (!fits) break;
    if (!group.noWrap && words[k]!.length > 1 && w > line.maxWidth - (inlineWidths - leadingCut - trailingCut)) return { words: -1, inlineWidths };
    if (empty) leadingCut = k === 0 ? (group.leadingCut ?? 0) : 0;
    inlineWidths += w;
    trailingCut = 0;
    empty = false;
  }
  return { words: k, inlineWidths };
}

/** The first n words of a group and the rest, each a group again. */
function splitGroup(group: Inline, n: number): [Inline, Inline] {
  const part = (from: number, to: number): Inline => {
    const words = group._words!.slice(from, to);
    const widths = group._widths!.slice(from, to);
    let width = 0;
    for (const w of widths) width += w;
    return { ...group, text: words.join(''), _words: words, _widths: widths, width };
  };
  const head = part(0, n);
  const tail = part(n, group._words!.length);
  delete head.lineEnd;
  tail.leadingCut = 0;
  delete tail.leadingIndent;
  return [head, tail];
}

/** Puts a group on the line as Line.addInline would put its words, one after another. */
function addGroup(line: PdfmakeLine, group: Inline, inlineWidths: number): void {
  group._iw0 = line.inlineWidths;
  line.addInline(group);
  line.inlineWidths = inlineWidths;
}

/** A placed line's inlines with its groups (all, or those `which` picks) back as the words pdfmake placed, each at its own x. */
function ungroupLine(line: { inlines: Inline[]; leadingCut?: number }, which: (g: Inline) => boolean = () => true): Inline[] {
  if (!line.inlines.some((i) => i._words && which(i))) return line.inlines;
  const out: Inline[] = [];
  for (const inline of line.inlines) {
    if (!inline._words || !which(inline)) {
      out.push(inline);
      continue;
    }
    let acc = inline._iw0!;
    const shift = inline.x - (acc - (line.leadingCut ?? 0)); // an alignment may have moved the group since
    for (const word of ungroup(inline)) {
      word.x = acc - (line.leadingCut ?? 0) + shift;
      acc += word.width;
      out.push(word);
    }
  }
  return out;
}

export function patchAlignLine(): void {
  const ElementWriter = load<Proto<{ alignLine(line: PdfmakeLine & { newLineForced?: boolean }): void; context(): { availableWidth: number } }>>('ElementWriter');
  const alignLine = ElementWriter.prototype.alignLine;
  // pdfmake spreads a justified line's slack over the gaps between its inlines: those are words
  ElementWriter.prototype.alignLine = function (line) {
    if (line.inlines[0]?.alignment === 'justify' && !line.newLineForced && !line.lastLineInParagraph) line.inlines = ungroupLine(line);
    return alignLine.call(this, line);
  };
}

// ── mergeInlines ───────────────────────────────────────────────────────────────────────────────

/** Equal, where null and undefined count as equal. */
const eq = (a: unknown, b: unknown): boolean => a === b || (a == null && b == null);

/** Can this inline be drawn as part of a merged run at all? */
function drawable(i: Inline): boolean {
  return (
    !i._pageNodeRef &&
    !i.characterSpacing &&
    i.fontFeatures == null &&
    !i.justifyShift &&
    i.text.indexOf('\n') < 0 &&
    i.text.indexOf('\r') < 0 &&
    Object.getPrototypeOf(i.font) === EmbeddedFontCtor?.prototype
  );
}

/** Does b continue a's run: same look, same links, and it starts where a ends? */
function joins(a: Inline, b: Inline): boolean {
  return (
    a.font === b.font &&
    a.fontSize === b.fontSize &&
    eq(a.color, b.color) &&
    eq(a.opacity, b.opacity) &&
    eq(a.link, b.link) &&
    eq(a.linkToPage, b.linkToPage) &&
    eq(a.linkToDestination, b.linkToDestination) &&
    eq(a.sup, b.sup) &&
    eq(a.sub, b.sub) &&
    eq(a.background, b.background) &&
    eq(a.decoration, b.decoration) &&
    eq(a.decorationColor, b.decorationColor) &&
    eq(a.decorationStyle, b.decorationStyle) &&
    eq(a.decorationThickness, b.decorationThickness) &&
    Math.abs(a.x + a.width - b.x) <= 1e-6 &&
    drawable(b)
  );
}

interface Merged {
  /** The line's inlines, each run of look-alikes replaced by its first inline. */
  inlines: Inline[];
  /** What layout() answers while the line is drawn. */
  runs: DrawingRun[];
  /** First inlines of runs and their own text, width and height, restored after drawing. */
  firsts: Array<[Inline, string, number, number]>;
}

/** The line's inlines with touching look-alikes merged, or undefined when nothing merges. */
function mergeLine(inlines: Inline[]): Merged | undefined {
  let m: Merged | undefined;
  for (let i = 0; i < inlines.length; ) {
    const first = inlines[i]!;
    let j = i + 1;
    if (drawable(first)) while (j < inlines.length && joins(inlines[j - 1]!, inlines[j]!)) j++;
    if (j - i > 1 || (first._words && drawable(first))) {
      m ??= { inlines: inlines.slice(0, i), runs: [], firsts: [] };
      const run: Run = { glyphs: [], positions: [], advanceWidth: 0 };
      let text = '';
      let width = 0;
      let height = 0;
      for (let k = i; k < j; k++) {
        const p = inlines[k]!;
        text += p.text;
        width += p.width;
        height = Math.max(height, p.height);
        for (const t of p._words ?? [p.text]) {
          // pdfkit's layout() of a text without spaces is its cached run (copied); with spaces, layout() joins the pieces
          const r = (t.indexOf(' ') < 0 && t.indexOf('\t') < 0 && p.font.layoutCache?.[t]) || p.font.layout(t);
          for (let g = 0; g < r.glyphs.length; g++) {
            run.glyphs.push(r.glyphs[g]!);
            run.positions.push(r.positions[g]!);
          }
          run.advanceWidth += r.advanceWidth;
        }
      }
      // the first inline stands for the run while the line is drawn (its x, font, colour, links)
      m.firsts.push([first, first.text, first.width, first.height]);
      first.text = text;
      first.width = width;
      first.height = height;
      m.runs.push({ font: first.font, text, run });
      m.inlines.push(first);
    } else m?.inlines.push(first);
    i = j;
  }
  return m;
}

export function patchRenderLine(): void {
  type R = { pdfDocument: object; renderLine(line: Line, x: number, y: number): void };
  const Renderer = load<Proto<R>>('Renderer');
  const renderLine = Renderer.prototype.renderLine;
  Renderer.prototype.renderLine = function (this: R, line, x, y) {
    const job = jobOf(this.pdfDocument);
    const merging = job?.has('mergeInlines') ?? false;
    // a group not drawn as one run is drawn as pdfmake placed its words
    const inlines = line.inlines;
    const placed = ungroupLine(line, (g) => !merging || !!line._pageNodeRef || !drawable(g));
    const merged = merging && !line._pageNodeRef ? mergeLine(placed) : undefined;
    if (!merged && placed === inlines) return renderLine.call(this, line, x, y);
    line.inlines = merged?.inlines ?? placed;
    if (job) job.drawing = merged?.runs;
    try {
      return renderLine.call(this, line, x, y);
    } finally {
      line.inlines = inlines;
      if (job) job.drawing = undefined;
      for (const [inline, text, width, height] of merged?.firsts ?? []) {
        inline.text = text;
        inline.width = width;
        inline.height = height;
      }
    }
  };
}

// ── linearLines ────────────────────────────────────────────────────────────────────────────────

interface PdfmakeLine {
  inlines: Inline[];
  maxWidth: number;
  inlineWidths: number;
  leadingCut: number;
  trailingCut: number;
  newLineForced?: boolean;
  lastLineInParagraph?: boolean;
  getAvailableWidth(): number;
  addInline(i: Inline): void;
  hasEnoughSpaceForInline(i: Inline, next?: Inline[]): boolean;
}
type LineClass = new (maxWidth: number) => PdfmakeLine;

/** hasEnoughSpaceForInline only reads the inlines after a `noNewLine` one. */
const NONE_FOLLOWING: Inline[] = [];

export function patchBuildNextLine(): void {
  const LayoutBuilder = load<Proto<{ buildNextLine(node: { _inlines?: Inline[] }): PdfmakeLine | null; writer: { context(): { availableWidth: number } }; docMeasure?: { pdfDocument?: object } }>>('LayoutBuilder');
  const LineCtor = load<LineClass>('Line');
  const TextInlines = load<new (doc: null) => { widthOfText(text: string, inline: Inline): number }>('TextInlines');
  const original = LayoutBuilder.prototype.buildNextLine;
  /**
   * pdfmake's findMaxFitLength (the longest prefix no wider than the line, by binary search over
   * 1…text.length), except that the search range is first narrowed to the shortest power-of-two
   * prefix that is already too wide: each probe measures a prefix, so searching the whole of a
   * 20,000-character word cost 20,000 characters per probe. Prefix widths grow with length, so
   * the longest fitting prefix — the answer — is the same. `probed`: the narrowed range.
   */
  const hardWrapLength = (text: string, maxWidth: number, measure: (t: string) => number): { maxChars: number; probed: number } => {
    let high = Math.min(text.length, 64);
    while (high < text.length && measure(text.substring(0, high)) <= maxWidth) high = Math.min(text.length, high * 2);
    let low = 1;
    let best = 1;
    const probed = high;
    while (low <= high) {
      const mid = Math.floor((low + high) / 2);
      if (measure(text.substring(0, mid)) <= maxWidth) {
        best = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return { maxChars: best, probed };
  };
  // pdfmake's buildNextLine with an index instead of shift(), and the `noNewLine` run instead of slice(1)
  LayoutBuilder.prototype.buildNextLine = function (textNode) {
    if (!on(this.docMeasure?.pdfDocument, 'linearLines')) return original.call(this, textNode);
    const inlines = textNode._inlines;
    if (!inlines || inlines.length === 0) return null;
    const line = new LineCtor(this.writer.context().availableWidth);
    const textInlines = new TextInlines(null);
    const following = (k: number): Inline[] => {
      if (!inlines[k]!.noNewLine) return NONE_FOLLOWING;
      let end = k + 1;
      while (end < inlines.length && inlines[end]!.noNewLine) end++;
      const run = inlines.slice(k + 1, end + 1);
      // the run ends at the first word that is not glued on: of a group, only its first word
      const last = run[run.length - 1];
      if (last?._words) run[run.length - 1] = { ...last, width: last._widths![0]!, trailingCut: 0 };
      return run;
    };
    let k = 0;
    let isForceContinue = false;
    while (k < inlines.length) {
      const group = inlines[k]!;
      if (group._words) {
        const fit = fitWords(line, group, isForceContinue);
        if (fit.words < 0) {
          inlines.splice(k, 1, ...ungroup(group)); // a hard wrap: pdfmake's way, word by word
          continue;
        }
        if (fit.words === 0) break;
        if (fit.words < group._words.length) {
          const [head, tail] = splitGroup(group, fit.words);
          inlines[k] = tail;
          addGroup(line, head, fit.inlineWidths);
          break;
        }
        addGroup(line, group, fit.inlineWidths);
        k++;
        isForceContinue = false;
        continue;
      }
      if (!(line.hasEnoughSpaceForInline(inlines[k]!, following(k)) || isForceContinue)) break;
      let isHardWrap = false;
      const inline = inlines[k++]!;
      if (!inline.noWrap && inline.text.length > 1 && inline.width > line.getAvailableWidth()) {
        const measure = (t: string) => textInlines.widthOfText(t, inline);
        const { maxChars, probed } = hardWrapLength(inline.text, line.getAvailableWidth(), measure);
        if (maxChars < inline.text.length) {
          const rest: Inline = { ...inline }; // pdfmake's cloneInline: a plain copy
          rest.text = inline.text.substr(maxChars);
          inline.text = inline.text.substr(0, maxChars);
          // A rest far longer than a line is only ever compared with a line's width and wrapped
          // again: measuring all of it for every line made one long word cubic (20,000 characters:
          // 13 s). It is measured once it is within two probes of fitting.
          rest.width = rest.text.length > 2 * probed ? Infinity : textInlines.widthOfText(rest.text, rest);
          inline.width = textInlines.widthOfText(inline.text, inline);
          inlines[--k] = rest; // pdfmake: shift() the inline, unshift() the rest
          isHardWrap = true;
        }
      }
      line.addInline(inline);
      isForceContinue = !!inline.noNewLine && !isHardWrap;
    }
    inlines.splice(0, k);
    line.lastLineInParagraph = inlines.length === 0;
    return line;
  };
}