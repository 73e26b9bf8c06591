import { describe, expect, it } from 'vitest';
import type { PodCondition } from 'kubernetes-types/core/v1.js';
import {
  getPodReadyCondition,
  isPodAvailable,
  isPodReady,
  isPodTerminal,
  podIsTerminating,
} from '../../src/model/podConditions.js';
import { SECOND, toTimestamp } from '../../src/model/time.js';
import { newPod } from './fixtures.js';

const readySince = (at: number, status = 'True'): PodCondition => ({
  type: 'Ready',
  status,
  lastTransitionTime: toTimestamp(at),
});
const podWith = (...conditions: PodCondition[]) => newPod(undefined, { conditions });

describe('getPodReadyCondition', () => {
  it('finds the Ready condition among others', () => {
    const ready = readySince(0);
    expect(getPodReadyCondition({ conditions: [{ type: 'PodScheduled', status: 'True' }, ready] })).toBe(
      ready,
    );
  });
  it('is undefined without status or without a Ready condition', () => {
    expect(getPodReadyCondition(undefined)).toBeUndefined();
    expect(getPodReadyCondition({ conditions: [{ type: 'PodScheduled', status: 'True' }] })).toBeUndefined();
  });
});

describe('isPodReady', () => {
  it('is true only when the Ready condition is True', () => {
    expect(isPodReady(podWith(readySince(0)))).toBe(true);
    expect(isPodReady(podWith(readySince(0, 'False')))).toBe(false);
    expect(isPodReady(podWith())).toBe(false);
  });
});

describe('isPodAvailable', () => {
  // Ported from TestIsPodAvailable (pkg/api/v1/pod/util_test.go), v1.34+ inclusive boundary.
  const now = 100 * SECOND;
  it.each<[string, PodCondition[], number, boolean]>([
    ['a pod that is not ready is not available', [readySince(0, 'False')], 0, false],
    ['a ready pod is available at once when minReadySeconds is 0', [readySince(now)], 0, true],
    ['a pod ready for less than minReadySeconds is not available', [readySince(now - 5 * SECOND)], 10, false],
    ['a pod ready for exactly minReadySeconds is available', [readySince(now - 10 * SECOND)], 10, true],
    ['a pod ready for longer than minReadySeconds is available', [readySince(now - 20 * SECOND)], 10, true],
    [
      'a ready pod without lastTransitionTime is never available when minReadySeconds > 0',
      [{ type: 'Ready', status: 'True' }],
      10,
      false,
    ],
  ])('%s', (_name, conditions, minReadySeconds, want) => {
    expect(isPodAvailable(podWith(...conditions), minReadySeconds, now)).toBe(want);
  });
});

describe('isPodTerminal and podIsTerminating', () => {
  it('a Failed or Succeeded pod is terminal, a Running one is not', () => {
    expect(isPodTerminal(newPod(undefined, { phase: 'Failed' }))).toBe(true);
    expect(isPodTerminal(newPod(undefined, { phase: 'Succeeded' }))).toBe(true);
    expect(isPodTerminal(newPod(undefined, { phase: 'Running' }))).toBe(false);
  });
  it('a pod is terminating once it has a deletionTimestamp', () => {
    expect(podIsTerminating(newPod(undefined, {}, { deletionTimestamp: toTimestamp(0) }))).toBe(true);
    expect(podIsTerminating(newPod())).toBe(false);
  });
});
