import { z } from 'zod';
import { ROLE_NAMES } from '../load/fonts.js';
import { MONEY_UNITS, ROUNDINGS, type RoundingName } from '../derive/format.js';
import { resolveFormat } from '../render/formats.js';

/*
 * The files of a template set (templates/<name>/), as zod schemas: what the load stage accepts,
 * with messages in Chinese. Objects are strict, so a misspelt key (“vv” for “v”, “colspan” for
 * “colSpan”) is an error naming file and path, not a field silently ignored. Cross-file rules
 * (a block's style exists, a table id has its file, a partial exists) are checked by the loader.
 */

const text = z.string({ error: '须为文字' });
const nonEmpty = text.min(1, { error: '不能为空' });
const positive = z.number({ error: '须为数字' }).positive({ error: '须大于0' });
const nonNegative = z.number({ error: '须为数字' }).nonnegative({ error: '不能为负数' });
const comment = { $comment: z.string().optional() };

/**
 * The meta keys the code reads (PDF metadata, the table meta line and unit, the empty-table note,
 * the footer, the draft and forced marks, the chart legend line, the page labels): each must be
 * given. A set may add any other key: its templates read it as `{{meta.<key>}}`.
 */
export const META_KEYS = ['title', 'subject', 'keywords', 'tableMeta', 'tableUnit', 'emptyNote', 'footer', 'draft', 'forced', 'chartLabel', 'labelCover', 'labelToc'] as const;
/**
 * Meta keys the code reads when a set gives them, filled in by render or layout rather than rendered
 * as templates over the whole document: `chartAlt`, a chart's text for a reader who cannot see it
 * (over the chart's title and items); `continued`, the word over a table continued on a later page
 * (over the table's label).
 */
export const UNRENDERED_META_KEYS = ['chartAlt', 'continued'] as const;

const MoneyUnit = z.enum(MONEY_UNITS, { error: `金额单位须为 ${MONEY_UNITS.join(' 或 ')}` });
const Rounding = z.enum(Object.keys(ROUNDINGS) as [RoundingName, ...RoundingName[]], { error: `舍入方式须为 ${Object.keys(ROUNDINGS).join('、')} 之一` });
const Decimals = z.int({ error: '小数位数须为整数' }).min(0, { error: '小数位数不能为负数' }).max(6, { error: '小数位数至多为6' });

/**
 * The set's money: the unit its tables print in (a table or a cell may say otherwise), the unit
 * and decimals of `{{money}}` in the text, and the one rounding (decimal.js modes by name).
 */
export const MoneyDefaults = z.strictObject({
  unit: MoneyUnit.optional(),
  textUnit: MoneyUnit.optional(),
  textDecimals: Decimals.optional(),
  rounding: Rounding.optional(),
  /**
   * How the text states a change against the prior year: from the exact amounts (exact), or as
   * the difference of the two figures as printed (printed: 18,976.76 − 15,621.11 = 3,355.65 万元,
   * where the exact amounts give 3,355.64) — `{{changeOf x}}` follows it.
   */
  changes: z.enum(['exact', 'printed'], { error: 'changes 须为 exact（按精确金额算增减）或 printed（按印出的数字算增减）' }).optional(),
});

/** The documents a set makes from one department's data: the 部门 document, and one 单位 document per separately budgeted unit. */
export const DOCUMENT_KINDS = ['department', 'unit'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const Documents = z
  .array(z.enum(DOCUMENT_KINDS, { error: '文档只能是 "department"（部门预算）或 "unit"（每个预算单位一份单位预算）' }), { error: '须为文档的列表，如 ["department", "unit"]' })
  .min(1, { error: '至少一种文档' })
  .refine((d) => d.includes('department'), { error: '须含 "department"：单位预算与部门预算一同生成' })
  .refine((d) => new Set(d).size === d.length, { error: '文档不能重复列出' });

export const SetFile = z.strictObject({
  ...comment,
  name: nonEmpty,
  description: text.optional(),
  money: MoneyDefaults.optional(),
  /** What one data file makes: ["department"] (default) or ["department", "unit"]. */
  documents: Documents.optional(),
  tables: z.array(z.string().regex(/^[a-z0-9-]+$/, { error: '表格编号只能含小写字母、数字和连字符' }), { error: '须为表格编号的列表' }).min(1, { error: '至少一张表' }),
  charts: z
    .record(
      z.string().regex(/^[a-z0-9-]+$/, { error: '图表名只能含小写字母、数字和连字符' }),
      z.strictObject({ kind: nonEmpty, items: z.string().regex(/^\$\.[A-Za-z0-9_.]+$/, { error: '图表数据须为派生模型中的路径，如 "$.narrative.generalBudgetByClass"' }), label: text.optional(), alt: text.optional() }),
    )
    .optional(),
  meta: z.object(Object.fromEntries(META_KEYS.map((k) => [k, z.string({ error: `缺少 meta.${k}（程序读取这一项），或它不是文字` })])) as Record<(typeof META_KEYS)[number], typeof text>).catchall(text),
});

const Align = z.enum(['left', 'center', 'right'], { error: '对齐方式须为 left、center 或 right' });

export const CellSpec = z.union(
  [
    text,
    z.strictObject({
      t: text.optional(),
      v: nonEmpty.optional(),
      /** A format of the registry (render/formats.ts): its name, or { name: options }. */
      f: z
        .union([text, z.record(z.string(), z.unknown())], { error: '格式 f 须为格式名（如 "amount"）或 { 格式名: 选项 }' })
        .superRefine((f, ctx) => {
          const r = resolveFormat(f);
          if ('issues' in r) for (const i of r.issues) ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
        })
        .optional(),
      indent: z.union([z.boolean(), nonNegative]).optional(),
      byKind: z.record(z.string(), text).optional(),
      align: Align.optional(),
      colSpan: z.int().min(1).optional(),
    }),
  ],
  { error: '单元格须为文字，或含 v / t 的对象' },
);

export const RowGroup = z.strictObject({
  each: nonEmpty.optional(),
  at: nonEmpty.optional(),
  label: text.optional(),
  row: z.array(CellSpec).optional(),
  kind: z.enum(['total', 'item']).optional(),
  level: z.int().nonnegative().optional(),
  /** With `each`: only the items of these levels (the 功能分类 tree: 0 合计, 1 类, 2 款, 3 项). */
  levels: z.array(z.int({ error: '层级须为整数' }).nonnegative({ error: '层级不能为负数' }), { error: 'levels 须为层级的列表，如 [0, 1, 2]' }).min(1, { error: 'levels 至少列一个层级' }).optional(),
});

const HeaderCell = z.union([text, z.strictObject({ text, colSpan: z.int().min(1).optional(), rowSpan: z.int().min(1).optional() })], { error: '表头单元格须为文字或 {text, colSpan, rowSpan}' });

export const TableFile = z
  .strictObject({
    ...comment,
    label: nonEmpty,
    title: nonEmpty,
    toc: nonEmpty,
    widths: z.array(positive).min(1),
    /** The unit this table's amounts print in; default the set's money.unit. */
    unit: MoneyUnit.optional(),
    /** Landscape pages for this table (consecutive landscape tables share them); default portrait. */
    orientation: z.enum(['portrait', 'landscape'], { error: '页面方向须为 portrait 或 landscape' }).optional(),
    header: z.array(z.array(HeaderCell)).min(1),
    columns: z.array(CellSpec).optional(),
    body: z.array(RowGroup).optional(),
    sides: z
      .strictObject({
        left: z.strictObject({ columns: z.array(CellSpec), rows: z.array(RowGroup) }),
        right: z.strictObject({ columns: z.array(CellSpec), rows: z.array(RowGroup) }),
      })
      .optional(),
    footer: z.array(RowGroup).optional(),
    notes: z.array(text).optional(),
  })
  .refine((t) => t.body !== undefined || t.sides !== undefined, { error: '须有 body 或 sides', path: ['body'] })
  .refine((t) => t.header.every((row) => row.length === t.widths.length), { error: '每行表头的单元格数须与 widths 的列数相同（被合并的单元格写 ""）', path: ['header'] });

/*
 * The 绩效目标表 grid, declared by the set: column widths, then rows of cells — a label (the
 * set's wording), a value (a path of the derived sheet: render/sheet.ts says which exist), or a
 * label and its value in one cell — a group (a label down the first column beside its rows), and
 * the indicator block (its heads, then one row per indicator line). Every row fills the widths.
 */
const span = z.int({ error: '跨列数 span 须为整数' }).min(1, { error: '跨列数 span 至少为1' });
const SheetCell = z.union(
  [
    z.strictObject({ label: text, value: nonEmpty.optional(), span: span.optional(), align: Align.optional() }),
    z.strictObject({ value: nonEmpty, span: span.optional(), align: Align.optional() }),
  ],
  { error: '绩效目标表的单元格须为 {label}、{value} 或 {label, value}（可加 span、align）' },
);
const SheetCells = z.array(SheetCell, { error: '须为单元格的列表' }).min(1, { error: '一行至少一个单元格' });
const SheetRow = z.union(
  [
    z.strictObject({ cells: SheetCells, keepWithNext: z.boolean().optional() }),
    z.strictObject({ group: text, rows: z.array(SheetCells).min(1, { error: '分组至少一行' }) }),
    z.strictObject({
      indicators: z.strictObject({
        head: z.array(text).min(2, { error: '指标表头至少两格' }),
        columns: z.array(z.strictObject({ value: nonEmpty, merge: z.boolean().optional() })).min(1, { error: '至少一列指标' }),
      }),
    }),
  ],
  { error: '绩效目标表的行须为 {cells}、{group, rows} 或 {indicators}' },
);

type SheetCellSpec = z.infer<typeof SheetCell>;
const spanOf = (cells: readonly SheetCellSpec[]) => cells.reduce((a, c) => a + (c.span ?? 1), 0);

export const SheetFile = z
  .strictObject({
    ...comment,
    title: nonEmpty,
    subtitle: text,
    widths: z.array(positive, { error: '须为各列宽度的列表' }).min(1, { error: '至少一列' }),
    outline: nonEmpty,
    rows: z.array(SheetRow, { error: '须为行的列表' }).min(1, { error: '至少一行' }),
    continued: SheetCells,
    /** Phrases a line never breaks inside (the dictionary splits them): 县（区）级. */
    words: z.array(nonEmpty, { error: '须为词语的列表' }).optional(),
    /** How the sheet's amounts (元) print: an amount format of the registry, and whole 元 when every amount of a sheet is whole. */
    amounts: z
      .strictObject({
        ...comment,
        format: z
          .union([text, z.record(z.string(), z.unknown())], { error: '格式须为格式名（如 "yuan"）或 { "amount": 选项 }' })
          .superRefine((f, ctx) => {
            const r = resolveFormat(f);
            if ('issues' in r) for (const i of r.issues) ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
            else if (r.name !== 'amount' || (r.options as { unit?: string }).unit !== '元') ctx.addIssue({ code: 'custom', path: [], message: '绩效目标表的金额须为以元为单位的 amount 格式，如 { "amount": { "unit": "元", "decimals": 2 } }' });
          }),
        wholeWhenAllWhole: z.boolean({ error: '须为 true 或 false' }).optional(),
      })
      .optional(),
  })
  .superRefine((f, ctx) => {
    const n = f.widths.length;
    const wrong = (path: Array<string | number>, got: number) => ctx.addIssue({ code: 'custom', path, message: `这一行占 ${got} 列，与 widths 的 ${n} 列不符` });
    f.rows.forEach((r, i) => {
      if ('cells' in r && spanOf(r.cells) !== n) wrong(['rows', i, 'cells'], spanOf(r.cells));
      if ('group' in r) r.rows.forEach((cells, j) => spanOf(cells) + 1 !== n && wrong(['rows', i, 'rows', j], spanOf(cells) + 1));
      if ('indicators' in r) {
        const b = r.indicators;
        if (b.head.length !== n) wrong(['rows', i, 'indicators', 'head'], b.head.length);
        if (b.columns.length + 1 !== n) wrong(['rows', i, 'indicators', 'columns'], b.columns.length + 1);
      }
    });
    if (spanOf(f.continued) !== n) wrong(['continued'], spanOf(f.continued));
  });

export const ClassesFile = z.strictObject({
  ...comment,
  classes: z.array(z.strictObject({ code: z.string().regex(/^\d{3}$/, { error: '类级科目编码须为3位数字' }), label: nonEmpty })).min(1),
});

const Margin = z.tuple([nonNegative, nonNegative, nonNegative, nonNegative], { error: '边距须为 [左, 上, 右, 下] 四个数' });
const colour = z.string().regex(/^#[0-9A-Fa-f]{6}$/, { error: '颜色须为 #RRGGBB' });

const Style = z.strictObject({
  font: z.enum(ROLE_NAMES, { error: `字体角色须为 ${ROLE_NAMES.join('、')} 之一` }).optional(),
  fontSize: positive.optional(),
  bold: z.boolean().optional(),
  alignment: z.enum(['left', 'center', 'right', 'justify'], { error: '对齐方式须为 left、center、right 或 justify' }).optional(),
  lineHeight: positive.optional(),
  color: z.string().optional(),
});

export const ThemeFile = z.strictObject({
  ...comment,
  page: z.strictObject({ size: z.literal('A4', { error: '页面尺寸目前只支持 A4' }), margins: Margin, footerOffset: nonNegative }),
  colors: z.record(z.string(), z.union([colour, z.array(colour).min(1)], { error: '颜色须为 #RRGGBB 或其列表' })).refine((c) => Array.isArray(c.chart), { error: '须有图表颜色列表 chart' }),
  styles: z.record(z.string(), Style),
  blocks: z.record(z.string(), z.union([z.string(), z.strictObject({ style: nonEmpty, margin: Margin, firstMargin: Margin.optional() })])),
  spacing: z.strictObject({ noteBefore: nonNegative, firstLineIndentEm: nonNegative, indentPerLevel: nonNegative, cellPadding: Margin }),
  table: z.strictObject({ lineWidth: positive, dontBreakRows: z.boolean() }),
  chart: z.strictObject({ width: positive, height: positive }),
  numbers: z.strictObject({
    ...comment,
    wan: z.strictObject({ grouping: z.boolean() }),
    yuan: z.strictObject({ grouping: z.boolean() }),
  }),
});

export type SetFile = z.infer<typeof SetFile>;
export type TableFile = z.infer<typeof TableFile>;
export type SheetFile = z.infer<typeof SheetFile>;
export type ThemeFile = z.infer<typeof ThemeFile>;
export type ClassesFile = z.infer<typeof ClassesFile>;
