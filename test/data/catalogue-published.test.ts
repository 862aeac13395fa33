import { beforeAll, describe, expect, it } from 'vitest';
import { catalogueFor, loadCatalogues } from '../../src/load/catalogue.js';
import type { Catalogue } from '../../src/schema/catalogue.js';

/*
 * data/catalogue/2026.json was typed by hand; these are the code/name pairs as they are printed in
 * real published department budgets and final accounts (the documents the file's checkedAgainst
 * names). The catalogue must agree with every one of them, except where a document itself departs
 * from the standard (DEVIATIONS, each with the reason). A shifted or missing code fails here: the
 * 2025 石泉路街道 final accounts print 20825 其他生活救助, which the file once had at 20824.
 */

type Pair = readonly [code: string, name: string];
interface Published {
  document: string;
  year: number;
  /** 功能分类 (2…) and 部门预算支出经济分类 (3…) codes with their names as printed. */
  pairs: readonly Pair[];
}

const split = (s: string): Pair[] => s.split('|').map((p) => p.split(' ') as unknown as Pair);

const PUBLISHED: readonly Published[] = [
  {
    document: '上海市普陀区城市管理行政执法局2026年部门预算',
    year: 2026,
    pairs: split(
      '208 社会保障和就业支出|20805 行政事业单位养老支出|2080501 行政单位离退休|2080505 机关事业单位基本养老保险缴费支出|2080506 机关事业单位职业年金缴费支出|2080599 其他行政事业单位养老支出|20808 抚恤|2080801 死亡抚恤|210 卫生健康支出|21011 行政事业单位医疗|2101101 行政单位医疗|212 城乡社区支出|21201 城乡社区管理事务|2120104 城管执法|221 住房保障支出|22102 住房改革支出|2210201 住房公积金|2210203 购房补贴|' +
        '301 工资福利支出|30101 基本工资|30102 津贴补贴|30108 机关事业单位基本养老保险缴费|30109 职业年金缴费|30110 职工基本医疗保险缴费|30112 其他社会保障缴费|30113 住房公积金|30199 其他工资福利支出|302 商品和服务支出|30201 办公费|30202 印刷费|30204 手续费|30205 水费|30206 电费|30207 邮电费|30209 物业管理费|30211 差旅费|30213 维修（护）费|30214 租赁费|30215 会议费|30216 培训费|30217 公务接待费|30218 专用材料费|30227 委托业务费|30228 工会经费|30231 公务用车运行维护费|30239 其他交通费用|30299 其他商品和服务支出|303 对个人和家庭的补助|30302 退休费|310 资本性支出|31002 办公设备购置',
    ),
  },
  {
    document: '上海市普陀区文化和旅游局2026年部门预算',
    year: 2026,
    pairs: split(
      '207 文化旅游体育与传媒支出|20701 文化和旅游|2070101 行政运行|2070104 图书馆|2070105 文化展示及纪念机构|2070108 文化活动|2070109 群众文化|2070110 文化和旅游交流与合作|2070111 文化创作与保护|2070112 文化和旅游市场管理|2070113 旅游宣传|2070114 文化和旅游管理事务|2070199 其他文化和旅游支出|20799 其他文化旅游体育与传媒支出|2079903 文化产业发展专项支出|2079999 其他文化旅游体育与传媒支出|2080502 事业单位离退休|2101102 事业单位医疗|215 资源勘探工业信息等支出|21508 支持中小企业发展和管理支出|2150899 其他支持中小企业发展和管理支出|' +
        '30107 绩效工资|30226 劳务费|30399 其他对个人和家庭的补助|31003 专用设备购置',
    ),
  },
  {
    document: '上海市普陀区建设和管理委员会2026年部门预算',
    year: 2026,
    pairs: split(
      '20807 就业补助|2080704 社会保险补贴|2080705 公益性岗位补贴|2120101 行政运行|2120199 其他城乡社区管理事务支出|21203 城乡社区公共设施|2120399 其他城乡社区公共设施支出|21206 建设市场管理与监督|2120601 建设市场管理与监督|21208 国有土地使用权出让收入安排的支出|2120803 城市建设支出|213 农林水支出|21303 水利|2130306 水利工程运行与维护',
    ),
  },
  {
    document: '上海市普陀区人民政府石泉路街道办事处2025年度部门决算',
    year: 2025,
    pairs: split(
      '201 一般公共服务支出|20105 统计信息事务|2010505 专项统计业务|2010506 统计管理|20129 群众团体事务|2012902 一般行政管理事务|20132 组织事务|2013202 一般行政管理事务|20133 宣传事务|2013302 一般行政管理事务|20134 统战事务|2013402 一般行政管理事务|20138 市场监督管理事务|2013802 一般行政管理事务|204 公共安全支出|20406 司法|2040607 公共法律服务|20499 其他公共安全支出|2049999 其他公共安全支出|205 教育支出|20599 其他教育支出|2059999 其他教育支出|206 科学技术支出|20607 科学技术普及|2060702 科普活动|20703 体育|2070308 群众体育|20816 红十字事业|2081602 一般行政管理事务|20825 其他生活救助|2082501 其他城市生活救助|20899 其他社会保障和就业支出|2089999 其他社会保障和就业支出|21007 计划生育事务|2100717 计划生育服务|211 节能环保支出|21111 污染减排|2111101 减排专项支出|20805 行政事业单位离退休|21205 城乡社区环境卫生|2120501 城乡社区环境卫生|21299 其他城乡社区支出|2129999 其他城乡社区支出|22103 城乡社区住宅|2210399 其他城乡社区住宅支出|224 灾害防治及应急管理支出|22402 消防救援事务|2240299 其他消防救援事务支出|' +
        '30103 奖金|30106 伙食补助费|30111 公务员医疗补助缴费|30114 医疗费|30203 咨询费|30208 取暖费|30212 因公出国（境）费用|30224 被装购置费|30225 专用燃料费|30229 福利费|30240 税金及附加费用|30301 离休费|30303 退职（役）费|30304 抚恤金|30305 生活补助|30306 救济费|30307 医疗费补助|30308 助学金|30309 奖励金|30310 个人农业生产补贴|30311 代缴社会保险费|31001 房屋建筑物购建|31007 信息网络及软件购置更新|31013 公务用车购置|31019 其他交通工具购置|31021 文物和陈列品购置|31022 无形资产购置|31099 其他资本性支出',
    ),
  },
  {
    document: '上海市普陀区文化和旅游局2025年度部门决算',
    year: 2025,
    pairs: split('20709 旅游发展基金支出|2070904 地方旅游开发项目补助|21219 国有土地使用权出让收入对应专项债务收入安排的支出|2121999 其他国有土地使用权出让收入对应专项债务收入安排的支出'),
  },
  {
    document: '上海市普陀区商务委员会2025年部门预算',
    year: 2025,
    pairs: split('20113 商贸事务|2011301 行政运行|2011302 一般行政管理事务|2011350 事业运行|2011399 其他商贸事务支出|20605 科技条件与服务|2060503 科技条件专项|216 商业服务业等支出|21699 其他商业服务业等支出|2169999 其他商业服务业等支出'),
  },
  {
    document: '山西转型综合改革示范区政务服务中心2026年度部门预算公开',
    year: 2026,
    pairs: split('201 一般公共服务支出|20103 政府办公厅（室）及相关机构事务|2010302 一般行政管理事务|2010350 事业运行'),
  },
];

/** Printed pairs that depart from the standard: the document is wrong (or old), not the catalogue. */
const DEVIATIONS: ReadonlyArray<{ document: string; pair: Pair; standard: string; why: string }> = [
  {
    document: '上海市普陀区人民政府石泉路街道办事处2025年度部门决算',
    pair: ['20805', '行政事业单位离退休'],
    standard: '行政事业单位养老支出',
    why: '2019年前的款名；三份2026年预算和同区2025年决算都印“行政事业单位养老支出”',
  },
  {
    document: '上海市普陀区人民政府石泉路街道办事处2025年度部门决算',
    pair: ['2111101', '减排专项支出'],
    standard: '生态环境监测与信息',
    why: '只有这一份文件这样印；目录中“减排专项支出”是2111103，未能找到第二个来源判定，暂按目录',
  },
];

/** 表6 as published: 部门经济科目 → 政府预算经济科目, by the kind of unit whose column it reads. */
const GOV_NAMES: ReadonlyArray<{ document: string; column: 'administrative' | 'institution'; pairs: ReadonlyArray<readonly [code: string, govName: string]> }> = [
  {
    document: '山西转型综合改革示范区政务服务中心2026年度部门预算公开（事业单位列）',
    column: 'institution',
    pairs: [['30201', '商品和服务支出'], ['30202', '商品和服务支出'], ['30207', '商品和服务支出'], ['30211', '商品和服务支出'], ['30216', '商品和服务支出']],
  },
];

let catalogue: Catalogue;
beforeAll(async () => {
  const loaded = await loadCatalogues();
  expect(loaded.diagnostics).toEqual([]);
  catalogue = catalogueFor(loaded, 2026)!;
});

const standardName = (code: string) => (code.startsWith('3') ? catalogue.departmentEconomic[code] : catalogue.functional[code]);
const isDeviation = (document: string, [code, name]: Pair) => DEVIATIONS.some((d) => d.document === document && d.pair[0] === code && d.pair[1] === name);

describe('the 2026 catalogue against published documents', () => {
  it('names every document it was checked against', () => {
    const named = (catalogue.checkedAgainst ?? []).map((c) => c.document);
    expect(PUBLISHED.map((p) => p.document).filter((d) => !named.includes(d))).toEqual([]);
  });

  for (const p of PUBLISHED)
    it(`agrees with ${p.document}`, () => {
      const disagreeing = p.pairs.filter((pair) => !isDeviation(p.document, pair) && standardName(pair[0]) !== pair[1]).map(([c, n]) => `${c} ${n}（目录：${standardName(c) ?? '无'}）`);
      expect(disagreeing).toEqual([]);
    });

  it('lists as deviations only pairs the catalogue really names otherwise', () => {
    for (const d of DEVIATIONS) expect(standardName(d.pair[0]), `${d.pair.join(' ')}：${d.why}`).toBe(d.standard);
  });

  it('has the 208 social-assistance block in its published places (20824–20827, not shifted)', () => {
    // the hand-typed file had 其他生活救助 at 20824, the pension-fund subsidy at 20825 and no 20827
    expect(catalogue.functional['20824']).not.toBe('其他生活救助');
    expect(Object.entries(catalogue.functional).filter(([, n]) => n === '其他生活救助').map(([c]) => c)).toEqual(['20825']);
    expect(catalogue.functional['20826']).toBe('财政对基本养老保险基金的补助');
    expect(catalogue.functional['20827']).toBe('财政对其他社会保险基金的补助');
    for (const code of Object.keys(catalogue.functional).filter((c) => c.length === 7 && /^2082[4-7]/.test(c))) expect(catalogue.functional[code.slice(0, 5)], code).toBeDefined();
  });

  for (const g of GOV_NAMES)
    it(`maps 部门经济科目 to the 政府经济科目 printed in ${g.document}`, () => {
      const wrong = g.pairs.filter(([code, gov]) => catalogue.governmentEconomic[catalogue.economicMapping[g.column][code] ?? ''] !== gov).map(([c, gov]) => `${c} → ${gov}`);
      expect(wrong).toEqual([]);
    });

  it('keeps every 项 under a 款 and every 款 under a 类 it lists', () => {
    const codes = Object.keys(catalogue.functional);
    expect(codes.filter((c) => c.length > 3 && catalogue.functional[c.slice(0, c.length - 2)] === undefined)).toEqual([]);
  });
});
