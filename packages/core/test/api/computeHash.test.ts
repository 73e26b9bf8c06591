import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type * as core from 'kubernetes-types/core/v1.js';
import { canonicalJson, computeHash, fnv32a, safeEncodeString } from '../../src/api/computeHash.js';

const template: core.PodTemplateSpec = {
  metadata: { labels: { app: 'x' } },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
};

describe('computeHash', () => {
  it('computes FNV-32a like Go hash/fnv', () => {
    // Published FNV-1a test vectors.
    expect(fnv32a(new Uint8Array())).toBe(0x811c9dc5);
    expect(fnv32a(new TextEncoder().encode('a'))).toBe(0xe40c292c);
    expect(fnv32a(new TextEncoder().encode('foobar'))).toBe(0xbf9cf968);
  });

  it('maps decimal digits as rand.SafeEncodeString does', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('does not depend on key order', () => {
    const reordered: core.PodTemplateSpec = {
      spec: { containers: [{ image: 'nginx:1.27', name: 'c' }] },
      metadata: { labels: { app: 'x' } },
    };
    expect(computeHash(reordered, undefined)).toBe(computeHash(template, undefined));
  });

  it('treats a collision count of 0 differently from no collision count', () => {
    expect(computeHash(template, 0)).not.toBe(computeHash(template, undefined));
  });

  it('only uses the characters 4-9,b,c,d,f and changes with collisionCount', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat(1_000_000), (image, label, collisionCount) => {
        const t: core.PodTemplateSpec = {
          metadata: { labels: { app: label } },
          spec: { containers: [{ name: 'c', image }] },
        };
        const hash = computeHash(t, collisionCount);
        expect(hash).toMatch(/^[456789bcdf]{1,10}$/);
        expect(computeHash(t, collisionCount + 1)).not.toBe(hash);
      }),
    );
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and leaves out undefined properties', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[{"y":2,"z":1}]},"b":1}',
    );
  });

  it('keeps a __proto__ key as data', () => {
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1}}');
  });
});
