import { z } from 'zod';

/**
 * Amounts stay strings (or JSON numbers) at the boundary and become decimal.js values in the
 * derive stage: a float never carries money. Two decimals at most, never negative.
 */
const amountPattern = /^\d{1,12}(\.\d{1,2})?$/;

function amount(unit: '万元' | '元') {
  return z
    .union([
      z.string().regex(amountPattern, { error: `金额须为不小于0的数字（单位：${unit}，最多两位小数），如 "2867.01"` }),
      z
        .number({ error: `金额须为数字或数字字符串（单位：${unit}）` })
        .nonnegative({ error: `金额不能为负数（单位：${unit}）` })
        .refine((n) => Number.isFinite(n) && amountPattern.test(String(n)), {
          error: `金额须为不小于0的数字（单位：${unit}，最多两位小数）`,
        }),
    ])
    .meta({ description: `金额，单位：${unit}；字符串或数字，最多两位小数`, unit });
}

/** 万元, as printed in the thirteen tables and the narrative. */
export const Wan = amount('万元');
/** 元, as printed in the 项目支出绩效目标表. */
export const Yuan = amount('元');
export type AmountInput = z.input<typeof Wan>;

export const Text = z.string().trim().min(1, { error: '不能为空' });
export const Paragraphs = z.array(Text).meta({ description: '段落，每项一段' });
export const Count = z.int({ error: '须为整数' }).nonnegative({ error: '不能为负数' });
export const IsoDate = z.iso.date({ error: '日期格式须为 YYYY-MM-DD' });

/** A funding split over every source a line can carry. */
export const Funds = z
  .strictObject({
    generalBudget: Wan.optional().meta({ description: '一般公共预算' }),
    govFund: Wan.optional().meta({ description: '政府性基金预算' }),
    stateCapital: Wan.optional().meta({ description: '国有资本经营预算' }),
    specialAccount: Wan.optional().meta({ description: '财政专户管理资金' }),
    unitFunds: Wan.optional().meta({ description: '单位资金' }),
  })
  .meta({ description: '按资金来源的金额（万元）' });
export type Funds = z.infer<typeof Funds>;

/** 财政拨款 only: the three budgets (表4, 表10, 表11, 表13). */
export const FiscalFunds = z
  .strictObject({
    generalBudget: Wan.optional().meta({ description: '一般公共预算' }),
    govFund: Wan.optional().meta({ description: '政府性基金预算' }),
    stateCapital: Wan.optional().meta({ description: '国有资本经营预算' }),
  })
  .meta({ description: '财政拨款按预算类别的金额（万元）' });
export type FiscalFunds = z.infer<typeof FiscalFunds>;

export const SOURCES = ['generalBudget', 'govFund', 'stateCapital', 'specialAccount', 'unitFunds'] as const;
export type Source = (typeof SOURCES)[number];
export const FISCAL_SOURCES = ['generalBudget', 'govFund', 'stateCapital'] as const;
export type FiscalSource = (typeof FISCAL_SOURCES)[number];
