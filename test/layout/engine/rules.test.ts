import { describe, expect, it } from 'vitest';
import { mergeSegments } from '../../../src/layout/engine/hooks/rules.js';

describe('mergeSegments (hooks/rules.ts)', () => {
  it('joins segments on one line that touch or overlap, and keeps apart those with a gap', () => {
    // a row's bottom border in three cells, a column's border over two rows overlapping by 0.6
    const s = [148.5, 10, 291.41, 10, 68, 10, 148.5, 10, 68.3, 0, 68.3, 17.3, 68.3, 16.7, 68.3, 40, 300, 10, 320, 10];
    expect(mergeSegments(s)).toEqual([68.3, 0, 68.3, 40, 68, 10, 291.41, 10, 300, 10, 320, 10]);
  });

  it('keeps a slanted segment as it is, and a reversed one as a span', () => {
    expect(mergeSegments([0, 0, 10, 10, 20, 5, 10, 5])).toEqual([10, 5, 20, 5, 0, 0, 10, 10]);
  });
});
