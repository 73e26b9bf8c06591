import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FaultRule, Simulation, SimulationOptions, TraceEntry } from '@daemonsim/core';
import { createSimulation, FAULT_ERRORS } from '@daemonsim/core';
import type { ClusterOp, FaultsHook, RolloutStrategy } from '../../src/testing/index.js';
import {
  applyClusterOp,
  applyClusterOps,
  clusterOpsArbitrary,
  duplicateDaemonPodViolations,
  eventuallyStable,
  quiescentViolations,
} from '../../src/testing/index.js';

// Anvil's "eventually stable reconciliation" for the perturbations of the fault layer: whatever
// API failures and controller crashes happen during a prefix of the run, once they stop the
// cluster converges, satisfies every quiescence invariant, and then writes nothing more.

const ruleArbitrary: fc.Arbitrary<FaultRule> = fc.record({
  verb: fc.constantFrom('create', 'delete', 'patch', 'update', 'get', '*') as fc.Arbitrary<FaultRule['verb']>,
  resource: fc.constantFrom(
    'pods',
    'daemonsets',
    'daemonsets/status',
    'controllerrevisions',
    '*',
  ) as fc.Arbitrary<FaultRule['resource']>,
  probability: fc.integer({ min: 5, max: 70 }).map((n) => n / 100),
  error: fc.constantFrom(...FAULT_ERRORS),
});

const perturbationArbitrary = fc.record({
  rules: fc.array(ruleArbitrary, { minLength: 1, maxLength: 3 }),
  crash: fc.option(
    fc.record({
      afterWrites: fc.integer({ min: 0, max: 12 }),
      relist: fc.constantFrom('fresh', 'stale') as fc.Arbitrary<'fresh' | 'stale'>,
    }),
    { nil: undefined },
  ),
  observation: fc.constantFrom('instant', 'informer') as fc.Arbitrary<'instant' | 'informer'>,
  seed: fc.integer({ min: 0, max: 10_000 }),
});

/** One drawn perturbation: fault rules, maybe a crash, the observation model and the seed. */
type Perturbation = Omit<typeof perturbationArbitrary extends fc.Arbitrary<infer T> ? T : never, 'rules'> & {
  readonly rules: readonly FaultRule[];
};

/** API fault rules for the built-in property: declared in the scenario's `faults`, each switched off after the prefix. */
const apiFaults: FaultsHook<readonly FaultRule[]> = {
  arbitrary: fc
    .array(ruleArbitrary, { minLength: 1, maxLength: 3 })
    .map((rules) => rules.map((r, i) => ({ ...r, rule: `r${i}` }))),
  declare: (scenario, faults) => ({ ...scenario, faults }),
  stop: (faults) => faults.map((f) => ({ kind: 'disableFault', rule: f.rule! })),
};

/** API fault rules and, maybe, a DaemonSet controller crash to come during the prefix (between two writes of a pass if it falls so). */
const apiFaultsAndCrash: FaultsHook<{
  readonly rules: readonly FaultRule[];
  readonly crash?: { readonly afterWrites: number; readonly relist: 'fresh' | 'stale' };
}> = {
  arbitrary: fc.record(
    {
      rules: apiFaults.arbitrary,
      crash: fc.record({
        afterWrites: fc.integer({ min: 0, max: 12 }),
        relist: fc.constantFrom('fresh', 'stale') as fc.Arbitrary<'fresh' | 'stale'>,
      }),
    },
    { requiredKeys: ['rules'] },
  ),
  declare: (scenario, { rules, crash }) => ({
    ...scenario,
    faults: rules,
    steps: crash === undefined ? [] : [{ kind: 'crashController', controller: 'daemonset', ...crash }],
  }),
  stop: ({ rules }) => apiFaults.stop(rules),
};

describe('faults during a prefix, then none', () => {
  it('eventuallyStable holds under seeded API faults, instant and informer observation (shrunk cases print as scenario files)', () => {
    fc.assert(eventuallyStable({ rollouts: false, maxLength: 15, faults: apiFaults }));
    fc.assert(
      eventuallyStable({
        rollouts: false,
        maxLength: 15,
        faults: apiFaults,
        options: { observation: 'informer', latencies: { informer: { min: 1, max: 300 } } },
      }),
    );
  });

  it('eventuallyStable holds under API faults, a controller crash and rollouts (surge included) under informer observation', () => {
    fc.assert(
      eventuallyStable({
        maxLength: 15,
        faults: apiFaultsAndCrash,
        options: { observation: 'informer', latencies: { informer: { min: 1, max: 300 } } },
      }),
    );
  });

  it('the cluster converges and stays converged (API failures and a controller crash)', () => {
    fc.assert(
      fc.property(clusterOpsArbitrary({ maxLength: 15 }), perturbationArbitrary, (ops, p) => {
        const options: SimulationOptions = {
          seed: p.seed,
          observation: p.observation,
          latencies: { informer: { min: 1, max: 300 } },
          faults: p.rules.map((r, i) => ({ ...r, rule: `r${i}` })),
        };
        const sim = createSimulation(options);
        if (p.crash !== undefined) sim.crashController('daemonset', p.crash);
        applyClusterOps(sim, ops);
        sim.advance(2000);
        p.rules.forEach((_, i) => sim.disableFault(`r${i}`));
        sim.runUntilQuiet();
        expect(quiescentViolations(sim)).toEqual([]);
        const converged = sim.trace.length;
        sim.advance(5 * 60 * 1000);
        expect(sim.trace.slice(converged).filter((e) => e.entry === 'write')).toEqual([]);
      }),
    );
  });
});

describe("KEP-5647's staleness check", () => {
  it('a controller restarted onto a stale cache never runs two live pods of one DaemonSet on a node', () => {
    fc.assert(
      fc.property(
        clusterOpsArbitrary({ maxLength: 15 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 10_000 }),
        (ops, afterWrites, seed) => {
          const sim = createSimulation({
            seed,
            observation: 'informer',
            latencies: { informer: { min: 1, max: 300 } },
            staleControllerConsistency: true,
          });
          sim.crashController('daemonset', { afterWrites, relist: 'stale' });
          const counter = { next: 0 };
          for (const op of ops) {
            if (op.op === 'advance') {
              const until = sim.now + op.ms;
              while (sim.peek() !== undefined && sim.peek()!.at <= until) {
                sim.step();
                expect(duplicateDaemonPodViolations(sim.view)).toEqual([]);
              }
              sim.runUntil(until);
            } else applyClusterOp(sim, op, counter);
            expect(duplicateDaemonPodViolations(sim.view)).toEqual([]);
          }
          const end = sim.now + 60_000;
          while (sim.peek() !== undefined && sim.peek()!.at <= end) {
            sim.step();
            expect(duplicateDaemonPodViolations(sim.view)).toEqual([]);
          }
        },
      ),
    );
  });
});

/**
 * Watches every DaemonSet write of a simulation: where a uid's status.observedGeneration went
 * below the highest it had, and which writes left it above the object's own generation. Only a
 * pass on the cached copy of an earlier DaemonSet of the same name can write that: upstream's
 * `storeDaemonSetStatus` retries a failed UpdateStatus on a fresh GET by name, without checking
 * the uid, and sets observedGeneration from its cached copy's generation. So such a value is not
 * the object's own, and the next pass on the new object writes its own, lower, generation.
 */
function observedGenerationWatch(): {
  readonly sink: (sim: () => Simulation, entry: TraceEntry) => void;
  readonly backwards: string[];
  readonly foreign: string[];
} {
  const observed = new Map<string, number>();
  const uidsByKey = new Map<string, Set<string>>();
  const backwards: string[] = [];
  const foreign: string[] = [];
  const sink = (sim: () => Simulation, entry: TraceEntry): void => {
    if (entry.entry !== 'write' || entry.kind !== 'DaemonSet') return;
    const ds = sim().view.getDaemonSet(entry.key);
    if (ds === undefined) return;
    const uids = uidsByKey.get(entry.key) ?? new Set<string>();
    uids.add(ds.metadata.uid);
    uidsByKey.set(entry.key, uids);
    const now = ds.status.observedGeneration ?? 0;
    if (now > ds.metadata.generation) {
      foreign.push(
        `${entry.key} at ${entry.at} ms: ${now} > generation ${ds.metadata.generation}, after ${uids.size - 1} earlier uids`,
      );
      if (uids.size < 2)
        backwards.push(
          `${entry.key} at ${entry.at} ms: ${now} above its generation, and no earlier object of that name`,
        );
      return;
    }
    const before = observed.get(ds.metadata.uid) ?? 0;
    if (now < before) backwards.push(`${entry.key} at ${entry.at} ms: ${before} -> ${now}`);
    observed.set(ds.metadata.uid, Math.max(before, now));
  };
  return { sink, backwards, foreign };
}

/** A simulation of a random perturbation with the watch above on its writes. */
function watchedPerturbation(p: Perturbation) {
  const watch = observedGenerationWatch();
  const sim: Simulation = createSimulation({
    seed: p.seed,
    observation: p.observation,
    latencies: { informer: { min: 1, max: 300 } },
    faults: p.rules.map((r, i) => ({ ...r, rule: `r${i}` })),
    trace: false,
    traceSink: (entry) => watch.sink(() => sim, entry),
  });
  if (p.crash !== undefined) sim.crashController('daemonset', p.crash);
  return { sim, watch };
}

describe('DaemonSet status under faults', () => {
  it("a DaemonSet's own status.observedGeneration never goes backwards, whatever API failures, controller crash, rollouts and informer lag come", () => {
    fc.assert(
      fc.property(clusterOpsArbitrary({ maxLength: 15, rollouts: true }), perturbationArbitrary, (ops, p) => {
        const { sim, watch } = watchedPerturbation(p);
        applyClusterOps(sim, ops);
        sim.advance(2000);
        p.rules.forEach((_, i) => sim.disableFault(`r${i}`));
        sim.runUntilQuiet();
        expect(watch.backwards).toEqual([]);
      }),
    );
  });

  // Shrunk from the property above (before it told the object's own values from an earlier one's).
  it("a pass on a deleted DaemonSet's cached copy writes that copy's generation onto the re-created one, as upstream's status retry does, and the new object's own pass then writes its own", () => {
    const { sim, watch } = watchedPerturbation({
      rules: [{ verb: 'create', resource: 'pods', probability: 0.05, error: 'Conflict' }],
      crash: undefined,
      observation: 'informer',
      seed: 6194,
    });
    const roll = (template: number, strategy: RolloutStrategy): ClusterOp => ({
      op: 'rollDaemonSet',
      template,
      image: 1,
      strategy,
      minReadySeconds: 0,
      revisionHistoryLimit: 0,
    });
    applyClusterOps(sim, [
      { op: 'addNode', labels: {}, taints: [] },
      { op: 'applyDaemonSet', template: 3 },
      roll(3, { type: 'OnDelete' }),
      { op: 'removeNode', index: 0 },
      { op: 'addNode', labels: {}, taints: [] },
      { op: 'deleteDaemonSet', index: 0, propagationPolicy: 'Background' },
      roll(3, { type: 'RollingUpdate', maxUnavailable: 0, maxSurge: 1 }),
      roll(0, { type: 'RollingUpdate', maxUnavailable: 1, maxSurge: 0 }),
    ]);
    sim.advance(2000);
    expect(watch.foreign).toEqual(['default/zone-a-cache at 160 ms: 2 > generation 1, after 1 earlier uids']);
    expect(sim.view.getDaemonSet('default/zone-a-cache')!.status.observedGeneration).toBe(1);
    expect(watch.backwards).toEqual([]);
  });
});
