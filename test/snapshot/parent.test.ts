import { describe, expect, it } from 'vitest';
import { watchParent } from '../../src/snapshot/parent.js';

/* The snapshot child watches its launcher (issue 20 F12): a parent gone is noticed, once; no clock. */

describe('watchParent', () => {
  it('calls gone at once when the parent is already gone, and only once', () => {
    let calls = 0;
    watchParent(100, 1_000_000, () => 1, () => calls++);
    expect(calls).toBe(1);
  });

  it('notices a parent that goes later, on a later look', async () => {
    let ppid = 100;
    const gone = new Promise<void>((resolve) => watchParent(100, 1, () => ppid, resolve));
    ppid = 1; // reparented: the launcher died
    await gone;
  });

  it('does nothing while the parent is there; stop() ends the watch', () => {
    let calls = 0;
    const w = watchParent(100, 1_000_000, () => 100, () => calls++);
    w.stop();
    expect(calls).toBe(0);
  });
});
