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
