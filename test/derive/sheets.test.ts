import { describe, expect, it } from 'vitest';
import { closestName, nameCloseness } from '../../src/derive/sheets.js';

const T12 = [
  '信息化服务费', '委托业务经费', '办公设备购置经费', '公共服务平台服务费', '政务中心运行经费', '公务出行交通补贴经费',
  '政务中心零收费业务补贴费', '政务热线服务费', '政务中心装修经费', '政务中心房物业费', '政务中心维修（护）费',
];

describe('sheet name matching', () => {
  it('measures closeness by edit distance over the longer name', () => {
    expect(nameCloseness('政务中心物业费', '政务中心房物业费')).toEqual({ score: 7 / 8, close: true });
    expect(nameCloseness('物业费用', '物业费').close).toBe(true); // containment
    expect(nameCloseness('经费', '政务中心运行经费').close).toBe(false); // too short to count
    expect(nameCloseness('政务中心运行经费', '政务中心装修经费').close).toBe(false); // 6/8
  });

  it('finds the reference near-miss and nothing for 公用经费项目', () => {
    expect(closestName('政务中心物业费', T12)).toBe('政务中心房物业费');
    expect(closestName('公用经费项目', T12)).toBeUndefined();
  });

  it('gives up on a tie', () => {
    expect(closestName('物业费', ['物业费A', '物业费B'])).toBeUndefined();
  });
});
