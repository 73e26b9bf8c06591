import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SnapshotMap } from '../../src/sim/snapshotMap.js';

type Op =
  | { readonly op: 'set'; readonly key: number; readonly value: number }
  | { readonly op: 'delete'; readonly key: number }
  | { readonly op: 'snapshot' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), key: fc.integer({ min: 0, max: 7 }), value: fc.integer() }),
  fc.record({ op: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 7 }) }),
  fc.constant({ op: 'snapshot' as const }),
);

describe('SnapshotMap', () => {
  it('gives snapshots equal to a copy of the Map at that moment, in its order, unchanged by later writes', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const map = new SnapshotMap<number, number>();
        const reference = new Map<number, number>();
        const taken: { snapshot: ReadonlyMap<number, number>; copy: [number, number][] }[] = [];
        for (const o of ops) {
          if (o.op === 'set') {
            map.set(o.key, o.value);
            reference.set(o.key, o.value);
          } else if (o.op === 'delete') expect(map.delete(o.key)).toBe(reference.delete(o.key));
          else taken.push({ snapshot: map.snapshot(), copy: [...reference] });
          expect(map.size).toBe(reference.size);
        }
        taken.push({ snapshot: map.snapshot(), copy: [...reference] });
        for (const { snapshot, copy } of taken) {
          expect([...snapshot]).toEqual(copy);
          expect(snapshot.size).toBe(copy.length);
          for (const [k, v] of copy) expect(snapshot.get(k)).toBe(v);
        }
      }),
    );
  });

  it('reads a snapshot through the ReadonlyMap interface', () => {
    const map = new SnapshotMap<string, number>([['a', 1]]);
    const snap = map.snapshot();
    map.set('b', 2);
    const seen: string[] = [];
    snap.forEach((v, k, m) => seen.push(`${k}=${v} ${m === snap}`));
    expect(seen).toEqual(['a=1 true']);
    expect([...snap.keys()]).toEqual(['a']);
    expect([...snap.values()]).toEqual([1]);
    expect(snap.has('b')).toBe(false);
    expect(new Map(map.snapshot())).toEqual(
      new Map([
        ['a', 1],
        ['b', 2],
      ]),
    );
  });

  it('hands out the same snapshot while nothing was written', () => {
    const map = new SnapshotMap<string, number>([['a', 1]]);
    const first = map.snapshot();
    expect(map.snapshot()).toBe(first);
    map.set('a', 1);
    expect(map.snapshot()).not.toBe(first);
  });
});
