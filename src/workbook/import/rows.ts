import type { Decimal } from 'decimal.js';
import { D } from '../../derive/decimal.js';
import { asAmount, isAmountFormat, readCell, readFormatted, readUnit, type Unit } from './cells.js';
import { norm, placeOf, textOf, type FoundTable } from './find.js';
import type { ColumnPlan, GroupPlan, Side } from './plan.js';

/*
 * A found table's rows as the declaration sees them: each row of a side belongs to a row group
 * (a single row by its label, the rest to the list its position falls in), and its cells are
 * read by their declared value paths through their formats.
 */

export interface Place {
  sheet: string;
  cell: string;
  line: number;
  column: number;
}

/** A figure of a table in the target unit (blank: zero), and whether it may be a rounding. */
export interface Fig {
  value: Decimal;
  /** Two decimals of 万元 at most: the true amount is anything that rounds to it. */
  rounded: boolean;
  at: Place;
}

export interface Row {
  r: number;
  table: FoundTable;
  group: GroupPlan | undefined;
  kind: 'total' | 'item';
  /** Is there a column of this value path in the table (found in the sheet)? */
  has(v: string): boolean;
  get(v: string): string | undefined;
  /** An amount in the target unit (undefined when blank). */
  amount(v: string): string | undefined;
  fig(v: string): Fig;
  at(v: string): Place;
}

export type Problem = (t: FoundTable, r: number, c: number, message: string) => void;

const Z: Decimal = new D(0);
export const dec = (s: string | undefined): Decimal => (s === undefined ? Z : new D(s));

/** An amount shifted between 万元 and 元: exact, a decimal point moved four places. */
export function inUnit(value: string, from: Unit, to: Unit): string {
  if (from === to) return value;
  const d = new D(value);
  return (from === '元' ? d.div(10_000) : d.mul(10_000)).toFixed();
}

/** A row's label without its number (①, 1．, （一）): NFKC has made ① a 1. */
export const label = (s: string | undefined) => norm(s).replace(/^(\d+[.．、]?|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)/, '');

/** The unit a table's column of a value path holds its amounts in: the column's own, else the table's. */
export function unitOfColumn(t: FoundTable, v: string): Unit {
  return readUnit(t.plan.columns.find((c) => c.v === v && t.cols.has(c.key))?.format, t.unit, t.plan.unit);
}

/** A figure a table does not print for a row it leaves out: zero, as rounded as the column's figures. */
export function zeroFig(t: FoundTable, exact: boolean, v: string): Fig {
  return { value: Z, rounded: unitOfColumn(t, v) === '万元' && !exact, at: { sheet: t.sheet.name, cell: '', line: 0, column: 0 } };
}

export function tableRows(t: FoundTable, target: Unit, exact: boolean, problem: Problem): Row[] {
  const sides: Array<Side | undefined> = t.plan.columns.some((c) => c.side) ? ['left', 'right'] : [undefined];
  const out: Row[] = [];
  const state = new Map(sides.map((side) => [side, { groups: t.plan.groups.filter((g) => g.side === side && !g.ownRow), used: new Set<GroupPlan>(), current: undefined as GroupPlan | undefined, started: false }]));
  for (let r = t.from; r < t.sheet.rows.length; r++) {
    const cells = t.sheet.rows[r] ?? [];
    if (!cells.some((c) => c && textOf(c).trim() !== '')) continue;
    // a note under the table (注：…) ends it
    if (/^注[:：]/.test(textOf(cells.find((c) => c && textOf(c).trim() !== '')).trim())) break;
    for (const side of sides) {
      const columns = new Map<string, ColumnPlan>(t.plan.columns.filter((c) => c.side === side && t.cols.has(c.key)).map((c) => [c.v, c]));
      const cellOf = (v: string) => {
        const c = columns.get(v);
        return c ? cells[t.cols.get(c.key)!] : undefined;
      };
      const texts = [...columns.values()].filter((c) => !isAmountFormat(c.f));
      if (sides.length > 1 && [...columns.values()].every((c) => textOf(cellOf(c.v)).trim() === '')) continue;
      const s = state.get(side)!;
      if (!s.started) {
        s.current = s.groups.find((g) => g.each);
        s.started = true;
      }
      const labelCol = columns.get('@label') ?? texts[0];
      const shown = labelCol ? textOf(cellOf(labelCol.v)) : '';
      const single = s.groups.find((g) => !g.each && !s.used.has(g) && g.label !== undefined && label(g.label) === label(shown) && label(shown) !== '');
      let group = s.current;
      if (single) {
        s.used.add(single);
        group = single;
        // the list after it in the declaration takes the rows that follow
        const next = s.groups.slice(s.groups.indexOf(single) + 1).find((g) => g.each);
        if (next) s.current = next;
      }
      const kind: Row['kind'] = group?.kind === 'total' || texts.some((c) => c.totalText !== undefined && norm(textOf(cellOf(c.v))) === norm(c.totalText)) ? 'total' : 'item';
      const at = (v: string): Place => placeOf(t.sheet, r, t.cols.get(columns.get(v)?.key ?? '') ?? 0);
      const row: Row = {
        r,
        table: t,
        group: single ?? group,
        kind,
        has: (v) => columns.has(v),
        get: (v) => {
          const c = columns.get(v);
          if (!c) return undefined;
          // an amount column's text as printed; any other through its format (a spaced code as its digits)
          const read = readCell(isAmountFormat(c.f) ? undefined : c.format, cellOf(v), t.unit);
          return read.kind === 'text' ? read.text : undefined;
        },
        amount: (v) => {
          const c = columns.get(v);
          if (!c) return undefined;
          const read = readFormatted(asAmount(c.format), cellOf(v), readUnit(c.format, t.unit, t.plan.unit));
          if (read.kind === 'problem') {
            problem(t, r, t.cols.get(c.key)!, read.message);
            return undefined;
          }
          return read.kind === 'amount' ? inUnit(read.value, read.unit, target) : undefined;
        },
        fig(v) {
          const value = this.amount(v);
          // in 元 a figure is to the 分, all the data holds; so is 万元 in a book of exact amounts
          const c = columns.get(v);
          const rounded = readUnit(c?.format, t.unit, t.plan.unit) === '万元' && !exact && (value === undefined || new D(inUnit(value, target, '万元')).decimalPlaces() <= 2);
          return { value: dec(value), rounded, at: at(v) };
        },
        at,
      };
      out.push(row);
    }
  }
  return out;
}
