import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation, DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY, formatTrace, SECOND } from '@daemonsim/core';
import type { ClusterOp } from '../../src/testing/index.js';
import {
  applyClusterOps,
  clusterOpsArbitrary,
  markPodsReady,
  newDaemonSet,
  newNode,
  newPod,
  placementViolations,
  quiescentViolations,
  SIMPLE_DAEMONSET_LABEL,
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

describe("the placement invariant's one exception: upstream's stuck surge (kubernetes/kubernetes#118823)", () => {
  /** node-1 tainted NoSchedule (not tolerated), an old ready pod on it and a pod of the current revision targeting it. */
  function stuckPair(options: { readonly surge: boolean; readonly newBound: boolean }) {
    const node = {
      ...newNode('node-1'),
      spec: { taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }] },
    };
    const base = newDaemonSet('foo');
    const ds = {
      ...base,
      spec: {
        ...base.spec,
        updateStrategy: {
          type: 'RollingUpdate',
          rollingUpdate: options.surge ? { maxUnavailable: 0, maxSurge: 1 } : { maxUnavailable: 1 },
        },
      },
    } as typeof base;
    const current = newPod('foo-', options.newBound ? 'node-1' : '', SIMPLE_DAEMONSET_LABEL, ds);
    const old = markPodsReady([
      {
        ...newPod('foo-', 'node-1', SIMPLE_DAEMONSET_LABEL, ds),
        metadata: {
          ...current.metadata,
          labels: { ...current.metadata!.labels, [DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY]: 'old' },
        },
        status: { phase: 'Running' as const },
      },
    ])[0]!;
    const affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] },
          ],
        },
      },
    };
    const fresh = { ...current, spec: { ...current.spec!, affinity } };
    const sim = createSimulation({ fixture: { nodes: [node], daemonSets: [ds], pods: [old, fresh] } });
    return placementViolations(sim.view);
  }

  it('accepts the ready old pod beside an unbound surge pod of the current revision', () => {
    expect(stuckPair({ surge: true, newBound: false })).toEqual([]);
  });

  it('still refuses two pods there when the new pod is bound (it runs, goes available, and the old one must go)', () => {
    expect(stuckPair({ surge: true, newBound: true })).toEqual([
      'default/foo: node node-1 may keep at most one daemon pod, has 2',
    ]);
  });

  it('still refuses two pods there without surge', () => {
    expect(stuckPair({ surge: false, newBound: false })).toEqual([
      'default/foo: node node-1 may keep at most one daemon pod, has 2',
    ]);
  });
});
