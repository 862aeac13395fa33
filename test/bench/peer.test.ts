import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locatePeer, median, ratio, shares } from '../../bench/peer.js';

const ROOT = path.resolve('/repo/gongkai');
const DEFAULT = path.resolve('/repo/shared/peers/typst');
const has = (...dirs: string[]) => (p: string) => dirs.some((d) => p === path.join(d, 'setup.sh'));

describe('locatePeer', () => {
  it('uses ../shared/peers/typst next to the repo when it is there', () => {
    expect(locatePeer(ROOT, {}, has(DEFAULT)).source).toBe(DEFAULT);
  });

  it('skips with a Chinese-first note when nothing is there', () => {
    const r = locatePeer(ROOT, {}, has());
    expect(r.source).toBeNull();
    expect(r.note).toMatch(/^未找到 Typst 对照/);
  });

  it('prefers GONGKAI_TYPST_PEER, resolved against the repo, over the default', () => {
    const r = locatePeer(ROOT, { GONGKAI_TYPST_PEER: '../elsewhere/typst' }, has(DEFAULT, '/repo/elsewhere/typst'));
    expect(r.source).toBe(path.resolve('/repo/elsewhere/typst'));
  });

  it('does not fall back to the default when the given folder lacks setup.sh', () => {
    const r = locatePeer(ROOT, { GONGKAI_TYPST_PEER: '/nowhere' }, has(DEFAULT));
    expect(r.source).toBeNull();
    expect(r.note).toContain('/nowhere');
  });

  it('BENCH_SKIP_PEER=1 wins over a present peer; =0 does not skip', () => {
    expect(locatePeer(ROOT, { BENCH_SKIP_PEER: '1' }, has(DEFAULT)).source).toBeNull();
    expect(locatePeer(ROOT, { BENCH_SKIP_PEER: '0' }, has(DEFAULT)).source).toBe(DEFAULT);
  });
});

describe('shares', () => {
  it('gives every document to exactly one process, the remainder to the first ones', () => {
    expect(shares(102, 2)).toEqual([51, 51]);
    expect(shares(11, 3)).toEqual([4, 4, 3]);
  });

  it('starts no process without documents', () => {
    expect(shares(1, 4)).toEqual([1]);
    expect(shares(0, 2)).toEqual([]);
  });
});

describe('ratio', () => {
  it('is gongkai ÷ peer to two places', () => {
    expect(ratio(1.46, 0.55)).toBe('2.65×');
    expect(ratio(2.81, 4.78)).toBe('0.59×');
  });

  it('is a dash when a side is missing or not positive', () => {
    expect(ratio(1, null)).toBe('—');
    expect(ratio(undefined, 1)).toBe('—');
    expect(ratio(1, 0)).toBe('—');
    expect(ratio(Number.NaN, 1)).toBe('—');
  });
});

describe('median', () => {
  it('takes the middle, or the mean of the two middles, without reordering its input', () => {
    const xs = [3, 1, 2];
    expect(median(xs)).toBe(2);
    expect(xs).toEqual([3, 1, 2]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
