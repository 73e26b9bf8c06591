import type { Latencies, NodeInput } from '../packages/core/src/index.js';

/** How many DaemonSets every bench cluster runs, all in {@link NAMESPACE}. */
export const DAEMONSETS = 10;

/**
 * One namespace for all DaemonSets, as in a real `kube-system`: a pass that lists the pods of its
 * namespace reads every DaemonSet's pods, which is one of the costs the bench must show.
 */
export const NAMESPACE = 'kube-system';

/**
 * `mixed`: the node pools, taints and selectors of a real fleet, so that label and taint edits
 * change which DaemonSets a node runs. `uniform`: every DaemonSet on every node, for the clusters
 * whose pod count must be exact (N nodes, 10·N pods).
 */
export type ClusterShape = 'mixed' | 'uniform';

/**
 * Node i. In the `mixed` shape every even node carries `bench/pool=a` and every tenth
 * (i % 10 == 5) a NoSchedule taint `bench/dedicated=infra`.
 */
export function nodeInput(i: number, shape: ClusterShape): NodeInput {
  if (shape === 'uniform') return { name: `node-${i}` };
  return {
    name: `node-${i}`,
    ...(i % 2 === 0 ? { labels: { 'bench/pool': 'a' } } : {}),
    ...(i % 10 === 5 ? { taints: [{ key: 'bench/dedicated', value: 'infra', effect: 'NoSchedule' }] } : {}),
  };
}

/** The pool label every `mixed` DaemonSet 0-2 selects. */
export const POOL_LABEL = 'bench/pool';

/** The taint only `mixed` DaemonSet 3 tolerates. */
export const DEDICATED_TAINT = { key: 'bench/dedicated', value: 'infra', effect: 'NoSchedule' } as const;

/**
 * DaemonSet `agent-<d>` at template version `version` (the image tag; a new version is a template
 * change and starts a rollout). Strategies: agent-0 `maxUnavailable: 1` spelled out, agent-1
 * `maxSurge: 10%` (with `maxUnavailable: 0`, as upstream requires one of them to be zero), the
 * rest the API server's defaults (RollingUpdate, maxUnavailable 1). In the `mixed` shape agent-0..2
 * select `bench/pool=a`, agent-3 tolerates the dedicated taint, agent-4..9 are plain.
 */
export function daemonSetManifest(d: number, version: number, shape: ClusterShape): unknown {
  const name = `agent-${d}`;
  const labels = { app: name };
  const spec: Record<string, unknown> = {
    containers: [{ name: 'agent', image: `registry.example/agent-${d}:1.${version}` }],
  };
  if (shape === 'mixed' && d < 3) spec.nodeSelector = { [POOL_LABEL]: 'a' };
  if (shape === 'mixed' && d === 3)
    spec.tolerations = [{ key: DEDICATED_TAINT.key, operator: 'Exists', effect: 'NoSchedule' }];
  const strategy =
    d === 0
      ? { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } } }
      : d === 1
        ? { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '10%', maxUnavailable: 0 } } }
        : {};
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: NAMESPACE },
    spec: { selector: { matchLabels: labels }, ...strategy, template: { metadata: { labels }, spec } },
  };
}

/** Pods node i should run: `uniform` 10; `mixed` 10 on pool-a nodes, 7 on other untainted ones, 1 on tainted ones. */
export function expectedPods(i: number, shape: ClusterShape): number {
  if (shape === 'uniform') return DAEMONSETS;
  if (i % 10 === 5) return 1;
  return i % 2 === 0 ? 10 : 7;
}

/**
 * Latencies drawn from one-point ranges, for the full-against-incremental pair only: a cluster
 * under `syncMode: 'full'` runs one O(N) pass per distinct millisecond at which a pod changes, so
 * with the default spread latencies a 5,000-node one cannot even be built in minutes. One-point
 * latencies make the pods of one burst change at the same millisecond, so passes coalesce as
 * the work queue deduplicates keys. The incremental side of the pair uses the same latencies.
 */
export const FIXED_LATENCIES: Latencies = {
  scheduling: { min: 10, max: 10 },
  containerStart: { min: 2_000, max: 2_000 },
  readiness: { min: 1_000, max: 1_000 },
  termination: { min: 1_000, max: 1_000 },
  informer: { min: 10, max: 10 },
};
