import type { ClusterSnapshot, SimTime, Simulation, StoredKind, Table } from '@daemonsim/core';
import {
  controllerRevisionTable,
  daemonSetTable,
  eventTable,
  leaseTable,
  namespaceTable,
  NODE_LEASE_NAMESPACE,
  nodeTable,
  podTable,
} from '@daemonsim/core';
import { reportedNode, reportedNodes } from './reportedNodes.js';

/** The resources the simulated API server serves. */
export type ResourceName =
  'pods' | 'nodes' | 'namespaces' | 'events' | 'daemonsets' | 'controllerrevisions' | 'leases';

/** The API groups served: core (`''`), `apps` and `coordination.k8s.io`. */
export type ApiGroup = '' | 'apps' | 'coordination.k8s.io';

/**
 * One served resource: where it lives, how to list it from a snapshot and print it as a Table.
 * Mirrors an `APIResource` of discovery plus the REST storage's `TableConvertor`.
 */
export interface ResourceDef {
  readonly name: ResourceName;
  readonly singularName: string;
  readonly kind: string;
  readonly group: ApiGroup;
  readonly version: 'v1';
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly verbs: readonly string[];
  /** The kind `Simulation.watch` reports for it, if any. */
  readonly watched?: StoredKind;
  /** Field labels `fieldSelector` accepts. */
  readonly fields: readonly string[];
  /** The objects in a snapshot, sorted by key; computed kinds (Leases) need the live `simulation`, and are empty without it. */
  readonly list: (snapshot: ClusterSnapshot, simulation?: Simulation) => readonly unknown[];
  /** The objects in a snapshot keyed `namespace/name` (`name` when cluster-scoped), in no particular order. */
  readonly objects: (snapshot: ClusterSnapshot, simulation?: Simulation) => ReadonlyMap<string, unknown>;
  /** One object by key, without listing; undefined when there is none. */
  readonly lookup: (snapshot: ClusterSnapshot, key: string, simulation?: Simulation) => unknown;
  readonly table: (objects: readonly unknown[], now: SimTime) => Table;
}

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const META_FIELDS = ['metadata.name', 'metadata.namespace'];

function sorted<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map.keys()].sort().map((k) => map.get(k)!);
}

/** Every resource served, keyed by its plural name. */
export const RESOURCES: ReadonlyMap<ResourceName, ResourceDef> = new Map<ResourceName, ResourceDef>([
  [
    'pods',
    {
      name: 'pods',
      singularName: 'pod',
      kind: 'Pod',
      group: '',
      version: 'v1',
      namespaced: true,
      shortNames: ['po'],
      verbs: WRITE,
      watched: 'Pod',
      fields: [
        ...META_FIELDS,
        'spec.nodeName',
        'status.phase',
        'spec.schedulerName',
        'spec.serviceAccountName',
        'status.podIP',
        'spec.restartPolicy',
      ],
      list: (s) => sorted(s.pods),
      objects: (s) => s.pods,
      lookup: (s, key) => s.pods.get(key),
      table: (o, now) => podTable(o as never, now),
    },
  ],
  [
    'nodes',
    {
      name: 'nodes',
      singularName: 'node',
      kind: 'Node',
      group: '',
      version: 'v1',
      namespaced: false,
      shortNames: ['no'],
      verbs: WRITE,
      watched: 'Node',
      fields: [...META_FIELDS, 'spec.unschedulable'],
      // Heartbeats as the kubelet's latest status report left them (reportedNodes).
      list: (s, simulation) => sorted(reportedNodes(s.nodes, simulation)),
      objects: (s, simulation) => reportedNodes(s.nodes, simulation),
      lookup: (s, key, simulation) => {
        const node = s.nodes.get(key);
        return node === undefined ? undefined : reportedNode(node, simulation);
      },
      table: (o, now) => nodeTable(o as never, now),
    },
  ],
  [
    'namespaces',
    {
      name: 'namespaces',
      singularName: 'namespace',
      kind: 'Namespace',
      group: '',
      version: 'v1',
      namespaced: false,
      shortNames: ['ns'],
      verbs: ['create', 'get', 'list', 'watch'],
      watched: 'Namespace',
      fields: [...META_FIELDS, 'status.phase'],
      list: (s) => sorted(s.namespaces),
      objects: (s) => s.namespaces,
      lookup: (s, key) => s.namespaces.get(key),
      table: (o, now) => namespaceTable(o as never, now),
    },
  ],
  [
    'events',
    {
      name: 'events',
      singularName: 'event',
      kind: 'Event',
      group: '',
      version: 'v1',
      namespaced: true,
      shortNames: ['ev'],
      verbs: READ,
      watched: 'Event',
      fields: [
        ...META_FIELDS,
        'involvedObject.kind',
        'involvedObject.namespace',
        'involvedObject.name',
        'involvedObject.uid',
        'involvedObject.apiVersion',
        'involvedObject.resourceVersion',
        'involvedObject.fieldPath',
        'reason',
        'reportingComponent',
        'source',
        'type',
      ],
      list: (s) => sorted(s.events),
      objects: (s) => s.events,
      lookup: (s, key) => s.events.get(key),
      table: (o, now) => eventTable(o as never, now),
    },
  ],
  [
    'daemonsets',
    {
      name: 'daemonsets',
      singularName: 'daemonset',
      kind: 'DaemonSet',
      group: 'apps',
      version: 'v1',
      namespaced: true,
      shortNames: ['ds'],
      verbs: WRITE,
      watched: 'DaemonSet',
      fields: META_FIELDS,
      list: (s) => sorted(s.daemonSets),
      objects: (s) => s.daemonSets,
      lookup: (s, key) => s.daemonSets.get(key),
      table: (o, now) => daemonSetTable(o as never, now),
    },
  ],
  [
    'controllerrevisions',
    {
      name: 'controllerrevisions',
      singularName: 'controllerrevision',
      kind: 'ControllerRevision',
      group: 'apps',
      version: 'v1',
      namespaced: true,
      shortNames: [],
      verbs: READ,
      watched: 'ControllerRevision',
      fields: META_FIELDS,
      list: (s) => sorted(s.controllerRevisions),
      objects: (s) => s.controllerRevisions,
      lookup: (s, key) => s.controllerRevisions.get(key),
      table: (o, now) => controllerRevisionTable(o as never, now),
    },
  ],
  [
    'leases',
    {
      name: 'leases',
      singularName: 'lease',
      kind: 'Lease',
      group: 'coordination.k8s.io',
      version: 'v1',
      namespaced: true,
      shortNames: [],
      verbs: READ,
      fields: META_FIELDS,
      list: (_s, simulation) => simulation?.nodeLeases() ?? [],
      objects: (_s, simulation) =>
        new Map(
          (simulation?.nodeLeases() ?? []).map((l) => [`${l.metadata.namespace}/${l.metadata.name}`, l]),
        ),
      lookup: (_s, key, simulation) =>
        key.startsWith(`${NODE_LEASE_NAMESPACE}/`)
          ? simulation?.nodeLease(key.slice(NODE_LEASE_NAMESPACE.length + 1))
          : undefined,
      table: (o, now) => leaseTable(o as never, now),
    },
  ],
]);

/** The resource for a discovery group (`''` core, `apps`) and plural name. */
export function lookupResource(group: string, name: string): ResourceDef | undefined {
  const def = RESOURCES.get(name as ResourceName);
  return def !== undefined && def.group === group ? def : undefined;
}

/** The `metadata` of an object, loosely typed. */
export function metaOf(obj: unknown): {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  resourceVersion?: string;
  uid?: string;
} {
  return (obj as { metadata: { name: string } }).metadata;
}
