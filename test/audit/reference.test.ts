import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/index.js';
import { derive } from '../../src/derive/index.js';
import { percent, wan } from '../../src/derive/format.js';
import { catalogueFor, loadCatalogues } from '../../src/load/catalogue.js';
import { Department } from '../../src/schema/index.js';
import { worded } from './helpers.js';

// The published 2026 document of 政务服务中心, transcribed as data. Not skipped when absent: the
// reading fails the suite.
const FILE = 'data/640-zwfw.json';
const read = (rel: string) => JSON.parse(readFileSync(new URL(`../../${rel}`, import.meta.url), 'utf8')) as unknown;

describe('audit of the reference data (data/640-zwfw.json)', async () => {
  const data = Department.parse(read(FILE));
  const glossary = (read('templates/shanxi-zonggai/glossary.json') as { entries: Array<{ term: string; definition: string[] }> }).entries;
  const catalogue = catalogueFor(await loadCatalogues(), data.year)!;
  const derived = derive(data, { glossary, catalogue });
  const diagnostics = audit(data, derived, FILE, { catalogue }).map(worded);

  it('has no error', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reports exactly the known inconsistencies of the published document, as warnings', () => {
    const found = diagnostics.map((d) => `${d.severity} ${d.rule} ${d.path}`).sort();
    expect(found).toEqual(
      [
        // 1级项目12个 / 其他运转类项目12个: 表12 has 11 projects.
        'warning performance-managed-matches-t12 narrative.performance.managed',
        'warning performance-managed-matches-t12 narrative.performance.managedOperating',
        // 公开项目绩效目标12个: 11 sheets belong to a 表12 project.
        'warning performance-published-matches-sheets narrative.performance.published',
        'warning performance-published-matches-sheets narrative.performance.publishedOperating',
        // 99.38% printed; 2849.51 / 2849.51 = 100.00%.
        'warning performance-published-share narrative.performance.declaredPublishedShare',
        // 公用经费项目 (214,500 元) matches no 表12 project, and was filled in 2024.
        'warning sheet-project-unmatched performanceSheets[3].project',
        'warning sheet-filled-year performanceSheets[3].filledAt',
        // 政务中心物业费 vs 表12 政务中心房物业费.
        'warning sheet-project-unmatched performanceSheets[7].project',
        // copied from earlier years' sheets: 公用经费项目 cites the “2022年省级部门预算编制方案”, 信息化服务费's
        // plan speaks of 2023 and 2024 services, and 公用经费项目 has no 年度目标 at all (issue 11)
        'warning text-year-window performanceSheets[3].measures',
        'warning text-year-window performanceSheets[5].plan',
        'warning sheet-goals-written performanceSheets[3].goals',
      ].sort(),
    );
  });

  it('names the figures', () => {
    const msg = (rule: string, path: string) => diagnostics.find((d) => d.rule === rule && d.path === path)?.message ?? '';
    expect(msg('performance-managed-matches-t12', 'narrative.performance.managed')).toBe('纳入绩效目标管理的1级项目填写为 12 个、2849.51 万元，按预算公开表12为 11 个、2849.51 万元');
    expect(msg('performance-published-matches-sheets', 'narrative.performance.published')).toMatch(/填写为 12 个、2849\.51 万元，按对应预算公开表12项目的绩效目标表为 11 个、2849\.51 万元/);
    expect(msg('performance-published-share', 'narrative.performance.declaredPublishedShare')).toMatch(
      /填写为 99\.38%.*2849\.51 万元 \/ 预算公开表12项目支出合计 2849\.51 万元计算为 100\.00%.*2867\.01 万元为分母则为 99\.39%/,
    );
    expect(msg('sheet-project-unmatched', 'performanceSheets[7].project')).toMatch(/“政务中心物业费”.*最接近的是预算公开表12项目“政务中心房物业费”/);
    expect(msg('sheet-project-unmatched', 'performanceSheets[3].project')).toMatch(/“公用经费项目”与预算公开表12的任何项目都不对应（年度资金 214,500 元/);
    expect(msg('sheet-filled-year', 'performanceSheets[3].filledAt')).toMatch(/填报于 2024年7月13日/);
  });

  it('derives the published figures', () => {
    expect(wan(derived.income.total, { sep: true })).toBe('2,867.01');
    expect(wan(derived.expenditure.current.basic.total, { trim: true })).toBe('17.5');
    expect(wan(derived.projectTotal.total)).toBe('2849.51');
    expect(percent(derived.expenditure.shares.basic)).toBe('0.61');
    expect(percent(derived.expenditure.shares.project)).toBe('99.39');
    const c = derived.narrative.changes.income!;
    expect([c.direction, wan(c.deltaAbs), percent(c.percentAbs)]).toEqual(['decrease', '3662.25', '56.09']);
    expect(wan(derived.basicCosts.public)).toBe('17.50');
    expect(wan(derived.narrative.procurement.total.printed, { sep: true })).toBe('2,169.01');
    const sheet = derived.sheets.find((s) => s.source.project === '政务中心物业费')!;
    expect(sheet.nearProject).toBe('政务中心房物业费');
    expect(sheet.authority).toBe('640-山西转型综合改革示范区政务服务中心（山西转型综合改革示范区公共资源交易中心）');
  });
});
