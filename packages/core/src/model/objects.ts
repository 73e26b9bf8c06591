import type * as apps from 'kubernetes-types/apps/v1.js';
import type * as core from 'kubernetes-types/core/v1.js';
import type * as meta from 'kubernetes-types/meta/v1.js';

/**
 * The object metadata every stored object has once the simulated API server accepted it.
 * Mirrors `metav1.ObjectMeta`, with the fields the server always sets made required; every
 * type here extends its `kubernetes-types` counterpart, so stored objects type-check as both.
 */
export interface StoredObjectMeta extends meta.ObjectMeta {
  name: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
}

/** Metadata of a namespaced stored object. */
export interface NamespacedObjectMeta extends StoredObjectMeta {
  namespace: string;
}

/** A stored core/v1 Node. */
export interface Node extends core.Node {
  apiVersion: 'v1';
  kind: 'Node';
  metadata: StoredObjectMeta;
  spec: core.NodeSpec;
  status: core.NodeStatus;
}

/** A stored core/v1 Pod. */
export interface Pod extends core.Pod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: NamespacedObjectMeta;
  spec: core.PodSpec;
  status: core.PodStatus;
}

/** The update strategy after apps/v1 defaulting: `type` is always set. */
export interface DefaultedDaemonSetUpdateStrategy extends apps.DaemonSetUpdateStrategy {
  type: 'RollingUpdate' | 'OnDelete';
}

/** A DaemonSet spec after apps/v1 defaulting (`SetDefaults_DaemonSet`). */
export interface DefaultedDaemonSetSpec extends apps.DaemonSetSpec {
  updateStrategy: DefaultedDaemonSetUpdateStrategy;
  revisionHistoryLimit: number;
}

/** A stored apps/v1 DaemonSet: defaulted, with generation and status. */
export interface DaemonSet extends apps.DaemonSet {
  apiVersion: 'apps/v1';
  kind: 'DaemonSet';
  metadata: NamespacedObjectMeta & { generation: number };
  spec: DefaultedDaemonSetSpec;
  status: apps.DaemonSetStatus;
}

/** A stored apps/v1 ControllerRevision: one snapshot of a DaemonSet's pod template. */
export interface ControllerRevision extends apps.ControllerRevision {
  apiVersion: 'apps/v1';
  kind: 'ControllerRevision';
  metadata: NamespacedObjectMeta;
  revision: number;
}

/** A stored core/v1 Namespace. */
export interface Namespace extends core.Namespace {
  apiVersion: 'v1';
  kind: 'Namespace';
  metadata: StoredObjectMeta;
}

/**
 * A recorded Kubernetes Event (core/v1 `Event`), named KubeEvent so it is never confused
 * with the simulator's own events. Mirrors client-go's event recorder output.
 */
export interface KubeEvent extends core.Event {
  apiVersion: 'v1';
  kind: 'Event';
  metadata: NamespacedObjectMeta;
  involvedObject: core.ObjectReference & { kind: string; name: string; namespace?: string; uid: string };
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  count: number;
  firstTimestamp: string;
  lastTimestamp: string;
  source: core.EventSource;
}

/** Every kind the simulated cluster stores. */
export type KubeObject = Node | Pod | DaemonSet | ControllerRevision | Namespace | KubeEvent;

/** The kind names the simulator stores. */
export type KindName = KubeObject['kind'];

/** `namespace/name` for namespaced objects, `name` for cluster-scoped ones: the informer cache key. */
export function objectKey(metadata: {
  readonly namespace?: string | undefined;
  readonly name: string;
}): string {
  return metadata.namespace === undefined || metadata.namespace === ''
    ? metadata.name
    : `${metadata.namespace}/${metadata.name}`;
}
