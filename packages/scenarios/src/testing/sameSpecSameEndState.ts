import fc from 'fast-check';
import type { ClusterView } from '@daemonsim/core';
import { getControllerOf, isPodReady } from '@daemonsim/core';
import type { Scenario } from '../scenario.js';
import type { Step } from '../steps.js';
import { assertNoViolations, counterexampleFile } from './counterexample.js';
import type { ClusterOp, RolloutStrategy } from './clusterOps.js';
import { clusterOpArbitrary, DAEMONSET_TEMPLATES, rolloutStrategyArbitrary } from './clusterOps.js';
import type { ClusterPropertyOptions } from './noDuplicateDaemonPods.js';
import { recordedRun, watchedRun } from './recordedRun.js';

const NAME = 'same-spec-same-end-state';
const SETTLE: readonly Step[] = [{ kind: 'runUntilQuiet' }];

/** One generated case of {@link sameSpecSameEndState}: nodes, a DaemonSet, two paths of spec changes, one final spec. */
export interface SameSpecCase {
  readonly seed: number;
  readonly nodes: readonly ClusterOp[];
  readonly template: number;
  readonly pathA: readonly ClusterOp[];
  readonly pathB: readonly ClusterOp[];
  readonly final: Extract<ClusterOp, { op: 'rollDaemonSet' }>;
}

/** Options of {@link sameSpecSameEndState}. */
export interface SameSpecSameEndStateOptions extends Pick<ClusterPropertyOptions, 'options'> {
  /**
   * The final spec's update strategy. With OnDelete, pods of earlier specs stay until deleted,
   * so different paths end differently by design: a test sets it to see the property fail.
   * @defaultValue RollingUpdate, classic or surge
   */
  readonly finalStrategy?: fc.Arbitrary<RolloutStrategy>;
}

const rollingUpdate = rolloutStrategyArbitrary().filter((s) => s.type === 'RollingUpdate');

/** An arbitrary {@link SameSpecCase}: 1–6 nodes, up to 4 intermediate specs (and waits) per path. */
function sameSpecCaseArbitrary(finalStrategy: fc.Arbitrary<RolloutStrategy>): fc.Arbitrary<SameSpecCase> {
  const template = fc.nat({ max: DAEMONSET_TEMPLATES.length - 1 });
  const addNode = clusterOpArbitrary().filter((op) => op.op === 'addNode');
  return template.chain((t) => {
    const roll = (strategy: fc.Arbitrary<RolloutStrategy>, minReadySeconds: fc.Arbitrary<number>) =>
      fc.record({
        op: fc.constant('rollDaemonSet' as const),
        template: fc.constant(t),
        image: fc.integer({ min: 1, max: 4 }),
        strategy,
        minReadySeconds,
        revisionHistoryLimit: fc.integer({ min: 0, max: 2 }),
      });
    const step = fc.oneof(
      roll(rolloutStrategyArbitrary(), fc.constantFrom(0, 2)),
      fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 20_000 }) }),
    );
    return fc.record({
      seed: fc.nat({ max: 9_999 }),
      nodes: fc.array(addNode, { minLength: 1, maxLength: 6 }),
      template: fc.constant(t),
      pathA: fc.array(step, { maxLength: 4 }),
      pathB: fc.array(step, { maxLength: 4 }),
      // minReadySeconds 0 at the end: see the surge case in the report of eventuallyStable's tests.
      final: roll(finalStrategy, fc.constant(0)),
    });
  });
}

/**
 * A DaemonSet-by-DaemonSet digest of the end state that two paths to one spec must share: per
 * live daemon pod its node, images, phase and readiness, and the status counters. Names, uids,
 * revision numbers, generations and times differ between paths by design and are left out.
 */
export function endStateDigest(view: ClusterView): string {
  const lines: string[] = [];
  for (const key of view.daemonSetKeys()) {
    const ds = view.getDaemonSet(key)!;
    const s = ds.status;
    lines.push(
      `${key}: desired=${s.desiredNumberScheduled} current=${s.currentNumberScheduled} ready=${s.numberReady} updated=${s.updatedNumberScheduled ?? 0} available=${s.numberAvailable ?? 0} misscheduled=${s.numberMisscheduled}`,
    );
    const pods: string[] = [];
    for (const pod of view.allPods()) {
      if (
        getControllerOf(pod.metadata)?.uid !== ds.metadata.uid ||
        pod.metadata.deletionTimestamp !== undefined
      )
        continue;
      const images = pod.spec.containers.map((c) => c.image).join(',');
      pods.push(
        `  ${pod.spec.nodeName ?? '<unbound>'} ${images} ${pod.status.phase} ready=${isPodReady(pod)}`,
      );
    }
    lines.push(...pods.sort());
  }
  return lines.join('\n');
}

/** The first lines where two digests differ, as violations. */
function digestDifference(a: string, b: string): string[] {
  if (a === b) return [];
  const la = a.split('\n');
  const lb = b.split('\n');
  const out: string[] = [];
  for (let i = 0; i < Math.max(la.length, lb.length) && out.length < 5; i++)
    if (la[i] !== lb[i])
      out.push(`end states differ: path A ${la[i] ?? '<none>'} | path B ${lb[i] ?? '<none>'}`);
  return out;
}

/**
 * How the end states of two scenarios that reach one final spec differ (empty: equivalent, see
 * {@link endStateDigest}). A regression pair of {@link sameSpecSameEndState} passes when this is empty.
 */
export function sameEndStateViolations(pathA: Scenario, pathB: Scenario): string[] {
  const digest = (s: Scenario): string => {
    const run = watchedRun(s);
    return run.error ?? endStateDigest(run.simulation.view);
  };
  return digestDifference(digest(pathA), digest(pathB));
}

/**
 * Acto's (SOSP'23) differential oracle: the same final DaemonSet spec reached by two paths (the
 * same nodes, then different sequences of intermediate specs and waits, then the final one)
 * gives an equivalent end state once the cluster is quiet (see {@link endStateDigest}). A failing
 * case throws `PropertyViolation` with both paths as scenario files under one seed.
 * Upstream has no counterpart.
 * @example fc.assert(sameSpecSameEndState({ options: { observation: 'informer' } }));
 */
export function sameSpecSameEndState(
  options: SameSpecSameEndStateOptions = {},
): fc.IPropertyWithHooks<[SameSpecCase]> {
  return fc.property(sameSpecCaseArbitrary(options.finalStrategy ?? rollingUpdate), (c) => {
    const base = { name: NAME, ...(options.options === undefined ? {} : { options: options.options }) };
    const path = (ops: readonly ClusterOp[]) => {
      const applied: ClusterOp = { op: 'applyDaemonSet', template: c.template };
      const run = recordedRun(base, { seed: c.seed, ops: [...c.nodes, applied, ...ops, c.final] }, SETTLE);
      return { scenario: run.scenario, digest: run.error ?? endStateDigest(run.simulation.view) };
    };
    const a = path(c.pathA);
    const b = path(c.pathB);
    assertNoViolations(NAME, c.seed, digestDifference(a.digest, b.digest), () => [
      counterexampleFile(NAME, 'path-a', a.scenario),
      counterexampleFile(NAME, 'path-b', b.scenario),
    ]);
  });
}
