import type { ControllerRevision, DaemonSet, Pod } from '../../model/objects.js';
import { produce } from '../../api/immer.js';
import type { ClusterView } from '../../sim/clusterView.js';
import type { Action } from '../plan.js';

/** Finalizer the API server adds for `propagationPolicy: Foreground`. */
export const FINALIZER_FOREGROUND_DELETION = 'foregroundDeletion';
/** Finalizer the API server adds for `propagationPolicy: Orphan`. */
export const FINALIZER_ORPHAN = 'orphan';

type Dependent =
  | { readonly kind: 'Pod'; readonly obj: Pod }
  | { readonly kind: 'ControllerRevision'; readonly obj: ControllerRevision };

function lookupDependents(view: ClusterView, uid: string): Dependent[] {
  const out: Dependent[] = [];
  for (const ref of view.dependentsOf(uid)) {
    const colon = ref.indexOf(':');
    const kind = ref.slice(0, colon);
    const key = ref.slice(colon + 1);
    if (kind === 'Pod') {
      const pod = view.getPod(key);
      if (pod !== undefined) out.push({ kind: 'Pod', obj: pod });
    } else if (kind === 'ControllerRevision') {
      const rev = view.getRevision(key);
      if (rev !== undefined) out.push({ kind: 'ControllerRevision', obj: rev });
    }
  }
  return out;
}

function findOwner(view: ClusterView, uid: string): DaemonSet | undefined {
  for (const key of view.daemonSetKeys()) {
    const ds = view.getDaemonSet(key);
    if (ds?.metadata.uid === uid) return ds;
  }
  return undefined;
}

function deleteDependent(d: Dependent): Action {
  const key = `${d.obj.metadata.namespace}/${d.obj.metadata.name}`;
  return d.kind === 'Pod'
    ? { type: 'deletePod', key, uid: d.obj.metadata.uid }
    : { type: 'deleteRevision', key, uid: d.obj.metadata.uid };
}

/** The dependent without its reference to `uid`, built with immer's `produce` (a cold path: orphaning runs once per owner delete). */
function withoutOwner<T extends Pod | ControllerRevision>(obj: T, uid: string): T {
  return produce(obj as Pod | ControllerRevision, (draft) => {
    draft.metadata.ownerReferences = (draft.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
  }) as T;
}

/**
 * The garbage collector's work for one owner UID: with the owner gone, delete the dependents
 * whose only owner it was (background); with `foregroundDeletion`, delete them and remove the
 * owner once no blocking dependent is left; with `orphan`, strip the owner references from the
 * dependents, then remove the owner.
 * Mirrors `attemptToDeleteItem`, `processDeletingDependentsItem` and `orphanDependents`
 * (pkg/controller/garbagecollector/garbagecollector.go).
 * Deviations: owners are DaemonSets and dependents are pods and ControllerRevisions, which is
 * all this simulator creates; the dependency graph is the store's owner index, not a
 * separately built graph, so there is no informer lag between them.
 */
export function garbageCollect(view: ClusterView, ownerUid: string): Action[] {
  const owner = findOwner(view, ownerUid);
  const dependents = lookupDependents(view, ownerUid);
  const actions: Action[] = [];
  if (owner === undefined) {
    for (const d of dependents) {
      if (d.obj.metadata.deletionTimestamp !== undefined) continue;
      // Another owner that still exists keeps the dependent alive.
      const otherOwners = (d.obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
      if (otherOwners.some((r) => findOwner(view, r.uid) !== undefined)) {
        actions.push(
          d.kind === 'Pod'
            ? {
                type: 'updatePod',
                pod: withoutOwner(d.obj, ownerUid),
                reason: 'remove dangling owner reference',
              }
            : {
                type: 'updateRevision',
                revision: withoutOwner(d.obj, ownerUid),
                reason: 'remove dangling owner reference',
              },
        );
        continue;
      }
      actions.push(deleteDependent(d));
    }
    return actions;
  }
  if (owner.metadata.deletionTimestamp === undefined) return actions;
  const finalizers = owner.metadata.finalizers ?? [];
  const ownerKey = `${owner.metadata.namespace}/${owner.metadata.name}`;
  if (finalizers.includes(FINALIZER_ORPHAN)) {
    for (const d of dependents) {
      actions.push(
        d.kind === 'Pod'
          ? { type: 'updatePod', pod: withoutOwner(d.obj, ownerUid), reason: 'orphan' }
          : { type: 'updateRevision', revision: withoutOwner(d.obj, ownerUid), reason: 'orphan' },
      );
    }
    actions.push(removeFinalizer(owner, FINALIZER_ORPHAN, ownerKey));
    return actions;
  }
  if (finalizers.includes(FINALIZER_FOREGROUND_DELETION)) {
    let blocking = 0;
    for (const d of dependents) {
      const blocks = (d.obj.metadata.ownerReferences ?? []).some(
        (r) => r.uid === ownerUid && r.blockOwnerDeletion === true,
      );
      if (blocks) blocking++;
      if (d.obj.metadata.deletionTimestamp === undefined) actions.push(deleteDependent(d));
    }
    if (blocking === 0) actions.push(removeFinalizer(owner, FINALIZER_FOREGROUND_DELETION, ownerKey));
  }
  return actions;
}

function removeFinalizer(owner: DaemonSet, finalizer: string, key: string): Action {
  const finalizers = (owner.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  if (finalizers.length === 0) return { type: 'removeDaemonSet', key, uid: owner.metadata.uid };
  return {
    type: 'updateDaemonSet',
    daemonSet: produce(owner, (draft) => {
      draft.metadata.finalizers = finalizers;
    }),
    reason: `remove finalizer ${finalizer}`,
  };
}
