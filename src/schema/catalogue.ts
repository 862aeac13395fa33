import { z } from 'zod';

/*
 * The standard catalogue (政府收支分类科目) as data: one file per edition in data/catalogue/,
 * naming its source and the budget years it serves; a finance bureau holding the official edition
 * replaces the file with one of the same shape.
 */

const Codes = (digits: string, what: string) =>
  z.record(z.string().regex(new RegExp(`^(${digits})$`), { error: `${what}编码须为 ${digits.replace(/\\d\{(\d)\}/g, '$1').replace(/\|/g, '、')} 位数字` }), z.string().min(1));

export const Catalogue = z.strictObject({
  $comment: z.string().optional(),
  $schema: z.string().optional(),
  edition: z.string().min(1).meta({ description: '版本，如 "2026"' }),
  years: z.array(z.int().min(2000).max(2100)).min(1).meta({ description: '适用的预算年度' }),
  source: z.string().min(1).meta({ description: '来源（哪一版科目、由谁整理）' }),
  // a hand-typed list is only as good as what it was checked against: the published documents
  // whose code/name pairs it agrees with (test/data/catalogue-published.test.ts holds the pairs)
  checkedAgainst: z
    .array(z.strictObject({ document: z.string().min(1), year: z.int().min(2000).max(2100), url: z.url().optional() }))
    .optional()
    .meta({ description: '核对时依据的公开文件（部门预决算等）：名称、年度、出处' }),
  completeness: z
    .strictObject({ functionalClasses: z.boolean(), functionalSections: z.boolean(), functionalItems: z.boolean(), economic: z.boolean() })
    .meta({ description: '哪些层级是全集：不是全集的层级，目录外的编码只作提示' }),
  functional: Codes('\\d{3}|\\d{5}|\\d{7}', '功能分类').meta({ description: '支出功能分类：类（3位）、款（5位）、项（7位）编码 → 名称' }),
  departmentEconomic: Codes('\\d{3}|\\d{5}', '部门预算支出经济分类').meta({ description: '部门预算支出经济分类：类、款编码 → 名称' }),
  governmentEconomic: Codes('\\d{3}|\\d{5}', '政府预算支出经济分类').meta({ description: '政府预算支出经济分类：类、款编码 → 名称' }),
  economicMapping: z
    .strictObject({
      $comment: z.string().optional(),
      administrative: z.record(z.string(), z.string()).meta({ description: '行政单位、参公单位：部门经济款 → 政府经济款' }),
      institution: z.record(z.string(), z.string()).meta({ description: '事业单位：部门经济款 → 政府经济款' }),
    })
    .meta({ description: '两种经济分类按单位类型的对应关系' }),
});

export type Catalogue = z.output<typeof Catalogue>;
/** Which column of the economic mapping a unit kind reads. */
export type MappingKey = 'administrative' | 'institution';
