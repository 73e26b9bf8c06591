/**
 * Taint keys the node lifecycle controller, the kubelet and the cloud controller set.
 * Mirror the `TaintNode*` constants of k8s.io/api core/v1 well_known_taints.go.
 */

/** Node condition Ready is False. Mirrors `v1.TaintNodeNotReady`. */
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';

/** Node condition Ready is Unknown (the node stopped reporting). Mirrors `v1.TaintNodeUnreachable`. */
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';

/** The node is cordoned (`spec.unschedulable`). Mirrors `v1.TaintNodeUnschedulable`. */
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** Node condition MemoryPressure is True. Mirrors `v1.TaintNodeMemoryPressure`. */
export const TAINT_NODE_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';

/** Node condition DiskPressure is True. Mirrors `v1.TaintNodeDiskPressure`. */
export const TAINT_NODE_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';

/** Node condition PIDPressure is True. Mirrors `v1.TaintNodePIDPressure`. */
export const TAINT_NODE_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';

/** Node condition NetworkUnavailable is True. Mirrors `v1.TaintNodeNetworkUnavailable`. */
export const TAINT_NODE_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

/** Set by an operator on a node that is shut down for good. Mirrors `v1.TaintNodeOutOfService`. */
export const TAINT_NODE_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

/** The cloud provider has not initialised the node yet. Mirrors `cloudproviderapi.TaintExternalCloudProvider`. */
export const TAINT_EXTERNAL_CLOUD_PROVIDER = 'node.cloudprovider.kubernetes.io/uninitialized';
