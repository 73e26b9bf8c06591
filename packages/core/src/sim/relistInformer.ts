import type { Queued } from './eventQueue.js';
import type { ClusterStore } from './clusterStore.js';
import { enqueueDaemonSet } from './enqueueDaemonSet.js';
import { deliver } from './handlers.js';
import type { SimEvent, WatchedKind, WatchedObject } from './simEvent.js';
import type { SimulationCore } from './simulationCore.js';
import { traceWatch } from './watchFaults.js';

/** What a relist showed the handlers of one kind: the keys added, updated and deleted, each sorted. */
export interface RelistDifferences {
  readonly added: readonly string[];
  readonly updated: readonly string[];
  readonly deleted: readonly string[];
}

/**
 * Takes the watch events in flight to the controllers' cache off the queue (those of `kind`
 * only, when given), in delivery order. A relist either delivers them at once (a fresh restart)
 * or drops them, the LIST having superseded what they carry.
 */
export function takeInFlightDeliveries(
  core: SimulationCore,
  kind?: WatchedKind,
): readonly Extract<SimEvent, { type: 'WatchDelivered' }>[] {
  const inFlight = core.queue
    .removeWhere((e) => e.item.type === 'WatchDelivered' && (kind === undefined || e.item.kind === kind))
    .sort((a: Queued<SimEvent>, b: Queued<SimEvent>) => a.at - b.at || a.seq - b.seq);
  core.busyEvents -= inFlight.length;
  return inFlight.map((e) => e.item as Extract<SimEvent, { type: 'WatchDelivered' }>);
}

/**
 * An informer's relist of `kind`: the controllers' cache is made equal to the API server's store
 * for that kind, and the handlers see each difference, in key order, the listed objects first:
 * an object only in the store as added, one whose resourceVersion changed as updated (only its
 * latest state, the intermediate ones coalesced away), then one only in the cache as deleted.
 * An unchanged DaemonSet is handed to the update handler all the same, which queues it.
 * Mirrors `DeltaFIFO.Replace` (staging/src/k8s.io/client-go/tools/cache/delta_fifo.go) feeding
 * `sharedIndexInformer.HandleDeltas`: a `Replaced` delta per listed object (`OnAdd` or
 * `OnUpdate`), a `Deleted` one with a `DeletedFinalStateUnknown` tombstone per cached object
 * the list lacks. Deviations: an unchanged pod, node or revision is not handed to its update
 * handler, whose upstream counterpart returns at once on an equal resourceVersion or node; an
 * object re-created under the same key (another uid) is shown as the old one's delete, then the
 * new one's add, as upstream's `updateDaemonset` turns a uid change into `deleteDaemonset` and
 * the garbage collector's graph tells owners by uid.
 */
export function relistInformer(core: SimulationCore, kind: WatchedKind): RelistDifferences {
  const stored = collection(core.store, kind);
  const cached = collection(core.cache, kind);
  const added: string[] = [];
  const updated: string[] = [];
  const unchanged: string[] = [];
  const recreated = new Set<string>();
  for (const key of [...stored.keys()].sort()) {
    const old = cached.get(key);
    const now = stored.get(key)!;
    if (old === undefined) added.push(key);
    else if (old.metadata.resourceVersion === now.metadata.resourceVersion) unchanged.push(key);
    else {
      updated.push(key);
      if (old.metadata.uid !== now.metadata.uid) recreated.add(key);
    }
  }
  const deleted = [...cached.keys()].filter((key) => !stored.has(key)).sort();
  const listed = [...added, ...updated].sort();
  for (const key of listed) {
    // Another object under the same key: its handlers see the old one's delete first.
    if (recreated.has(key)) deliver(core, kind, key, undefined);
    deliver(core, kind, key, stored.get(key));
  }
  if (kind === 'DaemonSet') for (const key of unchanged) enqueueDaemonSet(core, key, []);
  for (const key of deleted) deliver(core, kind, key, undefined);
  return { added, updated, deleted };
}

/** The reads of a store's collection a relist makes. */
interface Listed {
  get(key: string): WatchedObject | undefined;
  has(key: string): boolean;
  keys(): IterableIterator<string>;
}

function collection(store: ClusterStore, kind: WatchedKind): Listed {
  switch (kind) {
    case 'Node':
      return store.nodes;
    case 'Pod':
      return store.pods;
    case 'DaemonSet':
      return store.daemonSets;
    case 'ControllerRevision':
      return store.revisions;
  }
}

/**
 * An `InformerRelist` of `kind`: the watch events of that kind still in flight are dropped (the
 * LIST supersedes them), the cache is made equal to the API server's for the kind and the
 * handlers see the differences ({@link relistInformer}), traced `WatchRelisted` with the keys
 * added, updated and deleted; the watch works again. Mirrors `Reflector.ListAndWatch` after a
 * watch that ended: `list` then `syncWith` (`DeltaFIFO.Replace`), then a new watch from the
 * list's resourceVersion. Deviation: a break rule still enabled for its window keeps dropping.
 */
export function runInformerRelist(core: SimulationCore, kind: WatchedKind): void {
  const wf = core.watchFaults;
  if (wf === undefined) return;
  wf.relistDue.delete(kind);
  wf.broken.delete(kind);
  wf.firstDropped.delete(kind);
  wf.lastDelayed.delete(kind);
  const superseded = takeInFlightDeliveries(core, kind).length;
  const { added, updated, deleted } = relistInformer(core, kind);
  const list = (label: string, keys: readonly string[]): string =>
    keys.length === 0 ? '' : ` ${label}=${keys.join(',')}`;
  traceWatch(
    core,
    'WatchRelisted',
    `${kind}${list('added', added)}${list('updated', updated)}${list('deleted', deleted)}${superseded > 0 ? ` superseded=${superseded}` : ''}`,
  );
}

/**
 * After a fresh restart of the controllers (see `restartDaemonSetController`): new informers
 * list every kind, which heals what broken watches dropped, and their queued relists are gone.
 */
export function relistAfterRestart(core: SimulationCore): void {
  const wf = core.watchFaults;
  if (wf === undefined) return;
  core.busyEvents -= core.queue.removeWhere((e) => e.item.type === 'InformerRelist').length;
  wf.relistDue.clear();
  wf.broken.clear();
  wf.firstDropped.clear();
  for (const kind of ['Node', 'Pod', 'DaemonSet', 'ControllerRevision'] as const) relistInformer(core, kind);
}
