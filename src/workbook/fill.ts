import { GUIDE_SHEET, SHEETS, type Field, type SheetSpec } from './spec.js';
import { amountFormat, decimalsOf, getAt, joinPath } from './values.js';

/*
 * A data file as the workbook's sheets (or a blank workbook: no data): each value in the cell
 * form its column's type gives it. The write stage (write/workbook.ts) draws these with styles,
 * notes and drop-downs; the reader (read.ts) reads them back to the same data.
 */

export interface OutCell {
  value?: string | number | boolean;
  /** Number format; '@' = text. */
  format?: string;
}

export interface OutSheet {
  spec: SheetSpec;
  /** The header row (for record sheets: 项目 | 内容 | 说明). */
  header: Array<{ text: string; note?: string; width?: number; options?: readonly string[]; format?: string }>;
  rows: OutCell[][];
}

const TEXT = '@';

/** The cell a value takes in a column of this type. */
export function outCell(field: Field, value: unknown): OutCell {
  const fmt = columnFormat(field);
  if (value === undefined || value === null) return { format: fmt };
  switch (field.type) {
    case 'money':
    case 'yuan':
      return { value: Number(value), format: amountFormat(decimalsOf(value as string | number)) };
    case 'count':
      return { value: Number(value), format: '0' };
    case 'bool':
      return { value: value ? '是' : '否', format: TEXT };
    default:
      return { value: String(value), format: TEXT };
  }
}

/** A column's format in a blank row: what a clerk's typing becomes. */
export function columnFormat(field: Field): string {
  if (field.type === 'money' || field.type === 'yuan') return amountFormat(2);
  if (field.type === 'count') return '0';
  return TEXT;
}

const list = (data: unknown, path: string): unknown[] => {
  const v = getAt(data, path);
  return Array.isArray(v) ? v : [];
};

export function fillWorkbook(data?: unknown): OutSheet[] {
  return SHEETS.map((spec): OutSheet => {
    if (spec.kind === 'record') {
      return {
        spec,
        header: [{ text: '项目', width: 34 }, { text: '内容', width: 60 }, { text: '说明', width: 60 }],
        rows: spec.fields.map((f) => [{ value: f.header, format: TEXT }, outCell(f, data === undefined ? undefined : getAt(data, f.path)), { value: f.note, format: TEXT }]),
      };
    }
    if (spec.kind === 'paragraphs') {
      const rows: OutCell[][] = [];
      for (const l of spec.lists) for (const p of list(data, l.path)) rows.push([{ value: l.label, format: TEXT }, { value: String(p), format: TEXT }]);
      return {
        spec,
        header: [
          { text: '类别', note: `这一段属于哪里：${spec.lists.map((l) => l.label).join('、')}`, width: 24, options: spec.lists.map((l) => l.label), format: TEXT },
          { text: '段落', note: '一段文字；一段一行', width: 100, format: TEXT },
        ],
        rows,
      };
    }
    const key = spec.parent?.key;
    const split = spec.parent?.split;
    const header = [
      ...(key ? [{ text: key.header, note: key.note, width: key.width ?? 8, format: '0' }] : []),
      ...(split ? [{ text: split.header, note: split.note, width: 8, options: Object.keys(split.values), format: TEXT }] : []),
      ...[...(spec.group?.columns ?? []), ...spec.columns].map((f) => ({ text: f.header, note: f.note, width: f.width ?? 14, ...(f.options ? { options: f.options } : {}), format: columnFormat(f) })),
    ];
    const rows: OutCell[][] = [];
    if (spec.parent) {
      list(data, spec.parent.list).forEach((parent, i) => {
        for (const [label, where] of Object.entries(split?.values ?? { '': '' })) {
          for (const item of list(parent, joinPath(spec.parent!.into, where))) {
            rows.push([{ value: i + 1, format: '0' }, ...(split ? [{ value: label, format: TEXT }] : []), ...spec.columns.map((f) => outCell(f, getAt(item, f.path)))]);
          }
        }
      });
    } else if (spec.group) {
      for (const g of list(data, spec.list)) {
        for (const item of list(g, spec.group.items)) {
          rows.push([...spec.group.columns.map((f) => outCell(f, getAt(g, f.path))), ...spec.columns.map((f) => outCell(f, f.path === '' ? item : getAt(item, f.path)))]);
        }
      }
    } else {
      list(data, spec.list).forEach((item, i) => rows.push(spec.columns.map((f) => (f.path === '#' ? { value: i + 1, format: '0' } : outCell(f, getAt(item, f.path))))));
    }
    return { spec, header, rows };
  });
}

/** What the guide sheet says, line by line. */
export function guideLines(): string[] {
  return [
    'gongkai 部门预算公开填报表',
    '',
    '怎样填：',
    '1. 每个工作表填一类内容，表头（第1行）不要删改；把鼠标移到表头上可看到这一列的说明。',
    '2. “部门信息”先填：其中的“金额单位”（万元或元）对所有金额有效；绩效目标表的金额始终为元。',
    '3. 金额填数字，不要写“万元”等字样，不要用公式以外的文字；没有的留空（留空和 0 不同：留空表示未说明）。',
    '4. 编码（科目编码、单位编码）按文本填写，前导的 0 不会丢失。',
    '5. 带下拉箭头的格子只能从列表中选择。',
    '6. 不要合并单元格、不要隐藏有数据的行；同一类的行可以任意增删。',
    '7. 成段的文字（职责、机构设置、批复要求等）写在“段落文字”表，每行一段，“类别”说明属于哪里。',
    '8. 绩效目标表每张一行，指标写在“绩效指标”表，用“序号”对应。',
    '9. 项目经费情况说明（需要印的地区）每篇一行，段落写在“项目经费说明段落”表，预算的各部分写在“项目经费预算构成”表，都用“序号”对应；不印的不填。',
    '',
    '填好后：',
    '  gongkai validate 填报表.xlsx        检查，问题会指出工作表和单元格，如 填报表.xlsx › 项目支出 › D12',
    '  gongkai build 填报表.xlsx           生成 PDF',
    '  gongkai import 填报表.xlsx -o 部门.json   转成 JSON 数据文件（可选）',
    '',
    `本表由 gongkai 生成。工作表：${[GUIDE_SHEET, ...SHEETS.map((s) => s.name)].join('、')}。`,
  ];
}
