/*
 * Which page a diagnostic concerns: the PDF's named destination for its data path — a sheet's
 * own (sheet<i>), its table's (table-tNN), the 批复's. The page resolves the name to a page in
 * the PDF it shows; a path with no place of its own gets no link.
 */

const BY_PREFIX: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^performanceSheets\[(\d+)\]/, (m) => `sheet${m[1]}`],
  [/^projects\b/, () => 'table-t12'],
  [/^carryoverProjects\b/, () => 'table-t13'],
  [/^basicByEconomic\b/, () => 'table-t06'],
  [/^govFundIncome\b/, () => 'table-t07'],
  [/^stateCapitalIncome\b/, () => 'table-t09'],
  [/^threePublic\b/, () => 'table-t10'],
  [/^operatingCosts\b/, () => 'table-t11'],
  [/^expenditure\b/, () => 'table-t03'],
  [/^approval\b/, () => 'letter'],
];

export function destinationOf(path: string): string | undefined {
  for (const [re, name] of BY_PREFIX) {
    const m = path.match(re);
    if (m) return name(m);
  }
  return undefined;
}
