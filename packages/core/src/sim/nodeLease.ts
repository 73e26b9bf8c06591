import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Node } from '../model/objects.js';
import type { SimTime } from '../model/time.js';
import { parseTimestamp, SIM_EPOCH_MS } from '../model/time.js';

/** The namespace that holds the node heartbeat Leases. */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** The kubelet's `nodeLeaseDurationSeconds` (40 s); it renews every quarter of that (10 s). */
export const NODE_LEASE_DURATION_SECONDS = 40;

/** A node's heartbeat Lease (coordination.k8s.io/v1), as it reads at one moment. */
export interface NodeLease extends Lease {
  apiVersion: 'coordination.k8s.io/v1';
  kind: 'Lease';
  metadata: ObjectMeta & {
    name: string;
    namespace: string;
    uid: string;
    resourceVersion: string;
    creationTimestamp: string;
  };
}

function microTime(at: SimTime): string {
  return new Date(SIM_EPOCH_MS + at).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * The Lease the node's kubelet keeps in `kube-node-lease`, computed from the node and its
 * heartbeat state rather than stored: `renewTime` is the last 10-second renewal since the node
 * registered, up to now or, while the kubelet is down, up to when it stopped.
 * Mirrors the kubelet's node lease controller (component-helpers/apimachinery/lease,
 * `renewInterval = leaseDuration / 4`).
 * Deviations: renewals are not writes (no watch events, no trace entries), so the Lease's
 * resourceVersion is the node's and its uid is derived from the node's; renewals stay on the
 * grid from registration after a kubelet comes back.
 */
export function nodeLease(node: Node, now: SimTime, heartbeatsStoppedAt: SimTime | undefined): NodeLease {
  const created = parseTimestamp(node.metadata.creationTimestamp);
  const interval = (NODE_LEASE_DURATION_SECONDS / 4) * 1000;
  const until = Math.max(created, heartbeatsStoppedAt ?? now);
  const renew = created + Math.floor((until - created) / interval) * interval;
  const name = node.metadata.name;
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name,
      namespace: NODE_LEASE_NAMESPACE,
      uid: `${node.metadata.uid.slice(0, 14)}5${node.metadata.uid.slice(15)}`,
      resourceVersion: node.metadata.resourceVersion,
      creationTimestamp: node.metadata.creationTimestamp,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid }],
    },
    spec: {
      holderIdentity: name,
      leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS,
      renewTime: microTime(renew),
    },
  };
}
