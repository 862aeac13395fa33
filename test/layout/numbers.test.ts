import { describe, expect, it } from 'vitest';
import { pageNumbering } from '../../src/layout/numbers.js';

const names = { cover: '封面', toc: '目录' };
const at = (page: number) => ({ positions: [{ pageNumber: page }] });

describe('printed page numbers', () => {
  it('count from the anchor’s page; earlier pages carry none', () => {
    const n = pageNumbering(at(3), names);
    expect([1, 2, 3, 4, 10].map((p) => n.printed(p))).toEqual([null, null, 1, 2, 8]);
  });

  it('are read when asked: the anchor is placed after the numbering is made', () => {
    const anchor: { positions?: Array<{ pageNumber: number }> } = {};
    const n = pageNumbering(anchor, names);
    expect(n.printed(5)).toBeNull();
    anchor.positions = [{ pageNumber: 4 }];
    expect(n.printed(5)).toBe(2);
  });

  it('give page labels equal to the printed numbers, the front matter by name', () => {
    expect(pageNumbering(at(3), names).labels(36)).toEqual([
      { start: 0, prefix: '封面', decimal: false },
      { start: 1, prefix: '目录', decimal: false },
      { start: 2, decimal: true },
    ]);
    // a 目录 of two pages is numbered 目录1, 目录2
    expect(pageNumbering(at(4), names).labels(36)[1]).toEqual({ start: 1, prefix: '目录', decimal: true });
    // no cover before the anchor, or no anchor at all: plain numbers
    expect(pageNumbering(at(1), names).labels(5)).toEqual([{ start: 0, decimal: true }]);
    expect(pageNumbering(undefined, names).labels(5)).toEqual([{ start: 0, decimal: true }]);
  });
});
