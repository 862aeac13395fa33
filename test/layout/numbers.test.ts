import { describe, expect, it } from 'vitest';
import { pageNumbering } from '../../src/layout/numbers.js';

const names = { cover: '封面', toc: '目录' };
// where the engine placed each anchor, as it would answer once the pages are laid out
const pages = new WeakMap<object, number>();
const at = (page: number) => {
  const anchor = {};
  pages.set(anchor, page);
  return anchor;
};
const numbering = (anchor: object | undefined) => pageNumbering(anchor, names, (n) => pages.get(n));

describe('printed page numbers', () => {
  it('count from the anchor’s page; earlier pages carry none', () => {
    const n = numbering(at(3));
    expect([1, 2, 3, 4, 10].map((p) => n.printed(p))).toEqual([null, null, 1, 2, 8]);
  });

  it('are read when asked: the anchor is placed after the numbering is made', () => {
    const anchor = {};
    const n = numbering(anchor);
    expect(n.printed(5)).toBeNull();
    pages.set(anchor, 4);
    expect(n.printed(5)).toBe(2);
  });

  it('give page labels equal to the printed numbers, the front matter by name', () => {
    expect(numbering(at(3)).labels(36)).toEqual([
      { start: 0, prefix: '封面', decimal: false },
      { start: 1, prefix: '目录', decimal: false },
      { start: 2, decimal: true },
    ]);
    // a 目录 of two pages is numbered 目录1, 目录2
    expect(numbering(at(4)).labels(36)[1]).toEqual({ start: 1, prefix: '目录', decimal: true });
    // no cover before the anchor, or no anchor at all: plain numbers
    expect(numbering(at(1)).labels(5)).toEqual([{ start: 0, decimal: true }]);
    expect(numbering(undefined).labels(5)).toEqual([{ start: 0, decimal: true }]);
  });
});
