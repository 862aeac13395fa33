import { UNIT_KINDS } from '../schema/department.js';
import { MONEY_UNITS } from '../schema/common.js';
import { DEFAULT_TEMPLATE_SET } from '../schema/default-set.js';

/*
 * The gongkai workbook (填报表): which sheet holds which facts, column by column, as data. The
 * writer (write.ts: a blank workbook or one filled from a data file) and the reader (read.ts:
 * a workbook back to a data file) both follow this one description, so they cannot drift.
 *
 * A sheet is one of:
 *   record      one fact per row: 项目 | 内容 | 说明 (部门信息, 情况说明, 批复)
 *   table       one list item per row under a header row; a column's path is relative to the item
 *   paragraphs  paragraph lists: 类别 | 段落, one paragraph per row, the 类别 naming the list
 * Indicators and glossary paragraphs are tables whose rows join their parent by a key column.
 */

export type CellType =
  /** any text */
  | 'text'
  /** a code: digits kept as typed (a number cell loses leading zeros: said) */
  | 'code'
  /** an amount in the file's money unit (万元 or 元, stated in 部门信息) */
  | 'money'
  /** an amount in 元 (the 绩效目标表) */
  | 'yuan'
  /** a whole number */
  | 'count'
  /** 是 / 否 */
  | 'bool'
  /** a date, written YYYY-MM-DD */
  | 'date'
  /** a decimal number kept as text (面积, 占比) */
  | 'decimal'
  /** digits kept as text (填报日期 YYYYMMDD[hhmmss]) */
  | 'digits';

export interface Field {
  header: string;
  /** Dotted path: absolute in a record sheet, relative to the row's item in a table. */
  path: string;
  type: CellType;
  /** What a clerk reads in the header's note. */
  note: string;
  /** A closed list: a drop-down in the workbook, and checked on import. */
  options?: readonly string[];
  /** Column width in characters. */
  width?: number;
  /** Only `true` may be written (noCarryover): 否 or empty leaves it out. */
  trueOnly?: boolean;
  /** A text the data format requires but allows empty: an empty cell is the empty text. */
  emptyText?: boolean;
  /**
   * A record row added after workbooks were already in use: one made by an earlier gongkai lacks
   * it, which is not a deleted row (no warning); the value is then not stated.
   */
  addedLater?: boolean;
}

export interface RecordSheet {
  kind: 'record';
  name: string;
  note: string;
  fields: Field[];
}

export interface TableSheet {
  kind: 'table';
  name: string;
  note: string;
  /** Path of the list the rows fill (created empty when the sheet has no rows). */
  list: string;
  /** The list may be left out of the data when empty (an optional list). */
  optional?: boolean;
  /**
   * A sheet added after workbooks were already in use: one made by an earlier gongkai lacks it,
   * which is not a deleted sheet (no message); its list is then left out.
   */
  addedLater?: boolean;
  columns: Field[];
  /**
   * Rows grouped under a parent list item by the values of these columns (basic expenditure: 类 → 款): the
   * parent's fields are its own columns (paths relative to the parent), `items` the child list.
   */
  group?: { columns: Field[]; items: string };
  /**
   * The rows belong to items of another sheet's list, found by a key column; `into` is the path
   * within that item ('' for the item itself, with `split` choosing the list).
   */
  parent?: { sheet: string; key: Field; list: string; by: 'index' | 'value'; keyPath?: string; into: string; split?: { header: string; note: string; values: Record<string, string> } };
}

export interface ParagraphsSheet {
  kind: 'paragraphs';
  name: string;
  note: string;
  /** 类别 → list path; `optional` lists are left out when empty. */
  lists: Array<{ label: string; path: string; optional?: boolean }>;
}

export type SheetSpec = RecordSheet | TableSheet | ParagraphsSheet;

const FUND_LABELS: Array<[string, string]> = [
  ['generalBudget', '一般公共预算'],
  ['govFund', '政府性基金预算'],
  ['stateCapital', '国有资本经营预算'],
  ['specialAccount', '财政专户管理资金'],
  ['unitFunds', '单位资金'],
];
const FISCAL_LABELS = FUND_LABELS.slice(0, 3);

const funds = (prefix: string, headerPrefix: string, labels = FUND_LABELS, what = '金额'): Field[] =>
  labels.map(([key, label]) => ({ header: `${headerPrefix}${label}`, path: `${prefix}${key}`, type: 'money' as const, note: `${headerPrefix}${label}${what}（单位见“部门信息”的金额单位）；没有的留空`, width: 14 }));

const sheetFunds = (prefix: string, label: string): Field[] => [
  { header: `${label}资金总额`, path: `${prefix}.declaredTotal`, type: 'yuan', note: `${label}资金总额（元）：手工填写时与各来源之和核对；留空则由各来源相加`, width: 14 },
  { header: `${label}中央财政资金`, path: `${prefix}.central`, type: 'yuan', note: '其中：中央财政资金（元）', width: 14 },
  { header: `${label}省级财政资金`, path: `${prefix}.provincial`, type: 'yuan', note: '省级财政资金（元）', width: 14 },
  { header: `${label}市县（区）财政资金`, path: `${prefix}.local`, type: 'yuan', note: '市县（区）财政资金（元）', width: 14 },
  { header: `${label}单位自筹`, path: `${prefix}.selfRaised`, type: 'yuan', note: '单位自筹（元）', width: 14 },
  { header: `${label}其他资金`, path: `${prefix}.other`, type: 'yuan', note: '其他资金（元）', width: 14 },
];

/** The income lines (政府性基金, 国有资本经营): one 收入科目 a row. */
const INCOME_COLUMNS: Field[] = [
  { header: '收入科目编码', path: 'code', type: 'code', note: '可留空', width: 14 },
  { header: '收入科目名称', path: 'name', type: 'text', note: '', width: 30 },
  { header: '金额', path: 'amount', type: 'money', note: '金额单位见“部门信息”', width: 14 },
];

const LEVEL1 = ['产出指标', '效益指标', '满意度指标', '成本指标'] as const;

export const SHEETS: SheetSpec[] = [
  {
    kind: 'record',
    name: '部门信息',
    note: '部门的基本信息。金额单位对本工作簿所有金额有效（绩效目标表除外，始终为元）。',
    fields: [
      { header: '预算年度', path: 'year', type: 'count', note: '如 2026' },
      { header: '公开日期', path: 'publishedOn', type: 'date', note: '写入 PDF 的日期，格式 2026-02-04' },
      { header: '金额单位', path: 'moneyUnit', type: 'text', options: MONEY_UNITS, note: '万元（最多六位小数）或元（如预算管理一体化系统导出，最多两位小数）；留空为万元' },
      { header: '模板集', path: 'templateSet', type: 'text', note: `文档格式；留空用项目配置（gongkai.config.json）的模板集，没有时为 ${DEFAULT_TEMPLATE_SET}` },
      { header: '部门名称', path: 'department.name', type: 'text', note: '用作 PDF 文件名，不超过 60 个字' },
      { header: '加挂牌子名称', path: 'department.altName', type: 'text', note: '括注的第二名称，没有的留空' },
      { header: '简称', path: 'department.shortName', type: 'text', note: '用于“××整体支出绩效目标”等处；留空用部门名称' },
      { header: '绩效目标表地区', path: 'department.region', type: 'text', addedLater: true, note: '绩效目标表表头的地区，如“城东区”；留空则表头不写地区' },
      { header: '部门编码', path: 'department.code', type: 'code', note: '如 640（设为文本，前导的 0 不会丢）' },
      { header: '没有上年结转', path: 'expenditure.noCarryover', type: 'bool', trueOnly: true, options: ['是', '否'], note: '“是”：本年没有上年结转资金，说明中印“上年结转0万元”；留空且各科目都没有上年结转时，说明中不提上年结转' },
      { header: '名词解释只用本部门的', path: 'glossary.replace', type: 'bool', options: ['是', '否'], note: '“是”：只印“名词解释”表中的名词；“否”或留空：在模板默认名词解释上增补或覆盖' },
    ],
  },
  {
    kind: 'table',
    name: '预算单位',
    note: '部门所属的预算单位，每行一个。',
    list: 'department.units',
    columns: [
      { header: '单位名称', path: 'name', type: 'text', note: '预算单位全称', width: 40 },
      { header: '单位编码', path: 'code', type: 'code', note: '数字编码，可留空', width: 12 },
      { header: '单位类型', path: 'kind', type: 'text', options: UNIT_KINDS, note: '决定公用经费是否计入机关运行经费', width: 24 },
      { header: '在机关运行经费范围内', path: 'operatingScope', type: 'bool', options: ['是', '否'], note: '留空按单位类型：行政单位、参公单位在内，事业单位不在', width: 12 },
      { header: '公用经费', path: 'publicCosts', type: 'money', note: '本单位一般公共预算基本支出中的公用经费，核对机关运行经费用；可留空', width: 14 },
      { header: '单列预算', path: 'separateBudget', type: 'bool', options: ['是', '否'], addedLater: true, note: '“否”：不单列预算，收支含在本部门其他单位的预算里，不出单位预算文档；留空为单列', width: 10 },
    ],
  },
  {
    kind: 'paragraphs',
    name: '段落文字',
    note: '成段的文字，每行一段，“类别”说明这一段属于哪里。同一类别的段落按行的先后排列。',
    lists: [
      { label: '部门职责', path: 'department.duties' },
      { label: '机构设置', path: 'department.organisation' },
      { label: '人员经费主要科目', path: 'narrative.personnelItems', optional: true },
      { label: '公用经费主要科目', path: 'narrative.publicItems', optional: true },
      { label: '政府购买服务指导性目录', path: 'narrative.purchaseServices' },
      { label: '其他说明', path: 'narrative.other' },
      { label: '批复要求', path: 'approval.items' },
      { label: '批复附件', path: 'approval.attachments' },
    ],
  },
  {
    kind: 'table',
    name: '功能科目',
    note: '支出功能分类的类（3位）和款（5位）及其名称；金额只填在“功能科目支出”的项上。',
    list: 'expenditure.subjects',
    columns: [
      { header: '科目编码', path: 'code', type: 'code', note: '类3位、款5位', width: 12 },
      { header: '科目名称', path: 'name', type: 'text', note: '如“一般公共服务支出”', width: 36 },
    ],
  },
  {
    kind: 'table',
    name: '功能科目支出',
    note: '每个项级科目（7位）一行：本年基本支出、项目支出按资金来源，以及上年结转安排的支出。金额单位见“部门信息”。',
    list: 'expenditure.lines',
    columns: [
      { header: '科目编码', path: 'code', type: 'code', note: '项级科目编码（7位），如 2010302', width: 12 },
      { header: '科目名称', path: 'name', type: 'text', note: '如“一般行政管理事务”', width: 30 },
      { header: '主要用途', path: 'purpose', type: 'text', addedLater: true, note: '这一项主要用于什么，如“主要用于机关行政运行和机关人员经费支出”；不填不印', width: 30 },
      ...funds('basic.', '基本支出-'),
      ...funds('project.', '项目支出-'),
      ...funds('carryover.basic.', '上年结转基本支出-'),
      ...funds('carryover.project.', '上年结转项目支出-'),
    ],
  },
  {
    kind: 'table',
    name: '基本支出经济科目',
    note: '一般公共预算基本支出按部门经济科目，每个款一行；同一个类的款写在一起，类编码和类名称每行都填。',
    list: 'basicByEconomic',
    group: {
      columns: [
        { header: '类编码', path: 'code', type: 'code', note: '部门经济科目类编码，如 302', width: 10 },
        { header: '类名称', path: 'name', type: 'text', note: '如“商品和服务支出”', width: 20 },
      ],
      items: 'items',
    },
    columns: [
      { header: '款编码', path: 'code', type: 'code', note: '部门经济科目款编码，如 30201', width: 10 },
      { header: '款名称', path: 'name', type: 'text', note: '部门预算支出经济科目名称，如“办公费”', width: 24 },
      { header: '政府预算经济科目名称', path: 'govName', type: 'text', note: '留空时由科目目录推出', width: 24 },
      { header: '人员经费', path: 'personnel', type: 'money', note: '金额单位见“部门信息”', width: 14 },
      { header: '公用经费', path: 'public', type: 'money', note: '金额单位见“部门信息”', width: 14 },
    ],
  },
  {
    kind: 'table',
    name: '政府性基金收入',
    note: '政府性基金预算收入，每个收入科目一行；没有的不填。',
    list: 'govFundIncome',
    columns: INCOME_COLUMNS,
  },
  {
    kind: 'table',
    name: '国有资本经营收入',
    note: '国有资本经营预算收入，每个收入科目一行；没有的不填。',
    list: 'stateCapitalIncome',
    columns: INCOME_COLUMNS,
  },
  {
    kind: 'record',
    name: '三公经费',
    note: '财政拨款安排的“三公”经费，按预算类别。没有的留空。',
    fields: (
      [
        ['abroad', '因公出国（境）费'],
        ['reception', '公务接待费'],
        ['vehiclePurchase', '公务用车购置费'],
        ['vehicleOperation', '公务用车运行维护费'],
      ] as const
    ).flatMap(([key, label]) => FISCAL_LABELS.map(([f, fl]) => ({ header: `${label}-${fl}`, path: `threePublic.${key}.${f}`, type: 'money' as const, note: `${label}中${fl}安排的金额` }))),
  },
  {
    kind: 'table',
    name: '机关运行经费',
    note: '机关运行经费，每个单位一行；只知道部门合计时，填一行并把单位名称留空。',
    list: 'operatingCosts',
    columns: [{ header: '单位名称', path: 'unit', type: 'text', note: '须为“预算单位”之一；留空表示部门合计', width: 40 }, ...funds('funds.', '', FISCAL_LABELS)],
  },
  {
    kind: 'table',
    name: '项目支出',
    note: '本年预算安排的项目，每个项目一行。',
    list: 'projects',
    columns: [
      { header: '单位名称', path: 'unit', type: 'text', note: '须为“预算单位”之一', width: 30 },
      { header: '项目名称', path: 'name', type: 'text', note: '应与绩效目标表的项目名称一致', width: 30 },
      { header: '项目类别', path: 'category', type: 'text', options: ['其他运转类', '特定目标类'], note: '其他运转类或特定目标类', width: 12 },
      ...funds('funds.', ''),
    ],
  },
  {
    kind: 'table',
    name: '上年结转项目',
    note: '上年结转安排的项目，每个项目一行；没有的不填。',
    list: 'carryoverProjects',
    columns: [
      { header: '单位名称', path: 'unit', type: 'text', note: '', width: 30 },
      { header: '项目名称', path: 'name', type: 'text', note: '', width: 30 },
      ...funds('funds.', '', FISCAL_LABELS),
    ],
  },
  {
    kind: 'table',
    name: '绩效目标表',
    note: '项目支出绩效目标表，每张表一行（金额单位：元）。指标写在“绩效指标”表，按序号对应。',
    list: 'performanceSheets',
    columns: [
      { header: '序号', path: '#', type: 'count', note: '1、2、3……，“绩效指标”表按它找到这张表', width: 6 },
      { header: '项目名称', path: 'project', type: 'text', note: '应与“项目支出”的项目名称一致', width: 24 },
      { header: '实施单位', path: 'unit', type: 'text', note: '', width: 24 },
      { header: '项目属性', path: 'attribute', type: 'text', note: '如“经常性项目（长期开展）”', width: 18 },
      { header: '项目期', path: 'period', type: 'text', note: '如“99年”', width: 8 },
      ...sheetFunds('funds.implementation', '实施期'),
      ...sheetFunds('funds.annual', '年度'),
      { header: '项目概况', path: 'overview', type: 'text', note: '', emptyText: true, width: 30 },
      { header: '立项依据', path: 'basis', type: 'text', note: '', emptyText: true, width: 20 },
      { header: '项目设立必要性', path: 'necessity', type: 'text', note: '', emptyText: true, width: 20 },
      { header: '保证项目实施的制度、措施', path: 'measures', type: 'text', note: '', emptyText: true, width: 20 },
      { header: '项目实施计划', path: 'plan', type: 'text', note: '', emptyText: true, width: 20 },
      { header: '实施期总体目标', path: 'goals.implementation', type: 'text', note: '', emptyText: true, width: 30 },
      { header: '年度总体目标', path: 'goals.annual', type: 'text', note: '', emptyText: true, width: 30 },
      { header: '负责人', path: 'responsible', type: 'text', note: '', width: 8 },
      { header: '经办人', path: 'handler', type: 'text', note: '', width: 8 },
      { header: '联系电话', path: 'phone', type: 'text', note: '', width: 14 },
      { header: '填报日期', path: 'filledAt', type: 'digits', note: 'YYYYMMDD 或 YYYYMMDDhhmmss，如 20251218164647', width: 16 },
    ],
  },
  {
    kind: 'table',
    name: '绩效指标',
    note: '绩效目标表的指标，每个指标一行，按“序号”对应“绩效目标表”。同一张表的指标按行的先后排列。',
    list: 'indicators',
    parent: {
      sheet: '绩效目标表',
      key: { header: '序号', path: '#', type: 'count', note: '“绩效目标表”的序号', width: 6 },
      list: 'performanceSheets',
      by: 'index',
      into: 'indicators',
      split: { header: '期间', note: '实施期或年度', values: { 实施期: 'implementation', 年度: 'annual' } },
    },
    columns: [
      { header: '一级指标', path: 'level1', type: 'text', options: LEVEL1, note: '产出指标、效益指标、成本指标或满意度指标', width: 12 },
      { header: '二级指标', path: 'level2', type: 'text', note: '如“数量指标”', width: 14 },
      { header: '三级指标', path: 'level3', type: 'text', note: '', width: 30 },
      { header: '指标值', path: 'value', type: 'text', note: '', width: 14 },
    ],
  },
  {
    kind: 'record',
    name: '情况说明',
    note: '第三部分情况说明中需要填写的文字和数字。上年数留空为未说明（不印增减）。',
    fields: [
      { header: '上年预算收入总计', path: 'narrative.lastYear.incomeTotal', type: 'money', note: '用于“比上年增减”；留空为未说明' },
      { header: '上年预算支出总计', path: 'narrative.lastYear.expenditureTotal', type: 'money', note: '留空为未说明' },
      { header: '上年一般公共预算当年支出', path: 'narrative.lastYear.generalBudgetExpenditure', type: 'money', note: '留空为未说明' },
      { header: '上年“三公”经费预算合计', path: 'narrative.lastYear.threePublic', type: 'money', note: '留空为未说明' },
      { header: '上年机关运行经费预算', path: 'narrative.lastYear.operatingCosts', type: 'money', note: '留空为未说明' },
      ...(
        [
          ['fiscalIncome', '上年财政拨款收入'],
          ['fiscalExpenditure', '上年财政拨款支出预算'],
          ['govFundExpenditure', '上年政府性基金拨款支出预算'],
          ['stateCapitalExpenditure', '上年国有资本经营预算拨款支出预算'],
          ['threePublicAbroad', '上年因公出国（境）费预算'],
          ['threePublicReception', '上年公务接待费预算'],
          ['threePublicVehicle', '上年公务用车购置及运行费预算'],
          ['threePublicVehiclePurchase', '上年公务用车购置费预算'],
          ['threePublicVehicleOperation', '上年公务用车运行费预算'],
        ] as const
      ).map(([key, label]): Field => ({ header: label, path: `narrative.lastYear.${key}`, type: 'money', addedLater: true, note: '留空为未说明' })),
      { header: '收入变动主要原因', path: 'narrative.reasons.income', type: 'text', note: '' },
      { header: '支出变动主要原因', path: 'narrative.reasons.expenditure', type: 'text', note: '' },
      { header: '一般公共预算支出变动原因', path: 'narrative.reasons.generalBudget', type: 'text', note: '可留空' },
      { header: '“三公”经费增减变动原因', path: 'narrative.reasons.threePublic', type: 'text', note: '可留空' },
      { header: '因公出国（境）费增减变动原因', path: 'narrative.reasons.threePublicAbroad', type: 'text', addedLater: true, note: '单独成句；可留空' },
      { header: '公务接待费增减变动原因', path: 'narrative.reasons.threePublicReception', type: 'text', addedLater: true, note: '单独成句；可留空' },
      { header: '公务用车购置及运行费增减变动原因', path: 'narrative.reasons.threePublicVehicle', type: 'text', addedLater: true, note: '单独成句；可留空' },
      { header: '公务用车购置费增减变动原因', path: 'narrative.reasons.threePublicVehiclePurchase', type: 'text', addedLater: true, note: '可留空' },
      { header: '公务用车运行费增减变动原因', path: 'narrative.reasons.threePublicVehicleOperation', type: 'text', addedLater: true, note: '可留空' },
      { header: '机关运行经费增减变动原因', path: 'narrative.reasons.operatingCosts', type: 'text', note: '可留空' },
      { header: '政府采购货物预算', path: 'narrative.procurement.goods', type: 'money', note: '' },
      { header: '政府采购工程预算', path: 'narrative.procurement.works', type: 'money', note: '' },
      { header: '政府采购服务预算', path: 'narrative.procurement.services', type: 'money', note: '' },
      { header: '政府采购预算总额（手工填写）', path: 'narrative.procurement.declaredTotal', type: 'money', note: '留空由三项相加' },
      ...(
        [
          ['managed', '纳入绩效目标管理的1级项目'],
          ['managedOperating', '其中：其他运转类项目'],
          ['managedSpecific', '其中：特定目标类项目'],
          ['published', '公开项目绩效目标'],
          ['publishedOperating', '公开的其他运转类项目'],
          ['publishedSpecific', '公开的特定目标类项目'],
        ] as const
      ).flatMap(([key, label]): Field[] => [
        { header: `${label}（个）`, path: `narrative.performance.${key}.count`, type: 'count', note: '手工填写时与本年项目支出核对；留空由本年项目支出和绩效目标表导出' },
        { header: `${label}（金额）`, path: `narrative.performance.${key}.amount`, type: 'money', note: '' },
      ]),
      { header: '公开项目占项目支出总额的%（手工填写）', path: 'narrative.performance.declaredPublishedShare', type: 'decimal', note: '如 99.38；留空则计算' },
      { header: '国有资产截至日期', path: 'narrative.assets.asOf', type: 'date', note: '格式 2026-02-04' },
      ...(
        [
          ['quota', '公务用车编制数'],
          ['ministerial', '部级领导干部用车'],
          ['principal', '主要领导干部用车'],
          ['leader', '领导用车'],
          ['confidential', '机要通信用车'],
          ['emergency', '应急保障用车'],
          ['lawEnforcement', '执法执勤用车'],
          ['special', '特种专业技术用车'],
          ['institution', '事业单位业务用车'],
          ['other', '其他公务用车'],
          ['retired', '离退休干部用车'],
          ['declaredActual', '实有车辆数（手工填写）'],
        ] as const
      ).map(([key, label]): Field => ({ header: `${label}（辆）`, path: `narrative.assets.vehicles.${key}`, type: 'count', ...(key === 'ministerial' || key === 'principal' || key === 'retired' ? { addedLater: true } : {}), note: '留空为未说明' })),
      { header: '办公用房建筑总面积（平方米）', path: 'narrative.assets.buildingArea', type: 'decimal', note: '留空为未说明' },
      { header: '50万元以上通用设备（台、套）', path: 'narrative.assets.equipmentOver50', type: 'count', note: '留空为未说明' },
      { header: '100万元以上通用设备（台、套）', path: 'narrative.assets.equipmentOver100', type: 'count', note: '留空为未说明' },
      ...(
        [
          ['ministerial', '部级领导干部用车'],
          ['principal', '主要领导干部用车'],
          ['leader', '领导用车'],
          ['confidential', '机要通信用车'],
          ['emergency', '应急保障用车'],
          ['lawEnforcement', '执法执勤用车'],
          ['special', '特种专业技术用车'],
          ['retired', '离退休干部用车'],
          ['institution', '事业单位业务用车'],
          ['other', '其他用车'],
        ] as const
      ).map(([key, label]): Field => ({ header: `本年预算安排购置${label}（辆）`, path: `narrative.assets.planned.vehicles.${key}`, type: 'count', addedLater: true, note: '本年预算安排购置的车辆；留空为未说明' })),
      { header: '本年预算安排购置车辆总数（手工填写）（辆）', path: 'narrative.assets.planned.declaredVehicles', type: 'count', addedLater: true, note: '手工填写时与各类核对；留空且各类都填时为各类之和' },
      { header: '本年预算安排购置100万元（含）以上设备（台、套）', path: 'narrative.assets.planned.equipmentOver100', type: 'count', addedLater: true, note: '单价100万元（含）以上，不含车辆；留空为未说明' },
    ],
  },
  {
    kind: 'table',
    name: '项目经费情况说明',
    note: '项目经费情况说明（上海等地区每个项目印一篇；不印的不填），每篇一行。概述、立项依据、实施方案的段落写在“项目经费说明段落”表，预算的各部分写在“项目经费预算构成”表，都按序号对应。',
    list: 'projectStatements',
    optional: true,
    addedLater: true,
    columns: [
      { header: '序号', path: '#', type: 'count', note: '1、2、3……，“项目经费说明段落”和“项目经费预算构成”表按它找到这一篇', width: 6 },
      { header: '项目名称', path: 'project', type: 'text', note: '如“科技创新专项”，标题印作“科技创新专项经费情况说明”', width: 30 },
      { header: '单位名称', path: 'unit', type: 'text', note: '须为“预算单位”之一；留空属部门', width: 30 },
      { header: '实施主体', path: 'implementer', type: 'text', note: '三、实施主体', width: 30 },
      { header: '实施周期', path: 'period', type: 'text', note: '五、实施周期，如“2025.1.1-2025.12.31”', width: 22 },
      { header: '年度项目总预算', path: 'budget.total', type: 'money', note: '六、年度预算安排的总额（单位见“部门信息”的金额单位）；须等于“项目经费预算构成”中这一篇各部分之和', width: 16 },
      { header: '绩效目标', path: 'performance', type: 'text', note: '七、绩效目标，如“详见单位的项目绩效目标表”；留空不印', width: 30 },
    ],
  },
  {
    kind: 'table',
    name: '项目经费说明段落',
    note: '项目经费情况说明的段落，每行一段，按“序号”对应“项目经费情况说明”，“部分”说明这一段属于哪里。同一篇同一部分的段落按行的先后排列。',
    list: 'projectStatementParagraphs',
    addedLater: true,
    parent: {
      sheet: '项目经费情况说明',
      key: { header: '序号', path: '#', type: 'count', note: '“项目经费情况说明”的序号', width: 6 },
      list: 'projectStatements',
      by: 'index',
      into: '',
      split: { header: '部分', note: '一、项目概述；二、立项依据（每条一段，印时编号 1、2、……）；四、实施方案', values: { 项目概述: 'overview', 立项依据: 'basis', 实施方案: 'plan' } },
    },
    columns: [{ header: '段落', path: '', type: 'text', note: '一段文字；一段一行', width: 100 }],
  },
  {
    kind: 'table',
    name: '项目经费预算构成',
    note: '项目经费情况说明中“年度预算安排”的各部分，每部分一行，按“序号”对应“项目经费情况说明”。同一篇的各部分按行的先后排列。',
    list: 'projectStatementParts',
    addedLater: true,
    parent: {
      sheet: '项目经费情况说明',
      key: { header: '序号', path: '#', type: 'count', note: '“项目经费情况说明”的序号', width: 6 },
      list: 'projectStatements',
      by: 'index',
      into: 'budget.parts',
    },
    columns: [
      { header: '用途', path: 'name', type: 'text', note: '如“支持外贸发展”', width: 40 },
      { header: '金额', path: 'amount', type: 'money', note: '单位见“部门信息”的金额单位', width: 16 },
    ],
  },
  {
    kind: 'record',
    name: '批复',
    note: '财政部门的批复文件；没有批复文件的全部留空。批复的各项要求和附件写在“段落文字”表。',
    fields: [
      { header: '发文机关', path: 'approval.issuer', type: 'text', note: '' },
      { header: '文号', path: 'approval.docNumber', type: 'text', note: '如“东财预〔2026〕4号”' },
      { header: '标题', path: 'approval.title', type: 'text', note: '' },
      { header: '主送', path: 'approval.addressee', type: 'text', note: '如“各预算单位”' },
      { header: '开头段', path: 'approval.intro', type: 'text', note: '' },
      { header: '落款', path: 'approval.signature', type: 'text', note: '' },
      { header: '成文日期', path: 'approval.date', type: 'date', note: '格式 2026-01-20' },
      { header: '公开属性', path: 'approval.publication', type: 'text', note: '如“此件公开发布”，可留空' },
    ],
  },
  {
    kind: 'table',
    name: '名词解释',
    note: '本部门的名词解释，每段一行；一个名词有几段解释就写几行，名词每行都填。',
    list: 'glossary.entries',
    optional: true,
    group: { columns: [{ header: '名词', path: 'term', type: 'text', note: '', width: 16 }], items: 'definition' },
    columns: [{ header: '解释', path: '', type: 'text', note: '一段解释', width: 80 }],
  },
];

/** The sheet explaining the workbook, first in the book. */
export const GUIDE_SHEET = '填表说明';
