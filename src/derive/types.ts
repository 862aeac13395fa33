import type { Decimal } from 'decimal.js';
import type { Department, PerformanceSheet } from '../schema/index.js';
import type { Details } from './details.js';

/*
 * The derived model: everything the templates print, computed once with decimal.js from the
 * validated data. Values are exact (never rounded here); the render stage rounds once, half-up,
 * at the precision it prints. Rendering reads only this model (plus the template set).
 *
 * Conventions
 * - Every amount is a Decimal in 万元 unless the name says Yuan (元).
 * - A missing amount in the data is Decimal(0) here; "blank when zero" is a printing decision.
 * - Percentages are Decimals in percent units (56.0912... means 56.0912…%), exact to 40 digits;
 *   a share over a zero base is Decimal(0).
 */

/** Amounts by funding source. `fiscal` = 财政拨款 = generalBudget + govFund + stateCapital. */
export interface SourceAmounts {
  generalBudget: Decimal;
  govFund: Decimal;
  stateCapital: Decimal;
  specialAccount: Decimal;
  unitFunds: Decimal;
  fiscal: Decimal;
  total: Decimal;
}

/** 基本 / 项目 / 合计, each by source. total = basic + project, per source. */
export interface Split {
  basic: SourceAmounts;
  project: SourceAmounts;
  total: SourceAmounts;
}

/** current = 本年（当年预算安排）, carryover = 上年结转安排, all = current + carryover. */
export interface Periods {
  current: Split;
  carryover: Split;
  all: Split;
}

/** A row of the 功能分类 tree (every table of expenditure by function: all sources, or one). */
export interface SubjectRow extends Periods {
  /** 'total' is the single 合计 row heading the list; then 类 (3 digits), 款 (5), 项 (7). */
  kind: 'total' | 'class' | 'section' | 'item';
  /** 0 for the total row, 1 类, 2 款, 3 项 — the table engine indents names by it. */
  level: 0 | 1 | 2 | 3;
  code: string;
  name: string;
}

/** A change against last year, for the narrative. */
export interface Change {
  current: Decimal;
  lastYear: Decimal;
  /** current − lastYear (signed). */
  delta: Decimal;
  /** |delta|, what the text prints after 增加/减少. */
  deltaAbs: Decimal;
  direction: 'increase' | 'decrease' | 'flat';
  /** |delta| / lastYear × 100; 0 when lastYear is 0. */
  percentAbs: Decimal;
}

/** A figure that may have been typed by hand: printed = declared ?? derived. */
export interface Checked<T = Decimal> {
  derived: T;
  declared?: T;
  printed: T;
}

export interface EconomicRow {
  kind: 'total' | 'group' | 'item';
  level: 0 | 1 | 2;
  code: string;
  name: string;
  /** 政府预算支出经济科目名称; '' on total and group rows. */
  govName: string;
  personnel: Decimal;
  public: Decimal;
  total: Decimal;
}

export interface IncomeRow {
  kind: 'total' | 'item';
  code: string;
  name: string;
  amount: Decimal;
}

/** 财政拨款 amounts: generalBudget + govFund + stateCapital = total. */
export interface FiscalAmounts {
  generalBudget: Decimal;
  govFund: Decimal;
  stateCapital: Decimal;
  total: Decimal;
}

export interface ProjectRow {
  /** 'total' = the department row heading a project table, 'unit' = a 预算单位, 'item' = a project. */
  kind: 'total' | 'unit' | 'item';
  level: 0 | 1 | 2;
  name: string;
  /** For 'item' rows: 其他运转类 / 特定目标类; '' otherwise. */
  category: string;
  funds: SourceAmounts;
}

export interface OperatingRow {
  kind: 'total' | 'item';
  /** '部门合计' is wording and comes from the template: the total row's name is ''. */
  name: string;
  funds: FiscalAmounts;
}

export interface ShareItem {
  code: string;
  name: string;
  amount: Decimal;
  /** percent of the base named where the list is defined. */
  share: Decimal;
}

export interface SheetFundsDerived {
  central: Decimal | null;
  provincial: Decimal | null;
  local: Decimal | null;
  selfRaised: Decimal | null;
  other: Decimal | null;
  /** Sum of the parts (元); printed = declaredTotal ?? derived. */
  total: Checked;
}

export interface DerivedSheet {
  source: PerformanceSheet;
  index: number;
  /** "640-某某中心（某某中心）": 部门编码-部门全称 (the name alone when the data states no code). */
  authority: string;
  fundsYuan: { implementation: SheetFundsDerived; annual: SheetFundsDerived };
  /** The annual total in 万元 (元 / 10000), for matching with the current projects. */
  annualWan: Decimal;
  /** The current project of the same name, if any. */
  matchedProject?: string;
  /**
   * When no current project has the sheet's name: the single current project whose name is close (one
   * contains the other, or they share most characters in order) and that no other sheet names
   * exactly — e.g. sheet 政务中心物业费 → project 政务中心房物业费. The audit warns about it; the 绩效管理 section
   * counts the sheet for that project.
   */
  nearProject?: string;
  /** Index in `projects` (the current projects) of the matched project, else of the near one. */
  projectIndex?: number;
  /**
   * Indicator rows paired for the grid: one row per line, grouped by 一级指标 in the order
   * 产出指标, 效益指标, 成本指标, 满意度指标 (as first seen); within a 一级 group, by 二级 in order
   * of first appearance; implementation and annual lines of the same 二级 are paired by position,
   * the shorter side padded with nulls.
   */
  indicatorRows: Array<{
    level1: string;
    implementation: { level2: string; level3: string; value: string } | null;
    annual: { level2: string; level3: string; value: string } | null;
  }>;
}

export interface Derived {
  year: number;
  /** publishedOn as a Date at 00:00 UTC: the PDF's fixed creation date. */
  creationDate: Date;
  templateSet: string;
  department: Department['department'] & {
    /** name + （altName） when there is an altName. */
    fullName: string;
    shortName: string;
  };

  /** 本年收入 by source (= current expenditure by source: the budget balances). */
  income: {
    current: SourceAmounts;
    carryover: SourceAmounts;
    /** 收入总计 = current.total + carryover.total. */
    total: Decimal;
    /** 财政拨款收入总计 (of the 财政拨款收支总表) = current.fiscal + carryover.fiscal. */
    fiscalTotal: Decimal;
    /** The department states its 上年结转 (a line carries one, or expenditure.noCarryover): else the narrative says nothing of it. */
    carryoverStated: boolean;
    /** Shares of 收入总计 by source, and of carryover (key 'carryover'), in percent. */
    shares: Record<'generalBudget' | 'govFund' | 'stateCapital' | 'specialAccount' | 'unitFunds' | 'carryover', Decimal>;
  };

  /** The whole expenditure by period, basic/project and source (the 合计 row of the income and expenditure tables). */
  expenditure: Periods & {
    /** 年终结转: always 0 in a budget (kept so the tables can print the row). */
    yearEndCarryover: Decimal;
    /** 支出总计 = all.total.total + yearEndCarryover. */
    total: Decimal;
    /** Shares of all.total.total: basic and project, percent. */
    shares: { basic: Decimal; project: Decimal };
  };

  /**
   * Rows of the 功能分类 tree: the 合计 row first, then 类 → 款 → 项 in code order (a 类 or 款 only
   * where a 项 lies below it).
   */
  subjectRows: SubjectRow[];
  /** The 类 rows by 3-digit code (for tables that print a fixed list of 类 from the template set). */
  byClass: Record<string, SubjectRow>;
  /**
   * The rows of the single-source tables (不含上年结转): generalBudget, govFund or stateCapital
   * alone — the 合计 row, then the subjectRows whose current amount from that source is
   * non-zero.
   */
  currentRowsBySource: Record<'generalBudget' | 'govFund' | 'stateCapital', SubjectRow[]>;

  /** Basic expenditure by economic classification: 合计, then each group followed by its items (data order). */
  economicRows: EconomicRow[];
  /** 人员经费 / 公用经费 totals of economicRows and the item names that carry a non-zero amount. */
  basicCosts: { personnel: Decimal; public: Decimal; total: Decimal; personnelItems: string[]; publicItems: string[] };

  /** 政府性基金 income: 合计 row then items. */
  govFundIncomeRows: IncomeRow[];
  /** 国有资本经营 income: 合计 row then items. */
  stateCapitalIncomeRows: IncomeRow[];

  /** The “三公” items by fiscal source. vehicle = vehiclePurchase + vehicleOperation; total = abroad + reception + vehicle. */
  threePublic: {
    abroad: FiscalAmounts;
    reception: FiscalAmounts;
    vehicle: FiscalAmounts;
    vehiclePurchase: FiscalAmounts;
    vehicleOperation: FiscalAmounts;
    total: FiscalAmounts;
  };

  /** 机关运行经费 by fiscal source: the total row (name '') first, then one row per unit. */
  operatingRows: OperatingRow[];
  operatingTotal: FiscalAmounts;

  /** Current projects: department total row, then per unit (data order of department.units) its projects. */
  projectRows: ProjectRow[];
  projectTotal: SourceAmounts;
  /** Projects carried over (上年结转), same shape; funds.specialAccount/unitFunds are 0. */
  carryoverProjectRows: ProjectRow[];
  carryoverProjectTotal: SourceAmounts;

  narrative: {
    changes: {
      /** Each null when the prior-year figure is not stated. */
      income: Change | null;
      expenditure: Change | null;
      /** current general budget expenditure (its 合计 row) vs lastYear.generalBudgetExpenditure. */
      generalBudget: Change | null;
      threePublic: Change | null;
      operatingCosts: Change | null;
    };
    /** Current general budget expenditure by 类, share of its total (the 支出结构 sentence and its chart). */
    generalBudgetByClass: ShareItem[];
    /** All expenditure by 类, share of its total (the expenditure-by-class chart a set may place). */
    expenditureByClass: ShareItem[];
    /** printed lists: narrative.personnelItems ?? basicCosts.personnelItems, likewise public. */
    personnelItems: string[];
    publicItems: string[];
    procurement: { goods: Decimal; works: Decimal; services: Decimal; total: Checked };
    performance: {
      /** derived from the current projects: all of them, by category; amounts in 万元. */
      managed: Checked<{ count: number; amount: Decimal }>;
      /** null: a total is stated, its split is not, and the projects' does not add up to it. */
      managedOperating: Checked<{ count: number; amount: Decimal }> | null;
      managedSpecific: Checked<{ count: number; amount: Decimal }> | null;
      /**
       * derived from the sheets that belong to a current project (matchedProject, else nearProject),
       * the first sheet of each project only: count and annual amounts (万元); by category of that
       * project. Sheets that belong to no current project are not counted (the audit reports them).
       */
      published: Checked<{ count: number; amount: Decimal }>;
      publishedOperating: Checked<{ count: number; amount: Decimal }> | null;
      publishedSpecific: Checked<{ count: number; amount: Decimal }> | null;
      /** published amount / current projects total × 100. */
      publishedShare: Checked;
    };
    /** As stated; null = not stated (the templates then assert no number). */
    assets: {
      asOf: { year: number; month: number; day: number };
      vehicles: Record<'quota' | 'leader' | 'confidential' | 'emergency' | 'lawEnforcement' | 'special' | 'institution' | 'other', number | null>;
      /** The kinds stated, in the template's order. */
      vehicleCounts: Array<{ kind: 'leader' | 'confidential' | 'emergency' | 'lawEnforcement' | 'special' | 'institution' | 'other'; count: number }>;
      /** Σ kinds when every kind is stated (declaredActual checked against it), else declaredActual, else null. */
      vehiclesActual: Checked<number> | null;
      buildingArea: string | null;
      equipmentOver50: number | null;
      equipmentOver100: number | null;
    };
  };

  sheets: DerivedSheet[];

  /** Glossary after merging the template default with the department's entries. */
  glossary: Array<{ term: string; definition: string[] }>;

  /** Optional facts some formats print (details.ts). */
  details: Details;
}
