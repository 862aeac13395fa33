import { z } from 'zod';

/*
 * An import layout (data/import-layouts/<name>.json): how a budget system's export of the
 * thirteen 预算公开表 is read — for each table, a text that finds it and the header text of each
 * column the import needs. The facts each table yields are fixed (workbook/tables-import.ts);
 * where a system puts them is data.
 */

const header = z.string().min(1, { error: '表头文字不能为空' });
const columns = <K extends string>(keys: readonly K[], optional: readonly K[] = []) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, optional.includes(k) ? header.optional() : header])) as unknown as Record<K, z.ZodType<string | undefined>>);
const table = <K extends string>(keys: readonly K[], optional: readonly K[] = []) => z.strictObject({ find: header, columns: columns(keys, optional) });

const SUBJECT = ['code', 'name', 'total', 'basic', 'project'] as const;

export const ImportLayout = z.strictObject({
  $comment: z.string().optional(),
  name: z.string().regex(/^[a-z0-9-]+$/, { error: '名称只能含小写字母、数字和连字符' }),
  description: z.string(),
  /** Finds the money unit in a table's heading lines: one group, 万元 or 元. */
  unit: z.string().refine((s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  }, { error: '不是有效的正则表达式' }),
  tables: z.strictObject({
    t02: table(['code', 'name', 'total', 'generalBudget', 'govFund', 'stateCapital', 'specialAccount', 'unitFunds', 'carryover'] as const),
    t03: table(SUBJECT),
    t05: table(SUBJECT),
    t06: table(['name', 'govName', 'total', 'personnel', 'public'] as const),
    t07: table(['code', 'name', 'amount'] as const, ['code'] as const),
    t08: table(SUBJECT),
    t09: table(['incomeName', 'incomeAmount', 'code', 'name', 'total', 'basic', 'project'] as const),
    t10: z.strictObject({ find: header, columns: columns(['name', 'total', 'generalBudget', 'govFund', 'stateCapital'] as const), rows: z.strictObject({ abroad: header, reception: header, vehiclePurchase: header, vehicleOperation: header }) }),
    t11: z.strictObject({ find: header, columns: columns(['name', 'total', 'generalBudget', 'govFund', 'stateCapital'] as const), departmentRow: header }),
    t12: table(['name', 'total', 'generalBudget', 'govFund', 'stateCapital', 'specialAccount', 'unitFunds'] as const),
    t13: table(['name', 'total', 'generalBudget', 'govFund', 'stateCapital'] as const),
  }),
});
export type ImportLayout = z.infer<typeof ImportLayout>;
