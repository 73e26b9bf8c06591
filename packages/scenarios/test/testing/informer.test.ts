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

  // Counterexample A of issue 10 (seed 1077): a pass from a cache that still showed the first
  // DaemonSet created a revision for its uid, which the garbage collector then deleted; the
  // re-created DaemonSet's own status write wakes it again (updateDaemonset enqueues on every
  // update), and that pass creates its revision.
  it('a DaemonSet re-created under a lagging cache gets its ControllerRevision back after the garbage collector removes the stale one', () => {
    const ops: ClusterOp[] = [
      { op: 'addNode', labels: {}, taints: [] },
      { op: 'applyDaemonSet', template: 0 },
      { op: 'deleteDaemonSet', index: 0, propagationPolicy: 'Background' },
      { op: 'applyDaemonSet', template: 1 },
      { op: 'deleteDaemonSet', index: 0, propagationPolicy: 'Background' },
      { op: 'applyDaemonSet', template: 1 },
      { op: 'cordon', index: 0, unschedulable: true },
    ];
    const sim = createSimulation(informer({ seed: 1077 }));
    applyClusterOps(sim, ops);
    sim.runUntilQuiet();
    expect(formatTrace(sim.trace)).toMatch(
      /- delete ControllerRevision kube-system\/gpu-driver-\w+ \[garbage-collector\]/,
    );
    expect(quiescentViolations(sim)).toEqual([]);
  });

  // Counterexample B of issue 10 (seed 2341): the full pass claimed a pod from its stale cached
  // copy again after adopting it, the incremental pass did not look at that node; a node whose
  // pod a pass updated is now looked at again by the next incremental pass too.
  it('incremental and full passes agree after an adoption the cache does not show yet', () => {
    const ops: ClusterOp[] = [
      { op: 'addNode', labels: {}, taints: [] },
      { op: 'applyDaemonSet', template: 0 },
      { op: 'addNode', labels: { zone: 'a' }, taints: [] },
      { op: 'applyDaemonSet', template: 3 },
      { op: 'advance', ms: 258 },
      { op: 'deleteDaemonSet', index: 0, propagationPolicy: 'Orphan' },
      { op: 'applyDaemonSet', template: 3 },
      { op: 'removeNode', index: 0 },
      { op: 'addNode', labels: { zone: 'a' }, taints: [] },
      { op: 'removeNode', index: 255 },
    ];
    const run = (syncMode: 'incremental' | 'full') => {
      const sim = createSimulation(informer({ seed: 2341, syncMode }));
      applyClusterOps(sim, ops);
      sim.runUntilQuiet();
      return formatTrace(sim.trace);
    };
    const full = run('full');
    expect(full).toMatch(/~ update Pod default\/zone-a-cache-\w+ \[daemonset-controller\] adopt/);
    expect(run('incremental')).toBe(full);
  });
});
