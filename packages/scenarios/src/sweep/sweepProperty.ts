import fc from 'fast-check';
import type { Simulation } from '@daemonsim/core';
import { createSimulation } from '@daemonsim/core';
import type { ClusterOp } from '../testing/clusterOps.js';
import { applyClusterOps } from '../testing/clusterOpStep.js';
import { clusterOpsArbitrary } from '../testing/clusterOps.js';
import { quiescentViolations } from '../testing/invariants.js';
import type { RolloutCase } from '../testing/rollouts.js';
import {
  ROLLOUT_DAEMONSET,
  rolloutCaseArbitrary,
  rolloutConvergenceViolations,
  rolloutManifest,
  surgeViolations,
  unavailabilityViolations,
} from '../testing/rollouts.js';

/**
 * A property a sweep checks once per seed: an arbitrary of the testing kit, and a run of one
 * generated value on a simulation that returns its violations (none: the property holds).
 * `check` is called with the simulation before anything runs, to watch it.
 */
export interface SweepProperty<T = unknown> {
  readonly name: string;
  readonly description: string;
  readonly arbitrary: fc.Arbitrary<T>;
  readonly check: (value: T, watch: (simulation: Simulation) => void) => string[];
}

const MINUTE = 60_000;

/** The simulation a property run starts from: seeded apart from the value, trace off (a sweep records figures, not traces). */
function newSimulation(watch: (simulation: Simulation) => void): Simulation {
  const sim = createSimulation({ seed: 7, trace: false });
  watch(sim);
  return sim;
}

const clusterOps: SweepProperty<ClusterOp[]> = {
  name: 'cluster-ops',
  description:
    'random node churn, label and taint edits, DaemonSet applies, deletes and rollouts; after quiescence the invariants hold',
  arbitrary: clusterOpsArbitrary({ maxLength: 40, rollouts: true }),
  check: (ops, watch) => {
    const sim = newSimulation(watch);
    applyClusterOps(sim, ops);
    sim.runUntilQuiet();
    return quiescentViolations(sim);
  },
};

/** Steps a rollout case event by event, as the testing kit's rollout properties do, collecting `atEveryStep`'s violations. */
function rollout(
  c: RolloutCase,
  watch: (simulation: Simulation) => void,
  atEveryStep: (sim: Simulation) => string[],
): string[] {
  const sim = newSimulation(watch);
  for (let i = 0; i < c.nodes; i++)
    sim.submit({ type: 'NodeAdded', node: { name: `node-${String(i).padStart(2, '0')}` } });
  sim.submit({ type: 'ManifestApplied', manifest: rolloutManifest(c, 'agent:v0') });
  sim.runUntilQuiet();
  let at = sim.now;
  c.changes.forEach((gap, i) => {
    at += gap;
    sim.schedule({ type: 'ManifestApplied', manifest: rolloutManifest(c, `agent:v${i + 1}`) }, at);
  });
  const deadline = at + 10 * MINUTE;
  const out = new Set<string>();
  while (sim.now <= deadline && sim.step()) for (const v of atEveryStep(sim)) out.add(v);
  sim.runUntilQuiet();
  return [...out, ...rolloutConvergenceViolations(sim.view, ROLLOUT_DAEMONSET.key)];
}

const rolloutClassic: SweepProperty<RolloutCase> = {
  name: 'rollout-classic',
  description: 'a classic rolling update never has more than maxUnavailable nodes without an available pod',
  arbitrary: rolloutCaseArbitrary('classic'),
  check: (c, watch) =>
    rollout(c, watch, (sim) => unavailabilityViolations(sim.view, ROLLOUT_DAEMONSET.key, sim.now)),
};

const rolloutSurge: SweepProperty<RolloutCase> = {
  name: 'rollout-surge',
  description: 'a surge rolling update never has more than maxSurge nodes with two live pods',
  arbitrary: rolloutCaseArbitrary('surge'),
  check: (c, watch) => rollout(c, watch, (sim) => surgeViolations(sim.view, ROLLOUT_DAEMONSET.key)),
};

/** The properties `daemonsim sweep property:NAME` runs, by name. */
export const SWEEP_PROPERTIES: ReadonlyMap<string, SweepProperty> = new Map(
  ([clusterOps, rolloutClassic, rolloutSurge] as SweepProperty[]).map((p) => [p.name, p]),
);

/** One property run: the violations and the figures' watch of the seed's value, and, when it failed, the shrunk counterexample and its violations. */
export interface PropertyRun {
  readonly violations: readonly string[];
  readonly error?: string;
  readonly counterexample?: { readonly value: unknown; readonly violations: readonly string[] };
}

const message = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

function checkOnce(
  property: SweepProperty,
  value: unknown,
  watch: (simulation: Simulation) => void,
): PropertyRun {
  try {
    return { violations: property.check(value, watch) };
  } catch (error) {
    return { violations: [], error: message(error) };
  }
}

/**
 * Checks `property` on the one value fast-check generates from `seed`, watching that first run
 * with `watch`; when it fails, lets fast-check shrink it (deterministic for a seed) and reports
 * the smallest failing value with its own violations. Upstream has no counterpart.
 */
export function runProperty(
  property: SweepProperty,
  seed: number,
  watch: (simulation: Simulation) => void,
): PropertyRun {
  let first: PropertyRun | undefined;
  const details = fc.check(
    fc.property(property.arbitrary, (value) => {
      const outcome = checkOnce(property, value, first === undefined ? watch : () => {});
      first ??= outcome;
      return outcome.violations.length === 0 && outcome.error === undefined;
    }),
    // One value per seed: the sweep's seeds are the runs; shrinking runs only on a failure.
    { seed, numRuns: 1 },
  );
  const run = first ?? { violations: [] };
  if (!details.failed || details.counterexample === null) return run;
  const value: unknown = details.counterexample[0];
  const shrunk = checkOnce(property, value, () => {});
  return {
    ...run,
    counterexample: {
      value,
      violations: shrunk.error === undefined ? shrunk.violations : [...shrunk.violations, shrunk.error],
    },
  };
}
