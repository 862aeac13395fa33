import { describe, expect, it } from 'vitest';
import { auditOf, expectRule, of } from './helpers.js';

describe('audit: unfinished and copied text', () => {
  it('placeholder-text: 待填写, XX, ××, 某某, TBD are errors, wherever they are', () => {
    const found = expectRule(
      'placeholder-text',
      auditOf((i) => {
        i.department.duties = ['（待填写：本部门职责）'];
        i.narrative.reasons.income = '主要是XX项目增加';
        i.performanceSheets![0]!.overview = '由某某单位实施';
        i.approval!.items = ['××文件执行。'];
        i.narrative.other = ['TBD'];
      }),
      { count: 5, path: 'department.duties[0]' },
    );
    expect(found.map((d) => d.message.match(/“([^”]+)”/)![1]).sort()).toEqual(['（待填写：本部门职责）', 'XX', '某某', '××', 'TBD'].sort());
    // a paragraph that is only the mark says it once
    expect(found.find((d) => d.path === 'narrative.other[0]')!.message).toBe('这一段只有占位内容“TBD”：请填写实际内容后再生成');
    // ordinary text is not a placeholder: XXL, a ratio, a Latin word
    expect(of(auditOf((i) => (i.narrative.other = ['采购XXL号服装，比例为1:2，Text。'])), 'placeholder-text')).toEqual([]);
  });

  it('duplicate-paragraph: the same paragraph twice', () => {
    const para = '负责全区政务服务体系建设的统筹规划和组织实施工作。';
    expectRule(
      'duplicate-paragraph',
      auditOf((i) => {
        i.department.duties = [para];
        i.narrative.other = [para];
      }),
      { path: 'narrative.other[0]', related: ['department.duties[0]'] },
    );
  });

  it('text-year-window: years of another budget in the narrative and the sheets', () => {
    const found = expectRule(
      'text-year-window',
      auditOf((i) => {
        i.performanceSheets![0]!.plan = '2023年完成采购，2026年第一季度验收。';
        i.performanceSheets![1]!.period = '2024年-2025年';
        i.narrative.other = ['依据2026—2028年规划实施。'];
      }),
      { count: 1, path: 'performanceSheets[0].plan', message: /提到“2023年”，不在 2025年或2026年/ },
    );
    expect(found).toHaveLength(1); // 2024–2025 reaches 2025; 2026–2028 is the budget's own span
  });

  it('sheet-has-content: zero annual funds, no indicators', () => {
    expectRule(
      'sheet-has-content',
      auditOf((i) => {
        i.performanceSheets![1]!.funds.annual = { local: '0' };
        i.performanceSheets![1]!.indicators = { implementation: [], annual: [] };
      }),
      { path: 'performanceSheets[1]', message: '绩效目标表“物业费”年度资金为 0，没有任何绩效指标：空表不应公开，请补齐或删除这张表' },
    );
  });

  it('sheet-goals-written: an empty goal is a warning', () => {
    expectRule('sheet-goals-written', auditOf((i) => (i.performanceSheets![0]!.goals.annual = '')), { path: 'performanceSheets[0].goals', message: /没有填写年度目标/ });
  });

  it('reason-figures-match: a figure in a reason that contradicts the printed change', () => {
    // the fixture: 收入 348.00 against 300.00 last year — 增加 48.00 万元, 增长 16.00%
    expectRule(
      'reason-figures-match',
      auditOf((i) => {
        i.narrative.reasons.income = '比上年减少3662.25万元，主要是项目减少。';
        i.narrative.reasons.expenditure = '比上年增加48.00万元，增长16%，主要是新增项目。';
      }),
      { count: 1, path: 'narrative.reasons.income', message: /写着“比上年减少3662\.25万元”，而按表中数字为比上年增加 48\.00 万元、增长 16\.00%/ },
    );
  });
});
