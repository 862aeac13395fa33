/*
 * A place in the data, named inside a message without choosing its words. The same finding is
 * read by a JSON author (who edits `expenditure.noCarryover`) and by a clerk in a workbook (who
 * edits 部门信息 › B10, a cell whose column says “没有上年结转”): the stage that finds the problem
 * writes `at(path, value)`, and the route the data came by words it (`wordPlaces`) once, when the
 * message is complete.
 */

const OPEN = '\u27e6';
const CLOSE = '\u27e7';
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
  return message.replace(MARK, (_, path: string, value: string | undefined) => word(path, value === undefined ? undefined : (JSON.parse(value) as PlaceValue)));
}

/** The places a message names. */
export function placesIn(message: string): string[] {
  return [...message.matchAll(MARK)].map((m) => m[1]!);
}

/** How a JSON author reads a place: the path, and the value to write there. */
export const jsonWording: PlaceWording = (path, value) => (value === undefined ? path : `${path} 为 ${JSON.stringify(value)}`);
