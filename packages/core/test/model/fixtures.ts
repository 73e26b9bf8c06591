import type { Node, Pod } from '../../src/model/objects.js';

/** A stored Node with the given name and labels, for predicate tests. */
export function newNode(name: string, labels: Record<string, string> = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `uid-${name}`,
      resourceVersion: '1',
      creationTimestamp: '2026-01-01T00:00:00Z',
      labels,
    },
    spec: {},
    status: {},
  };
}

/** A stored Pod with the given spec and status, for predicate tests. */
export function newPod(
  spec: Pod['spec'] = { containers: [] },
  status: Pod['status'] = {},
  metadata: Partial<Pod['metadata']> = {},
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'p',
      namespace: 'default',
      uid: 'uid-p',
      resourceVersion: '1',
      creationTimestamp: '2026-01-01T00:00:00Z',
      ...metadata,
    },
    spec,
    status,
  };
}
