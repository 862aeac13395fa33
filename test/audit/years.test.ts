import { describe, expect, it } from 'vitest';
import { auditOf, expectRule, of } from './helpers.js';

describe('audit: years', () => {
  it('approval-date-year: date, 文号, title and attachments', () => {
    expectRule(
      'approval-date-year',
      auditOf((i) => {
        i.approval!.date = '2024-12-30';
        i.approval!.docNumber = '示例复〔2024〕1号';
        i.approval!.title = '关于2025年部门预算的批复';
        i.approval!.attachments = ['2025 年部门预算批复表', '项目支出绩效目标表'];
      }),
      { count: 4, path: 'approval.date', message: '批复成文日期 2024-12-30 不在 2025年或2026年（预算年度 2026）' },
    );
    // The year before is fine for the letter and its number.
    expect(
      of(
        auditOf((i) => {
          i.approval!.date = '2025-12-30';
          i.approval!.docNumber = '示例复〔2025〕9号';
        }),
        'approval-date-year',
      ),
    ).toEqual([]);
  });

  it('assets-date-year', () => {
    expectRule(
      'assets-date-year',
      auditOf((i) => {
        i.narrative.assets.asOf = '2024-12-31';
      }),
      { path: 'narrative.assets.asOf' },
    );
  });

  it('published-on-year', () => {
    expectRule(
      'published-on-year',
      auditOf((i) => {
        i.publishedOn = '2027-03-01';
      }),
      { path: 'publishedOn', message: '公开日期 2027-03-01 不在 2025年或2026年（预算年度 2026）' },
    );
  });

  it('published-after-approval', () => {
    expectRule(
      'published-after-approval',
      auditOf((i) => {
        i.publishedOn = '2026-01-19';
      }),
      { path: 'publishedOn', related: ['approval.date'], message: '公开日期 2026-01-19 早于批复成文日期 2026-01-20' },
    );
  });

  it('sheet-filled-year: a stale sheet, and an impossible date', () => {
    expectRule(
      'sheet-filled-year',
      auditOf((i) => {
        i.performanceSheets![0]!.filledAt = '20240713150744';
        i.performanceSheets![1]!.filledAt = '20251340';
      }),
      {
        count: 2,
        path: 'performanceSheets[0].filledAt',
        message: '绩效目标表“系统运维费”填报于 2024年7月13日（20240713150744），不在 2025年或2026年：可能是往年的表（预算年度 2026）',
      },
    );
  });
});

describe('one wrong 预算年度', () => {
  it('is said once, at the year, not once per date', () => {
    const all = auditOf((i) => {
      i.year = 2031;
    });
    const years = all.filter((d) => ['approval-date-year', 'assets-date-year', 'published-on-year', 'sheet-filled-year', 'budget-year-dates'].includes(d.rule));
    expect(years).toHaveLength(1);
    expect(years[0]).toMatchObject({ rule: 'budget-year-dates', path: 'year', severity: 'warning' });
    expect(years[0]!.message).toMatch(/^共 \d+ 处日期或年份不在 2030年或2031年，多数在 20\d\d 年：请先核对预算年度（现为 2031 年）是否填对/);
  });

  it('a single date out of its window is still said on its own', () => {
    const all = auditOf((i) => {
      i.publishedOn = '2020-01-01';
    });
    expect(all.filter((d) => d.rule === 'published-on-year')).toHaveLength(1);
    expect(all.filter((d) => d.rule === 'budget-year-dates')).toHaveLength(0);
  });
});
