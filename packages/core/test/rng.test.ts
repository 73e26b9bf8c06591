import { describe, expect, it } from 'vitest';
import { Rng } from '../src/random/rng.js';

describe('Rng', () => {
  it('gives the same sequence for the same seed', () => {
    const a = Rng.fromSeed(42);
    const b = Rng.fromSeed(42);
    expect([a.next(), a.next(), a.int(10)]).toEqual([b.next(), b.next(), b.int(10)]);
  });

  it('continues from a saved state exactly where it left off', () => {
    const a = Rng.fromSeed('seed');
    a.next();
    const saved = a.state();
    const expected = [a.next(), a.next()];
    const b = Rng.fromState(saved);
    expect([b.next(), b.next()]).toEqual(expected);
  });

  it('draws integers inside the asked range', () => {
    const rng = Rng.fromSeed(1);
    for (let i = 0; i < 1000; i++) {
      const v = rng.between(3, 5);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(5);
    }
  });
});
