import { describe, expect, it } from 'vitest';
import { Rng } from '../src/random/rng.js';

describe('Rng', () => {
  it('same seed, same sequence; different seed, different sequence', () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43);
    const draw = (r: Rng): number[] => Array.from({ length: 20 }, (_, i) => (i % 2 ? r.uniform() : r.normal()));
    const da = draw(a);
    expect(da).toEqual(draw(b));
    expect(da).not.toEqual(draw(c));
  });
  it('uniform lies in [0, 1) with mean ≈ 1/2; normal has mean ≈ 0 and variance ≈ 1', () => {
    const r = new Rng('moments');
    const n = 200000;
    let su = 0, sn = 0, sn2 = 0, lo = 1, hi = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      su += u;
      const z = r.normal();
      sn += z;
      sn2 += z * z;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    expect(Math.abs(su / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sn / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(sn2 / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });
  it('permutation is a permutation; int stays in range; forks are independent but reproducible', () => {
    const r = new Rng(1);
    const p = Array.from(r.permutation(50)).sort((x, y) => x - y);
    expect(p).toEqual(Array.from({ length: 50 }, (_, i) => i));
    for (let i = 0; i < 1000; i++) {
      const k = r.int(7);
      expect(k >= 0 && k < 7 && Number.isInteger(k)).toBe(true);
    }
    expect(new Rng(1).fork('a').uniform()).toBe(new Rng(1).fork('a').uniform());
    expect(new Rng(1).fork('a').uniform()).not.toBe(new Rng(1).fork('b').uniform());
    expect(() => r.int(0)).toThrow(/positive integer/);
  });
});
