import { describe, expect, it } from 'vitest';
import { clause, opensWith, reason, reasonBody, sentence, severalItems } from '../../src/render/clause.js';

describe('data text inside a sentence', () => {
  it('a clause has no edge punctuation, whatever the clerk ended it with', () => {
    for (const typed of ['人员增加', '人员增加。', '人员增加；', '人员增加.', ' 人员增加， ', '。人员增加。。']) expect(clause(typed)).toBe('人员增加');
    expect(clause('')).toBe('');
    expect(clause(undefined)).toBe('');
  });

  it('items typed one a line in a cell become one clause joined by ；', () => {
    expect(clause('社会保障缴费基数调整。\n物业费调整；\r\n\n新增项目')).toBe('社会保障缴费基数调整；物业费调整；新增项目');
  });

  it('a sentence ends with exactly one 。', () => {
    expect(sentence('因公出国（境）费与上年持平')).toBe('因公出国（境）费与上年持平。');
    expect(sentence('因公出国（境）费与上年持平。。')).toBe('因公出国（境）费与上年持平。');
    expect(sentence('  ')).toBe('');
  });
});

describe('a reason after the template’s connective', () => {
  const lead = '主要原因是';
  it('drops a restated subject and its connective, with or without a colon', () => {
    expect(reasonBody('收入预算比上年减少的主要原因是：社会保障缴费基数调整。')).toBe('社会保障缴费基数调整');
    expect(reasonBody('主要原因是新增项目')).toBe('新增项目');
    expect(reasonBody('主要是新增项目。')).toBe('新增项目');
    expect(reasonBody('原因是新增项目')).toBe('新增项目');
    expect(reasonBody('收入增加主要是房租物业费增加。')).toBe('房租物业费增加');
    expect(reasonBody('由于新增项目')).toBe('新增项目');
  });

  it('prints one connective, whatever the clerk typed', () => {
    for (const typed of ['新增项目', '新增项目。', '主要原因是新增项目；', '主要是新增项目', '支出增加的主要原因是新增项目。']) expect(reason(typed, lead, '，')).toBe('，主要原因是新增项目');
  });

  it('lists several items after a colon', () => {
    const r = reason('收入预算比上年减少的主要原因是：社会保障缴费基数调整；核减非刚性支出。', lead, '，');
    expect(r).toBe('，主要原因是：社会保障缴费基数调整；核减非刚性支出');
    expect(reason('1、人员增加\n2、新增项目', lead)).toBe('主要原因是：1、人员增加；2、新增项目');
    expect(severalItems('人员增加')).toBe(false);
    expect(severalItems('人员增加2.5人')).toBe(false);
    expect(severalItems('（一）人员增加')).toBe(true);
  });

  it('keeps a reason that explains itself without a second connective', () => {
    expect(reason('人员增加，主要是新招录3人。', lead, '，')).toBe('，人员增加，主要是新招录3人');
    // a text that only names a cause is not one that explains itself; "::" is text, not a colon
    expect(reason('因疫情原因项目推迟', lead)).toBe('主要原因是因疫情原因项目推迟');
    expect(reason('原因::h1 仍是文字', lead)).toBe('主要原因是原因::h1 仍是文字');
  });

  it('prints nothing, not even the comma, when no reason is stated', () => {
    expect(reason(undefined, lead, '，')).toBe('');
    expect(reason('主要原因是：。', lead, '，')).toBe('');
  });

  it('knows a per-item reason that names its item', () => {
    expect(opensWith('因公出国（境）费保持不变', ['因公出国（境）费', '因公出国'])).toBe(true);
    expect(opensWith('2025年新增1辆', ['公务用车'])).toBe(false);
  });
});
