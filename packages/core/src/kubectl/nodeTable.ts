import type { Node } from '../model/objects.js';
import type { SimTime } from '../model/time.js';
import { translateTimestampSince } from './humanDuration.js';
import {
  AGE_COLUMN,
  NAME_COLUMN,
  column,
  makeTable,
  partialObjectMetadata,
  type Table,
  type TableColumnDefinition,
} from './table.js';

const ADDRESSES_DESCRIPTION =
  "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/concepts/nodes/node/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).";

/**
 * The columns of `kubectl get nodes`.
 * Mirrors `nodeColumnDefinitions` in `AddHandlers` (pkg/printers/internalversion/printers.go).
 * Deviation: field descriptions are the core/v1 OpenAPI texts of kubernetes-types 1.30.
 */
export const NODE_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Status', 'string', 'The status of the node'),
  column('Roles', 'string', 'The roles of the node'),
  AGE_COLUMN,
  column('Version', 'string', 'Kubelet Version reported by the node.'),
  column('Internal-IP', 'string', ADDRESSES_DESCRIPTION, 1),
  column('External-IP', 'string', ADDRESSES_DESCRIPTION, 1),
  column(
    'OS-Image',
    'string',
    'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
    1,
  ),
  column(
    'Kernel-Version',
    'string',
    "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
    1,
  ),
  column(
    'Container-Runtime',
    'string',
    'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
    1,
  ),
];

const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_LABEL_ROLE = 'kubernetes.io/role';

/**
 * Builds the server-side table of `kubectl get nodes`, wide cells included.
 * Mirrors `printNode`/`printNodeList` (pkg/printers/internalversion/printers.go) with `Wide: true`:
 * STATUS is `Ready`/`NotReady` from the Ready condition (`Unknown` without one) plus
 * `,SchedulingDisabled` when cordoned; ROLES from role labels or `<none>`.
 */
export function nodeTable(nodes: readonly Node[], now: SimTime): Table {
  return makeTable(
    NODE_COLUMNS,
    nodes.map((node) => {
      const info = node.status.nodeInfo;
      const roles = findNodeRoles(node).join(',');
      return {
        cells: [
          node.metadata.name,
          nodeStatus(node),
          roles === '' ? '<none>' : roles,
          translateTimestampSince(node.metadata.creationTimestamp, now),
          info?.kubeletVersion ?? '',
          nodeAddress(node, 'InternalIP'),
          nodeAddress(node, 'ExternalIP'),
          unknownIfEmpty(info?.osImage),
          unknownIfEmpty(info?.kernelVersion),
          unknownIfEmpty(info?.containerRuntimeVersion),
        ],
        object: partialObjectMetadata(node.metadata),
      };
    }),
  );
}

/**
 * The STATUS column of a node: `Ready`, `NotReady` or `Unknown`, then `SchedulingDisabled` if unschedulable.
 * Mirrors the status part of `printNode` (pkg/printers/internalversion/printers.go); a Ready
 * condition whose status is `Unknown` shows `NotReady`, as upstream.
 */
export function nodeStatus(node: Node): string {
  const status: string[] = [];
  // Upstream keeps the last condition per type (a map), then looks at Ready only.
  const ready = (node.status.conditions ?? []).filter((c) => c.type === 'Ready').at(-1);
  if (ready !== undefined) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec.unschedulable === true) status.push('SchedulingDisabled');
  return status.join(',');
}

/**
 * The node's roles: suffixes of `node-role.kubernetes.io/<role>` labels and the value of
 * `kubernetes.io/role`, deduplicated and sorted.
 * Mirrors `findNodeRoles` (pkg/printers/internalversion/printers.go).
 */
export function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = key.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role.length > 0) roles.add(role);
    } else if (key === NODE_LABEL_ROLE && value !== '') {
      roles.add(value);
    }
  }
  return [...roles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function nodeAddress(node: Node, type: 'InternalIP' | 'ExternalIP'): string {
  return (node.status.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
}

function unknownIfEmpty(value: string | undefined): string {
  return value === undefined || value === '' ? '<unknown>' : value;
}
