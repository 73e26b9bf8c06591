import type { KubeletEventReason } from '../controllers/kubelet/kubeletEventMessage.js';
import { kubeletEventMessage } from '../controllers/kubelet/kubeletEventMessage.js';
import type { Pod } from '../model/objects.js';
import { objectKey } from '../model/objects.js';
import { emit } from './emit.js';
import type { KubeletEventRecord } from './kubeletEventRecord.js';
import { kubeletEventName, kubeletEventObject } from './kubeletEventRecord.js';
import { EVENT_TTL, KUBELET_EVENTS_EXPIRY, involvedOf } from './recordEvent.js';
import type { SimulationCore } from './simulationCore.js';

/** One kubelet container event to record: what {@link kubeletEventMessage} words. */
export interface KubeletEventInput {
  readonly reason: KubeletEventReason;
  readonly container: string;
  readonly image: string;
  /** The Pulled message's pull duration; negative for "already present on machine". @defaultValue -1 */
  readonly pullMs?: number;
}

/**
 * Records the kubelet's container events about `pod` in order, as compact records in the pod's
 * log (one store write for all of them); a repeat of the same reason and message about the same
 * pod raises that event's count and last time, as client-go's event correlator does.
 * Upstream counterpart: the kubelet's `recorder.Eventf` calls through `EventCorrelator`.
 * Deviation: aggregation of similar events ("combined from similar events") is not modelled.
 */
export function recordKubeletEvents(
  core: SimulationCore,
  pod: Pod,
  inputs: readonly KubeletEventInput[],
): void {
  if (inputs.length === 0) return;
  const podKey = objectKey(pod.metadata);
  const store = core.store;
  const old = store.kubeletEvents.get(podKey);
  const records: KubeletEventRecord[] = old === undefined ? [] : old.slice();
  const uid = pod.metadata.uid;
  const involved = records.find((r) => r.involved.uid === uid)?.involved ?? involvedOf(pod);
  const host = pod.spec.nodeName ?? '';
  for (const input of inputs) {
    const pullMs = input.pullMs ?? -1;
    const at = records.findIndex(
      (r) =>
        r.involved.uid === uid &&
        r.reason === input.reason &&
        r.container === input.container &&
        r.image === input.image &&
        r.pullMs === pullMs,
    );
    const previous = at < 0 ? undefined : records[at]!;
    const record: KubeletEventRecord =
      previous !== undefined
        ? {
            ...previous,
            last: core.clock,
            count: previous.count + 1,
            resourceVersion: ++core.resourceVersion,
          }
        : {
            involved,
            host,
            reason: input.reason,
            container: input.container,
            image: input.image,
            pullMs,
            first: core.clock,
            last: core.clock,
            count: 1,
            uid: ++core.uids,
            resourceVersion: ++core.resourceVersion,
            serial: core.eventCounter++ % 0x1000000,
          };
    if (at < 0) records.push(record);
    else records[at] = record;
    traceKubeletEvent(core, record);
    if (core.watchers.size > 0)
      emit(
        core,
        'Event',
        previous === undefined ? undefined : kubeletEventObject(previous),
        kubeletEventObject(record),
      );
  }
  // Stored as an exact-size copy: the pushes above left spare capacity that every pod would keep.
  store.putKubeletEvents(podKey, records.slice());
  // A pod's log has one place in the expiry columns, at its earliest record's expiry.
  if (old === undefined) {
    const expiry = core.eventExpiry;
    expiry.keys.push(podKey);
    expiry.at.push(core.clock + EVENT_TTL);
    expiry.cacheKeys.push(KUBELET_EVENTS_EXPIRY);
  }
}

function traceKubeletEvent(core: SimulationCore, r: KubeletEventRecord): void {
  if (!core.keepTrace && core.capture === undefined) return;
  const key = `${r.involved.namespace ?? 'default'}/${kubeletEventName(r)}`;
  const message = JSON.stringify(kubeletEventMessage(r.reason, r.container, r.image, r.pullMs));
  const count = r.count > 1 ? ` (x${r.count})` : '';
  core.recordWrite('record', 'Event', key, 'kubelet', `Normal ${r.reason}${count} ${message}`);
}

/**
 * The kubelet's `Killing` event (`Stopping container NAME`) for each running container of a pod
 * being deleted, when its node and kubelet are up. Mirrors the event `killContainer` records (pkg/kubelet/kuberuntime/kuberuntime_container.go).
 */
export function recordKillingEvents(core: SimulationCore, pod: Pod): void {
  const node = pod.spec.nodeName ?? '';
  if (core.kubeletDown.has(node) || core.store.getNode(node) === undefined) return;
  const running = new Set(
    (pod.status.containerStatuses ?? []).filter((s) => s.state?.running !== undefined).map((s) => s.name),
  );
  recordKubeletEvents(
    core,
    pod,
    pod.spec.containers
      .filter((c) => running.has(c.name))
      .map((c) => ({ reason: 'Killing' as const, container: c.name, image: c.image ?? '' })),
  );
}
