import type { Catalogue, MappingKey } from '../schema/catalogue.js';
import type { Department, UnitKind } from '../schema/index.js';

/*
 * What the standard catalogue says about a department: which column of the economic mapping its
 * units read (行政单位 and 参公单位: administrative; 事业单位: institution), and the
 * 政府预算支出经济科目 a 部门经济科目 maps to. Pure.
 */

const KEY: Partial<Record<UnitKind, MappingKey>> = { 行政单位: 'administrative', 参照公务员法管理事业单位: 'administrative', 事业单位: 'institution' };

/**
 * The mapping columns the department's units read. A unit whose kind is not stated may read
 * either: both columns then (never the 行政 column taken silently for a unit that may be a 事业单位).
 */
export function mappingKeys(data: Department): MappingKey[] {
  const keys = new Set<MappingKey>();
  // A unit without a budget of its own (不单列预算) spends through another unit's budget, and that
  // unit's kind decides the 政府预算经济科目; only when no unit is left do all units count.
  const budgeted = data.department.units.filter((u) => u.separateBudget !== false);
  for (const u of budgeted.length ? budgeted : data.department.units) {
    const k = u.kind ? KEY[u.kind] : undefined;
    if (k) keys.add(k);
    else {
      keys.add('administrative');
      keys.add('institution');
    }
  }
  return [...keys];
}

/** The 政府预算支出经济科目名称 each column gives a code, by the column. */
export function govNamesByKey(catalogue: Catalogue, code: string, keys: readonly MappingKey[]): Array<{ key: MappingKey; name: string }> {
  return keys.flatMap((k) => {
    const gov = catalogue.economicMapping[k][code];
    const name = gov ? catalogue.governmentEconomic[gov] : undefined;
    return name ? [{ key: k, name }] : [];
  });
}

/**
 * The 政府预算支出经济科目名称 of a 部门经济科目 code for this department: defined only when
 * every column its units may read gives the same name (the economic-classification table is one for the whole
 * department; a mixed department writes the name on each row, or one row per kind of unit).
 */
export function standardGovName(catalogue: Catalogue | undefined, data: Department, code: string | undefined): string | undefined {
  if (!catalogue || !code) return undefined;
  const keys = mappingKeys(data);
  if (keys.length === 0) return undefined;
  const names = govNamesByKey(catalogue, code, keys);
  if (names.length !== keys.length) return undefined;
  return new Set(names.map((n) => n.name)).size === 1 ? names[0]!.name : undefined;
}

/** Every 政府经济科目名称 the code may map to for some unit kind of the department (all columns when no kind is stated). */
export function allowedGovNames(catalogue: Catalogue, data: Department, code: string): string[] {
  const keys = mappingKeys(data);
  const columns: MappingKey[] = keys.length ? keys : ['administrative', 'institution'];
  return [...new Set(govNamesByKey(catalogue, code, columns).map((n) => n.name))];
}
