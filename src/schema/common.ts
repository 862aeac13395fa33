import { z } from 'zod';
import { fileNameProblem } from '../write/names.js';

/**
 * Amounts stay strings (or JSON numbers) at the boundary and become decimal.js values in the
 * derive stage: a float never carries money. Never negative.
 *
 * A data file states its money unit once (`moneyUnit`): 万元 (the default, as the tables print
 * it; at most six decimals, i.e. exact to the 分) or 元 (as the budget system exports it; at most
 * two decimals). Validation converts 元 files to 万元 exactly (validate/money.ts), so derive and
 * audit see one unit. The performance sheets are always in 元, as their published form is.
 */
const MONEY_DECIMALS = { 万元: 6, 元: 2 } as const;
export type MoneyUnit = keyof typeof MONEY_DECIMALS;
export const MONEY_UNITS = Object.keys(MONEY_DECIMALS) as MoneyUnit[];
export const moneyDecimals = (unit: MoneyUnit): number => MONEY_DECIMALS[unit];
const amountPattern = (decimals: number) => new RegExp(`^\\d{1,12}(\\.\\d{1,${decimals}})?$`);

/** `unit`: 'money' = the file's moneyUnit (万元 or 元), '元' = always 元. */
function amount(unit: 'money' | '元', decimals: number, example: string) {
  const pattern = amountPattern(decimals);
  const what = unit === 'money' ? '万元或元，见 moneyUnit' : '元';
  return z
    .union([
      z.string().regex(pattern, { error: `金额须为不小于0的数字（单位：${what}），如 "${example}"` }),
      z
        .number({ error: `金额须为数字或数字字符串（单位：${what}）` })
        .nonnegative({ error: `金额不能为负数（单位：${what}）` })
        .refine((n) => Number.isFinite(n) && pattern.test(String(n)), {
          error: `金额须为不小于0的数字（单位：${what}）`,
        }),
    ])
    .meta({ description: unit === 'money' ? '金额，单位为本文件的 moneyUnit：万元（缺省，最多六位小数）或元（最多两位小数）；字符串或数字' : '金额，单位：元，最多两位小数；字符串或数字', unit });
}

/** An amount of the thirteen tables and the narrative, in the file's money unit. */
export const Money = amount('money', MONEY_DECIMALS['万元'], '2867.01');
/** 元, as printed in the 项目支出绩效目标表. */
export const Yuan = amount('元', 2, '2410000');
export type AmountInput = z.input<typeof Money>;

/*
 * Limits. Realistic texts are far below them (a 职责 paragraph of 5,000 characters, a project or
 * indicator name of 1,000 print fine); beyond them a file is a mistake or an attack, and layout
 * time and memory would grow without bound. Each limit is a diagnostic with its place, from
 * `validate` as from `build`.
 */
export const LIMITS = {
  /** Bytes of one data file (the reference is 0.1 MB; 500 projects with sheets ≈ 3 MB). */
  fileBytes: 16 * 1024 * 1024,
  /** Characters of a name or a one-line text (names, reasons, indicators). */
  text: 2_000,
  /** Characters of one paragraph or free text. */
  paragraph: 20_000,
  /** Items of a list of paragraphs. */
  paragraphs: 200,
  /** Items of a list of rows (項 lines, projects, sheets). */
  rows: 5_000,
  /** Indicators of one sheet, per period. */
  indicators: 500,
  /**
   * Characters of text in the whole document. Layout memory and time grow with it (≈ 2.3 MB and
   * ≈ 0.08 s per 1,000 characters of paragraphs, measured 2026-12 on 200,000 and 500,000): the
   * other limits alone allowed 16 MB of text, ≈ 5 million characters, which needed more than
   * 4 GB and died. At this limit the largest department renders within the render's heap bound
   * (RENDER_HEAP_MB, src/snapshot/key.ts); `npm run bench` measures it.
   */
  documentChars: 400_000,
  /** The department name becomes the PDF's file name: characters, and UTF-8 bytes (255 per name on ext4, NTFS, APFS, less the temp-file suffix). */
  nameChars: 60,
  nameBytes: 200,
} as const;

const tooLong = (max: number) => ({ error: `不能超过 ${max.toLocaleString('en-US')} 个字` });
const tooMany = (max: number) => ({ error: `最多 ${max.toLocaleString('en-US')} 项` });

export const Text = z.string().trim().min(1, { error: '不能为空' }).max(LIMITS.text, tooLong(LIMITS.text));
/** Free text that may be empty (a sheet's texts). */
export const FreeText = z.string().max(LIMITS.paragraph, tooLong(LIMITS.paragraph));
/** A short text that may be empty (an indicator's 三级指标, its value). */
export const ShortText = z.string().max(LIMITS.text, tooLong(LIMITS.text));
export const Paragraph = z.string().trim().min(1, { error: '不能为空' }).max(LIMITS.paragraph, tooLong(LIMITS.paragraph));
export const Paragraphs = z.array(Paragraph).max(LIMITS.paragraphs, tooMany(LIMITS.paragraphs)).meta({ description: '段落，每项一段' });
/** A list of table rows. */
export const rows = <T extends z.ZodType>(item: T) => z.array(item).max(LIMITS.rows, tooMany(LIMITS.rows));
/** A name printed in titles and every table's 部门名称 line (the second name, the short name). */
export const Name = z.string().trim().min(1, { error: '不能为空' }).max(100, tooLong(100));
/** The department name, which becomes out/<年度>/<名称>.pdf. */
export const DepartmentName = z.string().trim().min(1, { error: '不能为空' }).max(LIMITS.nameChars, { error: `部门名称用作 PDF 文件名，不能超过 ${LIMITS.nameChars} 个字` }).refine((s) => Buffer.byteLength(s, 'utf8') <= LIMITS.nameBytes, {
  error: `部门名称用作 PDF 文件名，UTF-8 编码不能超过 ${LIMITS.nameBytes} 字节（约 ${Math.floor(LIMITS.nameBytes / 3)} 个汉字）`,
}).superRefine((s, ctx) => {
  // a name no file on Windows or macOS can carry (a device name, a hidden or trimmed one)
  const problem = fileNameProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
export const Count = z.int({ error: '须为整数' }).nonnegative({ error: '不能为负数' });
export const IsoDate = z.iso.date({ error: '日期格式须为 YYYY-MM-DD' });

/** A funding split over every source a line can carry. */
export const Funds = z
  .strictObject({
    generalBudget: Money.optional().meta({ description: '一般公共预算' }),
    govFund: Money.optional().meta({ description: '政府性基金预算' }),
    stateCapital: Money.optional().meta({ description: '国有资本经营预算' }),
    specialAccount: Money.optional().meta({ description: '财政专户管理资金' }),
    unitFunds: Money.optional().meta({ description: '单位资金' }),
  })
  .meta({ description: '按资金来源的金额' });
export type Funds = z.infer<typeof Funds>;

/** 财政拨款 only: the three budgets (the 财政拨款 tables, 三公, 机关运行经费, carried-over projects). */
export const FiscalFunds = z
  .strictObject({
    generalBudget: Money.optional().meta({ description: '一般公共预算' }),
    govFund: Money.optional().meta({ description: '政府性基金预算' }),
    stateCapital: Money.optional().meta({ description: '国有资本经营预算' }),
  })
  .meta({ description: '财政拨款按预算类别的金额' });
export type FiscalFunds = z.infer<typeof FiscalFunds>;

export const SOURCES = ['generalBudget', 'govFund', 'stateCapital', 'specialAccount', 'unitFunds'] as const;
export type Source = (typeof SOURCES)[number];
export const FISCAL_SOURCES = ['generalBudget', 'govFund', 'stateCapital'] as const;
export type FiscalSource = (typeof FISCAL_SOURCES)[number];
