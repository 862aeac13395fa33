import type { Catalogue, MappingKey } from '../schema/catalogue.js';
import type { Department, UnitKind } from '../schema/index.js';

/*
 * What the standard catalogue says about a department: which column of the economic mapping its
 * units read (行政单位 and 参公单位: administrative; 事业单位: institution), and the
 * 政府预算支出经济科目 a 部门经济科目 maps to. Pure.
 */

const KEY: Partial<Record<UnitKind, MappingKey>> = { 行政单位: 'administrative', 参照公务员法管理事业单位: 'administrative', 事业单位: 'institution' };

/** The mapping columns the department's units read (empty when no unit states a kind). */
export function mappingKeys(data: Department): MappingKey[] {
  const keys = new Set<MappingKey>();
  for (const u of data.department.units) {
    const k = u.kind ? KEY[u.kind] : undefined;
    if (k) keys.add(k);
  }
  return [...keys];
}

/**
 * The 政府预算支出经济科目名称 of a 部门经济科目 code for this department: defined only when
 * every unit with a kind reads the same column (表6 is one table for the whole department).
 */
export function standardGovName(catalogue: Catalogue | undefined, data: Department, code: string | undefined): string | undefined {
  if (!catalogue || !code) return undefined;
  const keys = mappingKeys(data);
  if (keys.length !== 1) return undefined;
  const gov = catalogue.economicMapping[keys[0]!][code];
  return gov ? catalogue.governmentEconomic[gov] : undefined;
}

/** Every 政府经济科目名称 the code may map to for some unit kind of the department (all columns when no kind is stated). */
export function allowedGovNames(catalogue: Catalogue, data: Department, code: string): string[] {
  const keys = mappingKeys(data);
  const columns: MappingKey[] = keys.length ? keys : ['administrative', 'institution'];
  return [...new Set(columns.flatMap((k) => (catalogue.economicMapping[k][code] ? [catalogue.governmentEconomic[catalogue.economicMapping[k][code]!]!] : [])))];
}
