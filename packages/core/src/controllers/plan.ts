import type { DaemonSetStatus } from 'kubernetes-types/apps/v1.js';
import type { PodSpec, PodStatus } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { ControllerRevision, DaemonSet, Node, Pod } from '../model/objects.js';

/** Metadata of an object a controller asks to create: the server fills in name (from generateName), uid, resourceVersion and creationTimestamp. */
export interface NewObjectMeta extends ObjectMeta {
  namespace: string;
}

/** A pod a controller asks the API server to create. */
export interface NewPod {
  readonly metadata: NewObjectMeta;
  readonly spec: PodSpec;
  readonly status?: PodStatus;
}

/** A ControllerRevision a controller asks the API server to create. */
export interface NewControllerRevision {
  readonly metadata: NewObjectMeta & { name: string };
  readonly data: unknown;
  readonly revision: number;
}

/** A reference to the object a recorded KubeEvent is about. */
export interface InvolvedObject {
  readonly kind: string;
  readonly apiVersion: string;
  readonly name: string;
  readonly namespace?: string;
  readonly uid: string;
  readonly resourceVersion?: string;
  /** The part of the object the event is about, such as `spec.containers{agent}`. */
  readonly fieldPath?: string;
}

/** Who records the KubeEvent of a pod-control call: the owner and the source component. */
export interface EventRecorder {
  readonly involvedObject: InvolvedObject;
  readonly component: string;
}

/**
 * One write a controller wants done: the API calls of upstream's clients (pod control, history
 * client, status updates, event recorder), as data. Only the simulator performs them.
 */
export type Action =
  /** `recordedBy` records `SuccessfulCreate` with the generated name, as upstream's pod control does. */
  | {
      readonly type: 'createPod';
      readonly pod: NewPod;
      readonly nodeName: string;
      readonly recordedBy?: EventRecorder;
    }
  /** Graceful delete; the server removes unbound or terminal pods at once. `force` is grace period 0. */
  | {
      readonly type: 'deletePod';
      readonly key: string;
      readonly uid: string;
      readonly force?: boolean;
      /** Records `SuccessfulDelete` on this object, as upstream's pod control does. */
      readonly recordedBy?: EventRecorder;
    }
  /** A whole-object update (patches become updates); the resourceVersion is the precondition. */
  | { readonly type: 'updatePod'; readonly pod: Pod; readonly reason: string }
  | { readonly type: 'bindPod'; readonly key: string; readonly uid: string; readonly nodeName: string }
  | { readonly type: 'createRevision'; readonly revision: NewControllerRevision }
  | { readonly type: 'updateRevision'; readonly revision: ControllerRevision; readonly reason: string }
  | { readonly type: 'deleteRevision'; readonly key: string; readonly uid: string }
  /**
   * The status a pass computed from its cache. With `counters`, upstream's `storeDaemonSetStatus`:
   * only the counters, and observedGeneration when `updateObservedGen`, land on the stored
   * status; without, the whole status is written (the collision count's bump).
   */
  | {
      readonly type: 'updateDaemonSetStatus';
      readonly key: string;
      readonly status: DaemonSetStatus;
      readonly counters?: { readonly updateObservedGen: boolean };
    }
  | { readonly type: 'updateDaemonSet'; readonly daemonSet: DaemonSet; readonly reason: string }
  /** Removes an object whose finalizers are all gone (the garbage collector's last step). */
  | { readonly type: 'removeDaemonSet'; readonly key: string; readonly uid: string }
  | { readonly type: 'updateNode'; readonly node: Node; readonly reason: string }
  | {
      readonly type: 'recordEvent';
      readonly involvedObject: InvolvedObject;
      readonly eventType: 'Normal' | 'Warning';
      readonly reason: string;
      readonly message: string;
      readonly component: string;
    };

/** Builds the reference a KubeEvent uses for a stored object. */
export function involvedObjectOf(obj: {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly uid: string;
    readonly resourceVersion?: string;
  };
}): InvolvedObject {
  return {
    kind: obj.kind,
    apiVersion: obj.apiVersion,
    name: obj.metadata.name,
    ...(obj.metadata.namespace === undefined ? {} : { namespace: obj.metadata.namespace }),
    uid: obj.metadata.uid,
    ...(obj.metadata.resourceVersion === undefined ? {} : { resourceVersion: obj.metadata.resourceVersion }),
  };
}
