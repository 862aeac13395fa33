import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/load/root.js';
import { checkDataFile } from '../../src/pipeline/index.js';

const SHANGHAI = path.join(packageRoot(), 'data', 'shanghai-putuo-commerce.json');
const REFERENCE = path.join(packageRoot(), 'data', '640-zwfw.json');

describe('details: optional facts under neutral names', () => {
  it('derives what the Shanghai document states: purposes, changes, vehicles, statements', async () => {
    const d = (await checkDataFile(SHANGHAI)).derived!.details;
    expect(d.lines).toHaveLength(16);
    expect(d.lines[0]).toMatchObject({ code: '2011301', purpose: '主要用于机关行政运行和机关人员经费支出', lastYearActual: null });
    expect(d.lines[0]!.fiscal.toFixed()).toBe('938.9913');
    // a 项 named by its place in the tree, as the text writes it: 类 and 款 from expenditure.subjects
    expect(d.lines[0]).toMatchObject({ className: '一般公共服务支出', sectionName: '商贸事务', name: '行政运行' });
    expect(d.lines.find((l) => l.code === '2150899')).toMatchObject({ className: '资源勘探工业信息等支出', sectionName: '支持中小企业发展和管理支出' });
    expect(d.priorYear).toBe(2024);
    // the published 增加24,558.18万元 and 24,491.71万元 (prior year = the 万元 text figure less the change)
    expect(d.changes.fiscalIncome!.deltaAbs.toDecimalPlaces(2).toFixed(2)).toBe('24558.18');
    expect(d.changes.fiscalExpenditure!.deltaAbs.toDecimalPlaces(2).toFixed(2)).toBe('24491.71');
    expect(d.changes.govFundExpenditure!.direction).toBe('flat');
    expect(d.changes.threePublicReception!.direction).toBe('flat');
    expect(d.incomeByKind.fiscal.toFixed()).toBe('37151.4655');
    expect(d.incomeByKind.total.toFixed()).toBe('37151.4655');
    expect(d.smallBusiness).toBeNull();
    expect(d.vehicles.held.map((v) => v.kind)).toEqual(['ministerial', 'principal', 'confidential', 'emergency', 'lawEnforcement', 'special', 'retired', 'other']);
    expect(d.vehicles.planned).toHaveLength(8);
    expect(d.vehicles.plannedTotal).toEqual({ derived: 0, declared: 0, printed: 0 });
    expect(d.projectStatements.map((s) => [s.project, s.totalAmount.toFixed(), s.partsTotal.toFixed()])).toEqual([
      ['科技创新专项', '1720', '1720'],
      ['生命健康专项（政策资金）', '1170', '1170'],
      ['商业创新专项（政策资金）', '1410', '1410'],
      ['贸易高质量发展专项（政策资金）', '2921', '2921'],
    ]);
  });

  it('states nothing for a department that fills none of them', async () => {
    const d = (await checkDataFile(REFERENCE)).derived!.details;
    expect(d.lines.every((l) => l.purpose === null && l.lastYearActual === null)).toBe(true);
    expect(Object.values(d.changes).every((c) => c === null)).toBe(true);
    expect(d.vehicles.planned).toBeNull();
    expect(d.vehicles.plannedTotal).toBeNull();
    expect(d.projectStatements).toEqual([]);
    expect(d.incomeByKind.unsplit.toFixed()).toBe('0');
  });
});
