import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { D, share } from '../../src/derive/decimal.js';
import { writeFileAtomic } from '../../src/write/index.js';
import type { DepartmentInput } from '../../src/schema/index.js';
import { mixSeed, Rng } from './prng.js';
import {
  ABROAD_ITEM,
  AGENCIES,
  BASES,
  CAPITAL_GROUP,
  CATEGORIES,
  CLASS_NAMES,
  COMMON_TOPICS,
  EQUIPMENT_ITEM,
  FAMILY_GROUP,
  FAMILY_ITEMS,
  GLOSSARY_EXTRA,
  GOV_FUNDS,
  INDICATOR_WORDS,
  INTERNAL_OFFICES,
  MEASURES,
  PERSONNEL_GROUP,
  PERSONNEL_ITEMS,
  PERSONNEL_LINES,
  PROJECT_ITEMS,
  PUBLIC_GROUP,
  PUBLIC_ITEMS,
  REASON_PHRASES,
  RECEPTION_ITEM,
  REGIONS,
  SECTION_NAMES,
  VEHICLE_OPERATION_ITEM,
  VEHICLE_PURCHASE_ITEM,
  type Agency,
  type SubjectWord,
} from './words.js';

/*
 * Synthetic departments for tests and benchmarks: `generateDepartments(n, seed)` gives n valid,
 * internally consistent departments of varied shape (0 to 300 projects, one to five units,
 * personnel and public costs, 三公经费, 政府性基金, 上年结转, performance sheets, long narrative).
 * Every figure is drawn in whole 0.01 万元 (integers), so each total the audit derives holds
 * exactly, and every figure typed "by hand" (declared*) is either the derived one or absent.
 * Deterministic: department i depends only on (seed, i, options), never on Math.random or n.
 */

export interface SynthOptions {
  /** Projects per department: a fixed count or [min, max]. Default: varied shapes spanning 0…300. */
  projects?: number | [number, number];
  /**
   * Which projects get a 绩效目标表: 'all', 'none', or 'auto' (default: all when a department has
   * at most 15 projects, else its 10–20 largest — the others then draw a project-has-sheet warning).
   */
  sheets?: 'all' | 'auto' | 'none';
  /** Budget years drawn from (default mostly 2026, some 2025). */
  years?: number[];
  /** Budget units per department: fixed or [min, max] (default 1–5). */
  units?: number | [number, number];
  /**
   * The data's money unit (default 万元, every figure in whole 0.01 万元). 元: every figure drawn
   * is exact to the 分 (0.01 元), as the budget system exports it — totals then carry cents the
   * printed cells round away.
   */
  moneyUnit?: '万元' | '元';
  /**
   * Every feature a real department may have, always: all 三公 items (公务用车购置 included), a
   * 政府性基金, 上年结转, every personnel and family item, units of several kinds (the 机关 本级,
   * 事业单位, a 参公 unit) with 机关运行经费 for the in-scope ones, stated 绩效 figures.
   */
  complete?: boolean;
}

/** About the size of the reference department (data/640-zwfw.json, ~40 pages). */
export const REFERENCE_SIZED: SynthOptions = { projects: [11, 14], sheets: 'all', units: [1, 2] };
/** Small departments (a few pages) for tests. */
export const SMALL: SynthOptions = { projects: [1, 2], sheets: 'all', units: [1, 2] };

/** Project-count shapes the default cycles through, so any 8 consecutive departments span 0…300. */
const SHAPES: Array<[number, number]> = [
  [0, 0],
  [1, 5],
  [6, 15],
  [10, 14],
  [16, 40],
  [41, 100],
  [101, 299],
  [300, 300],
];

const DEFAULT_YEARS = [2026, 2026, 2026, 2025];

/** 0.01 万元 (an integer) as the data's string: 123456 → "1234.56". */
export function wan(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new Error(`bad amount ${cents}`);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** n departments from seed; department i is the same whatever n is. */
export function generateDepartments(n: number, seed: number, options: SynthOptions = {}): DepartmentInput[] {
  const top = new Rng(mixSeed(seed, 0x5eed));
  const combos = top.shuffle(REGIONS.flatMap((_, r) => AGENCIES.map((_, a) => [r, a] as const)));
  const shapes = top.shuffle(SHAPES.map((_, i) => i));
  const out: DepartmentInput[] = [];
  for (let i = 0; i < n; i++) {
    const [r, a] = combos[i % combos.length]!;
    const round = Math.floor(i / combos.length);
    const shape = SHAPES[shapes[i % shapes.length]!]!;
    out.push(generateDepartment(new Rng(mixSeed(seed, i + 1)), i, REGIONS[r]!, AGENCIES[a]!, round, shape, options));
  }
  return out;
}

/** The file name `writeDepartments` gives department i. */
export function synthFileName(i: number, d: DepartmentInput): string {
  return `d${String(i + 1).padStart(3, '0')}-${d.department.code}.json`;
}

/** Writes generateDepartments(n, seed, options) to dir as d001-<code>.json, …; returns the paths. */
export async function writeDepartments(dir: string, n: number, seed: number, options: SynthOptions = {}): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const depts = generateDepartments(n, seed, options);
  for (const [i, d] of depts.entries()) {
    const file = path.join(dir, synthFileName(i, d));
    await writeFileAtomic(file, JSON.stringify(d, null, 2) + '\n');
    files.push(file);
  }
  return files;
}

interface LineAcc {
  code: string;
  name: string;
  basicGb: number;
  basicUnit: number;
  project: { generalBudget: number; govFund: number; specialAccount: number; unitFunds: number };
  carryGb: number;
  carryGf: number;
}

type Input = DepartmentInput;
type ProjectInput = Input['projects'][number];
type SheetInput = Input['performanceSheets'][number];
type IndicatorInput = SheetInput['indicators']['annual'][number];

function range(spec: number | [number, number] | undefined, fallback: [number, number], rng: Rng): number {
  if (typeof spec === 'number') return spec;
  const [lo, hi] = spec ?? fallback;
  return rng.int(lo, hi);
}

/** 分 (an integer) as a 元 string: 123456 → "1234.56". */
export function yuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new Error(`bad amount ${fen}`);
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

function generateDepartment(rng: Rng, index: number, region: string, agency: Agency, round: number, shape: [number, number], options: SynthOptions): Input {
  const year = rng.pick(options.years ?? DEFAULT_YEARS);
  const complete = options.complete === true;
  // amounts are integers of this many 分 per 0.01 万元 drawn: 1 (万元 data) or 10,000 (元 data, with the 分 drawn too)
  const M = options.moneyUnit === '元' ? 10_000 : 1;
  const money = (x: number) => (M > 1 ? x * M + rng.int(0, M - 1) : x);
  const fmt = (n: number) => (M > 1 ? yuan(n) : wan(n));
  const name = `${region}${agency.name}${round > 0 ? `第${round + 1}分局` : ''}`;
  const code = String(100 + index);

  // ── units and staff ──────────────────────────────────────────────────────────────────────
  const unitCount = Math.min(range(options.units, [1, 5], rng), agency.subunits.length + 1);
  const unitNames = [`${name}本级`, ...rng.sample(agency.subunits, unitCount - 1).map((s) => `${region}${s}`)];
  const units: Input['department']['units'] = unitNames.map((u, j) => (rng.chance(0.7) ? { name: u, code: `${code}${String(j + 1).padStart(3, '0')}` } : { name: u }));
  // the 机关 itself, 事业单位 below it, and (with three units or more) one 参公 unit
  if (complete) units.forEach((u, j) => (u.kind = j === 0 ? '行政单位' : j === 2 ? '参照公务员法管理事业单位' : '事业单位'));
  const staff = rng.int(8, 40) * unitCount;
  const jitter = (base: number) => Math.max(1, Math.round(base * staff * (0.85 + rng.float() * 0.3)));

  // ── basic expenditure by economic item: personnel and public costs (一般公共预算基本支出) ───────────────────────────────
  type Item = { code: string; name: string; govName: string; personnel?: number; public?: number };
  const personnel: Item[] = PERSONNEL_ITEMS.filter((it) => !['30103', '30112'].includes(it.code) || rng.chance(0.7) || complete).map((it) => ({ ...it, personnel: money(jitter(it.perHead)) }));
  const family: Item[] = FAMILY_ITEMS.filter((it) => rng.chance(it.code === '30302' ? 0.6 : 0.4) || complete).map((it) => ({ ...it, personnel: money(jitter(it.perHead)) }));
  const reception = money(Math.max(20, Math.round(staff * (2 + rng.float() * 4))));
  const vehicleOperation = rng.chance(0.7) || complete ? money(Math.max(50, Math.round(staff * (4 + rng.float() * 6)))) : 0;
  const abroad = rng.chance(0.1) || complete ? money(rng.int(200, 1500)) : 0;
  const vehiclePurchase = rng.chance(0.1) || complete ? money(rng.int(1000, 2500)) : 0;
  const publicItems: Item[] = rng
    .sample(PUBLIC_ITEMS, complete ? PUBLIC_ITEMS.length : rng.int(6, PUBLIC_ITEMS.length))
    .sort((x, y) => (x.code < y.code ? -1 : 1))
    .map((it) => ({ ...it, public: money(jitter(it.perHead)) }));
  publicItems.push({ ...RECEPTION_ITEM, public: reception });
  if (vehicleOperation) publicItems.push({ ...VEHICLE_OPERATION_ITEM, public: vehicleOperation });
  if (abroad) publicItems.push({ ...ABROAD_ITEM, public: abroad });
  publicItems.sort((x, y) => (x.code < y.code ? -1 : 1));
  const capital: Item[] = [];
  if (rng.chance(0.6) || complete) capital.push({ ...EQUIPMENT_ITEM, public: money(jitter(8)) });
  if (vehiclePurchase) capital.push({ ...VEHICLE_PURCHASE_ITEM, public: vehiclePurchase });
  const groups = [
    { ...PERSONNEL_GROUP, items: personnel },
    { ...PUBLIC_GROUP, items: publicItems },
    ...(family.length ? [{ ...FAMILY_GROUP, items: family }] : []),
    ...(capital.length ? [{ ...CAPITAL_GROUP, items: capital }] : []),
  ];
  const personnelTotal = [...personnel, ...family].reduce((s, it) => s + (it.personnel ?? 0), 0);
  const publicTotal = [...publicItems, ...capital].reduce((s, it) => s + (it.public ?? 0), 0);
  const itemAmount = (code: string) => personnel.find((it) => it.code === code)?.personnel ?? 0;

  // ── 功能分类 lines ───────────────────────────────────────────────────────────────────────
  const sections = new Map<string, string>();
  const lines = new Map<string, LineAcc>();
  const line = (section: SubjectWord, l: SubjectWord): LineAcc => {
    sections.set(section.code, section.name);
    let acc = lines.get(l.code);
    if (!acc) {
      acc = { code: l.code, name: l.name, basicGb: 0, basicUnit: 0, project: { generalBudget: 0, govFund: 0, specialAccount: 0, unitFunds: 0 }, carryGb: 0, carryGf: 0 };
      lines.set(l.code, acc);
    }
    return acc;
  };
  // Personnel lines mirror their economic items; 行政运行 (and 事业运行) carry the rest.
  let rest = personnelTotal + publicTotal;
  for (const key of ['pension', 'annuity', 'medical', 'housing'] as const) {
    const p = PERSONNEL_LINES[key];
    const amount = itemAmount(p.item);
    if (!amount) continue;
    const l = key === 'medical' && agency.service && rng.chance(0.4) ? { code: '2101102', name: '事业单位医疗' } : p.line;
    line(p.section, l).basicGb += amount;
    rest -= amount;
  }
  if (agency.service && unitCount > 1 && (rng.chance(0.7) || complete) && rest >= 2) {
    const [admin, service] = rng.split(rest, 2) as [number, number];
    line(agency.section, agency.admin).basicGb += admin;
    line(agency.section, agency.service).basicGb += service;
  } else {
    line(agency.section, agency.admin).basicGb += rest;
  }
  if (rng.chance(0.3) || complete) line(agency.section, agency.admin).basicUnit += money(rng.int(100, 8000));

  // ── projects ─────────────────────────────────────────────────────────────────────────────
  const projectCount = options.projects !== undefined ? range(options.projects, [0, 0], rng) : rng.int(shape[0], shape[1]);
  const topics = [...agency.topics, ...COMMON_TOPICS];
  const names = rng.shuffle(topics.flatMap((t) => PROJECT_ITEMS.map((it) => `${t}${it}`))).slice(0, projectCount);
  const govFunds = projectCount > 0 && (rng.chance(0.35) || complete) ? rng.sample(GOV_FUNDS, rng.int(1, 2)) : [];
  const govProjects = new Set(govFunds.length ? rng.sample(names, Math.max(1, Math.round(projectCount * 0.1))) : []);
  const projectLines: SubjectWord[] = [agency.general, ...agency.extra];
  const projects: Array<ProjectInput & { cents: number; topic: string }> = names.map((pname, k) => {
    const unit = k === 0 || rng.chance(0.55) ? unitNames[0]! : rng.pick(unitNames);
    // log-uniform 2 万元 … 1500 万元; larger departments have smaller projects
    const scale = projectCount > 40 ? 0.25 : 1;
    const cents = money(Math.max(100, Math.round(Math.exp(Math.log(200) + rng.float() * (Math.log(150000) - Math.log(200))) * scale)));
    const topic = topics.find((t) => pname.startsWith(t)) ?? '';
    const funds: Record<string, string> = {};
    let lineAcc: LineAcc;
    if (govProjects.has(pname)) {
      const g = rng.pick(govFunds);
      lineAcc = line(g.section, g.line);
      lineAcc.project.govFund += cents;
      funds.govFund = fmt(cents);
    } else {
      const target = rng.pick(projectLines);
      const sec = target.code.slice(0, 5);
      lineAcc = line(sec === agency.section.code ? agency.section : { code: sec, name: SECTION_NAMES[sec]! }, target);
      let gb = cents;
      if (cents > 1000 * M && rng.chance(0.12)) {
        const uf = Math.round(cents * (0.1 + rng.float() * 0.3));
        gb -= uf;
        funds.unitFunds = fmt(uf);
        lineAcc.project.unitFunds += uf;
      }
      if (cents > 1000 * M && rng.chance(0.05)) {
        const sa = Math.round(gb * 0.2);
        gb -= sa;
        funds.specialAccount = fmt(sa);
        lineAcc.project.specialAccount += sa;
      }
      funds.generalBudget = fmt(gb);
      lineAcc.project.generalBudget += gb;
    }
    const category = rng.chance(0.7) ? CATEGORIES[0] : CATEGORIES[1];
    return { unit, name: pname, category, funds: reorder(funds), cents, topic };
  });
  const projectTotal = projects.reduce((s, p) => s + p.cents, 0);

  // ── 上年结转 projects ─────────────────────────────────────────────────────────────────
  const carryoverProjects: Input['carryoverProjects'] = [];
  if (rng.chance(0.35) || complete) {
    const carryNames = rng.sample(topics, rng.int(1, 5)).map((t) => `${year - 1}年${t}${rng.pick(PROJECT_ITEMS)}`);
    for (const cname of carryNames) {
      const cents = money(rng.int(300, 60000));
      const unit = rng.chance(0.6) ? unitNames[0]! : rng.pick(unitNames);
      if (govFunds.length && rng.chance(0.3)) {
        const g = govFunds[0]!;
        line(g.section, g.line).carryGf += cents;
        carryoverProjects.push({ unit, name: cname, funds: { govFund: fmt(cents) } });
      } else {
        line(agency.section, agency.general).carryGb += cents;
        carryoverProjects.push({ unit, name: cname, funds: { generalBudget: fmt(cents) } });
      }
    }
  }

  // ── expenditure, income ─────────────────────────────────────────────────────────────────
  const sortedLines = [...lines.values()].sort((x, y) => (x.code < y.code ? -1 : 1));
  const subjectCodes = new Set<string>();
  for (const l of sortedLines) {
    subjectCodes.add(l.code.slice(0, 3));
    subjectCodes.add(l.code.slice(0, 5));
  }
  const subjects = [...subjectCodes].sort().map((c) => ({ code: c, name: c.length === 3 ? CLASS_NAMES[c]! : sections.get(c)! }));
  const expenditureLines = sortedLines.map((l) => {
    const out: Input['expenditure']['lines'][number] = { code: l.code, name: l.name };
    const basic = reorder({ ...(l.basicGb ? { generalBudget: fmt(l.basicGb) } : {}), ...(l.basicUnit ? { unitFunds: fmt(l.basicUnit) } : {}) });
    if (Object.keys(basic).length) out.basic = basic;
    const project = reorder(Object.fromEntries(Object.entries(l.project).filter(([, v]) => v > 0).map(([k, v]) => [k, fmt(v)])));
    if (Object.keys(project).length) out.project = project;
    if (l.carryGb || l.carryGf) out.carryover = { project: { ...(l.carryGb ? { generalBudget: fmt(l.carryGb) } : {}), ...(l.carryGf ? { govFund: fmt(l.carryGf) } : {}) } };
    return out;
  });
  const incomeByCode = new Map<string, { code: string; name: string; cents: number }>();
  for (const g of GOV_FUNDS) {
    const cents = lines.get(g.line.code)?.project.govFund ?? 0;
    if (!cents) continue;
    const hit = incomeByCode.get(g.income.code) ?? { ...g.income, cents: 0 };
    hit.cents += cents;
    incomeByCode.set(g.income.code, hit);
  }
  const govFundIncome = [...incomeByCode.values()].map((i) => ({ code: i.code, name: i.name, amount: fmt(i.cents) }));
  const sumLines = (f: (l: LineAcc) => number) => sortedLines.reduce((s, l) => s + f(l), 0);
  const total = sumLines((l) => l.basicGb + l.basicUnit + l.project.generalBudget + l.project.govFund + l.project.specialAccount + l.project.unitFunds + l.carryGb + l.carryGf);
  const gbCurrent = sumLines((l) => l.basicGb + l.project.generalBudget);

  // ── 三公, 机关运行经费 ──────────────────────────────────────────────────────────────────────────
  const threePublic: Input['threePublic'] = { reception: { generalBudget: fmt(reception) } };
  if (abroad) threePublic.abroad = { generalBudget: fmt(abroad) };
  if (vehiclePurchase) threePublic.vehiclePurchase = { generalBudget: fmt(vehiclePurchase) };
  if (vehicleOperation) threePublic.vehicleOperation = { generalBudget: fmt(vehicleOperation) };
  const threePublicTotal = reception + abroad + vehiclePurchase + vehicleOperation;
  const opUnits = complete ? units.filter((u) => u.kind !== '事业单位').map((u) => u.name) : unitNames.slice(0, Math.min(unitNames.length, rng.int(1, 2)));
  const opTotal = Math.max(opUnits.length, Math.floor(publicTotal * (0.5 + rng.float() * 0.4)));
  const opParts = rng.split(opTotal, opUnits.length);
  const operatingCosts = opUnits.map((u, j) => ({ unit: u, funds: { generalBudget: fmt(opParts[j]!) } }));

  // ── narrative ───────────────────────────────────────────────────────────────────────────
  const vary = (x: number) => Math.max(1, Math.round(x * (0.8 + rng.float() * 0.45)));
  const lastTotal = vary(total);
  const lastThree = vary(threePublicTotal);
  const lastOp = vary(opTotal);
  const reason = (now: number, before: number, what: string) =>
    now === before
      ? `${what}与上年持平。`
      : `${what}比上年${now > before ? '增加' : '减少'}的主要原因是：${rng.sample(REASON_PHRASES, rng.int(2, 4)).join('；')}。`;
  const personnelNames = [...personnel, ...family].map((it) => it.name);
  const publicNames = [...publicItems, ...capital].map((it) => it.name);
  const equipment = capital.find((c) => c.code === EQUIPMENT_ITEM.code)?.public ?? 0;
  const goods = equipment + (rng.chance(0.5) ? Math.round(projectTotal * 0.05 * rng.float()) : 0);
  const works = rng.chance(0.2) ? Math.round(projectTotal * 0.15 * rng.float()) : 0;
  const services = Math.round(projectTotal * (0.2 + rng.float() * 0.4));

  const sheetMode = options.sheets ?? 'auto';
  const bySize = [...projects].sort((x, y) => y.cents - x.cents);
  const withSheet = new Set(
    sheetMode === 'none' ? [] : sheetMode === 'all' || projects.length <= 15 ? projects.map((p) => p.name) : bySize.slice(0, rng.int(10, 20)).map((p) => p.name),
  );
  const sheetProjects = projects.filter((p) => withSheet.has(p.name));
  const performanceSheets = sheetProjects.map((p) => sheet(rng, p, year, M));

  const tally = (list: Array<{ cents: number }>) => ({ count: list.length, amount: fmt(list.reduce((s, p) => s + p.cents, 0)) });
  const operating = (list: typeof projects) => list.filter((p) => p.category === CATEGORIES[0]);
  const specific = (list: typeof projects) => list.filter((p) => p.category === CATEGORIES[1]);
  const performance: Input['narrative']['performance'] = {};
  if (rng.chance(0.6) || complete) {
    performance.managed = tally(projects);
    performance.managedOperating = tally(operating(projects));
    performance.managedSpecific = tally(specific(projects));
    performance.published = tally(sheetProjects);
    performance.publishedOperating = tally(operating(sheetProjects));
    performance.publishedSpecific = tally(specific(sheetProjects));
    if (projectTotal > 0) {
      const pub = sheetProjects.reduce((s, p) => s + p.cents, 0);
      performance.declaredPublishedShare = share(new D(pub), new D(projectTotal)).toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2);
    }
  }

  const quota = vehicleOperation ? rng.int(1, 8) : 0;
  const actual = rng.int(0, quota);
  const lawEnforcement = actual > 0 && rng.chance(0.3) ? 1 : 0;
  const institution = Math.floor((actual - lawEnforcement) / 2);
  const vehicles = { quota, leader: 0, confidential: 0, emergency: 0, lawEnforcement, special: 0, institution, other: actual - lawEnforcement - institution };
  const over50 = rng.int(0, 6);

  const office = rng.sample(INTERNAL_OFFICES, rng.int(3, 8));
  const duties = rng.shuffle(agency.duties);
  const dutyParas: string[] = [];
  for (let k = 0; k < duties.length; k += 2) dutyParas.push(`负责${duties.slice(k, k + 2).join('；负责')}。`);
  dutyParas[dutyParas.length - 1] = dutyParas[dutyParas.length - 1]!.replace(/。$/, '；承办上级党委、政府交办的其他事项。');
  const organisation = [
    `本部门核定行政编制${rng.int(5, 30)}名、事业编制${staff}名。机构规格为正科级，单位领导职数：正职1名，副职${rng.int(1, 4)}名。核定内设机构${office.length}个：${office.join('、')}。`,
    ...unitNames.slice(1).map((u) => `下设${u}，为公益一类事业单位，核定事业编制${rng.int(5, 40)}名，经费形式为财政全额拨款。`),
  ];

  const data: Input = {
    ...(M > 1 ? { moneyUnit: '元' as const } : {}),
    year,
    publishedOn: `${year}-02-${pad2(rng.int(1, 20))}`,
    department: {
      name,
      shortName: agency.name,
      code,
      units,
      duties: dutyParas,
      organisation,
    },
    // a generated department knows its 上年结转: none is stated as none
    expenditure: { subjects, lines: expenditureLines, ...(expenditureLines.some((l) => l.carryover) ? {} : { noCarryover: true as const }) },
    basicByEconomic: groups.map((g) => ({
      code: g.code,
      name: g.name,
      items: g.items.map((it) => ({
        code: it.code,
        name: it.name,
        govName: it.govName,
        ...(it.personnel ? { personnel: fmt(it.personnel) } : {}),
        ...(it.public ? { public: fmt(it.public) } : {}),
      })),
    })),
    govFundIncome,
    stateCapitalIncome: [],
    threePublic,
    operatingCosts,
    projects: projects.map(({ unit, name: pname, category, funds }) => ({ unit, name: pname, category, funds })),
    carryoverProjects,
    narrative: {
      lastYear: {
        incomeTotal: fmt(lastTotal),
        expenditureTotal: fmt(lastTotal),
        generalBudgetExpenditure: fmt(vary(gbCurrent)),
        threePublic: fmt(lastThree),
        operatingCosts: fmt(lastOp),
      },
      reasons: {
        income: reason(total, lastTotal, '收入预算'),
        expenditure: reason(total, lastTotal, '支出预算'),
        generalBudget: `一般公共预算当年拨款主要用于保障机构正常运转和完成${agency.topics.slice(0, 3).join('、')}等重点工作任务。`,
        threePublic: reason(threePublicTotal, lastThree, '“三公”经费预算'),
        operatingCosts: reason(opTotal, lastOp, '机关运行经费预算'),
      },
      ...(rng.chance(0.5) ? { personnelItems: rng.shuffle(personnelNames), publicItems: rng.shuffle(publicNames) } : {}),
      procurement: {
        goods: fmt(goods),
        works: fmt(works),
        services: fmt(services),
        ...(rng.chance(0.6) ? { declaredTotal: fmt(goods + works + services) } : {}),
      },
      performance,
      assets: {
        asOf: `${year}-01-${pad2(rng.int(5, 28))}`,
        vehicles: { ...vehicles, ...(rng.chance(0.7) ? { declaredActual: actual } : {}) },
        buildingArea: `${rng.int(300, 12000)}.${String(rng.int(0, 999)).padStart(3, '0')}`,
        equipmentOver50: over50,
        equipmentOver100: rng.int(0, over50),
      },
      purchaseServices: rng.chance(0.4)
        ? [`本部门${year}年政府购买服务项目主要包括${rng.sample(PROJECT_ITEMS, 3).join('、')}等，均按照政府购买服务指导性目录执行。`]
        : [],
      other: rng.chance(0.3) ? [`${year}年本部门无新增政府债务，无对外投资和担保事项。`] : [],
    },
    performanceSheets,
  };
  if (rng.chance(0.85)) {
    const issuer = `${region}财政局`;
    data.approval = {
      issuer,
      docNumber: `${region.slice(0, 2)}财预〔${year}〕${rng.int(1, 60)}号`,
      title: `关于批复${year}年部门预算的通知`,
      addressee: name,
      intro: `根据《中华人民共和国预算法》及本级人民代表大会审议通过的${year}年预算，现将你单位${year}年部门预算批复如下，请遵照执行。`,
      items: rng.sample(
        [
          '严格执行批复的预算，不得随意调整；确需调整的，按规定程序报批。',
          '加强预算绩效管理，对照绩效目标做好绩效运行监控和绩效自评。',
          '严格落实过紧日子要求，从严控制“三公”经费和一般性支出。',
          '按照预算公开有关规定，在批复后20日内向社会公开部门预算。',
          '加强政府采购管理，政府采购项目应当按照批复的采购预算执行。',
        ],
        rng.int(2, 5),
      ),
      attachments: [`${year}年部门预算批复表`],
      signature: issuer,
      date: `${year}-01-${pad2(rng.int(10, 28))}`,
      publication: '此件公开发布',
    };
  }
  if (rng.chance(0.4)) {
    data.glossary = { entries: rng.sample(GLOSSARY_EXTRA, rng.int(1, 2)).map((g) => ({ term: g.term, definition: [g.definition] })) };
  }
  return data;
}

const FUND_ORDER = ['generalBudget', 'govFund', 'stateCapital', 'specialAccount', 'unitFunds'];
function reorder(funds: Record<string, string>): Record<string, string> {
  return Object.fromEntries(FUND_ORDER.filter((k) => funds[k] !== undefined).map((k) => [k, funds[k]!]));
}

/** `M`: 分 per drawn unit (see generateDepartment): the sheet's 元 are then exact to the 分. */
function sheet(rng: Rng, p: { unit: string; name: string; cents: number; topic: string; category: string }, year: number, M = 1): SheetInput {
  // in M = 1 data the sheet counts whole 元 (0.01 万元 × 100); else 分, printed with two decimals
  const yuanAnnual = M > 1 ? p.cents : p.cents * 100;
  const Y = (n: number) => (M > 1 ? yuan(n) : String(n));
  const yuanImpl = yuanAnnual * rng.pick([1, 1, 2, 3]);
  const parts = (y: number, pattern: number): Record<string, string> => {
    if (pattern === 0) return { central: '0', provincial: '0', local: Y(y), selfRaised: '0' };
    if (pattern === 1) {
      const c = Math.round(y * 0.3);
      return { central: Y(c), provincial: '0', local: Y(y - c) };
    }
    const s = Math.round(y * 0.1);
    return { local: Y(y - s), selfRaised: Y(s) };
  };
  const pattern = rng.int(0, 2);
  const declared = rng.chance(0.4);
  const annual = { ...parts(yuanAnnual, pattern), ...(declared ? { declaredTotal: Y(yuanAnnual) } : {}) };
  const implementation = { ...parts(yuanImpl, pattern), ...(declared ? { declaredTotal: Y(yuanImpl) } : {}) };
  const topic = p.topic || '业务';
  const w = INDICATOR_WORDS;
  const qi = rng.int(0, w.quantity.length - 1);
  const n = rng.int(2, 60);
  const indicators = (factor: number): IndicatorInput[] => [
    { level1: '产出指标', level2: '数量指标', level3: w.quantity[qi]!, value: `${Math.max(1, Math.round(n * factor))}${w.quantityUnits[qi]!}` },
    { level1: '产出指标', level2: '质量指标', level3: rng.pick(w.quality), value: rng.pick(['100%', '≥98%', '≥95%']) },
    { level1: '产出指标', level2: '时效指标', level3: rng.pick(w.timeliness), value: rng.pick(['及时', '100%', '按期完成']) },
    { level1: '产出指标', level2: '成本指标', level3: rng.pick(w.cost), value: rng.pick(['≤100%', '≥90%']) },
    { level1: '效益指标', level2: '经济效益' },
    { level1: '效益指标', level2: '社会效益', level3: rng.pick(w.social), value: rng.pick(['有效', '明显提升', '持续改善']) },
    { level1: '效益指标', level2: '生态效益' },
    { level1: '效益指标', level2: '可持续影响', level3: rng.pick(w.sustain), value: '长期' },
    { level1: '满意度指标', level2: '服务对象满意度', level3: rng.pick(w.satisfaction), value: rng.pick(['≥90%', '≥95%']) },
  ];
  const goal = `通过实施${p.name}，保障${topic}工作有序开展，${rng.pick(['提升服务质量和效率', '确保各项任务按期完成', '推动重点工作落地见效', '增强群众获得感和满意度'])}。`;
  return {
    project: p.name,
    unit: p.unit,
    attribute: p.category === CATEGORIES[0] ? '经常性项目（长期开展）' : rng.pick(['一次性项目', '经常性项目（阶段性开展）']),
    period: p.category === CATEGORIES[0] ? '99年' : `${rng.int(1, 3)}年`,
    funds: { implementation, annual },
    overview: `${p.name}主要用于保障${p.unit}${topic}相关工作的正常开展，包括${rng.sample(['日常运行维护', '专业技术服务', '设备购置更新', '人员培训', '宣传推广', '第三方服务'], 2).join('和')}等内容。`,
    basis: rng.sample(BASES, rng.int(1, 2)).join('、'),
    necessity: `${topic}是本部门的重要职责，项目实施对于${rng.pick(['保障部门正常运转', '完成年度重点工作任务', '提升公共服务水平'])}十分必要。`,
    measures: rng
      .sample(MEASURES, rng.int(2, 4))
      .map((m, k) => `${k + 1}、${m}`)
      .join('；'),
    plan: `1、${year}年第一季度完成项目前期准备；2、第二、三季度组织实施；3、第四季度完成验收和绩效自评。`,
    goals: { implementation: goal, annual: goal },
    indicators: { implementation: indicators(yuanImpl / yuanAnnual), annual: indicators(1) },
    ...(rng.chance(0.5) ? { responsible: rng.pick(['王', '李', '张', '刘', '陈', '杨', '赵', '黄']) + rng.pick(['建国', '晓东', '丽华', '志强', '海燕', '文斌']) } : {}),
    filledAt: `${year - 1}12${pad2(rng.int(10, 28))}${pad2(rng.int(8, 17))}${pad2(rng.int(0, 59))}${pad2(rng.int(0, 59))}`,
  };
}
