import { z } from 'zod';
import { DEFAULT_TEMPLATE_SET } from './default-set.js';
import { Count, DepartmentName, FiscalFunds, FreeText, Funds, IsoDate, LIMITS, Money, MONEY_UNITS, Name, Paragraph, Paragraphs, rows, ShortText, Text, Yuan } from './common.js';

/*
 * One department's whole annual disclosure. Every fact is entered once; totals, subtotals,
 * rollups, shares and changes are derived (src/derive). Fields named `declared*` hold figures a
 * department typed by hand from another system: they are printed as given (so a published
 * document can be reproduced) and the audit compares each with the derived figure.
 */

const Year = z.int({ error: '年度须为整数' }).min(2000, { error: '年度须在2000–2100之间' }).max(2100, { error: '年度须在2000–2100之间' });

/** What a 预算单位 is: it decides whether its 公用经费 count as 机关运行经费. */
export const UNIT_KINDS = ['行政单位', '参照公务员法管理事业单位', '事业单位', '其他'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const Unit = z.strictObject({
  name: Text.meta({ description: '预算单位名称，如“城东区政务服务中心（公共资源交易中心、大数据中心）”' }),
  code: z.string().regex(/^\d{3,12}$/, { error: '单位编码须为数字' }).optional().meta({ description: '单位编码' }),
  kind: z.enum(UNIT_KINDS, { error: `单位类型须为${UNIT_KINDS.join('、')}之一` }).optional().meta({ description: '单位类型：行政单位、参照公务员法管理事业单位（参公单位）、事业单位或其他' }),
  operatingScope: z
    .boolean()
    .optional()
    .meta({ description: '是否在机关运行经费范围内；缺省按单位类型：行政单位、参公单位在内，事业单位不在' }),
  publicCosts: Money.optional().meta({ description: '本单位一般公共预算基本支出中的公用经费（核对机关运行经费用；不填则只按部门合计核对）' }),
  separateBudget: z
    .boolean()
    .optional()
    .meta({ description: '是否单列预算；false：不单列预算（如“上海市普陀区中小企业服务中心，不单列预算”），其收支含在本部门其他单位的预算里，不出单位预算文档；缺省为单列' }),
});

export const Identity = z.strictObject({
  name: DepartmentName.meta({ description: '部门名称' }),
  altName: Name.optional().meta({ description: '括注的第二名称（加挂牌子），如“城东区公共资源交易中心”' }),
  shortName: Name.optional().meta({ description: '简称，用于“政务服务中心整体支出绩效目标”等处；缺省时用部门名称' }),
  region: Name.optional().meta({ description: '绩效目标表表头的地区，如“城东区”（模板集把它印在绩效目标表的标题里）；缺省时表头不写地区' }),
  code: z.string().regex(/^\d{3,12}$/, { error: '部门编码须为数字，如 "640"' }).optional().meta({ description: '部门编码，如 640' }),
  units: z.array(Unit).min(1, { error: '至少需要一个预算单位' }).max(LIMITS.paragraphs, { error: `最多 ${LIMITS.paragraphs} 个预算单位` }).meta({ description: '所属预算单位' }),
  duties: Paragraphs.meta({ description: '一、本部门职责（段落）' }),
  organisation: Paragraphs.meta({ description: '二、机构设置情况（段落）' }),
});

/** 功能分类 类 (3 digits) or 款 (5 digits): a heading in the tree, carrying no amount itself. */
export const Subject = z.strictObject({
  code: z.string().regex(/^(\d{3}|\d{5})$/, { error: '类、款科目编码须为3位或5位数字' }).meta({ description: '科目编码（类3位、款5位）' }),
  name: Text.meta({ description: '科目名称' }),
});

/**
 * 单位资金 by the kind of income it is: regions that print income as 财政拨款 / 事业收入 /
 * 事业单位经营收入 / 其他收入 need the split, which the funding sources alone cannot express.
 */
export const UnitFundsBy = z.strictObject({
  business: Money.optional().meta({ description: '事业收入：事业单位开展专业业务活动及其辅助活动取得的收入' }),
  operating: Money.optional().meta({ description: '事业单位经营收入：专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入' }),
  other: Money.optional().meta({ description: '其他收入' }),
});

/** One budget unit's part of a 项 line (the same fields as the line's amounts). */
export const LineUnitPart = z.strictObject({
  unit: Text.meta({ description: '预算单位名称（须为 department.units 之一）' }),
  basic: Funds.optional().meta({ description: '该单位的本年基本支出，按资金来源' }),
  project: Funds.optional().meta({ description: '该单位的本年项目支出，按资金来源' }),
  carryover: z
    .strictObject({
      basic: Funds.optional().meta({ description: '上年结转安排的基本支出' }),
      project: Funds.optional().meta({ description: '上年结转安排的项目支出' }),
    })
    .optional()
    .meta({ description: '该单位上年结转安排的支出' }),
});

/** 功能分类 项 (7 digits): where every amount of the functional-classification tables is entered. */
export const ExpenditureLine = z.strictObject({
  code: z.string().regex(/^\d{7}$/, { error: '项级科目编码须为7位数字，如 "2010302"' }).meta({ description: '项级科目编码（7位）' }),
  name: Text.meta({ description: '科目名称' }),
  basic: Funds.optional().meta({ description: '本年基本支出，按资金来源' }),
  project: Funds.optional().meta({ description: '本年项目支出，按资金来源' }),
  carryover: z
    .strictObject({
      basic: Funds.optional().meta({ description: '上年结转安排的基本支出' }),
      project: Funds.optional().meta({ description: '上年结转安排的项目支出' }),
    })
    .optional()
    .meta({ description: '上年结转安排的支出' }),
  purpose: Paragraph.optional().meta({ description: '这一项主要用于什么，如“主要用于机关行政运行和机关人员经费支出”（印在“财政拨款支出主要内容”各项之后）；不填不印' }),
  lastYearActual: Money.nullish().meta({ description: '上年该项财政拨款支出的预算执行数，用于“比上年执行数增减”；不填（或 null）为未说明' }),
  unitFundsBy: UnitFundsBy.optional().meta({
    description: '本年单位资金（basic 与 project 的 unitFunds 之和）按收入类别的细分：事业收入、事业单位经营收入、其他收入；三项之和须等于单位资金。收入按“财政拨款 / 事业收入 / 事业单位经营收入 / 其他收入”列示时用（财政专户管理资金计入事业收入）',
  }),
  byUnit: rows(LineUnitPart)
    .optional()
    .meta({ description: '这一项的金额按预算单位的分配（出单位预算文档用）；各单位之和须等于本项金额。不填时：部门只有一个单列预算的单位则全归它，否则不分到单位' }),
});

/** Basic expenditure by 部门经济科目, grouped under its 类. */
export const EconomicGroup = z.strictObject({
  code: z.string().regex(/^\d{3}$/, { error: '经济科目类编码须为3位数字' }).optional().meta({ description: '部门经济科目类编码，如 302' }),
  name: Text.meta({ description: '部门经济科目类名称，如“商品和服务支出”' }),
  items: rows(
      z.strictObject({
        code: z.string().regex(/^\d{5}$/, { error: '经济科目款编码须为5位数字' }).optional().meta({ description: '部门经济科目款编码，如 30201' }),
        name: Text.meta({ description: '部门预算支出经济科目名称，如“办公费”' }),
        govName: Text.optional().meta({ description: '政府预算支出经济科目名称；缺省时按科目目录由经济科目编码和单位类型推出（须有编码，且各单位类型一致）' }),
        personnel: Money.optional().meta({ description: '人员经费' }),
        public: Money.optional().meta({ description: '公用经费' }),
        byUnit: rows(
          z.strictObject({
            unit: Text.meta({ description: '预算单位名称（须为 department.units 之一）' }),
            personnel: Money.optional().meta({ description: '该单位的人员经费' }),
            public: Money.optional().meta({ description: '该单位的公用经费' }),
          }),
        )
          .optional()
          .meta({ description: '按预算单位的分配（出单位预算文档用）；各单位之和须等于本款金额。不填时规则同功能科目的 byUnit' }),
      }),
    )
    .min(1, { error: '经济科目类下至少需要一个款' })
    .meta({ description: '该类下的部门经济科目款' }),
});

const IncomeItem = z.strictObject({
  code: z.string().regex(/^\d{3,9}$/, { error: '收入科目编码须为数字' }).optional().meta({ description: '收入科目编码' }),
  name: Text.meta({ description: '收入科目名称' }),
  amount: Money,
});

export const Project = z.strictObject({
  unit: Text.meta({ description: '所属预算单位名称（须为 department.units 之一）' }),
  name: Text.meta({ description: '项目名称' }),
  category: z.enum(['其他运转类', '特定目标类'], { error: '项目类别须为“其他运转类”或“特定目标类”' }).meta({ description: '项目类别' }),
  funds: Funds.meta({ description: '按资金来源的金额' }),
});

export const CarryoverProject = z.strictObject({
  unit: Text.meta({ description: '所属预算单位名称' }),
  name: Text.meta({ description: '项目名称' }),
  funds: FiscalFunds,
});

const SheetFunds = z
  .strictObject({
    declaredTotal: Yuan.optional().meta({ description: '手工填写的资金总额（元）；缺省时由各来源相加' }),
    central: Yuan.optional().meta({ description: '其中：中央财政资金（元）' }),
    provincial: Yuan.optional().meta({ description: '省级财政资金（元）' }),
    local: Yuan.optional().meta({ description: '市县（区）财政资金（元）' }),
    selfRaised: Yuan.optional().meta({ description: '单位自筹（元）' }),
    other: Yuan.optional().meta({ description: '其他资金（元）' }),
  })
  .meta({ description: '项目资金（元）' });

export const Indicator = z.strictObject({
  level1: z.enum(['产出指标', '效益指标', '满意度指标', '成本指标'], { error: '一级指标须为产出指标、效益指标、成本指标或满意度指标' }).meta({ description: '一级指标：产出指标、效益指标、成本指标或满意度指标' }),
  level2: Text.meta({ description: '二级指标，如“数量指标”' }),
  level3: ShortText.optional().meta({ description: '三级指标' }),
  value: ShortText.optional().meta({ description: '指标值' }),
});

export const PerformanceSheet = z.strictObject({
  project: Text.meta({ description: '项目名称（应与项目支出表的项目名称一致）' }),
  unit: Text.meta({ description: '实施单位' }),
  attribute: Text.meta({ description: '项目属性，如“经常性项目（长期开展）”' }),
  period: Text.meta({ description: '项目期，如“99年”' }),
  funds: z.strictObject({ implementation: SheetFunds.meta({ description: '实施期资金' }), annual: SheetFunds.meta({ description: '年度资金' }) }).meta({ description: '项目资金（元）：实施期和年度' }),
  overview: FreeText.meta({ description: '项目概况' }),
  basis: FreeText.meta({ description: '立项依据' }),
  necessity: FreeText.meta({ description: '项目设立必要性' }),
  measures: FreeText.meta({ description: '保证项目实施的制度、措施' }),
  plan: FreeText.meta({ description: '项目实施计划' }),
  goals: z.strictObject({ implementation: FreeText.meta({ description: '实施期总体目标' }), annual: FreeText.meta({ description: '年度总体目标' }) }).meta({ description: '总体目标：实施期和年度' }),
  indicators: z
    .strictObject({
      implementation: z.array(Indicator).max(LIMITS.indicators, { error: `最多 ${LIMITS.indicators} 个指标` }).meta({ description: '实施期绩效指标' }),
      annual: z.array(Indicator).max(LIMITS.indicators, { error: `最多 ${LIMITS.indicators} 个指标` }).meta({ description: '年度绩效指标' }),
    })
    .meta({ description: '绩效指标：实施期和年度' }),
  responsible: ShortText.optional().meta({ description: '负责人' }),
  handler: ShortText.optional().meta({ description: '经办人' }),
  phone: ShortText.optional().meta({ description: '联系电话' }),
  filledAt: z
    .string()
    .regex(/^\d{8}(\d{6})?$/, { error: '填报日期须为 YYYYMMDD 或 YYYYMMDDhhmmss' })
    .meta({ description: '填报日期，如 20251218164647' }),
});

/** Vehicles by kind (the kinds a region lists; a kind not stated is not printed). */
export const VehicleKinds = z.strictObject({
  ministerial: Count.nullish().meta({ description: '部级领导干部用车' }),
  principal: Count.nullish().meta({ description: '主要领导干部用车' }),
  leader: Count.nullish().meta({ description: '领导用车' }),
  confidential: Count.nullish().meta({ description: '机要通信用车' }),
  emergency: Count.nullish().meta({ description: '应急保障用车' }),
  lawEnforcement: Count.nullish().meta({ description: '执法执勤用车' }),
  special: Count.nullish().meta({ description: '特种专业技术用车' }),
  retired: Count.nullish().meta({ description: '离退休干部用车' }),
  institution: Count.nullish().meta({ description: '事业单位业务用车' }),
  other: Count.nullish().meta({ description: '其他用车' }),
});

/** 项目经费情况说明: one project's statement, as regions that publish one per project print it. */
export const ProjectStatement = z.strictObject({
  project: Text.meta({ description: '项目名称，如“科技创新专项”（标题印作“××经费情况说明”）' }),
  unit: Text.optional().meta({ description: '所属预算单位名称（须为 department.units 之一）；缺省属部门' }),
  overview: Paragraphs.meta({ description: '一、项目概述（段落）' }),
  basis: Paragraphs.meta({ description: '二、立项依据（每条一段，由模板编号 1、2、……）' }),
  implementer: Text.meta({ description: '三、实施主体' }),
  plan: Paragraphs.meta({ description: '四、实施方案（段落）' }),
  period: Text.meta({ description: '五、实施周期，如“2025.1.1-2025.12.31”' }),
  budget: z
    .strictObject({
      total: Money.meta({ description: '年度项目总预算' }),
      parts: rows(z.strictObject({ name: Text.meta({ description: '用途，如“支持外贸发展”' }), amount: Money }))
        .meta({ description: '其中各部分（各部分之和须等于总预算）' }),
    })
    .meta({ description: '六、年度预算安排' }),
  performance: Paragraph.optional().meta({ description: '七、绩效目标，如“详见单位的项目绩效目标表”；不填不印' }),
});

const ProjectCount = z.strictObject({ count: Count.meta({ description: '项目个数' }), amount: Money });

export const Narrative = z.strictObject({
  lastYear: z
    .strictObject({
      incomeTotal: Money.nullish().meta({ description: '上年预算收入总计，用于“比上年增减”；不填（或 null）为未说明，不印增减' }),
      expenditureTotal: Money.nullish().meta({ description: '上年预算支出总计；不填为未说明' }),
      generalBudgetExpenditure: Money.nullish().meta({ description: '上年一般公共预算当年支出；不填为未说明' }),
      threePublic: Money.nullish().meta({ description: '上年“三公”经费预算合计；不填为未说明' }),
      operatingCosts: Money.nullish().meta({ description: '上年机关运行经费预算；不填为未说明' }),
      fiscalIncome: Money.nullish().meta({ description: '上年财政拨款收入（预算或执行数，按公开文本的口径），用于“财政拨款收入比上年增减”；不填为未说明' }),
      fiscalExpenditure: Money.nullish().meta({ description: '上年财政拨款支出预算，用于“财政拨款支出预算比上年增减”；不填为未说明' }),
      govFundExpenditure: Money.nullish().meta({ description: '上年政府性基金拨款支出预算；不填为未说明' }),
      stateCapitalExpenditure: Money.nullish().meta({ description: '上年国有资本经营预算拨款支出预算；不填为未说明' }),
      threePublicAbroad: Money.nullish().meta({ description: '上年因公出国（境）费预算；不填为未说明' }),
      threePublicReception: Money.nullish().meta({ description: '上年公务接待费预算；不填为未说明' }),
      threePublicVehicle: Money.nullish().meta({ description: '上年公务用车购置及运行费预算；不填为未说明' }),
      threePublicVehiclePurchase: Money.nullish().meta({ description: '上年公务用车购置费预算；不填为未说明' }),
      threePublicVehicleOperation: Money.nullish().meta({ description: '上年公务用车运行费预算；不填为未说明' }),
    })
    .optional()
    .meta({ description: '上年可比数（各项均可不填：未说明的不印增减）' }),
  reasons: z
    .strictObject({
      income: Paragraph.meta({ description: '收入变动主要原因' }),
      expenditure: Paragraph.meta({ description: '支出变动主要原因' }),
      generalBudget: Paragraph.optional().meta({ description: '一般公共预算支出变动原因' }),
      threePublic: Paragraph.optional().meta({ description: '“三公”经费增减变动原因（合计）' }),
      threePublicAbroad: Paragraph.optional().meta({ description: '因公出国（境）费的增减变动原因，单独成句，如“因公出国（境）费与上年持平”' }),
      threePublicReception: Paragraph.optional().meta({ description: '公务接待费的增减变动原因，单独成句' }),
      threePublicVehicle: Paragraph.optional().meta({ description: '公务用车购置及运行费的增减变动原因，单独成句，如“2025年新增1辆执法执勤用车”' }),
      threePublicVehiclePurchase: Paragraph.optional().meta({ description: '公务用车购置费的增减变动原因，如“无公务用车车辆”' }),
      threePublicVehicleOperation: Paragraph.optional().meta({ description: '公务用车运行费的增减变动原因' }),
      operatingCosts: Paragraph.optional().meta({ description: '机关运行经费增减变动原因' }),
    })
    .meta({ description: '增减变动原因' }),
  personnelItems: z.array(Text).max(LIMITS.paragraphs).optional().meta({ description: '人员经费主要包括的科目（缺省时取基本支出经济分类中有人员经费的科目）' }),
  publicItems: z.array(Text).max(LIMITS.paragraphs).optional().meta({ description: '公用经费主要包括的科目（缺省时取基本支出经济分类中有公用经费的科目）' }),
  procurement: z
    .strictObject({
      goods: Money.meta({ description: '政府采购货物预算' }),
      works: Money.meta({ description: '政府采购工程预算' }),
      services: Money.meta({ description: '政府采购服务预算' }),
      declaredTotal: Money.optional().meta({ description: '手工填写的政府采购预算总额' }),
      smallBusiness: Money.nullish().meta({ description: '其中：面向中小企业（预留或拟授予中小企业合同）的政府采购预算，用于“占政府采购预算的%”；不填为未说明' }),
    })
    .meta({ description: '九、政府采购情况' }),
  performance: z
    .strictObject({
      managed: ProjectCount.optional().meta({ description: '纳入绩效目标管理的1级项目（手工填写时与本年项目支出核对）' }),
      managedOperating: ProjectCount.optional().meta({ description: '其中：其他运转类项目' }),
      managedSpecific: ProjectCount.optional().meta({ description: '其中：特定目标类项目' }),
      published: ProjectCount.optional().meta({ description: '公开项目绩效目标' }),
      publishedOperating: ProjectCount.optional().meta({ description: '公开的其他运转类项目' }),
      publishedSpecific: ProjectCount.optional().meta({ description: '公开的特定目标类项目' }),
      declaredPublishedShare: z
        .string()
        .regex(/^\d{1,3}(\.\d{1,2})?$/, { error: '占比须为百分数数字，如 "99.38"' })
        .optional()
        .meta({ description: '手工填写的“占部门（单位）项目支出总额的%”' }),
    })
    .meta({ description: '十、绩效管理情况（手工填写的数字；缺省时全部由本年项目支出和绩效目标表导出）' }),
  assets: z
    .strictObject({
      asOf: IsoDate.meta({ description: '“截至”日期' }),
      vehicles: z
        .strictObject({
          quota: Count.nullish().meta({ description: '公务用车编制数；不填为未说明' }),
          leader: Count.nullish().meta({ description: '领导用车' }),
          confidential: Count.nullish().meta({ description: '机要通信用车' }),
          emergency: Count.nullish().meta({ description: '应急保障用车' }),
          lawEnforcement: Count.nullish().meta({ description: '执法执勤用车' }),
          special: Count.nullish().meta({ description: '特种专业技术用车' }),
          institution: Count.nullish().meta({ description: '事业单位业务用车' }),
          other: Count.nullish().meta({ description: '其他公务用车' }),
          declaredActual: Count.nullish().meta({ description: '手工填写的实有车辆数；缺省时为各类之和（各类都填时）' }),
          ministerial: Count.nullish().meta({ description: '部级领导干部用车' }),
          principal: Count.nullish().meta({ description: '主要领导干部用车' }),
          retired: Count.nullish().meta({ description: '离退休干部用车' }),
        })
        .optional()
        .meta({ description: '公务用车（各项均可不填：未说明的不印）' }),
      buildingArea: z
        .string()
        .regex(/^\d+(\.\d{1,4})?$/, { error: '面积须为数字字符串，如 "3868.654"' })
        .nullish()
        .meta({ description: '办公用房建筑总面积（平方米）；不填为未说明' }),
      equipmentOver50: Count.nullish().meta({ description: '价值50万元（原值）以上的通用设备（台、套）；不填为未说明' }),
      equipmentOver100: Count.nullish().meta({ description: '价值100万元（原值）以上的通用设备（台、套）；不填为未说明' }),
      planned: z
        .strictObject({
          vehicles: VehicleKinds.optional().meta({ description: '本年预算安排购置的车辆，按类别（各项均可不填：未说明的不印）' }),
          declaredVehicles: Count.nullish().meta({ description: '手工填写的购置车辆总数；缺省时为各类之和（各类都填时）' }),
          equipmentOver100: Count.nullish().meta({ description: '本年预算安排购置的单价100万元（含）以上设备（不含车辆）（台、套）；不填为未说明' }),
        })
        .optional()
        .meta({ description: '本年预算安排的购置（车辆、大额设备）；不填为未说明' }),
    })
    .meta({ description: '十一、国有资产占有使用情况' }),
  purchaseServices: Paragraphs.meta({ description: '十二（一）政府购买服务指导性目录（段落）；空数组不印此节，没有的写“无”' }),
  other: Paragraphs.meta({ description: '十二（二）其他（段落）；空数组不印此节，没有的写“无”' }),
});

export const Approval = z.strictObject({
  issuer: Text.meta({ description: '发文机关' }),
  docNumber: Text.meta({ description: '文号，如“东财预〔2026〕4号”' }),
  title: Text.meta({ description: '标题' }),
  addressee: Text.meta({ description: '主送，如“各预算单位”' }),
  intro: Paragraph.meta({ description: '开头段' }),
  items: z.array(Paragraph).max(LIMITS.paragraphs).meta({ description: '编号的要求（一、二、……由模板编号）' }),
  attachments: z.array(Text).max(LIMITS.paragraphs).meta({ description: '附件名称（由模板编号）' }),
  signature: Text.meta({ description: '落款' }),
  date: IsoDate.meta({ description: '成文日期' }),
  publication: Text.optional().meta({ description: '公开属性，如“此件公开发布”' }),
});

export const GlossaryEntry = z.strictObject({
  term: Text.meta({ description: '名词' }),
  definition: Paragraphs.meta({ description: '解释（段落）' }),
});

export const Department = z
  .strictObject({
    $schema: z.string().max(LIMITS.text).optional().meta({ description: '本文件所用的 JSON Schema（编辑器据此校验和补全），如 "./department.schema.json"' }),
    templateSet: z.string().max(64).regex(/^[a-z0-9-]+$/).default(DEFAULT_TEMPLATE_SET).meta({ description: `模板集名称（缺省为 ${DEFAULT_TEMPLATE_SET}）` }),
    moneyUnit: z
      .enum(MONEY_UNITS, { error: 'moneyUnit 须为“万元”或“元”' })
      .default('万元')
      .meta({ description: '本文件金额的单位（绩效目标表除外，始终为元）：“万元”（缺省，最多六位小数）或“元”（如预算管理一体化系统导出，最多两位小数）。各表印万元两位小数，每格由精确值四舍五入' }),
    year: Year.meta({ description: '预算年度' }),
    publishedOn: IsoDate.meta({ description: '公开日期，写入 PDF 的创建日期（保证输出可复现）' }),
    department: Identity.meta({ description: '部门信息' }),
    expenditure: z
      .strictObject({
        subjects: rows(Subject).meta({ description: '功能分类的类、款（名称）' }),
        lines: rows(ExpenditureLine).meta({ description: '功能分类的项及其金额' }),
        noCarryover: z
          .literal(true, { error: 'noCarryover 只能写 true（没有上年结转）或省略' })
          .optional()
          .meta({ description: 'true：本年没有上年结转资金，情况说明印“上年结转0万元”。省略且各项都没有 carryover 时，视为未说明上年结转，说明中不提上年结转' }),
      })
      .meta({ description: '支出（功能分类），收支总表、收入总表、支出总表、财政拨款收支总表和按资金来源的支出表均由此导出' }),
    basicByEconomic: rows(EconomicGroup).meta({ description: '一般公共预算基本支出分经济科目（不含上年结转）' }),
    govFundIncome: rows(IncomeItem).meta({ description: '政府性基金预算收入' }),
    stateCapitalIncome: rows(IncomeItem).meta({ description: '国有资本经营预算收入' }),
    threePublic: z
      .strictObject({
        abroad: FiscalFunds.optional().meta({ description: '因公出国（境）费' }),
        reception: FiscalFunds.optional().meta({ description: '公务接待费' }),
        vehiclePurchase: FiscalFunds.optional().meta({ description: '①公务用车购置费' }),
        vehicleOperation: FiscalFunds.optional().meta({ description: '②公务用车运行维护费' }),
        byUnit: rows(
          z.strictObject({
            unit: Text.meta({ description: '预算单位名称（须为 department.units 之一）' }),
            abroad: FiscalFunds.optional().meta({ description: '该单位的因公出国（境）费' }),
            reception: FiscalFunds.optional().meta({ description: '该单位的公务接待费' }),
            vehiclePurchase: FiscalFunds.optional().meta({ description: '该单位的公务用车购置费' }),
            vehicleOperation: FiscalFunds.optional().meta({ description: '该单位的公务用车运行维护费' }),
          }),
        )
          .optional()
          .meta({ description: '按预算单位的分配（出单位预算文档用）；各单位之和须等于部门各项。不填时规则同功能科目的 byUnit' }),
      })
      .meta({ description: '“三公”经费' }),
    operatingCosts: rows(
      z.strictObject({
        unit: Text.optional().meta({ description: '单位名称（须为 department.units 之一）；省略：这是部门合计（只知道部门机关运行经费总额时，机关运行经费表只印部门合计一行）' }),
        funds: FiscalFunds,
      }),
    ).meta({ description: '机关运行经费，按单位；或一项不写单位的部门合计' }),
    projects: rows(Project).meta({ description: '项目支出（本年预算）' }),
    carryoverProjects: rows(CarryoverProject).meta({ description: '项目支出（上年结转）' }),
    narrative: Narrative.meta({ description: '情况说明' }),
    performanceSheets: rows(PerformanceSheet).meta({ description: '项目支出绩效目标表，每个项目一张' }),
    approval: Approval.optional().meta({ description: '批复文件' }),
    projectStatements: rows(ProjectStatement).optional().meta({ description: '项目经费情况说明，每个项目一篇（不填不印）' }),
    glossary: z
      .strictObject({
        replace: z.boolean().default(false).meta({ description: 'true：只用本部门的名词解释；false：在模板默认名词解释上增补或覆盖' }),
        entries: z.array(GlossaryEntry).max(LIMITS.paragraphs).meta({ description: '名词解释的条目' }),
      })
      .optional()
      .meta({ description: '第四部分 名词解释' }),
  })
  .meta({ title: '部门预算公开数据', description: 'gongkai 部门预算公开数据文件' });

export type DepartmentInput = z.input<typeof Department>;
export type Department = z.output<typeof Department>;
export type PerformanceSheet = z.output<typeof PerformanceSheet>;
export type Indicator = z.output<typeof Indicator>;
export type ExpenditureLine = z.output<typeof ExpenditureLine>;
export type Project = z.output<typeof Project>;
export type ProjectStatement = z.output<typeof ProjectStatement>;
