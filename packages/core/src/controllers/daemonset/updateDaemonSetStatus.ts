import type { DaemonSetStatus } from 'kubernetes-types/apps/v1.js';
import type { DaemonSet, Pod } from '../../model/objects.js';
import { becomesAvailableAt, isPodAvailable, isPodReady } from '../../model/podConditions.js';
import type { SimTime } from '../../model/time.js';
import type { ClusterView } from '../../sim/clusterView.js';
import type { Action } from '../plan.js';
import { getNodesToDaemonPods, podByCreationTimestampAndPhase } from './getNodesToDaemonPods.js';
import { isPodUpdated } from './isPodUpdated.js';
import { nodeShouldRunDaemonPod } from './nodeShouldRunDaemonPod.js';
import type { StatusCounts } from './nodeStatusFlags.js';
import { addNodeStatus, emptyStatusCounts, NodeStatusFlags } from './nodeStatusFlags.js';
import { getTemplateGeneration } from './createPodTemplate.js';

/** The status step's result: the ledger changes, the new counters and the status write. */
export interface StatusResult {
  /** New per-node flags; `undefined` removes the node from the ledger. */
  readonly ledger: ReadonlyMap<string, number | undefined>;
  /** Whether `ledger` replaces the whole ledger (a full pass). */
  readonly replaceLedger: boolean;
  readonly counts: StatusCounts;
  readonly actions: Action[];
  /** Revisit after this long: pods are ready but not yet available (minReadySeconds). */
  readonly requeueAfter: number | undefined;
  /** Per node looked at, when a pod there turns available by time alone (`undefined`: none will). */
  readonly availableAt: ReadonlyMap<string, SimTime | undefined>;
}

/** The ledger and availability changes of a pass that looked at no node; nothing writes to it. */
const NO_CHANGES: Map<string, never> = new Map<string, never>();

// The two ways a pass's status write lands on the stored object, shared (a pass allocates nothing for them).
const OBSERVED = { updateObservedGen: true } as const;
const COUNTERS_ONLY = { updateObservedGen: false } as const;

/** What the plan step grouped, for the status step to reuse on the nodes the pass did not write. */
export interface PlannedGrouping {
  readonly grouped: ReadonlyMap<string, readonly Pod[]>;
  /** Nodes whose pods the pass wrote (`''` for pods attributed to none). */
  readonly written: ReadonlySet<string>;
}

/**
 * Computes the DaemonSet's status from its pods on existing nodes, writing it only when it
 * changed, and asks for a revisit while ready pods wait out `minReadySeconds`.
 * Mirrors `updateDaemonSetStatus` and `storeDaemonSetStatus` (pkg/controller/daemon/daemon_controller.go).
 * Deviations: on an incremental pass only `nodeNames` are recounted and the rest comes from
 * the counters of earlier passes; with `planned`, the pods of nodes the pass did not write
 * come from the plan step's grouping instead of a second claim (upstream lists and claims
 * again). A property test checks both against the full count.
 */
export function updateDaemonSetStatus(
  view: ClusterView,
  key: string,
  hash: string,
  nodeNames: readonly string[] | undefined,
  updateObservedGen: boolean,
  now: SimTime,
  planned?: PlannedGrouping,
): StatusResult {
  const ds = view.getDaemonSet(key);
  if (ds === undefined)
    return {
      ledger: new Map(),
      replaceLedger: false,
      counts: emptyStatusCounts(),
      actions: [],
      requeueAfter: undefined,
      availableAt: new Map(),
    };
  const memory = view.daemonSetMemory(key);
  const full = nodeNames === undefined;
  const names = nodeNames ?? view.nodeNames();
  const nodeToDaemonPods = groupedForStatus(view, ds, names, planned);
  const minReadySeconds = ds.spec.minReadySeconds ?? 0;
  // A pass that looks at no node (a DaemonSet woken by its own status write, about a third of
  // node churn's passes) keeps the counters as they are: no copy, no maps.
  const none = names.length === 0;
  const availableAt: Map<string, SimTime | undefined> = none ? NO_CHANGES : new Map();
  const counts =
    full || memory.counts === undefined ? emptyStatusCounts() : none ? memory.counts : { ...memory.counts };
  const ledger: Map<string, number | undefined> = none ? NO_CHANGES : new Map();
  const generation = getTemplateGeneration(ds);
  for (const nodeName of names) {
    if (!full) {
      const previous = memory.ledger.get(nodeName);
      if (previous !== undefined) addNodeStatus(counts, previous, -1);
    }
    const node = view.getNode(nodeName);
    if (node === undefined) {
      ledger.set(nodeName, undefined);
      continue;
    }
    availableAt.set(nodeName, earliestAvailable(nodeToDaemonPods.get(nodeName), minReadySeconds, now));
    const flags = nodeFlags(
      ds,
      nodeShouldRunDaemonPod(node, ds).shouldRun,
      nodeToDaemonPods.get(nodeName),
      hash,
      generation,
      now,
    );
    addNodeStatus(counts, flags, 1);
    ledger.set(nodeName, flags);
  }
  const actions: Action[] = [];
  const status = ds.status;
  const unchanged =
    status.desiredNumberScheduled === counts.desiredNumberScheduled &&
    status.currentNumberScheduled === counts.currentNumberScheduled &&
    status.numberMisscheduled === counts.numberMisscheduled &&
    status.numberReady === counts.numberReady &&
    (status.updatedNumberScheduled ?? 0) === counts.updatedNumberScheduled &&
    (status.numberAvailable ?? 0) === counts.numberAvailable &&
    (status.numberUnavailable ?? 0) === counts.desiredNumberScheduled - counts.numberAvailable &&
    (status.observedGeneration ?? 0) >= ds.metadata.generation;
  if (!unchanged) {
    const next: DaemonSetStatus = {
      ...status,
      ...(updateObservedGen ? { observedGeneration: ds.metadata.generation } : {}),
      desiredNumberScheduled: counts.desiredNumberScheduled,
      currentNumberScheduled: counts.currentNumberScheduled,
      numberMisscheduled: counts.numberMisscheduled,
      numberReady: counts.numberReady,
      updatedNumberScheduled: counts.updatedNumberScheduled,
      numberAvailable: counts.numberAvailable,
      numberUnavailable: counts.desiredNumberScheduled - counts.numberAvailable,
    };
    actions.push({
      type: 'updateDaemonSetStatus',
      key,
      status: next,
      counters: updateObservedGen ? OBSERVED : COUNTERS_ONLY,
    });
  }
  const requeueAfter =
    minReadySeconds > 0 && counts.numberReady !== counts.numberAvailable ? minReadySeconds * 1000 : undefined;
  return { ledger, replaceLedger: full, counts, actions, requeueAfter, availableAt };
}

function groupedForStatus(
  view: ClusterView,
  ds: DaemonSet,
  names: readonly string[],
  planned: PlannedGrouping | undefined,
): ReadonlyMap<string, readonly Pod[]> {
  if (planned === undefined) return getNodesToDaemonPods(view, ds, names, false).nodeToDaemonPods;
  const again = names.filter((n) => planned.written.has(n));
  if (again.length === 0) return planned.grouped;
  const regrouped = getNodesToDaemonPods(view, ds, again, false).nodeToDaemonPods;
  const out = new Map(planned.grouped);
  for (const n of again) {
    const pods = regrouped.get(n);
    if (pods === undefined) out.delete(n);
    else out.set(n, pods);
  }
  return out;
}

function earliestAvailable(
  pods: readonly Pod[] | undefined,
  minReadySeconds: number,
  now: SimTime,
): SimTime | undefined {
  let at: SimTime | undefined;
  for (const pod of pods ?? []) {
    const t = becomesAvailableAt(pod, minReadySeconds, now);
    if (t !== undefined && (at === undefined || t < at)) at = t;
  }
  return at;
}

function nodeFlags(
  ds: DaemonSet,
  shouldRun: boolean,
  pods: readonly Pod[] | undefined,
  hash: string,
  generation: number | undefined,
  now: SimTime,
): number {
  const F = NodeStatusFlags;
  if (pods === undefined || pods.length === 0) return shouldRun ? F.shouldRun : 0;
  if (!shouldRun) return F.scheduled;
  let flags = F.shouldRun | F.scheduled;
  const pod = pods.length === 1 ? pods[0]! : [...pods].sort(podByCreationTimestampAndPhase)[0]!;
  if (isPodReady(pod)) {
    flags |= F.ready;
    if (isPodAvailable(pod, ds.spec.minReadySeconds ?? 0, now)) flags |= F.available;
  }
  if (isPodUpdated(pod, hash, generation)) flags |= F.updated;
  return flags;
}
