import { produce } from '../api/immer.js';
import {
  FINALIZER_FOREGROUND_DELETION,
  FINALIZER_ORPHAN,
} from '../controllers/garbagecollector/garbageCollect.js';
import { SimulationError } from '../errors.js';
import { toTimestamp } from '../model/time.js';
import { enqueueGarbageCollector } from './enqueueDaemonSet.js';
import type { PropagationPolicy } from './simEvent.js';
import type { SimulationCore } from './simulationCore.js';
import { removeDaemonSetObject, writeDaemonSet } from './writePath.js';

/** A user's DaemonSet delete: Background removes it now, Foreground and Orphan set a deletionTimestamp and a finalizer for the garbage collector. */
export function deleteDaemonSet(
  core: SimulationCore,
  namespace: string,
  name: string,
  policy: PropagationPolicy,
): void {
  const key = `${namespace}/${name}`;
  const ds = core.store.getDaemonSet(key);
  if (ds === undefined)
    throw new SimulationError('NotFound', `daemonsets.apps "${name}" not found`, { path: 'metadata.name' });
  // With finalizers of its own, a Background delete only marks the DaemonSet (the registry's
  // `BeforeDelete`); it goes when the last finalizer is removed.
  const pending = ds.metadata.finalizers ?? [];
  if (policy === 'Background' && pending.length === 0) {
    removeDaemonSetObject(core, ds, 'user');
    return;
  }
  if (ds.metadata.deletionTimestamp !== undefined) return;
  if (policy === 'Background') {
    const marked = produce(ds, (draft) => {
      draft.metadata.deletionTimestamp = toTimestamp(core.clock);
      draft.metadata.deletionGracePeriodSeconds = 0;
      draft.metadata.resourceVersion = core.context.nextResourceVersion();
    });
    writeDaemonSet(core, marked, 'update', 'user', `deletionTimestamp set, finalizers ${pending.join(',')}`);
    return;
  }
  const finalizer = policy === 'Foreground' ? FINALIZER_FOREGROUND_DELETION : FINALIZER_ORPHAN;
  // A user's request, not a hot path: the updated object comes from immer's `produce`.
  const updated = produce(ds, (draft) => {
    draft.metadata.deletionTimestamp = toTimestamp(core.clock);
    draft.metadata.deletionGracePeriodSeconds = 0;
    draft.metadata.finalizers = [...(ds.metadata.finalizers ?? []), finalizer];
    draft.metadata.resourceVersion = core.context.nextResourceVersion();
  });
  writeDaemonSet(core, updated, 'update', 'user', `deletionTimestamp set, finalizer ${finalizer}`);
  enqueueGarbageCollector(core, ds.metadata.uid);
}
