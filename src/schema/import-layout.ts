import { z } from 'zod';

/*
 * An import layout (data/import-layouts/<name>.json): how a budget system's export of a template
 * set's tables words them where it differs from the set — for a table (by the set's table id), a
 * text that finds its sheet, the header text of a column (by the column's declared value path,
 * `left:`/`right:` before it in a table of two sides), the label of a single row (by its declared
 * `at` path) and the text of the total row. What each table yields is decided by the set's
 * declarations (workbook/import/); a table or column the layout does not name is found by the
 * set's own texts.
 */

const header = z.string().min(1, { error: '表头文字不能为空' });

const Table = z.strictObject({
  find: header.optional(),
  columns: z.record(z.string(), header).default({}),
  rows: z.record(z.string().regex(/^\$\./, { error: '行须以其 at 路径（$. 开头）指明' }), header).optional(),
  total: header.optional(),
});

export const ImportLayout = z.strictObject({
  $comment: z.string().optional(),
  name: z.string().regex(/^[a-z0-9-]+$/, { error: '名称只能含小写字母、数字和连字符' }),
  description: z.string(),
  /** Finds the money unit in a table's heading lines: one group, 万元 or 元. */
  unit: z
    .string()
    .refine((s) => {
      try {
        new RegExp(s);
        return true;
      } catch {
        return false;
      }
    }, { error: '不是有效的正则表达式' })
    .optional(),
  tables: z.record(z.string(), Table),
});
export type ImportLayout = z.infer<typeof ImportLayout>;
