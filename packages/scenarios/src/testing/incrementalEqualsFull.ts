import fc from 'fast-check';
import { formatTrace } from '@daemonsim/core';
import type { Scenario, ScenarioOptions } from '../scenario.js';
import type { Step } from '../steps.js';
import { assertNoViolations, counterexampleFile } from './counterexample.js';
import type { ClusterPropertyOptions } from './noDuplicateDaemonPods.js';
import type { ClusterCase } from './recordedRun.js';
import { clusterCaseArbitrary, recordedRun, watchedRun } from './recordedRun.js';

const NAME = 'incremental-equals-full';
const SETTLE: readonly Step[] = [{ kind: 'runUntilQuiet' }];

/** Options of {@link incrementalEqualsFull}. */
export interface IncrementalEqualsFullOptions extends ClusterPropertyOptions {
  /**
   * Options the full run takes on top of `options`; none in real use. A test sets one (say
   * `burstReplicas: 1`) to see the property fail and print its counterexample. @defaultValue {}
   */
  readonly fullOptions?: ScenarioOptions;
}

/** The scenario with `syncMode` and, for the full run, `extra` options set. */
function inMode(scenario: Scenario, syncMode: 'incremental' | 'full', extra: ScenarioOptions = {}): Scenario {
  return { ...scenario, options: { ...scenario.options, ...extra, syncMode } };
}

/** The first line where two traces differ, with a line of context on each side, or none. */
function firstDifference(incremental: string, full: string): string[] {
  if (incremental === full) return [];
  const a = incremental.split('\n');
  const b = full.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [
    `traces differ at line ${i + 1} (after ${JSON.stringify(a[i - 1] ?? '')}): incremental ${JSON.stringify(a[i] ?? '<end>')}, full ${JSON.stringify(b[i] ?? '<end>')}`,
  ];
}

const traceOf = (s: Scenario): string => formatTrace(watchedRun(s, {}, true).simulation.trace);

/** The two traces' first difference (syncMode incremental against full), or none. */
function compare(scenario: Scenario, fullOptions?: ScenarioOptions, incremental?: string): string[] {
  return firstDifference(
    incremental ?? traceOf(inMode(scenario, 'incremental')),
    traceOf(inMode(scenario, 'full', fullOptions)),
  );
}

/**
 * Where a scenario's trace under `syncMode: incremental` first differs from its trace under
 * `full` (empty: byte-identical). A regression file of {@link incrementalEqualsFull} passes when
 * this is empty.
 */
export function incrementalEqualsFullViolations(scenario: Scenario): string[] {
  return compare(scenario);
}

/**
 * "Incremental passes (the nodes whose inputs changed) give a byte-identical trace to full
 * passes (every node, as upstream's syncDaemonSet)", on random states with rollouts, surge,
 * OnDelete and history cleanup. The case's ops are recorded once (incremental) and both modes
 * replay that scenario; a failing case throws `PropertyViolation` with both scenario files.
 * Upstream has no counterpart: it has only the full pass.
 * @example fc.assert(incrementalEqualsFull({ options: { observation: 'informer' } }));
 */
export function incrementalEqualsFull(
  options: IncrementalEqualsFullOptions = {},
): fc.IPropertyWithHooks<[ClusterCase]> {
  return fc.property(clusterCaseArbitrary(options), (c) => {
    const base = { name: NAME, options: { ...options.options, syncMode: 'incremental' as const } };
    const { scenario, simulation } = recordedRun(base, c, SETTLE, {}, true);
    const incremental = formatTrace(simulation.trace);
    assertNoViolations(NAME, c.seed, compare(scenario, options.fullOptions, incremental), () => [
      counterexampleFile(NAME, 'incremental', inMode(scenario, 'incremental')),
      counterexampleFile(NAME, 'full', inMode(scenario, 'full', options.fullOptions)),
    ]);
  });
}
