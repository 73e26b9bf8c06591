import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/sim/eventQueue.js';

describe('EventQueue', () => {
  it('hands out entries in time order, and entries due at the same time in insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
        const q = new EventQueue<number>();
        times.forEach((t, i) => q.push(t, i));
        const out: { at: number; item: number }[] = [];
        for (let e = q.pop(); e !== undefined; e = q.pop()) out.push({ at: e.at, item: e.item });
        const expected = times
          .map((at, item) => ({ at, item }))
          .sort((a, b) => a.at - b.at || a.item - b.item);
        expect(out).toEqual(expected);
      }),
    );
  });

  it('peeks without removing and reports its size', () => {
    const q = new EventQueue<string>();
    q.push(5, 'late');
    q.push(1, 'early');
    expect(q.peek()?.item).toBe('early');
    expect(q.size).toBe(2);
    expect(q.pop()?.item).toBe('early');
    expect(q.size).toBe(1);
  });
});
