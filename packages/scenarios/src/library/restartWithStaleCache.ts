import type { Scenario } from '../scenario.js';

const AGENT = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: {
      metadata: { labels: { app: 'agent' } },
      spec: { containers: [{ name: 'agent', image: 'registry.k8s.io/pause:3.10' }] },
    },
  },
};

function restartScenario(check: boolean): Scenario {
  return {
    name: check ? 'restart-with-stale-cache-checked' : 'restart-with-stale-cache',
    description: check
      ? "kubernetes/kubernetes#54096 with KEP-5647's staleness check: the restarted controller waits for its cache, one pod per node"
      : 'kubernetes/kubernetes#54096: a controller restarted onto a stale cache creates a second daemon pod on every node',
    seed: 54096,
    options: {
      observation: 'informer',
      latencies: { informer: { min: '200ms', max: '400ms' } },
      staleControllerConsistency: check,
    },
    steps: [
      { kind: 'addNodes', count: 3 },
      { kind: 'advance', duration: '2s' },
      { kind: 'apply', manifests: AGENT },
      {
        kind: 'crashController',
        controller: 'daemonset',
        afterWrites: 4,
        relist: 'stale',
        description:
          'The controller crashes right after its first pass sent its revision and three pod creates, before its status write; it restarts onto a cache that has not seen them',
      },
      { kind: 'advance', duration: '600ms' },
      {
        kind: 'print',
        resource: 'pods',
        wide: true,
        description: check
          ? 'The restarted controller deferred its sync until its cache had caught up: one pod per node'
          : 'With its expectations lost and its cache stale, the restarted controller created a second pod on every node',
      },
      { kind: 'expect', pods: { count: check ? 3 : 6, includeTerminating: true } },
      { kind: 'advance', duration: '10s' },
      { kind: 'expect', daemonSet: { name: 'agent', nodeCount: 3 } },
      { kind: 'expect', pods: { count: 3 } },
    ],
  };
}

/**
 * kubernetes/kubernetes#54096: two daemon pods on one node after a DaemonSet controller restart
 * with a stale cache. The controller creates a pod for each node and crashes before its status
 * write; restarted, it has lost the expectations that would have made it wait, and its relist
 * (served by a watch cache behind etcd) does not show the pods yet, so it creates a second one on
 * every node; it deletes the surplus once the pods reach its cache. Fixed upstream in 1.36 by
 * KEP-5647 (see {@link restartWithStaleCacheChecked}).
 */
export const restartWithStaleCache: Scenario = restartScenario(false);

/**
 * kubernetes/kubernetes#54096 with KEP-5647's staleness check on (`staleControllerConsistency`,
 * upstream's `StaleControllerConsistencyDaemonSet`): the restarted controller defers its sync
 * until its cache has seen what was written before it started, and never makes a duplicate.
 */
export const restartWithStaleCacheChecked: Scenario = restartScenario(true);
