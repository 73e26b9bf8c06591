import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDefaultCluster } from '../../src/apiserver/index.js';
import { shiftTimes, TimestampShifter } from '../../src/apiserver/wallClock.js';

const TIME = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
  .chain((ms) =>
    fc.constantFrom(
      new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      new Date(ms).toISOString().replace(/Z$/, '000Z'),
    ),
  );

describe('timestamps shifted on the JSON text', () => {
  it('give the same text as a deep copy with shifted fields, for every object of a cluster', () => {
    const snapshot = createDefaultCluster().snapshot();
    const objects = [
      ...snapshot.nodes.values(),
      ...snapshot.pods.values(),
      ...snapshot.daemonSets.values(),
      ...snapshot.events.values(),
    ];
    const shifter = new TimestampShifter(123_456_789);
    for (const obj of objects)
      expect(shifter.stringify(obj)).toBe(JSON.stringify(shiftTimes(obj, 123_456_789)));
  });

  it('leave annotations and labels alone, and strings that only quote a time field', () => {
    const value = {
      metadata: {
        creationTimestamp: '2026-01-01T00:00:00Z',
        annotations: { startTime: '2026-01-01T00:00:00Z', note: '{"startTime":"2026-01-01T00:00:00Z"}' },
        labels: { startTime: '2026-01-01' },
      },
      status: {
        startTime: '2026-01-01T00:00:01Z',
        conditions: [{ lastTransitionTime: '2026-01-01T00:00:02Z' }],
      },
    };
    const text = new TimestampShifter(60_000).stringify(value);
    expect(text).toBe(JSON.stringify(shiftTimes(value, 60_000)));
    expect(JSON.parse(text)).toMatchObject({
      metadata: { creationTimestamp: '2026-01-01T00:01:00Z', annotations: value.metadata.annotations },
      status: {
        startTime: '2026-01-01T00:01:01Z',
        conditions: [{ lastTransitionTime: '2026-01-01T00:01:02Z' }],
      },
    });
  });

  it('agree with the deep copy on random objects of times, annotations and nested lists', () => {
    const key = fc.constantFrom(
      'creationTimestamp',
      'startTime',
      'renewTime',
      'name',
      'annotations',
      'labels',
      'x',
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        TIME,
        fc.string().filter((s) => Number.isNaN(Date.parse(s))),
        fc.integer(),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(key, tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, fc.integer({ min: -1e10, max: 1e10 }), (v, delta) => {
        expect(new TimestampShifter(delta).stringify(v)).toBe(JSON.stringify(shiftTimes(v, delta)));
      }),
    );
  });
});
