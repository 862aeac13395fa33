import { describe, expect, it } from 'vitest';
import { choiceKey, chooseSet, namedSet, overriddenSet } from '../../src/pipeline/set-choice.js';
import { DEFAULT_TEMPLATE_SET } from '../../src/schema/default-set.js';

/* The order a document's template set is chosen in; the routes' own tests are test/cli/template-set.test.ts. */

describe('which set a document uses', () => {
  it('the option, then the data’s own, then the project’s, then the default', () => {
    expect(chooseSet('a', { override: 'b', fallback: 'c' })).toBe('b');
    expect(chooseSet('a', { fallback: 'c' })).toBe('a');
    expect(chooseSet(undefined, { fallback: 'c' })).toBe('c');
    expect(chooseSet('', { fallback: 'c' })).toBe('c');
    expect(chooseSet(undefined, {})).toBe(DEFAULT_TEMPLATE_SET);
    expect(namedSet({ templateSet: 'x' })).toBe('x');
    expect(namedSet({ templateSet: ' ' })).toBeUndefined();
    expect(namedSet(null)).toBeUndefined();
    expect(overriddenSet('f', 'a', { override: 'a' })).toBeUndefined();
    expect(overriddenSet('f', undefined, { override: 'a' })).toBeUndefined();
    expect(overriddenSet('f', 'a', { fallback: 'b' })).toBeUndefined();
    expect(overriddenSet('f', 'a', { override: 'b' })?.rule).toBe('template-set-overridden');
  });

  it('a run that chose nothing adds nothing to a fingerprint; each choice its own', () => {
    expect(choiceKey({})).toBe('');
    const keys = [choiceKey({ override: 'a' }), choiceKey({ fallback: 'a' }), choiceKey({ override: 'a', fallback: 'b' }), choiceKey({ override: 'b' })];
    expect(new Set(keys).size).toBe(4);
  });
});
