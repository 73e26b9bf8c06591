import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateName, NAME_ALPHABET } from '../../src/api/nameGenerator.js';
import { Rng } from '../../src/random/rng.js';

describe('generateName', () => {
  it('uses the upstream alphabet', () => {
    expect(NAME_ALPHABET).toBe('bcdfghjklmnpqrstvwxz2456789');
    expect(NAME_ALPHABET).toHaveLength(27);
  });

  it('gives the same name for the same seed', () => {
    expect(generateName('kube-proxy-', Rng.fromSeed(7))).toBe(generateName('kube-proxy-', Rng.fromSeed(7)));
  });

  it('cuts long bases to 58 characters', () => {
    const name = generateName('a'.repeat(80), Rng.fromSeed(1));
    expect(name).toHaveLength(63);
    expect(name.slice(0, 58)).toBe('a'.repeat(58));
  });

  it('generates base + 5 characters from the alphabet', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 70 }), fc.integer(), (base, seed) => {
        const name = generateName(base, Rng.fromSeed(seed));
        const kept = base.slice(0, 58);
        expect(name.startsWith(kept)).toBe(true);
        expect(name).toHaveLength(kept.length + 5);
        expect(name.slice(kept.length)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      }),
    );
  });
});
