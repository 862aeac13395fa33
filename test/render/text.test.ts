import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { seal, sealContext, unseal } from '../../src/render/text.js';

describe('sealed data text', () => {
  it('round-trips any string, including the escape character itself', () => {
    for (const s of ['', '普通文字', 'a:b*c', '::h1 x\n::p y', '**粗**', '\uE000n', '\uE000\uE000e:', 'x\u0000y', '{{x}}']) {
      expect(unseal(seal(s))).toBe(s);
    }
    expect(unseal(seal('a\r\nb\rc'))).toBe('a\nb\nc');
  });

  it('leaves nothing the block parser reads: no line break, colon or asterisk', () => {
    expect(seal('x\n::h1 y **z**')).not.toMatch(/[\n:*]/);
  });

  it('seals every string of a context and keeps everything else as it is', () => {
    const amount = new Decimal('1.5');
    const date = new Date(0);
    const out = sealContext({ a: 'x:y', list: ['p\nq', { kind: 'class' }], amount, date, n: 3, none: null });
    expect(out.a).not.toBe('x:y');
    expect(unseal(out.a)).toBe('x:y');
    expect(out.list[1]).toEqual({ kind: 'class' });
    expect(out.amount).toBe(amount);
    expect(out.date).toBe(date);
    expect(out.n).toBe(3);
    expect(out.none).toBeNull();
  });
});
