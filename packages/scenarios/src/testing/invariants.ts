import type { ClusterView, Pod, Simulation, TraceEntry } from '@daemonsim/core';
import type { DaemonSet } from '@daemonsim/core';
import {
  allowsSurge,
  constructHistory,
  DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY,
  getControllerOf,
  getTargetNodeName,
  isPodReady,
  labelSelectorMatches,
  nodeShouldRunDaemonPod,
  syncDaemonSet,
} from '@daemonsim/core';

/**
 * Whether two live pods on a node that may keep but not get a pod are upstream's stuck surge
 * (kubernetes/kubernetes#118823, the part its fix #119317 left open): a surge pod of the current
 * revision created before the node's NoSchedule taint reached the controller, or before the
 * scheduler bound it, that the scheduler can now never bind, beside the ready old pod. Upstream
 * keeps both for good: `rollingUpdate` (pkg/controller/daemon/update.go) checks a node's
 * scheduling constraints only before it surges onto it and counts a node with an unavailable
 * new pod as surging, and `podsShouldBeOnNode` keeps an old ready pod beside a new one that is
 * not available. See the `surge-onto-tainted-node` library scenario.
 */
function isStuckSurge(view: ClusterView, ds: DaemonSet, pods: readonly Pod[]): boolean {
  if (pods.length !== 2 || !allowsSurge(ds)) return false;
  const { hash } = constructHistory(view, ds);
  const current = pods.filter((p) => p.metadata.labels?.[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY] === hash);
  const old = pods.filter((p) => p.metadata.labels?.[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY] !== hash);
  if (current.length !== 1 || old.length !== 1) return false;
  const unbound = current[0]!.spec.nodeName === undefined || current[0]!.spec.nodeName === '';
  return unbound && isPodReady(old[0]!);
}

/**
 * Violations of "each node that should run a daemon pod runs exactly one, and no node that may
 * not keep one has one", counting live (non-terminating, non-terminal) owned pods. Holds after
 * quiescence. Nodes that may keep but not get a pod (NoSchedule taint) may have 0 or 1, or
 * upstream's stuck surge: the ready old pod beside a new one that can never be scheduled
 * (kubernetes/kubernetes#118823, see `isStuckSurge`).
 */
export function placementViolations(view: ClusterView): string[] {
  const out: string[] = [];
  for (const key of view.daemonSetKeys()) {
    const ds = view.getDaemonSet(key)!;
    if (ds.metadata.deletionTimestamp !== undefined) continue;
    for (const nodeName of view.nodeNames()) {
      const node = view.getNode(nodeName)!;
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
      const live: Pod[] = [];
      for (const pod of view.podsOnNode(nodeName)) {
        if (getControllerOf(pod.metadata)?.uid !== ds.metadata.uid) continue;
        if (pod.metadata.deletionTimestamp !== undefined) continue;
        if (pod.status.phase === 'Failed' || pod.status.phase === 'Succeeded') continue;
        live.push(pod);
      }
      if (shouldRun && live.length !== 1)
        out.push(`${key}: node ${nodeName} should run exactly one daemon pod, has ${live.length}`);
      if (!shouldRun && shouldContinueRunning && live.length > 1 && !isStuckSurge(view, ds, live))
        out.push(`${key}: node ${nodeName} may keep at most one daemon pod, has ${live.length}`);
      if (!shouldContinueRunning && live.length > 0)
        out.push(`${key}: node ${nodeName} must not run a daemon pod, has ${live.length}`);
    }
  }
  return out;
}

/** Violations of "a DaemonSet's status says numberUnavailable = desired - available". */
export function statusArithmeticViolations(view: ClusterView): string[] {
  const out: string[] = [];
  for (const key of view.daemonSetKeys()) {
    const s = view.getDaemonSet(key)!.status;
    if (s.observedGeneration === undefined) continue;
    const unavailable = s.numberUnavailable ?? 0;
    if (unavailable !== s.desiredNumberScheduled - (s.numberAvailable ?? 0)) {
      out.push(
        `${key}: numberUnavailable ${unavailable} != desired ${s.desiredNumberScheduled} - available ${s.numberAvailable ?? 0}`,
      );
    }
  }
  return out;
}

/**
 * Violations of "a converged DaemonSet's next pass plans nothing". Status is left out on
 * purpose: upstream wakes a DaemonSet for only some node changes (§3.5), so its status can
 * lag a recount; that the counters match upstream's is what the full-vs-incremental trace
 * property checks.
 */
export function convergedSyncViolations(view: ClusterView, now: number): string[] {
  const out: string[] = [];
  for (const key of view.daemonSetKeys()) {
    const plan = syncDaemonSet(view, key, now);
    if (plan.actions.length > 0)
      out.push(`${key}: converged pass still plans ${plan.actions.map((a) => a.type).join(', ')}`);
  }
  return out;
}

/**
 * Violations of "no pod outlives its node past PodGC, nor its owner past the garbage
 * collector": after quiescence no pod is bound to a missing node or owned by a missing DaemonSet.
 */
export function orphanViolations(view: ClusterView): string[] {
  const out: string[] = [];
  const uids = new Set(view.daemonSetKeys().map((k) => view.getDaemonSet(k)!.metadata.uid));
  for (const pod of view.allPods()) {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const nodeName = pod.spec.nodeName;
    if (nodeName !== undefined && nodeName !== '' && view.getNode(nodeName) === undefined)
      out.push(`${key} is bound to missing node ${nodeName}`);
    const owner = getControllerOf(pod.metadata);
    if (owner?.kind === 'DaemonSet' && !uids.has(owner.uid))
      out.push(`${key} is owned by missing DaemonSet ${owner.name}`);
    if (getTargetNodeName(pod) === undefined && owner !== undefined) out.push(`${key} targets no node`);
  }
  for (const key of view.daemonSetKeys()) {
    const ds = view.getDaemonSet(key)!;
    for (const pod of view.allPods()) {
      if (pod.metadata.namespace !== ds.metadata.namespace || getControllerOf(pod.metadata) !== undefined)
        continue;
      if (
        pod.metadata.deletionTimestamp === undefined &&
        labelSelectorMatches(ds.spec.selector, pod.metadata.labels) &&
        ds.metadata.deletionTimestamp === undefined
      ) {
        out.push(`${key} left matching orphan ${pod.metadata.name} unadopted`);
      }
    }
  }
  return out;
}

/**
 * Violations of "no node runs two live pods of one DaemonSet" (live: neither terminating nor
 * terminal). Holds at every step for non-surge DaemonSets whose controller uses expectations.
 * With `outsideSurge`, two pods of different revisions on one node of a DaemonSet whose rolling
 * update has a maxSurge are allowed: that is the surge (the new pod beside the old one).
 */
export function duplicateDaemonPodViolations(
  view: ClusterView,
  options: { readonly outsideSurge?: boolean } = {},
): string[] {
  const out: string[] = [];
  const seen = new Map<string, Pod>();
  for (const pod of view.allPods()) {
    if (
      pod.metadata.deletionTimestamp !== undefined ||
      pod.status.phase === 'Failed' ||
      pod.status.phase === 'Succeeded'
    )
      continue;
    const owner = getControllerOf(pod.metadata);
    const node = getTargetNodeName(pod);
    if (owner?.kind !== 'DaemonSet' || node === undefined) continue;
    const slot = `${owner.uid}/${node}`;
    const other = seen.get(slot);
    if (other === undefined) seen.set(slot, pod);
    else if (options.outsideSurge !== true || !isSurgePair(view, pod, other))
      out.push(
        `${pod.metadata.namespace}/${owner.name}: node ${node} runs ${other.metadata.name} and ${pod.metadata.name}`,
      );
  }
  return out;
}

/** Whether two pods of one DaemonSet on one node are a surge: different revisions, and the DaemonSet's rolling update has a maxSurge. */
function isSurgePair(view: ClusterView, a: Pod, b: Pod): boolean {
  const hash = (p: Pod) => p.metadata.labels?.[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY];
  if (hash(a) === hash(b)) return false;
  const ds = view.getDaemonSet(`${a.metadata.namespace}/${getControllerOf(a.metadata)!.name}`);
  const strategy = ds?.spec.updateStrategy;
  if (strategy?.type !== 'RollingUpdate') return false;
  const surge = strategy.rollingUpdate?.maxSurge;
  return surge !== undefined && surge !== 0 && surge !== '0%';
}

/** Violations of "time never goes back" in a trace. */
export function timeViolations(trace: readonly TraceEntry[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < trace.length; i++) {
    if (trace[i]!.at < trace[i - 1]!.at)
      out.push(`trace entry ${i} at ${trace[i]!.at} comes after ${trace[i - 1]!.at}`);
  }
  return out;
}

/** Every invariant that holds once a simulation is quiet, as one list of violations. */
export function quiescentViolations(sim: Simulation): string[] {
  return [
    ...placementViolations(sim.view),
    ...statusArithmeticViolations(sim.view),
    ...convergedSyncViolations(sim.view, sim.now),
    ...orphanViolations(sim.view),
    ...timeViolations(sim.trace),
  ];
}
