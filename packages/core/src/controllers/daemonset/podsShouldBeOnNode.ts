import type { DaemonSet, Node, Pod } from '../../model/objects.js';
import { isPodAvailable, isPodReady } from '../../model/podConditions.js';
import type { SimTime } from '../../model/time.js';
import type { Action } from '../plan.js';
import { involvedObjectOf } from '../plan.js';
import { DAEMONSET_CONTROLLER_COMPONENT, DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY } from './constants.js';
import type { FailedPodsBackoffSettings } from './daemonSetControllerOptions.js';
import type { BackoffEntry } from './failedPodsBackoff.js';
import { failedPodsBackoffKey, isInBackOffSinceUpdate, nextBackoff } from './failedPodsBackoff.js';
import { podByCreationTimestampAndPhase } from './getNodesToDaemonPods.js';
import { nodeShouldRunDaemonPod } from './nodeShouldRunDaemonPod.js';
import { allowsSurge } from './surgeCount.js';

/** What one node needs: a new pod, pods deleted, events, and failed-pod backoff bookkeeping. */
export interface NodeDecision {
  readonly nodeNeedsDaemonPod: boolean;
  readonly podsToDelete: readonly Pod[];
  readonly events: readonly Action[];
  /** Backoff entries advanced in this pass, keyed by {@link failedPodsBackoffKey}. */
  readonly backoffUpdates: ReadonlyMap<string, BackoffEntry>;
  /** Set when a failed pod waits out its backoff: sync this node again after that long. */
  readonly requeueAfter: number | undefined;
}

const NOTHING: NodeDecision = {
  nodeNeedsDaemonPod: false,
  podsToDelete: [],
  events: [],
  backoffUpdates: new Map(),
  requeueAfter: undefined,
};
const NEEDS_POD: NodeDecision = { ...NOTHING, nodeNeedsDaemonPod: true };

/**
 * Decides what one node needs: create a daemon pod, delete failed, succeeded, duplicate or
 * misplaced pods, or nothing; with the per-node backoff for failed pods.
 * Mirrors `podsShouldBeOnNode` (pkg/controller/daemon/daemon_controller.go).
 * Deviation: returns pods rather than names, and backoff updates rather than mutating the
 * controller's `failedPodsBackoff`; `backoff` reads the entries as of this pass.
 */
export function podsShouldBeOnNode(
  node: Node,
  daemonPods: readonly Pod[] | undefined,
  ds: DaemonSet,
  hash: string,
  now: SimTime,
  backoff: ReadonlyMap<string, BackoffEntry>,
  backoffSettings?: FailedPodsBackoffSettings,
): NodeDecision {
  const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
  const exists = daemonPods !== undefined && daemonPods.length > 0;
  if (shouldRun && !exists) return NEEDS_POD;
  if (!exists) return NOTHING;
  if (!shouldContinueRunning) {
    return { ...NOTHING, podsToDelete: daemonPods.filter((p) => p.metadata.deletionTimestamp === undefined) };
  }
  const podsToDelete: Pod[] = [];
  const events: Action[] = [];
  const backoffUpdates = new Map<string, BackoffEntry>();
  let requeueAfter: number | undefined;
  const running: Pod[] = [];
  const namespace = ds.metadata.namespace;
  for (const pod of daemonPods) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    if (pod.status.phase === 'Failed') {
      // The DaemonSet often fights a kubelet that rejects its pods: back off per node.
      const key = failedPodsBackoffKey(ds, node.metadata.name);
      const entry = backoffUpdates.get(key) ?? backoff.get(key);
      if (isInBackOffSinceUpdate(entry, now, backoffSettings)) {
        requeueAfter = entry!.delay;
        continue;
      }
      backoffUpdates.set(key, nextBackoff(entry, now, backoffSettings));
      events.push(
        event(
          ds,
          'Warning',
          'FailedDaemonPod',
          `Found failed daemon pod ${namespace}/${pod.metadata.name} on node ${node.metadata.name}, will try to kill it`,
        ),
      );
      podsToDelete.push(pod);
      continue;
    }
    if (pod.status.phase === 'Succeeded') {
      events.push(
        event(
          ds,
          'Normal',
          'SucceededDaemonPod',
          `Found succeeded daemon pod ${namespace}/${pod.metadata.name} on node ${node.metadata.name}, will try to delete it`,
        ),
      );
      podsToDelete.push(pod);
      continue;
    }
    running.push(pod);
  }
  let nodeNeedsDaemonPod = false;
  if (!allowsSurge(ds)) {
    // Keep the oldest scheduled pod; a node left with none gets its pod on the next pass.
    if (running.length > 1) {
      running.sort(podByCreationTimestampAndPhase);
      for (let i = 1; i < running.length; i++) podsToDelete.push(running[i]!);
    }
  } else if (running.length <= 1) {
    nodeNeedsDaemonPod = running.length === 0 && shouldRun;
  } else {
    // With surge, an old and a new pod may overlap until the new one is available.
    running.sort(podByCreationTimestampAndPhase);
    let oldestNew: Pod | undefined;
    let oldestOld: Pod | undefined;
    for (const pod of running) {
      if (pod.metadata.labels?.[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY] === hash) {
        if (oldestNew === undefined) {
          oldestNew = pod;
          continue;
        }
      } else if (oldestOld === undefined) {
        oldestOld = pod;
        continue;
      }
      podsToDelete.push(pod);
    }
    if (oldestNew !== undefined && oldestOld !== undefined) {
      if (!isPodReady(oldestOld) || isPodAvailable(oldestNew, ds.spec.minReadySeconds ?? 0, now))
        podsToDelete.push(oldestOld);
    }
  }
  return { nodeNeedsDaemonPod, podsToDelete, events, backoffUpdates, requeueAfter };
}

function event(ds: DaemonSet, eventType: 'Normal' | 'Warning', reason: string, message: string): Action {
  return {
    type: 'recordEvent',
    involvedObject: involvedObjectOf(ds),
    eventType,
    reason,
    message,
    component: DAEMONSET_CONTROLLER_COMPONENT,
  };
}
