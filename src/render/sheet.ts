import { yuan } from '../derive/format.js';
import type { DerivedSheet, SheetFundsDerived } from '../derive/types.js';
import type { NumberFormats, SheetWording } from './template-set.js';

/*
 * A 项目支出绩效目标表 as printed strings: the render stage formats every figure (元, with
 * separators) and places the wording; the layout only arranges cells.
 */

export interface SheetModel {
  /** Destination and bookmark id. */
  id: string;
  title: string;
  subtitle: string;
  /** The project's name: the bookmark, and the 项目名称（续） of continuation pages. */
  project: string;
  labels: SheetWording['labels'];
  authority: string;
  unit: string;
  attribute: string;
  period: string;
  /** 实施期 | 年度, line by line: label and amount on each side. */
  funds: Array<{ implementation: [string, string]; annual: [string, string] }>;
  /** 项目概况 … 项目实施计划: label and text. */
  texts: Array<[string, string]>;
  goals: { implementation: string; annual: string };
  /** One line per indicator pair, grouped by 一级指标 (see DerivedSheet.indicatorRows). */
  indicators: Array<{ level1: string; implementation: [string, string, string] | null; annual: [string, string, string] | null }>;
  contacts: Array<[string, string]>;
}

export function sheetModel(sheet: DerivedSheet, wording: SheetWording, numbers: NumberFormats): SheetModel {
  const money = (x: SheetFundsDerived[keyof SheetFundsDerived]): string => {
    if (x === null) return '';
    return yuan(typeof x === 'object' && 'printed' in x ? x.printed : x, { sep: numbers.yuan.grouping });
  };
  const L = (key: string) => wording.labels[key] ?? key;
  const s = sheet.source;
  const impl = sheet.fundsYuan.implementation;
  const annual = sheet.fundsYuan.annual;
  const line = (label: string, key: keyof SheetFundsDerived, first = label): SheetModel['funds'][number] => ({ implementation: [first, money(impl[key])], annual: [label, money(annual[key])] });
  return {
    id: `sheet${sheet.index}`,
    title: wording.title,
    subtitle: wording.subtitle,
    project: s.project,
    labels: wording.labels,
    authority: sheet.authority,
    unit: s.unit,
    attribute: s.attribute,
    period: s.period,
    funds: [
      { implementation: [L('implTotal'), money(impl.total)], annual: [L('annualTotal'), money(annual.total)] },
      line(L('central'), 'central'),
      line(L('provincial'), 'provincial'),
      line(L('local'), 'local'),
      line(L('selfRaised'), 'selfRaised'),
      line(L('other'), 'other'),
    ],
    texts: (['overview', 'basis', 'necessity', 'measures', 'plan'] as const).map((k) => [L(k), s[k]]),
    goals: { implementation: s.goals.implementation, annual: s.goals.annual },
    indicators: sheet.indicatorRows.map((r) => ({
      level1: r.level1,
      implementation: r.implementation ? [r.implementation.level2, r.implementation.level3, r.implementation.value] : null,
      annual: r.annual ? [r.annual.level2, r.annual.level3, r.annual.value] : null,
    })),
    contacts: [
      [L('responsible'), s.responsible ?? ''],
      [L('handler'), s.handler ?? ''],
      [L('phone'), s.phone ?? ''],
      [L('filledAt'), s.filledAt],
    ],
  };
}
