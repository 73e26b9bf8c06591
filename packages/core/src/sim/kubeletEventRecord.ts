import type { InvolvedObject } from '../controllers/plan.js';
import type { KubeletEventReason } from '../controllers/kubelet/kubeletEventMessage.js';
import { kubeletEventMessage } from '../controllers/kubelet/kubeletEventMessage.js';
import type { KubeEvent } from '../model/objects.js';
import { SIM_EPOCH_MS, toTimestamp, type SimTime } from '../model/time.js';
import { uidFromCounter } from './serverContext.js';

/**
 * One container lifecycle event of the kubelet (Pulling, Pulled, Created, Started, Killing) in
 * the dozen fields that make it; {@link kubeletEventObject} builds the KubeEvent when one is read.
 * Why: a pod gets four of them as it starts, and as full KubeEvents (each with its own metadata,
 * name, key, UID, message and aggregation-cache key) they took about 850 bytes each, 3.4 kB a
 * pod; this record shares the pod's reference, node and container strings and keeps numbers.
 * Upstream counterpart: the `v1.Event` the kubelet's recorder posts (the fields are the same).
 */
export interface KubeletEventRecord {
  /** The pod, shared by the pod's records. */
  readonly involved: InvolvedObject;
  /** The node (the event's `source.host` and `reportingInstance`). */
  readonly host: string;
  readonly reason: KubeletEventReason;
  readonly container: string;
  readonly image: string;
  /** The pull's duration in the Pulled message; negative for "already present". */
  readonly pullMs: number;
  readonly first: SimTime;
  readonly last: SimTime;
  readonly count: number;
  /** The counter the event's UID is made from (`uidFromCounter`). */
  readonly uid: number;
  readonly resourceVersion: number;
  /** The recorder's counter in the event's name, as `recordEvent` names events. */
  readonly serial: number;
}

/** The name of the event a record stands for: `<pod>.<first time in hex><serial in hex>`, as `recordEvent` names events. */
export function kubeletEventName(r: KubeletEventRecord): string {
  return `${r.involved.name}.${(SIM_EPOCH_MS + r.first).toString(16)}${r.serial.toString(16).padStart(6, '0')}`;
}

const built = new WeakMap<KubeletEventRecord, KubeEvent>();

/**
 * The KubeEvent a record stands for, built once per record and kept while the record lives, so
 * a reader that caches by object identity (the API server's serialised JSON) sees one object.
 * Mirrors the event the kubelet's recorder posts: `source` {kubelet, node}, `involvedObject`
 * with the container's `fieldPath`, `reportingComponent` kubelet, `reportingInstance` the node.
 */
export function kubeletEventObject(r: KubeletEventRecord): KubeEvent {
  let event = built.get(r);
  if (event !== undefined) return event;
  const namespace = r.involved.namespace ?? 'default';
  event = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: kubeletEventName(r),
      namespace,
      uid: uidFromCounter(r.uid),
      resourceVersion: String(r.resourceVersion),
      creationTimestamp: toTimestamp(r.first),
    },
    involvedObject: {
      ...(r.involved as KubeEvent['involvedObject']),
      fieldPath: `spec.containers{${r.container}}`,
    },
    reason: r.reason,
    message: kubeletEventMessage(r.reason, r.container, r.image, r.pullMs),
    type: 'Normal',
    count: r.count,
    firstTimestamp: toTimestamp(r.first),
    lastTimestamp: toTimestamp(r.last),
    source: { component: 'kubelet', host: r.host },
    reportingComponent: 'kubelet',
    reportingInstance: r.host,
  };
  built.set(r, event);
  return event;
}
