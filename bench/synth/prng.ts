/*
 * A small deterministic PRNG (mulberry32) and the helpers the generator draws with. No
 * Math.random anywhere in src/synth: the same seed always gives the same departments.
 */

/** mulberry32: 32-bit state, uniform floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes a seed with a stream number (department index, …) into a new 32-bit seed. */
export function mixSeed(seed: number, stream: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (stream + 0x7f4a7c15), 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
  /** k distinct items (fewer when the list is shorter), in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, k));
  }
  /** Splits `total` (an integer) into `parts` positive integers (total ≥ parts). */
  split(total: number, parts: number): number[] {
    if (parts <= 1) return [total];
    if (total < parts) throw new Error(`cannot split ${total} into ${parts} positive parts`);
    const weights = Array.from({ length: parts }, () => 0.3 + this.next());
    const sum = weights.reduce((a, b) => a + b, 0);
    const out = weights.map((w) => 1 + Math.floor(((total - parts) * w) / sum));
    let rest = total - out.reduce((a, b) => a + b, 0);
    for (let i = 0; rest > 0; i = (i + 1) % parts, rest--) out[i]!++;
    return out;
  }
}
