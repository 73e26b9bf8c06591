import { jsonEqual } from '../api/jsonEqual.js';
import type { Draft, Patch } from '../api/immer.js';
import { produceWithPatches } from '../api/immer.js';
import type { ClusterSnapshot } from './clusterStore.js';
import type { StoredKind, StoredObject } from './simEvent.js';

/** One object that differs between two snapshots, with immer patches from its old form to its new one. */
export interface ObjectChange {
  readonly kind: StoredKind;
  /** `namespace/name`, or the name of a cluster-scoped object. */
  readonly key: string;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /**
   * For MODIFIED, the JSON-patch-like immer patches (`op`, `path`, `value`) that turn the old
   * object into the new one, field by field; for ADDED and DELETED, one patch replacing the
   * whole object (`path: []`, the new object or `undefined`).
   */
  readonly patches: readonly Patch[];
}

const COLLECTIONS: readonly (readonly [keyof ClusterSnapshot, StoredKind])[] = [
  ['namespaces', 'Namespace'],
  ['nodes', 'Node'],
  ['daemonSets', 'DaemonSet'],
  ['controllerRevisions', 'ControllerRevision'],
  ['pods', 'Pod'],
  ['events', 'Event'],
];

/**
 * What changed between two snapshots ("between step 120 and step 180"): every object added,
 * deleted or modified, by kind (namespaces, nodes, DaemonSets, revisions, pods, events) and
 * key, sorted; a modified object's change comes as immer patches computed with
 * `produceWithPatches`, so `applyPatches(old, patches)` gives the new object.
 * Cost: O(n) lookups over both snapshots plus the size of what changed; objects the two
 * snapshots share by reference (structural sharing) are skipped without a look inside.
 * Upstream has no counterpart: it is what a watch from resourceVersion a to b would report,
 * squashed to one change per object.
 */
export function diffSnapshots(a: ClusterSnapshot, b: ClusterSnapshot): readonly ObjectChange[] {
  const out: ObjectChange[] = [];
  for (const [field, kind] of COLLECTIONS) {
    const before = a[field] as ReadonlyMap<string, StoredObject>;
    const after = b[field] as ReadonlyMap<string, StoredObject>;
    const changes: ObjectChange[] = [];
    for (const [key, old] of before) {
      const next = after.get(key);
      if (next === undefined)
        changes.push({
          kind,
          key,
          type: 'DELETED',
          patches: [{ op: 'replace', path: [], value: undefined }],
        });
      else if (next !== old) {
        const patches = objectPatches(old, next);
        if (patches.length > 0) changes.push({ kind, key, type: 'MODIFIED', patches });
      }
    }
    for (const [key, next] of after)
      if (!before.has(key))
        changes.push({ kind, key, type: 'ADDED', patches: [{ op: 'replace', path: [], value: next }] });
    changes.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    out.push(...changes);
  }
  return out;
}

/**
 * The immer patches from `old` to `next`: a draft of `old` gets only the fields that differ
 * assigned from `next`, recursing into objects and equal-length arrays, so each patch names
 * the deepest field that changed (`['status', 'conditions', 2, 'status']`) instead of the object.
 */
export function objectPatches<T extends object>(old: T, next: T): readonly Patch[] {
  const [, patches] = produceWithPatches(old, (draft) => {
    assignChanged(
      draft as Record<string, unknown>,
      old as Record<string, unknown>,
      next as Record<string, unknown>,
    );
  });
  return patches;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function assignChanged(
  draft: Draft<Record<string, unknown>>,
  base: Record<string, unknown>,
  next: Record<string, unknown>,
): void {
  for (const k of Object.keys(base)) if (base[k] !== undefined && next[k] === undefined) delete draft[k];
  for (const k of Object.keys(next)) {
    const from = base[k];
    const to = next[k];
    if (to === undefined || from === to || jsonEqual(from, to)) continue;
    const bothRecords = isRecord(from) && isRecord(to);
    const sameLengthArrays = Array.isArray(from) && Array.isArray(to) && from.length === to.length;
    if (bothRecords || sameLengthArrays)
      assignChanged(
        draft[k] as Draft<Record<string, unknown>>,
        from as Record<string, unknown>,
        to as Record<string, unknown>,
      );
    else draft[k] = to;
  }
}
