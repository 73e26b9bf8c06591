import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';
import {
  addOrUpdateTolerationInPodSpec,
  findMatchingUntoleratedTaint,
  formatTaint,
  matchTaint,
  matchToleration,
  taintKey,
  toleratesTaint,
  tolerationsTolerateTaint,
} from '../../src/model/taints.js';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from '../../src/model/wellKnownTaints.js';

describe('toleratesTaint', () => {
  // Ported from TestTolerationToleratesTaint (k8s.io/api core/v1 toleration_test.go).
  it.each<[string, Toleration, Taint, boolean]>([
    [
      'an empty key with Exists tolerates a taint of the matching effect',
      { operator: 'Exists', effect: 'NoSchedule' },
      { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      true,
    ],
    [
      'an empty key with Exists and no effect tolerates every taint',
      { operator: 'Exists' },
      { key: 'foo', effect: 'NoExecute' },
      true,
    ],
    [
      'same key and effect with Exists tolerates a taint without value',
      { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'foo', effect: 'NoSchedule' },
      true,
    ],
    [
      'same key and effect with Exists tolerates a taint with a value',
      { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      true,
    ],
    [
      'same key, effect and value with Equal tolerates',
      { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' },
      { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      true,
    ],
    [
      'an empty operator means Equal',
      { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      true,
    ],
    [
      'Equal with a different value does not tolerate',
      { key: 'foo', operator: 'Equal', value: 'value1', effect: 'NoSchedule' },
      { key: 'foo', value: 'value2', effect: 'NoSchedule' },
      false,
    ],
    [
      'Equal without value tolerates a taint without value',
      { key: 'foo', operator: 'Equal', effect: 'NoSchedule' },
      { key: 'foo', value: '', effect: 'NoSchedule' },
      true,
    ],
    [
      'a different effect does not tolerate',
      { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoExecute' },
      { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      false,
    ],
    [
      'an empty effect tolerates every effect',
      { key: 'foo', operator: 'Equal', value: 'bar' },
      { key: 'foo', value: 'bar', effect: 'NoExecute' },
      true,
    ],
    [
      'a different key does not tolerate',
      { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'other', effect: 'NoSchedule' },
      false,
    ],
    [
      'an unknown operator tolerates nothing',
      { key: 'foo', operator: 'Gt', value: '1', effect: 'NoSchedule' },
      { key: 'foo', value: '2', effect: 'NoSchedule' },
      false,
    ],
  ])('%s', (_name, toleration, taint, want) => {
    expect(toleratesTaint(toleration, taint)).toBe(want);
  });
});

describe('tolerationsTolerateTaint', () => {
  const taint: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  it('no tolerations tolerate nothing', () => {
    expect(tolerationsTolerateTaint(undefined, taint)).toBe(false);
    expect(tolerationsTolerateTaint([], taint)).toBe(false);
  });
  it('one tolerating entry is enough', () => {
    expect(
      tolerationsTolerateTaint(
        [
          { key: 'x', operator: 'Exists' },
          { key: 'dedicated', operator: 'Exists' },
        ],
        taint,
      ),
    ).toBe(true);
  });
});

describe('findMatchingUntoleratedTaint', () => {
  const noScheduleOrNoExecute = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';
  const taints: Taint[] = [
    { key: 'soft', effect: 'PreferNoSchedule' },
    { key: 'a', effect: 'NoSchedule' },
    { key: 'b', effect: 'NoExecute' },
  ];
  it('returns the first untolerated taint the filter includes', () => {
    expect(findMatchingUntoleratedTaint(taints, [], noScheduleOrNoExecute)).toBe(taints[1]);
    expect(
      findMatchingUntoleratedTaint(taints, [{ key: 'a', operator: 'Exists' }], noScheduleOrNoExecute),
    ).toBe(taints[2]);
  });
  it('ignores taints the filter excludes', () => {
    expect(
      findMatchingUntoleratedTaint(
        taints,
        [
          { key: 'a', operator: 'Exists' },
          { key: 'b', operator: 'Exists' },
        ],
        noScheduleOrNoExecute,
      ),
    ).toBeUndefined();
  });
  it('finds nothing on a node without taints', () => {
    expect(findMatchingUntoleratedTaint(undefined, undefined, () => true)).toBeUndefined();
  });
});

describe('addOrUpdateTolerationInPodSpec', () => {
  const notReady: Toleration = { key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute' };

  it('appends a toleration that is not there yet', () => {
    const user: Toleration = { key: 'x', operator: 'Exists' };
    expect(addOrUpdateTolerationInPodSpec([user], notReady)).toEqual([user, notReady]);
    expect(addOrUpdateTolerationInPodSpec(undefined, notReady)).toEqual([notReady]);
  });

  it('replaces a matching toleration in place, dropping its tolerationSeconds', () => {
    const tolerations: Toleration[] = [
      { key: 'x', operator: 'Exists' },
      { ...notReady, tolerationSeconds: 300 },
      { key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' },
    ];
    expect(addOrUpdateTolerationInPodSpec(tolerations, notReady)).toEqual([
      tolerations[0],
      notReady,
      tolerations[2],
    ]);
  });

  it('appends when only the operator differs', () => {
    const equal: Toleration = { key: TAINT_NODE_NOT_READY, operator: 'Equal', effect: 'NoExecute' };
    expect(addOrUpdateTolerationInPodSpec([equal], notReady)).toEqual([equal, notReady]);
  });

  const tolerationArb: fc.Arbitrary<Toleration> = fc.record(
    {
      key: fc.constantFrom('', 'a', 'b'),
      operator: fc.constantFrom('Exists', 'Equal', ''),
      value: fc.constantFrom('', 'v'),
      effect: fc.constantFrom('', 'NoSchedule', 'NoExecute'),
      tolerationSeconds: fc.integer({ min: 0, max: 600 }),
    },
    { requiredKeys: [] },
  );
  const taintArb: fc.Arbitrary<Taint> = fc.record({
    key: fc.constantFrom('a', 'b', 'c'),
    value: fc.constantFrom('', 'v', 'w'),
    effect: fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule'),
  });

  it('never mutates its input and the result tolerates whatever the added toleration tolerates', () => {
    fc.assert(
      fc.property(
        fc.array(tolerationArb, { maxLength: 5 }),
        tolerationArb,
        taintArb,
        (tolerations, added, taint) => {
          const before = structuredClone(tolerations);
          const addedBefore = structuredClone(added);
          const result = addOrUpdateTolerationInPodSpec(tolerations, added);
          expect(tolerations).toEqual(before);
          expect(added).toEqual(addedBefore);
          expect(result).not.toBe(tolerations);
          if (toleratesTaint(added, taint)) expect(tolerationsTolerateTaint(result, taint)).toBe(true);
          expect(result.some((t) => matchToleration(t, added))).toBe(true);
        },
      ),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.array(tolerationArb, { maxLength: 5 }), tolerationArb, (tolerations, added) => {
        const once = addOrUpdateTolerationInPodSpec(tolerations, added);
        expect(addOrUpdateTolerationInPodSpec(once, added)).toEqual(once);
      }),
    );
  });
});

describe('taint identity and formatting', () => {
  it('two taints are the same taint when key and effect agree, whatever the value', () => {
    expect(
      matchTaint(
        { key: 'a', value: '1', effect: 'NoSchedule' },
        { key: 'a', value: '2', effect: 'NoSchedule' },
      ),
    ).toBe(true);
    expect(matchTaint({ key: 'a', effect: 'NoSchedule' }, { key: 'a', effect: 'NoExecute' })).toBe(false);
    expect(taintKey({ key: 'a', value: '1', effect: 'NoSchedule' })).toBe('a:NoSchedule');
  });
  it('formats key=value:Effect, or key:Effect without a value', () => {
    expect(formatTaint({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' })).toBe(
      'dedicated=gpu:NoSchedule',
    );
    expect(formatTaint({ key: TAINT_NODE_NOT_READY, effect: 'NoExecute' })).toBe(
      'node.kubernetes.io/not-ready:NoExecute',
    );
  });
});
