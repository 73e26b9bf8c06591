import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedNodeSet } from '../../../src/controllers/daemonset/sortedNodeSet.js';

type Op = { readonly add: boolean; readonly name: string };

const nodeName = fc.integer({ min: 0, max: 40 }).map((i) => `node-${String(i).padStart(2, '0')}`);
const op: fc.Arbitrary<Op> = fc.record({ add: fc.boolean(), name: nodeName });
/** Mostly deletes of the smallest name, as a rollout takes its candidates, between random adds and deletes. */
const ops = fc.array(fc.oneof(op, fc.constant('deleteFirst' as const), fc.constant('deleteFirst' as const)), {
  maxLength: 300,
});

describe('SortedNodeSet', () => {
  it('holds the same names, in sorted order, as a Set given the same adds and deletes', () => {
    fc.assert(
      fc.property(ops, (list) => {
        const set = new SortedNodeSet();
        const model = new Set<string>();
        for (const o of list) {
          if (o === 'deleteFirst') {
            const first = set.first(1)[0];
            if (first !== undefined) {
              set.delete(first);
              model.delete(first);
            }
          } else if (o.add) {
            set.add(o.name);
            model.add(o.name);
          } else {
            set.delete(o.name);
            model.delete(o.name);
          }
          const sorted = [...model].sort();
          expect(set.values()).toEqual(sorted);
          expect(set.size).toBe(sorted.length);
          expect(set.first(3)).toEqual(sorted.slice(0, 3));
          for (const name of ['node-00', 'node-20', 'node-40']) expect(set.has(name)).toBe(model.has(name));
        }
      }),
    );
  });

  it('keeps its order through many deletes from the front and adds before the first name', () => {
    const set = new SortedNodeSet();
    for (let i = 100; i < 300; i++) set.add(`n${i}`);
    for (let i = 100; i < 250; i++) set.delete(`n${i}`);
    set.add('n050');
    set.add('n260x');
    expect(set.first(3)).toEqual(['n050', 'n250', 'n251']);
    expect(set.size).toBe(52);
    expect(set.values().at(-1)).toBe('n299');
  });
});
