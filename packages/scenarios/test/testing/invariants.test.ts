import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation, formatTrace, SECOND } from '@daemonsim/core';
import type { ClusterOp } from '../../src/testing/index.js';
import {
  applyClusterOps,
  clusterOpsArbitrary,
  quiescentViolations,
  statusArithmeticViolations,
} from '../../src/testing/index.js';

/** Runs ops, then lets every controller finish and PodGC's quarantine pass. */
function settle(
  ops: readonly ClusterOp[],
  options: { seed?: number; syncMode?: 'incremental' | 'full' } = {},
) {
  const sim = createSimulation({ seed: options.seed ?? 7, syncMode: options.syncMode ?? 'incremental' });
  applyClusterOps(sim, ops);
  sim.runUntilQuiet();
  return sim;
}

describe('cluster invariants under random node churn and DaemonSet changes', () => {
  it('after quiescence every eligible node runs exactly one daemon pod, a converged pass plans nothing, and no pod outlives its node or owner', () => {
    fc.assert(
      fc.property(clusterOpsArbitrary({ maxLength: 40 }), (ops) => {
        expect(quiescentViolations(settle(ops))).toEqual([]);
      }),
    );
  });

  it('numberUnavailable is always desired minus available, at every step', () => {
    fc.assert(
      fc.property(clusterOpsArbitrary({ maxLength: 40 }), (ops) => {
        const sim = createSimulation({ seed: 3 });
        applyClusterOps(sim, ops);
        while (sim.step()) {
          expect(statusArithmeticViolations(sim.view)).toEqual([]);
          if (sim.now > 10 * 60 * SECOND) break;
        }
      }),
    );
  });

  it('the same ops and seed give a byte-identical trace', () => {
    fc.assert(
      fc.property(clusterOpsArbitrary({ maxLength: 40 }), fc.integer(), (ops, seed) => {
        expect(formatTrace(settle(ops, { seed }).trace)).toBe(formatTrace(settle(ops, { seed }).trace));
      }),
    );
  });

  // Rollouts included: template changes under maxUnavailable (int and percent), maxSurge and
  // OnDelete, with minReadySeconds and small history limits, amid node churn and pod deletions.
  it('incremental passes over the changed nodes give the same trace as full passes over every node, rollouts and history cleanup included', () => {
    fc.assert(
      fc.property(clusterOpsArbitrary({ maxLength: 40, rollouts: true }), (ops) => {
        const incremental = formatTrace(settle(ops, { syncMode: 'incremental' }).trace);
        const full = formatTrace(settle(ops, { syncMode: 'full' }).trace);
        expect(incremental).toBe(full);
      }),
    );
  });
});
