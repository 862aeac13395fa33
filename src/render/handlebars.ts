import Handlebars from 'handlebars';
import { Decimal } from 'decimal.js';
import { amount, chineseNumber, dateCn, MONEY_UNITS, percent, type MoneyUnit } from '../derive/format.js';
import { clause, opensWith, reason, sentence, severalItems } from './clause.js';
import { seal, unseal } from './text.js';
import type { Change } from '../derive/types.js';
import type { MoneyDefaults, NumberFormats, TemplateSet } from './template-set.js';

/*
 * One Handlebars environment per template set, compiled once and cached. strict: a missing
 * field is an error naming template and line, never a silently empty sentence. noEscape: the
 * output goes to a PDF, not HTML, so "“三公”" must stay as written.
 */

export class TemplateError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    message: string,
  ) {
    super(`模板 ${file}${line ? ` 第${line}行` : ''}：${message}`);
    this.name = 'TemplateError';
  }
}

function isDecimal(x: unknown): x is Decimal {
  return Decimal.isDecimal(x);
}

function isZero(x: unknown): boolean {
  if (x === null || x === undefined || x === '') return true;
  if (isDecimal(x)) return x.isZero();
  if (typeof x === 'number') return x === 0;
  if (typeof x === 'string') return /^0*(\.0*)?$/.test(x);
  return false;
}

/** Looks up a dotted path ("all.total.fiscal") on a value: the helpers' way to filter lists. */
export function getPath(obj: unknown, dotted: string): unknown {
  let cur: unknown = obj;
  for (const key of dotted.split('.')) {
    if (key === '') continue;
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = Object.prototype.hasOwnProperty.call(cur, key) ? (cur as Record<string, unknown>)[key] : undefined;
  }
  return cur;
}

type HelperOptions = Handlebars.HelperOptions;

/**
 * strict mode does not reach helper arguments: a misspelt path would arrive as undefined and
 * print "0". A figure helper given anything but a number is a template error.
 */
function figure(x: unknown, helper: string, options: HelperOptions): Decimal {
  if (isDecimal(x)) return x;
  if (typeof x === 'number' || (typeof x === 'string' && x !== '' && !Number.isNaN(Number(x)))) return new Decimal(x);
  const loc = (options as unknown as { loc?: { start?: { line?: number } } }).loc?.start?.line;
  throw Object.assign(new Error(`{{${helper}}} 的参数不是数字（${x === undefined ? '字段不存在' : JSON.stringify(x)}）`), loc ? { lineNumber: loc } : {});
}

function templateError(options: HelperOptions, message: string): Error {
  const loc = (options as unknown as { loc?: { start?: { line?: number } } }).loc?.start?.line;
  return Object.assign(new Error(message), loc ? { lineNumber: loc } : {});
}

function registerHelpers(hb: typeof Handlebars, numbers: NumberFormats, money: MoneyDefaults): void {
  /**
   * An amount in the set's text unit and decimals ("0" for zero: 上年结转0万元), grouped as the
   * theme groups that unit; a sentence may name another unit or decimals (`unit="元"`,
   * `decimals=0`), never another grouping or rounding.
   */
  hb.registerHelper('money', (x: unknown, options: HelperOptions) => {
    const h = options.hash as Record<string, unknown>;
    const extra = Object.keys(h).filter((k) => k !== 'unit' && k !== 'decimals');
    if (extra.length) throw templateError(options, `{{money}} 只接受 unit 和 decimals（不接受 ${extra.join('、')}）：分组和舍入由主题与模板集统一决定`);
    if (h.unit !== undefined && !MONEY_UNITS.includes(h.unit as MoneyUnit)) throw templateError(options, `{{money}} 的 unit 须为 ${MONEY_UNITS.join(' 或 ')}（现为 ${JSON.stringify(h.unit)}）`);
    if (h.decimals !== undefined && !(Number.isInteger(h.decimals) && (h.decimals as number) >= 0 && (h.decimals as number) <= 6)) throw templateError(options, `{{money}} 的 decimals 须为 0 到 6 的整数（现为 ${JSON.stringify(h.decimals)}）`);
    figure(x, 'money', options);
    if (isZero(x)) return '0';
    const unit = (h.unit as MoneyUnit | undefined) ?? money.textUnit;
    return amount(x as Decimal, { unit, decimals: (h.decimals as number | undefined) ?? money.textDecimals, rounding: money.rounding, sep: unit === '元' ? numbers.yuan.grouping : numbers.wan.grouping });
  });
  /**
   * A change against the prior year as the set states changes (money.changes): as derived from
   * the exact amounts, or recomputed from the two figures as the text prints them, so that the
   * printed difference is the difference of the printed figures (and equal printed figures are 持平).
   */
  hb.registerHelper('changeOf', (c: unknown, options: HelperOptions) => {
    if (c === null || c === undefined) return c;
    const ch = c as Change;
    if (!Decimal.isDecimal(ch.current) || !Decimal.isDecimal(ch.lastYear)) throw templateError(options, '{{changeOf}} 须给一个增减（含 current 与 lastYear 的对象）');
    if (money.changes === 'exact') return ch;
    const printed = (x: Decimal) => new Decimal(amount(x, { unit: money.textUnit, decimals: money.textDecimals, rounding: money.rounding }));
    const current = printed(ch.current);
    const lastYear = printed(ch.lastYear);
    const delta = current.minus(lastYear);
    // back in the model's unit (万元), so {{money}} prints the difference of the printed figures
    const inModel = (x: Decimal) => (money.textUnit === '元' ? x.div(10_000) : x);
    return {
      current: inModel(current),
      lastYear: inModel(lastYear),
      delta: inModel(delta),
      deltaAbs: inModel(delta.abs()),
      direction: delta.isZero() ? 'flat' : delta.isPositive() ? 'increase' : 'decrease',
      percentAbs: lastYear.isZero() ? new Decimal(0) : delta.abs().div(lastYear).times(100),
    } satisfies Change;
  });
  /** Percent with two decimals, rounded as the set rounds; "0" for zero ("占0%"). */
  hb.registerHelper('pct', (x: unknown, options: HelperOptions) => percent(figure(x, 'pct', options), { zeroAsInt: true, rounding: money.rounding }));
  hb.registerHelper('cn', (n: number) => chineseNumber(n));
  hb.registerHelper('inc', (n: number) => n + 1);
  hb.registerHelper('date', (iso: string) => dateCn(iso));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('nonzero', (x: unknown) => !isZero(x));
  /** Stated: anything but null and undefined (0 is stated). */
  hb.registerHelper('stated', (x: unknown) => x !== null && x !== undefined);
  /** Any argument truthy (a non-empty list's length, a stated object, true). */
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some((a) => (Array.isArray(a) ? a.length > 0 : !!a)));
  /*
   * Data text inside a template's sentence (render/clause.ts): the strings arrive sealed, so they
   * are unsealed to be read and sealed again on the way out. A helper given something that is not
   * text (a misspelt path) gets '' and prints nothing.
   */
  const text = (x: unknown): string => (typeof x === 'string' ? unseal(x) : '');
  /** {{clause x}}: the text with no edge punctuation, to sit inside a sentence. */
  hb.registerHelper('clause', (x: unknown) => seal(clause(text(x))));
  /** {{sentence x}}: the text as a sentence closed by one "。". */
  hb.registerHelper('sentence', (x: unknown) => seal(sentence(text(x))));
  /**
   * {{reason x lead="主要原因是" before="，"}}: before + lead + the reason proper, or '' when none
   * is stated; the lead is left out when the text carries its own explanation.
   */
  hb.registerHelper('reason', (x: unknown, options: HelperOptions) => {
    const h = options.hash as { lead?: unknown; before?: unknown };
    return seal(reason(text(x), typeof h.lead === 'string' ? h.lead : '主要原因是', typeof h.before === 'string' ? h.before : ''));
  });
  /** (several x): the reason lists several items (the sentence around it may need to end sooner). */
  hb.registerHelper('several', (x: unknown) => severalItems(text(x)));
  /** (opens x "name" …): the text starts with one of the names. */
  hb.registerHelper('opens', (x: unknown, ...rest: unknown[]) => opensWith(text(x), rest.slice(0, -1).filter((n): n is string => typeof n === 'string')));
  /*
   * {{next "key"}}: 1, 2, 3 … in document order, one sequence per key and per rendered document
   * (kept beside the document's root context). Sections a department does not fill are left out,
   * so the ones printed are numbered as printed: "十一、" never follows "九、".
   */
  const counters = new WeakMap<object, Map<string, number>>();
  hb.registerHelper('next', (key: unknown, options: HelperOptions) => {
    const root = (options.data as { root?: unknown } | undefined)?.root;
    const holder = root !== null && typeof root === 'object' ? root : counters;
    let seq = counters.get(holder);
    if (!seq) counters.set(holder, (seq = new Map()));
    const n = (seq.get(String(key)) ?? 0) + 1;
    seq.set(String(key), n);
    return n;
  });
  /**
   * {{#joined list sep="、" kind="class" nonzero="path"}}…{{/joined}}: the body once per kept
   * item, joined by sep — lists in sentences ("一般公共服务支出2,867.01万元、…").
   */
  hb.registerHelper('joined', function (this: unknown, list: unknown, options: HelperOptions) {
    const h = options.hash as { sep?: string; kind?: string; nonzero?: string };
    const items = Array.isArray(list) ? list : [];
    const kept = items.filter((it) => {
      if (h.kind && getPath(it, 'kind') !== h.kind) return false;
      if (h.nonzero && isZero(getPath(it, h.nonzero))) return false;
      return true;
    });
    return kept.map((it) => options.fn(it, { data: options.data })).join(h.sep ?? '、');
  });
}

function lineOf(e: unknown): number | undefined {
  const err = e as { lineNumber?: number; message?: string };
  if (typeof err.lineNumber === 'number') return err.lineNumber;
  const m = /on line (\d+)/.exec(err.message ?? '') ?? / - (\d+):\d+$/.exec(err.message ?? '');
  return m ? Number(m[1]) : undefined;
}

function annotate(e: unknown, file: string): Error {
  if (e instanceof TemplateError) return e;
  return new TemplateError(file, lineOf(e), (e as Error).message.split('\n')[0] ?? String(e));
}

export interface CompiledSet {
  hb: typeof Handlebars;
  document: (context: unknown) => string;
  /** Compiles a short inline template (table titles, cell literals); cached by source. */
  inline: (source: string) => (context: unknown, data?: Record<string, unknown>) => string;
}

const compiled = new WeakMap<TemplateSet, CompiledSet>();

/** A set made in code (tests) without money defaults prints as the first sets do. */
const DEFAULT_MONEY: MoneyDefaults = { unit: '万元', textUnit: '万元', textDecimals: 2, rounding: 'ROUND_HALF_UP', changes: 'exact' };

export function compileSet(set: TemplateSet): CompiledSet {
  const hit = compiled.get(set);
  if (hit) return hit;
  const hb = Handlebars.create();
  registerHelpers(hb, set.theme.numbers, set.money ?? DEFAULT_MONEY);
  const opts = { strict: true, noEscape: true } as const;
  const wrap = (source: string, file: string) => {
    let fn: Handlebars.TemplateDelegate;
    try {
      // compile is lazy: parse now so syntax errors surface at load, not mid-document; compile
      // takes this tree (and applies its whitespace rules once) instead of parsing again
      fn = hb.compile(hb.parseWithoutProcessing(source), opts);
    } catch (e) {
      throw annotate(e, file);
    }
    return (ctx: unknown, runtimeOptions?: Handlebars.RuntimeOptions) => {
      try {
        return fn(ctx, runtimeOptions);
      } catch (e) {
        throw annotate(e, file);
      }
    };
  };
  let document: CompiledSet['document'] | undefined;
  for (const [name, t] of Object.entries(set.templates)) {
    const rel = t.file.startsWith(set.dir) ? t.file.slice(set.dir.length + 1) : t.file;
    const fn = wrap(t.source, `${set.name}/${rel}`);
    if (name === 'document') document = (ctx) => fn(ctx);
    else hb.registerPartial(name, fn as unknown as Handlebars.Template);
  }
  if (!document) throw new TemplateError(set.name, undefined, '缺少 document.hbs');
  const inlineCache = new Map<string, (context: unknown, data?: Record<string, unknown>) => string>();
  const inline = (source: string) => {
    let fn = inlineCache.get(source);
    if (!fn) {
      const f = wrap(source, `${set.name}（表格声明：${source}）`);
      fn = (context, data) => f(context, data ? { data } : undefined);
      inlineCache.set(source, fn);
    }
    return fn;
  };
  const out: CompiledSet = { hb, document, inline };
  compiled.set(set, out);
  return out;
}
