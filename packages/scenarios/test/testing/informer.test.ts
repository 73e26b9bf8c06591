import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SimulationOptions } from '@daemonsim/core';
import { createSimulation, formatTrace } from '@daemonsim/core';
import type { ClusterOp } from '../../src/testing/index.js';
import {
  applyClusterOp,
  applyClusterOps,
  clusterOpsArbitrary,
  duplicateDaemonPodViolations,
  quiescentViolations,
} from '../../src/testing/index.js';

const informer = (extra: Partial<SimulationOptions> = {}): SimulationOptions => ({
  seed: 11,
  observation: 'informer',
  latencies: { informer: { min: 1, max: 300 } },
  ...extra,
});

function runChecked(
  ops: readonly ClusterOp[],
  options: SimulationOptions,
  check: (violations: string[]) => void,
) {
  const sim = createSimulation(options);
  const counter = { next: 0 };
  for (const op of ops) {
    applyClusterOpsStepwise(sim, op, counter, check);
  }
  const end = sim.now + 10 * 60 * 1000;
  while (sim.now <= end && sim.step()) check(duplicateDaemonPodViolations(sim.view));
  return sim;
}

function applyClusterOpsStepwise(
  sim: ReturnType<typeof createSimulation>,
  op: ClusterOp,
  counter: { next: number },
  check: (violations: string[]) => void,
): void {
  if (op.op === 'advance') {
    const until = sim.now + op.ms;
    for (;;) {
      const before = sim.now;
      if (!sim.step() || sim.now > until) break;
      check(duplicateDaemonPodViolations(sim.view));
      if (sim.now === before && sim.pendingEvents === 0) break;
    }
    if (sim.now < until) sim.runUntil(until);
    return;
  }
  applyClusterOp(sim, op, counter);
  check(duplicateDaemonPodViolations(sim.view));
}

describe('the informer observation model', () => {
  it('with expectations, no node ever runs two live pods of one DaemonSet, even though the caches lag', () => {
    fc.assert(
      fc.property(clusterOpsArbitrary({ maxLength: 20 }), (ops) => {
        runChecked(ops, informer(), (violations) => expect(violations).toEqual([]));
      }),
    );
  });

  it('without expectations, a lagging cache makes the controller create duplicate pods, which it prunes later', () => {
    const ops: ClusterOp[] = [
      ...Array.from({ length: 12 }, () => ({ op: 'addNode' as const, labels: {}, taints: [] })),
      { op: 'applyDaemonSet', template: 0 },
    ];
    let duplicates = 0;
    const sim = runChecked(
      ops,
      informer({ expectations: false }),
      (violations) => (duplicates = Math.max(duplicates, violations.length)),
    );
    expect(duplicates).toBeGreaterThan(0);
    sim.runUntilQuiet();
    expect(duplicateDaemonPodViolations(sim.view)).toEqual([]);
    let withExpectations = 0;
    runChecked(
      ops,
      informer(),
      (violations) => (withExpectations = Math.max(withExpectations, violations.length)),
    );
    expect(withExpectations).toBe(0);
  });

  it('after quiescence the cluster satisfies every invariant of the instant model', () => {
    fc.assert(
      fc.property(clusterOpsArbitrary({ maxLength: 25 }), (ops) => {
        const sim = createSimulation(informer());
        applyClusterOps(sim, ops);
        sim.runUntilQuiet();
        expect(quiescentViolations(sim)).toEqual([]);
      }),
    );
  });

  it('incremental passes give the same trace as full passes under informer observation too, rollouts included', () => {
    fc.assert(
      fc.property(clusterOpsArbitrary({ maxLength: 25, rollouts: true }), (ops) => {
        const run = (syncMode: 'incremental' | 'full') => {
          const sim = createSimulation(informer({ syncMode }));
          applyClusterOps(sim, ops);
          sim.runUntilQuiet();
          return formatTrace(sim.trace);
        };
        expect(run('incremental')).toBe(run('full'));
      }),
    );
  });
});
