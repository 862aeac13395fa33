import { D as Y } from '../../src/derive/decimal.js';
import type { Catalogue, MappingKey } from '../../src/schema/catalogue.js';
import type { DepartmentInput } from '../../src/schema/index.js';

/*
 * Basic expenditure by economic item as a department of mixed unit kinds fills it: a 部门经济科目 whose 政府预算经济科目 is the
 * same for 行政 and 事业单位 leaves the name to the catalogue (the cell empty); one that differs
 * gets one row per kind — the 行政/参公 part and the 事业 part, each with its own name and amount
 * (the 事业 share given in percent, exact to the 分). Totals are unchanged.
 */

export function rowsByUnitKind(input: DepartmentInput, catalogue: Catalogue, institutionShare = 40): DepartmentInput {
  const out = structuredClone(input);
  const name = (k: MappingKey, code: string) => {
    const gov = catalogue.economicMapping[k][code];
    return gov ? catalogue.governmentEconomic[gov] : undefined;
  };
  for (const g of out.basicByEconomic) {
    g.items = g.items.flatMap((it) => {
      if (!it.code) return [it];
      const adm = name('administrative', it.code);
      const ins = name('institution', it.code);
      if (!adm || !ins) return [it];
      if (adm === ins) {
        const { govName: _, ...rest } = it;
        return [rest];
      }
      const split = (v: string | number | undefined): [string | undefined, string | undefined] => {
        if (v === undefined) return [undefined, undefined];
        const whole = new Y(String(v));
        const part = whole.times(institutionShare).div(100).toDecimalPlaces(2, Y.ROUND_HALF_UP);
        return [whole.minus(part).toFixed(2), part.toFixed(2)];
      };
      const [pa, pi] = split(it.personnel);
      const [ua, ui] = split(it.public);
      const row = (govName: string, personnel?: string, pub?: string) => ({ code: it.code, name: it.name, govName, ...(personnel !== undefined ? { personnel } : {}), ...(pub !== undefined ? { public: pub } : {}) });
      return [row(adm, pa, ua), row(ins, pi, ui)];
    });
  }
  return out;
}
