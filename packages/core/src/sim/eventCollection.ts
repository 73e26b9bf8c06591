import type { KubeEvent } from '../model/objects.js';
import type { KubeletEventRecord } from './kubeletEventRecord.js';
import { kubeletEventName, kubeletEventObject } from './kubeletEventRecord.js';

/**
 * Every KubeEvent of a snapshot as one read-only map keyed `namespace/name`: the events stored
 * whole, then the kubelet's compact records (by pod key) built into KubeEvents as they are read.
 * Upstream counterpart: the API server's `events` collection; the split is storage only.
 */
export class EventCollection implements ReadonlyMap<string, KubeEvent> {
  private count: number | undefined;

  constructor(
    readonly whole: ReadonlyMap<string, KubeEvent>,
    readonly kubelet: ReadonlyMap<string, readonly KubeletEventRecord[]>,
  ) {}

  get size(): number {
    if (this.count === undefined) {
      let n = this.whole.size;
      for (const records of this.kubelet.values()) n += records.length;
      this.count = n;
    }
    return this.count;
  }

  get(key: string): KubeEvent | undefined {
    const event = this.whole.get(key);
    if (event !== undefined) return event;
    // A kubelet event's name is its pod's name, a dot and a suffix without dots.
    const dot = key.lastIndexOf('.');
    if (dot < 0) return undefined;
    const records = this.kubelet.get(key.slice(0, dot));
    if (records === undefined) return undefined;
    const name = key.slice(key.indexOf('/') + 1);
    for (const r of records) if (kubeletEventName(r) === name) return kubeletEventObject(r);
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  forEach(
    callback: (value: KubeEvent, key: string, map: ReadonlyMap<string, KubeEvent>) => void,
    thisArg?: unknown,
  ): void {
    for (const [k, v] of this.entries()) callback.call(thisArg, v, k, this);
  }

  *entries(): MapIterator<[string, KubeEvent]> {
    yield* this.whole.entries();
    for (const records of this.kubelet.values())
      for (const r of records) {
        const event = kubeletEventObject(r);
        yield [`${event.metadata.namespace}/${event.metadata.name}`, event];
      }
  }

  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<KubeEvent> {
    yield* this.whole.values();
    yield* kubeletEventValues(this.kubelet.values());
  }

  [Symbol.iterator](): MapIterator<[string, KubeEvent]> {
    return this.entries();
  }
}

/** The KubeEvents of the kubelet's records, pod by pod. */
export function* kubeletEventValues(
  logs: Iterable<readonly KubeletEventRecord[]>,
): Generator<KubeEvent, void, unknown> {
  for (const records of logs) for (const r of records) yield kubeletEventObject(r);
}
