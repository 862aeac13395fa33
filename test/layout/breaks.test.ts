import { describe, expect, it } from 'vitest';
import { breakLines, breakUnits, widestUnit } from '../../src/layout/breaks.js';

/*
 * Breaking titles, headers and names between words. Widths here are one unit per character (a
 * CJK font's em), so a line `width` wide holds `width` characters.
 */

const measure = (s: string) => [...s].length;
const lines = (s: string) => s.split('\n');

describe('break units', () => {
  it('are words, closing punctuation kept with the word before and opening with the word after', () => {
    expect(breakUnits('一般公共预算（不含上年结转）', { fine: true })).toEqual(['一般', '公共', '预算', '（不含', '上', '年', '结', '转）']);
    expect(breakUnits('收入，支出。')).toEqual(['收入，', '支出。']);
  });

  it('keep the budget’s words ICU does not know whole: a lone character goes with its neighbour (上年结/转, 财政专/户, 满意/度)', () => {
    expect(breakUnits('上年结转安排')).toEqual(['上年结转', '安排']);
    expect(breakUnits('财政专户管理资金')).toEqual(['财政专户', '管理', '资金']);
    expect(breakUnits('服务对象满意度')).toEqual(['服务', '对象', '满意度']);
    expect(breakUnits('一般公共预算（不含上年结转）')).toEqual(['一般', '公共', '预算', '（不含上年结转）']);
    // ICU's own pieces, for a line too narrow for a glued one
    expect(breakUnits('上年结转安排', { fine: true })).toEqual(['上', '年', '结', '转', '安排']);
  });

  it('are remembered per text and options: the same answer, shared and frozen, whatever was broken before', () => {
    const a = breakUnits('县（区）级财政专户管理资金', { keep: ['县（区）级'] });
    expect(breakUnits('上年结转安排', { fine: true })).toEqual(['上', '年', '结', '转', '安排']);
    expect(breakUnits('县（区）级财政专户管理资金', { keep: ['县（区）级'] })).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    // the options are part of the key: without the kept phrase, or fine, a different answer
    expect(breakUnits('县（区）级财政专户管理资金')).not.toEqual(a);
    expect(a).toContain('县（区）级');
    expect(breakUnits('上年结转安排', { fine: true })).not.toEqual(breakUnits('上年结转安排'));
  });
});

describe('breakLines', () => {
  it('leaves a text that fits as it is', () => {
    expect(breakLines('一般公共预算', measure, 10)).toBe('一般公共预算');
  });

  it('never breaks inside a word (一般公共预/算)', () => {
    // greedy character breaking would give 一般公共预 / 算
    const out = breakLines('一般公共预算', measure, 5.2);
    expect(lines(out)).toEqual(['一般公共', '预算']);
  });

  it('balances a title: no lone fragment on the last line', () => {
    const title = '2026年一般公共预算安排基本支出分经济科目表（不含上年结转）';
    const greedy = breakLines(title, measure, 26, 'greedy');
    const balanced = breakLines(title, measure, 26);
    expect(lines(greedy)).toHaveLength(2);
    expect(lines(balanced)).toHaveLength(2);
    const [a, b] = lines(balanced).map(measure) as [number, number];
    // even: the two lines differ by a word or so, where greedy leaves the last one short
    expect(Math.abs(a - b)).toBeLessThanOrEqual(4);
    expect(Math.min(...lines(greedy).map(measure))).toBeLessThan(Math.min(a, b));
    expect(lines(balanced).join('')).toBe(title);
  });

  it('no line starts with closing punctuation or ends with opening punctuation', () => {
    const text = '政务服务中心（公共资源交易中心），办公设备购置经费（一次性项目）';
    for (let w = 6; w <= 20; w++) {
      for (const l of lines(breakLines(text, measure, w))) {
        expect(l).not.toMatch(/^[，。、；：）」]/);
        expect(l).not.toMatch(/[（「]$/);
      }
    }
  });

  it('keeps the text’s own line breaks and leaves a word wider than the line to pdfmake', () => {
    expect(breakLines('甲乙\n丙丁', measure, 10)).toBe('甲乙\n丙丁');
    expect(breakLines('abcdefghijkl mn', measure, 5)).toBe('abcdefghijkl mn');
  });

  it('measures the widest word', () => {
    expect(widestUnit('一般公共预算', measure)).toBe(2);
    expect(widestUnit('政府性基金', measure)).toBe(3);
  });

  it('breaks a header between words: 上年结转 / 安排, never 上年结 / 转安排; too narrow for a glued word, between ICU’s pieces', () => {
    expect(lines(breakLines('上年结转安排', measure, 5))).toEqual(['上年结转', '安排']);
    expect(lines(breakLines('财政专户管理资金', measure, 5))).toEqual(['财政专户', '管理资金']);
    expect(lines(breakLines('上年结转', measure, 3.5))).toEqual(['上年', '结转']);
  });
});
