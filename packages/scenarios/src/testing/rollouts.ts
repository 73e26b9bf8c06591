import fc from 'fast-check';
import type { ClusterView, DaemonSet, Pod, SimTime } from '@daemonsim/core';
import {
  constructHistory,
  getControllerOf,
  getScaledValueFromIntOrPercent,
  isPodAvailable,
  isPodTerminal,
  nodeShouldRunDaemonPod,
  podIsTerminating,
} from '@daemonsim/core';

/** An int-or-percent budget as a DaemonSet's `rollingUpdate` takes it. */
export type IntOrPercent = number | `${number}%`;

/**
 * One random rollout: a converged DaemonSet on `nodes` nodes, then its image changed at each of
 * `changes` (milliseconds after the previous change, 0 for back to back), under one strategy.
 */
export interface RolloutCase {
  readonly nodes: number;
  readonly mode: 'classic' | 'surge';
  /** maxUnavailable in classic mode, maxSurge in surge mode. */
  readonly budget: IntOrPercent;
  readonly minReadySeconds: number;
  readonly changes: readonly number[];
}

/** Name and namespace of the DaemonSet a {@link RolloutCase} rolls out. */
export const ROLLOUT_DAEMONSET = { namespace: 'default', name: 'agent', key: 'default/agent' } as const;

/**
 * An arbitrary {@link RolloutCase}: 1–12 nodes, a budget as an integer (1 to nodes + 1) or a
 * percentage (1–100 %), minReadySeconds 0–3, and one to four image changes up to 15 s apart.
 */
export function rolloutCaseArbitrary(mode: 'classic' | 'surge'): fc.Arbitrary<RolloutCase> {
  return fc.integer({ min: 1, max: 12 }).chain((nodes) =>
    fc.record({
      nodes: fc.constant(nodes),
      mode: fc.constant(mode),
      budget: fc.oneof(
        fc.integer({ min: 1, max: nodes + 1 }),
        fc.integer({ min: 1, max: 100 }).map((p) => `${p}%` as const),
      ),
      minReadySeconds: fc.integer({ min: 0, max: 3 }),
      changes: fc.array(fc.integer({ min: 0, max: 15_000 }), { minLength: 1, maxLength: 4 }),
    }),
  );
}

/** The manifest of a {@link RolloutCase}'s DaemonSet at `image`. */
export function rolloutManifest(c: RolloutCase, image: string): Record<string, unknown> {
  const rollingUpdate =
    c.mode === 'classic' ? { maxUnavailable: c.budget } : { maxUnavailable: 0, maxSurge: c.budget };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: ROLLOUT_DAEMONSET.name, namespace: ROLLOUT_DAEMONSET.namespace },
    spec: {
      selector: { matchLabels: { app: ROLLOUT_DAEMONSET.name } },
      minReadySeconds: c.minReadySeconds,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate },
      template: {
        metadata: { labels: { app: ROLLOUT_DAEMONSET.name } },
        spec: { containers: [{ name: 'agent', image }] },
      },
    },
  };
}

/** Live pods of a DaemonSet (controlled by it, neither terminating nor terminal) by node. */
function livePodsByNode(view: ClusterView, ds: DaemonSet): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const nodeName of view.nodeNames()) {
    for (const pod of view.podsOnNode(nodeName)) {
      if (
        getControllerOf(pod.metadata)?.uid !== ds.metadata.uid ||
        podIsTerminating(pod) ||
        isPodTerminal(pod)
      )
        continue;
      out.set(nodeName, [...(out.get(nodeName) ?? []), pod]);
    }
  }
  return out;
}

/**
 * The budgets upstream resolves for a DaemonSet now: maxUnavailable and maxSurge scaled against
 * the number of nodes that should run it, percentages rounded up, 0/0 forced to 1/0.
 * Mirrors `updatedDesiredNodeCounts` (pkg/controller/daemon/update.go) for the property tests.
 */
export function rolloutBudgets(
  view: ClusterView,
  ds: DaemonSet,
): { readonly desired: number; readonly maxUnavailable: number; readonly maxSurge: number } {
  let desired = 0;
  for (const nodeName of view.nodeNames())
    if (nodeShouldRunDaemonPod(view.getNode(nodeName)!, ds).shouldRun) desired++;
  const ru =
    ds.spec.updateStrategy.type === 'RollingUpdate' ? ds.spec.updateStrategy.rollingUpdate : undefined;
  let maxUnavailable = getScaledValueFromIntOrPercent(ru?.maxUnavailable, desired, true);
  const maxSurge = getScaledValueFromIntOrPercent(ru?.maxSurge, desired, true);
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { desired, maxUnavailable, maxSurge };
}

/**
 * Violations of "no more than maxUnavailable nodes that should run the DaemonSet lack an
 * available live pod" (classic RollingUpdate). Upstream guarantees this only for unavailability
 * the rollout causes itself, on a fixed set of nodes whose pods were all available when the
 * rollout began: new nodes, pods deleted by others, and pods that stop being ready add to the
 * count without the controller's say (§10.4).
 */
export function unavailabilityViolations(view: ClusterView, key: string, now: SimTime): string[] {
  const ds = view.getDaemonSet(key);
  if (ds === undefined) return [];
  const { maxUnavailable } = rolloutBudgets(view, ds);
  const live = livePodsByNode(view, ds);
  const unavailable: string[] = [];
  for (const nodeName of view.nodeNames()) {
    if (!nodeShouldRunDaemonPod(view.getNode(nodeName)!, ds).shouldRun) continue;
    if (!(live.get(nodeName) ?? []).some((p) => isPodAvailable(p, ds.spec.minReadySeconds ?? 0, now)))
      unavailable.push(nodeName);
  }
  return unavailable.length > maxUnavailable
    ? [
        `${key}: ${unavailable.length} nodes without an available pod [${unavailable.join(', ')}] > maxUnavailable ${maxUnavailable}`,
      ]
    : [];
}

/**
 * Violations of "no more than maxSurge nodes run two live pods" (surge RollingUpdate). Holds
 * while the old pods stay available: an unavailable old pod gets its replacement beside it
 * regardless of maxSurge (§10.5).
 */
export function surgeViolations(view: ClusterView, key: string): string[] {
  const ds = view.getDaemonSet(key);
  if (ds === undefined) return [];
  const { maxSurge } = rolloutBudgets(view, ds);
  const doubled = [...livePodsByNode(view, ds)].filter(([, pods]) => pods.length > 1).map(([n]) => n);
  return doubled.length > maxSurge
    ? [`${key}: ${doubled.length} nodes with two live pods [${doubled.join(', ')}] > maxSurge ${maxSurge}`]
    : [];
}

/**
 * Violations of "the rollout converged": every live pod of the DaemonSet carries the current
 * revision's hash, and no node runs two pods of one revision. Holds after quiescence.
 */
export function rolloutConvergenceViolations(view: ClusterView, key: string): string[] {
  const ds = view.getDaemonSet(key);
  if (ds === undefined) return [];
  const { hash } = constructHistory(view, ds);
  const out: string[] = [];
  for (const [nodeName, pods] of livePodsByNode(view, ds)) {
    const hashes = pods.map((p) => p.metadata.labels?.['controller-revision-hash'] ?? '<none>');
    for (const h of hashes)
      if (h !== hash) out.push(`${key}: pod on ${nodeName} carries hash ${h}, current is ${hash}`);
    if (new Set(hashes).size !== hashes.length)
      out.push(`${key}: node ${nodeName} runs two pods of one revision (${hashes.join(', ')})`);
  }
  return out;
}
