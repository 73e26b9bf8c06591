import type { InvolvedObject } from '../controllers/plan.js';
import type { KubeEvent, Pod } from '../model/objects.js';
import { SECOND, SIM_EPOCH_MS, parseTimestamp, toTimestamp } from '../model/time.js';
import { emit, emitDeleted } from './emit.js';
import type { KubeletEventRecord } from './kubeletEventRecord.js';
import { kubeletEventObject } from './kubeletEventRecord.js';
import type { SimulationCore } from './simulationCore.js';

/**
 * Records a KubeEvent, merging a repeat of the same object, type, reason, message and
 * source into one event with a higher count, as client-go's event correlator does.
 * Deviation: the "(combined from similar events)" aggregation and the spam filter are not modelled.
 */
export function recordEvent(
  core: SimulationCore,
  involved: InvolvedObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  component: string,
): void {
  const cacheKey = eventCacheKey(involved, type, reason, message, component);
  const timestamp = toTimestamp(core.clock);
  const existingKey = core.eventCache.get(cacheKey);
  const existing = existingKey === undefined ? undefined : core.store.kubeEvents.get(existingKey);
  if (existing !== undefined) {
    const updated: KubeEvent = {
      ...existing,
      count: existing.count + 1,
      lastTimestamp: timestamp,
      metadata: { ...existing.metadata, resourceVersion: core.context.nextResourceVersion() },
    };
    core.store.putEvent(updated);
    core.recordWrite(
      'record',
      'Event',
      existingKey!,
      component,
      () => `${type} ${reason} (x${updated.count}) ${JSON.stringify(message)}`,
    );
    emit(core, 'Event', existing, updated);
    return;
  }
  const namespace = involved.namespace ?? 'default';
  // Upstream names an event `<object>.<UnixNano in hex>`; here the milliseconds in hex and a
  // six-digit hex counter stand in for the nanoseconds, unique and deterministic.
  const name = `${involved.name}.${(SIM_EPOCH_MS + core.clock).toString(16)}${(core.eventCounter++ % 0x1000000).toString(16).padStart(6, '0')}`;
  const event: KubeEvent = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name,
      namespace,
      uid: core.context.nextUid(),
      resourceVersion: core.context.nextResourceVersion(),
      creationTimestamp: timestamp,
    },
    // Events are immutable: the reference and the source are shared, not copied per event.
    involvedObject: involved as KubeEvent['involvedObject'],
    reason,
    message,
    type,
    count: 1,
    firstTimestamp: timestamp,
    lastTimestamp: timestamp,
    source: sourceOf(component),
    reportingComponent: component,
    reportingInstance: '',
  };
  const key = `${namespace}/${name}`;
  core.store.putEvent(event);
  core.eventCache.set(cacheKey, key);
  const expiry = core.eventExpiry;
  expiry.keys.push(key);
  expiry.at.push(core.clock + EVENT_TTL);
  expiry.cacheKeys.push(cacheKey);
  core.recordWrite('record', 'Event', key, component, () => `${type} ${reason} ${JSON.stringify(message)}`);
  emit(core, 'Event', undefined, event);
}

/**
 * Drops KubeEvents not seen for an hour, as the API server's `--event-ttl` (default 1h) does;
 * swept in bulk on PodGC's period, off the per-event path: the sweep walks the due prefix of
 * the expiry columns, a repeated event goes back in line at its new expiry, and the aggregation
 * key comes from the column instead of being rebuilt. Not traced: it is storage upkeep.
 */
export function expireEvents(core: SimulationCore): void {
  const expiry = core.eventExpiry;
  const { keys, at, cacheKeys } = expiry;
  let head = expiry.head;
  while (head < keys.length && at[head]! <= core.clock) {
    const key = keys[head]!;
    const cacheKey = cacheKeys[head]!;
    head++;
    if (cacheKey === KUBELET_EVENTS_EXPIRY) {
      expireKubeletEvents(core, key);
      continue;
    }
    const event = core.store.kubeEvents.get(key);
    if (event === undefined) continue;
    const lastSeen = parseTimestamp(event.lastTimestamp);
    if (lastSeen + EVENT_TTL > core.clock) {
      keys.push(key);
      at.push(lastSeen + EVENT_TTL);
      cacheKeys.push(cacheKey);
      continue;
    }
    core.store.removeEvent(key);
    core.eventCache.delete(cacheKey);
    emit(core, 'Event', event, undefined);
  }
  if (head > 1024 && head * 2 > keys.length) {
    const dropped = [keys.splice(0, head), at.splice(0, head), cacheKeys.splice(0, head)] as const;
    // Taken back with a failed event: the columns get their prefix again (the caller restores the lengths).
    if (core.journal.active)
      core.journal.onRollback(() => {
        restorePrefix(keys, dropped[0]);
        restorePrefix(at, dropped[1]);
        restorePrefix(cacheKeys, dropped[2]);
      });
    head = 0;
  }
  expiry.head = head;
}

function restorePrefix<T>(column: T[], prefix: readonly T[]): void {
  const all = prefix.concat(column);
  column.length = 0;
  for (const v of all) column.push(v);
}

/** How long a KubeEvent lives after it was last seen (kube-apiserver `--event-ttl`). */
export const EVENT_TTL = 60 * 60 * SECOND;

/** The aggregation-cache column's mark for a pod's kubelet event log (the key column holds the pod key). */
export const KUBELET_EVENTS_EXPIRY = '';

/**
 * Drops a pod's kubelet events not seen for an hour (the API server's `--event-ttl`), each with
 * its DELETED watch event; the rest go back in line at the earliest expiry among them.
 * Upstream counterpart: etcd's lease on each Event.
 */
export function expireKubeletEvents(core: SimulationCore, podKey: string): void {
  const store = core.store;
  const records = store.kubeletEvents.get(podKey);
  if (records === undefined) return;
  const kept = records.filter((r) => r.last + EVENT_TTL > core.clock);
  // Each expired record is a watched delete; its KubeEvent is built only for a listener, since
  // building one per record was most of PodGC's period at 5,000 nodes (the bench's day).
  for (const r of records)
    if (r.last + EVENT_TTL <= core.clock) emitDeleted(core, 'Event', () => kubeletEventObject(r));
  if (kept.length === records.length) return requeue(core, podKey, kept);
  if (kept.length === 0) return store.removeKubeletEvents(podKey);
  store.putKubeletEvents(podKey, kept);
  requeue(core, podKey, kept);
}

function requeue(core: SimulationCore, podKey: string, kept: readonly KubeletEventRecord[]): void {
  let earliest = Infinity;
  for (const r of kept) earliest = Math.min(earliest, r.last);
  const expiry = core.eventExpiry;
  expiry.keys.push(podKey);
  expiry.at.push(earliest + EVENT_TTL);
  expiry.cacheKeys.push(KUBELET_EVENTS_EXPIRY);
}

// Mirrors `getEventKey` (client-go tools/record/events_cache.go): the container's fieldPath is part of it.
function eventCacheKey(
  involved: { readonly uid?: string; readonly fieldPath?: string },
  type: string,
  reason: string,
  message: string,
  component: string,
): string {
  const part = involved.fieldPath === undefined ? '' : `\u0000${involved.fieldPath}`;
  return `${involved.uid ?? ''}${part}\u0000${type}\u0000${reason}\u0000${message}\u0000${component}`;
}

/** The `involvedObject` of an event about `pod`. */
export function involvedOf(pod: Pod): InvolvedObject {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    name: pod.metadata.name,
    namespace: pod.metadata.namespace,
    uid: pod.metadata.uid,
  };
}

/**
 * The `involvedObject` of a kubelet event about one container of `pod`: the pod with the
 * container's `fieldPath`. Mirrors `kubecontainer.GenerateContainerRef` (pkg/kubelet/container/ref.go).
 */
export function containerInvolvedOf(pod: Pod, container: string): InvolvedObject {
  return { ...involvedOf(pod), fieldPath: `spec.containers{${container}}` };
}

const sources = new Map<string, { readonly component: string }>();

/** One shared `source` object per component, since every event of a component carries the same one. */
function sourceOf(component: string): { component: string } {
  let source = sources.get(component);
  if (source === undefined) {
    source = { component };
    sources.set(component, source);
  }
  return source as { component: string };
}
