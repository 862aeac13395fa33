import { Decimal } from 'decimal.js';
/*
 * A place in the data, named inside a message without choosing its words. The same finding is
 * read by a JSON author (who edits `expenditure.noCarryover`) and by a clerk in a workbook (who
 * edits 部门信息 › B10, a cell whose column says “没有上年结转”): the stage that finds the problem
 * writes `at(path, value)`, and the route the data came by words it (`wordPlaces`) once, when the
 * message is complete.
 */

const OPEN = '\u27e6';
const CLOSE = '\u27e7';
const HAN = /\p{Script=Han}/u;
const MARK = /\u27e6([^\u27e7=]*)(?:=([^\u27e7]*))?\u27e7/g;

export type PlaceValue = boolean | number | string;

/** `path` (a data path, `a.b[0].c`) and, when the fix is a value to write there, that value. */
export function at(path: string, value?: PlaceValue): string {
  return `${OPEN}${path}${value === undefined ? '' : `=${JSON.stringify(value)}`}${CLOSE}`;
}

export type PlaceWording = (path: string, value: PlaceValue | undefined) => string;

/** The message with each place worded by `word`. */
export function wordPlaces(message: string, word: PlaceWording): string {
  if (!message.includes(OPEN)) return message;
  return message.replace(MARK, (whole: string, path: string, value: string | undefined, offset: number) => {
    const text = word(path, value === undefined ? undefined : (JSON.parse(value) as PlaceValue));
    // Latin text between Chinese characters is set off by spaces, as the messages write it
    const before = offset > 0 && HAN.test(message[offset - 1]!) && /^[\w"“]/.test(text) ? ' ' : '';
    const next = message[offset + whole.length];
    const after = next !== undefined && HAN.test(next) && /[\w"”]$/.test(text) ? ' ' : '';
    return before + text + after;
  });
}

/** The places a message names. */
export function placesIn(message: string): string[] {
  return [...message.matchAll(MARK)].map((m) => m[1]!);
}

/** How a JSON author reads a place: the path, and the value to write there. */
export const jsonWording: PlaceWording = (path, value) => (value === undefined ? path : `${path} 为 ${JSON.stringify(value)}`);

/*
 * A table, named inside a message by what it prints, not by a number: the audit writes
 * `printedIn(source)` — a row source or value of the derived model (`economicRows`,
 * `subjectRows.current`, `threePublic`) — and the wording step names the active set's table that
 * prints it (its label), or says what it is when no table does. Amounts are written `money(x)`
 * and printed in the set's unit for text. These marks are apart from the places' (other
 * brackets), so either wording leaves the other's alone.
 */

const T_OPEN = '\u27ea';
const T_CLOSE = '\u27eb';
const T_MARK = /\u27ea([§¥#])([^\u27eb]*)\u27eb/g;

/**
 * What a derived source is when no table of the set prints it: the national names of the
 * budget tables' contents, never one region's numbering.
 */
export const TABLE_CONTENTS: Record<string, string> = {
  income: '收支总表',
  expenditure: '收支总表',
  byClass: '收支总表',
  'subjectRows.current': '收入总表',
  'subjectRows.all': '支出总表',
  subjectRows: '支出总表',
  'expenditure.all.total.fiscal': '财政拨款收支总表',
  'currentRowsBySource.generalBudget': '一般公共预算支出表',
  economicRows: '一般公共预算基本支出经济分类表',
  govFundIncomeRows: '政府性基金预算收入表',
  'currentRowsBySource.govFund': '政府性基金预算支出表',
  stateCapitalIncomeRows: '国有资本经营预算收支表',
  threePublic: '“三公”经费支出表',
  operatingRows: '机关运行经费表',
  projectRows: '项目支出表（本年）',
  carryoverProjectRows: '项目支出表（上年结转）',
};

/** The table that prints `source` (a path of the derived model, without `$.`). */
export function printedIn(source: string): string {
  return `${T_OPEN}§${source}${T_CLOSE}`;
}

/** An amount of the data (万元), printed in the set's unit when worded. */
export function money(amount: Decimal.Value): string {
  // every digit, never an exponent: the wording rounds as the message's figures always have
  return `${T_OPEN}¥${new Decimal(amount).toFixed()}${T_CLOSE}`;
}

/** An amount of the data (万元) as a bare figure in the set's unit (the unit said once, elsewhere in the message). */
export function figure(amount: Decimal.Value): string {
  return `${T_OPEN}#${new Decimal(amount).toFixed()}${T_CLOSE}`;
}

export interface TableWording {
  /** The label of the set's table that prints the source, if one does. */
  table(source: string): string | undefined;
  /** The unit amounts are said in, and how many of it one 万元 is. */
  unit: { name: string; perWan: number };
}

/** Without a set: what each table prints, amounts in 万元 (the data's unit). */
export const neutralTables: TableWording = { table: () => undefined, unit: { name: '万元', perWan: 1 } };

/** A figure: two decimals when that is exact, else every digit (a difference below a cent must show). */
function inUnit(text: string, perWan: number): string {
  const v = new Decimal(text).times(perWan);
  return v.decimalPlaces() <= 2 ? v.toFixed(2) : v.toString();
}

function neutralName(source: string): string {
  for (let s = source; s; s = s.replace(/\.?[^.]*$/, '')) {
    const name = TABLE_CONTENTS[s];
    if (name) return name;
  }
  return source;
}

/** The message with its tables named and amounts in the set's unit. */
export function wordTables(message: string, words: TableWording = neutralTables): string {
  if (!message.includes(T_OPEN)) return message;
  return message.replace(T_MARK, (_whole, kind: string, body: string) => {
    if (kind === '¥') return `${inUnit(body, words.unit.perWan)} ${words.unit.name}`;
    if (kind === '#') return inUnit(body, words.unit.perWan);
    return words.table(body) ?? neutralName(body);
  });
}

/** What a table of a set reads: its label, and the paths of the derived model it prints. */
export interface TableReads {
  label: string;
  paths: string[];
}

/**
 * A set's tables as the wording step asks them: the first (in the set's order) that reads the
 * source or a value under it.
 */
export function tableWording(tables: readonly TableReads[], unit: TableWording['unit'] = neutralTables.unit): TableWording {
  return {
    table: (source) => tables.find((t) => t.paths.some((p) => p === source || p.startsWith(`${source}.`)))?.label,
    unit,
  };
}
