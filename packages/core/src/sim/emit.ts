import type { StoredKind, StoredObject } from './simEvent.js';
import type { SimulationCore } from './simulationCore.js';
import type { WatchEvent } from './watchEvent.js';

/**
 * Reports a write to `watch` listeners; a deletion takes a fresh resourceVersion (etcd's
 * revision of the delete), drawn whether or not anyone listens so numbering never depends on it.
 */
export function emit(
  core: SimulationCore,
  kind: StoredKind,
  old: StoredObject | undefined,
  obj: StoredObject | undefined,
): void {
  if (obj === undefined && old !== undefined) {
    const rv = core.context.nextResourceVersion();
    if (core.watchers.size === 0) return;
    const deleted = { ...old, metadata: { ...old.metadata, resourceVersion: rv } } as StoredObject;
    return tell(core, { kind, type: 'DELETED', object: deleted });
  }
  if (core.watchers.size === 0 || obj === undefined) return;
  tell(core, { kind, type: old === undefined ? 'ADDED' : 'MODIFIED', object: obj });
}

/**
 * {@link emit} of a deletion whose object is built only when someone listens: the resourceVersion
 * is drawn either way, so numbering never depends on listeners.
 */
export function emitDeleted(core: SimulationCore, kind: StoredKind, old: () => StoredObject): void {
  if (core.watchers.size === 0) {
    core.context.nextResourceVersion();
    return;
  }
  emit(core, kind, old(), undefined);
}

/** Hands a watch event to the listeners, or, inside an event that may still be taken back, keeps it for the commit. */
function tell(core: SimulationCore, event: WatchEvent): void {
  if (core.journal.active) core.pendingWatch.push(event);
  else for (const watcher of core.watchers) watcher(event);
}
