import { canonicalJson } from '../../api/canonicalJson.js';
import { computeHash } from '../../api/computeHash.js';
import { labelSelectorMatches } from '../../model/labelSelector.js';
import type { ControllerRevision, DaemonSet, Pod } from '../../model/objects.js';
import { objectKey } from '../../model/objects.js';
import { getControllerOf, newControllerRef } from '../../model/ownerReferences.js';
import type { ClusterView } from '../../sim/clusterView.js';
import type { Action, NewControllerRevision } from '../plan.js';
import { DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY } from './constants.js';

/** The outcome of building history: the current revision's hash, the old revisions, and writes. */
export interface HistoryResult {
  /** Hash of the current revision: the `controller-revision-hash` new pods get. */
  readonly hash: string;
  /** Revision number the current revision has (or gets). */
  readonly currentRevision: number;
  readonly old: readonly ControllerRevision[];
  readonly actions: Action[];
  /** Set when the pass must stop and retry (a hash collision was found and counted). */
  readonly retry: boolean;
}

const patchCache = new WeakMap<object, string>();

/**
 * The ControllerRevision data of a DaemonSet: its template as a strategic-merge patch that
 * replaces the whole template. Mirrors `getPatch` (pkg/controller/daemon/update.go).
 * Deviation: stored as data and compared as canonical JSON (sorted keys) rather than bytes
 * of Go's encoder; equal templates still give equal data.
 */
export function getPatch(ds: DaemonSet): { spec: { template: unknown } } {
  return { spec: { template: { ...ds.spec.template, $patch: 'replace' } } };
}

function canonical(obj: object, make: () => unknown): string {
  let s = patchCache.get(obj);
  if (s === undefined) {
    s = canonicalJson(make());
    patchCache.set(obj, s);
  }
  return s;
}

/**
 * Whether a revision holds exactly the DaemonSet's current template.
 * Mirrors `Match` (pkg/controller/daemon/update.go).
 */
export function match(ds: DaemonSet, history: ControllerRevision): boolean {
  return canonical(ds.spec.template, () => getPatch(ds)) === canonical(history, () => history.data);
}

/**
 * Claims the DaemonSet's ControllerRevisions, finds or creates the current one, removes
 * duplicates and bumps a re-used revision to the newest number (which is what a rollback does).
 * Mirrors `constructHistory`, `controlledHistories`, `dedupCurHistories` and `snapshot`
 * (pkg/controller/daemon/update.go).
 * Deviations: writes are planned, so a created revision is reported by its computed hash; a
 * history that needed no write is reused while nothing it was built from changed (see
 * `steadyHistories`), where upstream lists the revisions again on every sync.
 */
export function constructHistory(view: ClusterView, ds: DaemonSet): HistoryResult {
  const steady = steadyHistories.get(ds.spec);
  if (
    steady !== undefined &&
    steady.view === view &&
    steady.revisionsVersion === view.revisionsVersion() &&
    steady.uid === ds.metadata.uid &&
    steady.collisionCount === ds.status.collisionCount &&
    ds.metadata.deletionTimestamp === undefined
  )
    return { ...steady.result, actions: [] };
  const result = buildHistory(view, ds);
  if (result.actions.length === 0 && !result.retry && ds.metadata.deletionTimestamp === undefined)
    steadyHistories.set(ds.spec, {
      view,
      revisionsVersion: view.revisionsVersion(),
      uid: ds.metadata.uid,
      collisionCount: ds.status.collisionCount,
      result,
    });
  return result;
}

/**
 * The last history built for a DaemonSet spec that wrote nothing, with what it was built from.
 * Every pass of a DaemonSet builds its history first, and upstream lists, claims, sorts and
 * matches every revision of the namespace each time: about 3 % of node churn's CPU and 1.2 KB
 * of its 10 KB of garbage per event, for a result that only changes when a revision is
 * written, the template (the spec object; a status write keeps it) or the collision count
 * changes, or the DaemonSet is replaced (its uid). A build that has writes to make (adopt,
 * release, create, relabel, dedup) is never kept: the next pass builds again after them.
 * Keyed by the spec object, so a DaemonSet that is gone takes its entry with it.
 */
const steadyHistories = new WeakMap<
  object,
  {
    readonly view: ClusterView;
    readonly revisionsVersion: number;
    readonly uid: string;
    readonly collisionCount: number | undefined;
    readonly result: HistoryResult;
  }
>();

function buildHistory(view: ClusterView, ds: DaemonSet): HistoryResult {
  const actions: Action[] = [];
  const histories = controlledHistories(view, ds, actions);
  const current: ControllerRevision[] = [];
  const old: ControllerRevision[] = [];
  for (let history of histories) {
    if (history.metadata.labels?.[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY] === undefined) {
      // Legacy revisions get their own name as hash, so no collision can arise.
      history = {
        ...history,
        metadata: {
          ...history.metadata,
          labels: { ...history.metadata.labels, [DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY]: history.metadata.name },
        },
      };
      actions.push({ type: 'updateRevision', revision: history, reason: 'add hash label' });
    }
    (match(ds, history) ? current : old).push(history);
  }
  const currRevision = maxRevision(old) + 1;
  if (current.length === 0) {
    const hash = computeHash(ds.spec.template, ds.status.collisionCount);
    const name = `${ds.metadata.name}-${hash}`;
    const existing = view.getRevision(`${ds.metadata.namespace}/${name}`);
    if (existing !== undefined) {
      // Another controller's revision seen in the cache may already be gone from storage (its
      // owner was deleted): then upstream's Create decides, and so does the API server here.
      const ours = (getControllerOf(existing.metadata)?.uid ?? ds.metadata.uid) === ds.metadata.uid;
      const matches = match(ds, existing);
      if (matches && ours) return { hash, currentRevision: existing.revision, old, actions, retry: false };
      if (!matches) {
        // A different template hashed to the same name: count the collision and retry.
        actions.push({
          type: 'updateDaemonSetStatus',
          key: `${ds.metadata.namespace}/${ds.metadata.name}`,
          status: { ...ds.status, collisionCount: (ds.status.collisionCount ?? 0) + 1 },
        });
        return { hash, currentRevision: currRevision, old, actions, retry: true };
      }
    }
    const revision: NewControllerRevision = {
      metadata: {
        name,
        namespace: ds.metadata.namespace,
        labels: { ...ds.spec.template.metadata?.labels, [DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY]: hash },
        ...(ds.metadata.annotations === undefined ? {} : { annotations: ds.metadata.annotations }),
        ownerReferences: [newControllerRef(ds)],
      },
      data: getPatch(ds),
      revision: currRevision,
    };
    actions.push({ type: 'createRevision', revision });
    return { hash, currentRevision: currRevision, old, actions, retry: false };
  }
  const cur = dedupCurHistories(view, ds, current, actions);
  if (cur.revision < currRevision) {
    actions.push({
      type: 'updateRevision',
      revision: { ...cur, revision: currRevision },
      reason: 'bump revision',
    });
  }
  return {
    hash: cur.metadata.labels![DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY]!,
    currentRevision: Math.max(cur.revision, currRevision),
    old,
    actions,
    retry: false,
  };
}

/**
 * The ControllerRevisions a DaemonSet controls, with the adoptions and releases claiming them
 * would write, read without writing anything. Mirrors `controlledHistories`
 * (pkg/controller/daemon/update.go) over `ClaimControllerRevisions`.
 * Deviation: the adopt and release patches are returned as actions (and the adopted revisions
 * as they would be after them) instead of being sent.
 */
export function readControlledHistories(
  view: ClusterView,
  ds: DaemonSet,
): { readonly histories: readonly ControllerRevision[]; readonly actions: readonly Action[] } {
  const actions: Action[] = [];
  const histories = controlledHistories(view, ds, actions);
  return { histories, actions };
}

function controlledHistories(view: ClusterView, ds: DaemonSet, actions: Action[]): ControllerRevision[] {
  const out: ControllerRevision[] = [];
  for (const rev of view.revisionsInNamespace(ds.metadata.namespace)) {
    const ref = getControllerOf(rev.metadata);
    const matches = labelSelectorMatches(ds.spec.selector, rev.metadata.labels);
    if (ref !== undefined) {
      if (ref.uid !== ds.metadata.uid) continue;
      if (matches) out.push(rev);
      else if (ds.metadata.deletionTimestamp === undefined) {
        const released = {
          ...rev,
          metadata: {
            ...rev.metadata,
            ownerReferences: (rev.metadata.ownerReferences ?? []).filter((r) => r.uid !== ds.metadata.uid),
          },
        };
        actions.push({ type: 'updateRevision', revision: released, reason: 'release' });
      }
      continue;
    }
    if (
      !matches ||
      ds.metadata.deletionTimestamp !== undefined ||
      rev.metadata.deletionTimestamp !== undefined
    )
      continue;
    const adopted = {
      ...rev,
      metadata: {
        ...rev.metadata,
        ownerReferences: [...(rev.metadata.ownerReferences ?? []), newControllerRef(ds)],
      },
    };
    actions.push({ type: 'updateRevision', revision: adopted, reason: 'adopt' });
    out.push(adopted);
  }
  return out;
}

function dedupCurHistories(
  view: ClusterView,
  ds: DaemonSet,
  current: readonly ControllerRevision[],
  actions: Action[],
): ControllerRevision {
  if (current.length === 1) return current[0]!;
  let keep = current[0]!;
  for (const h of current) if (h.revision >= keep.revision) keep = h;
  const keepHash = keep.metadata.labels![DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY]!;
  // Upstream relabels every owned pod whose hash differs before deleting the duplicates.
  for (const pod of ownedPodsByKey(view, ds.metadata.uid)) {
    if (pod.metadata.namespace !== ds.metadata.namespace) continue;
    if (!labelSelectorMatches(ds.spec.selector, pod.metadata.labels)) continue;
    if (pod.metadata.labels?.[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY] === keepHash) continue;
    actions.push({
      type: 'updatePod',
      pod: {
        ...pod,
        metadata: {
          ...pod.metadata,
          labels: { ...pod.metadata.labels, [DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY]: keepHash },
        },
      },
      reason: 'relabel to deduplicated revision',
    });
  }
  for (const h of current) {
    if (h === keep) continue;
    actions.push({
      type: 'deleteRevision',
      key: `${h.metadata.namespace}/${h.metadata.name}`,
      uid: h.metadata.uid,
    });
  }
  return keep;
}

/** The pods `uid` controls, in key order, read from the owner index rather than every pod. */
function ownedPodsByKey(view: ClusterView, uid: string): Pod[] {
  const pods: Pod[] = [];
  for (const nodeName of [...view.nodeNamesOfOwner(uid), ''])
    for (const pod of view.podsOfOwnerOnNode(uid, nodeName)) pods.push(pod);
  const keyed = pods.map((p) => [objectKey(p.metadata), p] as const);
  keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return keyed.map(([, p]) => p);
}

function maxRevision(histories: readonly ControllerRevision[]): number {
  let max = 0;
  for (const h of histories) if (h.revision > max) max = h.revision;
  return max;
}

/**
 * Deletes the oldest non-current revisions beyond `revisionHistoryLimit`, sparing any whose
 * hash a live pod of the DaemonSet still carries.
 * Mirrors `cleanupHistory` (pkg/controller/daemon/update.go).
 * `liveHashes` are the hash labels of the DaemonSet's pods, terminal ones included.
 */
export function cleanupHistory(
  ds: DaemonSet,
  old: readonly ControllerRevision[],
  liveHashes: ReadonlySet<string>,
): Action[] {
  const toKill = old.length - ds.spec.revisionHistoryLimit;
  if (toKill <= 0) return [];
  const sorted = [...old].sort(
    (a, b) => a.revision - b.revision || (a.metadata.name < b.metadata.name ? -1 : 1),
  );
  const actions: Action[] = [];
  for (const h of sorted) {
    if (actions.length >= toKill) break;
    const hash = h.metadata.labels?.[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY];
    if (hash !== undefined && liveHashes.has(hash)) continue;
    actions.push({
      type: 'deleteRevision',
      key: `${h.metadata.namespace}/${h.metadata.name}`,
      uid: h.metadata.uid,
    });
  }
  return actions;
}
