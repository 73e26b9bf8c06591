import fc from 'fast-check';
import type { Simulation, TraceEntry } from '@daemonsim/core';
import type { Scenario, ScenarioOptions } from '../scenario.js';
import type { Step } from '../steps.js';
import { assertNoViolations, counterexampleFile } from './counterexample.js';
import { duplicateDaemonPodViolations } from './invariants.js';
import type { ClusterCase, ClusterCaseOptions, RunWatch } from './recordedRun.js';
import { clusterCaseArbitrary, recordedRun, watchedRun } from './recordedRun.js';

/** Options of the built-in properties that run random cluster ops. */
export interface ClusterPropertyOptions extends ClusterCaseOptions {
  /** The scenario options every case runs under (e.g. `observation: 'informer'`). @defaultValue {} */
  readonly options?: ScenarioOptions;
}

const NAME = 'no-duplicate-daemon-pods';
const SETTLE: readonly Step[] = [{ kind: 'runUntilQuiet' }];

/** A watch that collects duplicate daemon pods outside a surge before every event and at the end, each with the time first seen. */
function duplicatesWatch(): { readonly watch: RunWatch; readonly violations: () => string[] } {
  const firstSeen = new Map<string, number>();
  const check = (sim: Simulation, entry?: TraceEntry): void => {
    if (entry !== undefined && entry.entry !== 'event') return;
    for (const v of duplicateDaemonPodViolations(sim.view, { outsideSurge: true }))
      if (!firstSeen.has(v)) firstSeen.set(v, sim.now);
  };
  return {
    watch: { onEntry: check, onEnd: check },
    violations: () => [...firstSeen].map(([v, at]) => `from ${at} ms: ${v}`),
  };
}

/**
 * The duplicate daemon pods a scenario shows at any step (two live pods of one DaemonSet on one
 * node, outside a surge), each with the time it was first seen. A regression file of
 * {@link noDuplicateDaemonPods} passes when this is empty.
 */
export function noDuplicateDaemonPodsViolations(scenario: Scenario): string[] {
  const { watch, violations } = duplicatesWatch();
  watchedRun(scenario, watch);
  return violations();
}

/**
 * "No node ever runs two live pods of one DaemonSet outside a surge", checked before every
 * event of random cluster ops and until the cluster is quiet. A failing case throws
 * `PropertyViolation` with the shrunk case as a scenario file and seed.
 * Upstream's guard is the DaemonSet controller's expectations (`controller.Expectations` in
 * pkg/controller/daemon/daemon_controller.go); kubernetes/kubernetes#54096 is its known breach.
 * @example fc.assert(noDuplicateDaemonPods({ options: { observation: 'informer' } }));
 */
export function noDuplicateDaemonPods(
  options: ClusterPropertyOptions = {},
): fc.IPropertyWithHooks<[ClusterCase]> {
  return fc.property(clusterCaseArbitrary(options), (c) => {
    const { watch, violations } = duplicatesWatch();
    const base = { name: NAME, ...(options.options === undefined ? {} : { options: options.options }) };
    const { scenario } = recordedRun(base, c, SETTLE, watch);
    assertNoViolations(NAME, c.seed, violations(), () => [counterexampleFile(NAME, undefined, scenario)]);
  });
}
