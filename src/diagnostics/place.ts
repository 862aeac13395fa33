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
