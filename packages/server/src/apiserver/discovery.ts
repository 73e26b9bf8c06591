import { KUBERNETES_VERSION } from '@daemonsim/core';
import type { ApiGroup } from './resources.js';
import { RESOURCES } from './resources.js';

/** The Kubernetes version the simulated API server reports. */
export const SERVER_VERSION = {
  major: KUBERNETES_VERSION.slice(1).split('.')[0]!,
  minor: KUBERNETES_VERSION.split('.')[1]!,
  gitVersion: KUBERNETES_VERSION,
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** `GET /api`. Mirrors `metav1.APIVersions`. */
export function apiVersions(serverAddress: string): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** The named groups served besides core, each at v1. */
export const NAMED_GROUPS: readonly Exclude<ApiGroup, ''>[] = ['apps', 'coordination.k8s.io'];

function groupOf(name: string): unknown {
  const v1 = { groupVersion: `${name}/v1`, version: 'v1' };
  return { name, versions: [v1], preferredVersion: v1 };
}

/** `GET /apis`. Mirrors `metav1.APIGroupList` with the groups served besides core: apps/v1 and coordination.k8s.io/v1. */
export function apiGroupList(): unknown {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: NAMED_GROUPS.map(groupOf) };
}

/** `GET /apis/{group}` for a served group. Mirrors `metav1.APIGroup`. */
export function apiGroup(name: Exclude<ApiGroup, ''>): unknown {
  return { kind: 'APIGroup', apiVersion: 'v1', ...(groupOf(name) as object) };
}

/**
 * `GET /api/v1` or `GET /apis/apps/v1`: the resources of a group version with their verbs,
 * short names and subresources. Mirrors `metav1.APIResourceList`.
 */
export function apiResourceList(group: ApiGroup): unknown {
  const resources: unknown[] = [];
  for (const def of RESOURCES.values()) {
    if (def.group !== group) continue;
    resources.push({
      name: def.name,
      singularName: def.singularName,
      namespaced: def.namespaced,
      kind: def.kind,
      verbs: def.verbs,
      ...(def.shortNames.length > 0 ? { shortNames: def.shortNames } : {}),
      ...(def.name === 'pods' || def.name === 'daemonsets' || def.name === 'nodes'
        ? { categories: def.name === 'nodes' ? undefined : ['all'] }
        : {}),
    });
    if (def.name === 'pods') {
      resources.push({ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
      resources.push({
        name: 'pods/eviction',
        singularName: '',
        namespaced: true,
        group: 'policy',
        version: 'v1',
        kind: 'Eviction',
        verbs: ['create'],
      });
      resources.push({
        name: 'pods/status',
        singularName: '',
        namespaced: true,
        kind: 'Pod',
        verbs: ['get'],
      });
    }
    if (def.name === 'daemonsets')
      resources.push({
        name: 'daemonsets/status',
        singularName: '',
        namespaced: true,
        kind: 'DaemonSet',
        verbs: ['get'],
      });
    if (def.name === 'nodes')
      resources.push({
        name: 'nodes/status',
        singularName: '',
        namespaced: false,
        kind: 'Node',
        verbs: ['get'],
      });
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group === '' ? 'v1' : `${group}/v1`,
    resources: JSON.parse(JSON.stringify(resources)) as unknown,
  };
}
