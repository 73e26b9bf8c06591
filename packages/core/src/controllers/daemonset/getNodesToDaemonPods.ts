import { getTargetNodeName } from '../../model/nodeAffinity.js';
import type { DaemonSet, Pod } from '../../model/objects.js';
import type { ClusterView } from '../../sim/clusterView.js';
import type { Action } from '../plan.js';
import { claimPod } from './claimPod.js';

/** The DaemonSet's pods grouped by node, and the adopt/release patches claiming them needs. */
export interface NodesToDaemonPods {
  readonly nodeToDaemonPods: Map<string, Pod[]>;
  readonly actions: Action[];
}

/**
 * Claims the DaemonSet's pods and groups them by the node they are bound to or target.
 * Mirrors `getNodesToDaemonPods` and `getDaemonPods` (pkg/controller/daemon/daemon_controller.go).
 * `nodeNames` limits the pass to those nodes (plus pods attributed to no node, which are only
 * ever claimed): that is the incremental pass; `undefined` is upstream's full list.
 * Terminal pods that are already terminating are left out unless `includeDeletedTerminal`.
 * Deviation: upstream lists every pod of the namespace and claims each; here only the pods this
 * DaemonSet controls and the orphans it could adopt are read (the owner index), which claims the
 * same pods. On a node that holds orphans every pod is visited, in the node's order, so adopt
 * and release patches come in the order a visit of the whole namespace gives.
 */
export function getNodesToDaemonPods(
  view: ClusterView,
  ds: DaemonSet,
  nodeNames: readonly string[] | undefined,
  includeDeletedTerminal: boolean,
): NodesToDaemonPods {
  const nodeToDaemonPods = new Map<string, Pod[]>();
  const actions: Action[] = [];
  const uid = ds.metadata.uid;
  // Plain loops rather than closures: this runs on every pass, and a closure per call was
  // garbage (and, under tsx, a `__name` call) on each of them.
  for (const nodeName of nodeNames ?? candidateNodeNames(view, uid))
    visitNode(view, ds, nodeName, includeDeletedTerminal, nodeToDaemonPods, actions);
  visitNode(view, ds, '', includeDeletedTerminal, nodeToDaemonPods, actions);
  for (const list of nodeToDaemonPods.values()) if (list.length > 1) list.sort(byName);
  return { nodeToDaemonPods, actions };
}

/** Claims the pods attributed to `nodeName` into `out`: the owner's, or all of the node's when it holds an orphan. */
function visitNode(
  view: ClusterView,
  ds: DaemonSet,
  nodeName: string,
  includeDeletedTerminal: boolean,
  out: Map<string, Pod[]>,
  actions: Action[],
): void {
  const pods = view.hasPodsOfOwnerOnNode('', nodeName)
    ? view.podsOnNode(nodeName)
    : view.podsOfOwnerOnNode(ds.metadata.uid, nodeName);
  const namespace = ds.metadata.namespace;
  for (const pod of pods) {
    if (pod.metadata.namespace !== namespace) continue;
    const { owned, action } = claimPod(ds, pod);
    if (action !== undefined) actions.push(action);
    if (owned === undefined) continue;
    const phase = owned.status.phase;
    if (
      !includeDeletedTerminal &&
      (phase === 'Succeeded' || phase === 'Failed') &&
      owned.metadata.deletionTimestamp !== undefined
    )
      continue;
    const target = getTargetNodeName(owned);
    if (target === undefined) continue;
    const list = out.get(target);
    if (list === undefined) out.set(target, [owned]);
    else list.push(owned);
  }
}

/** Nodes holding a pod the owner controls or an orphan it could adopt, sorted. */
function candidateNodeNames(view: ClusterView, uid: string): readonly string[] {
  const owned = view.nodeNamesOfOwner(uid);
  const orphaned = view.nodeNamesOfOwner('');
  if (orphaned.length === 0) return owned;
  return [...new Set([...owned, ...orphaned])].sort();
}

function byName(a: Pod, b: Pod): number {
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/**
 * Orders daemon pods scheduled-first, then oldest, then by name: the pod kept among duplicates
 * and the one status reports on. Mirrors `podByCreationTimestampAndPhase.Less`.
 */
export function podByCreationTimestampAndPhase(a: Pod, b: Pod): number {
  const aBound = a.spec.nodeName !== undefined && a.spec.nodeName !== '';
  const bBound = b.spec.nodeName !== undefined && b.spec.nodeName !== '';
  if (aBound !== bBound) return aBound ? -1 : 1;
  const at = a.metadata.creationTimestamp;
  const bt = b.metadata.creationTimestamp;
  if (at === bt) return byName(a, b);
  return at < bt ? -1 : 1;
}
