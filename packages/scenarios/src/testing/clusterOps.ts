import type { Taint } from 'kubernetes-types/core/v1.js';
import fc from 'fast-check';
import type { PropagationPolicy } from '@daemonsim/core';

/**
 * One random thing that can happen to a cluster, as data; indices pick among what exists when
 * the op runs (modulo the count), so every generated sequence is valid whatever came before.
 */
export type ClusterOp =
  | {
      readonly op: 'addNode';
      readonly labels: Readonly<Record<string, string>>;
      readonly taints: readonly Taint[];
    }
  | { readonly op: 'removeNode'; readonly index: number }
  | { readonly op: 'labelNode'; readonly index: number; readonly key: string; readonly value: string | null }
  | { readonly op: 'taintNode'; readonly index: number; readonly taint: Taint }
  | { readonly op: 'untaintNode'; readonly index: number; readonly key: string }
  | { readonly op: 'cordon'; readonly index: number; readonly unschedulable: boolean }
  | { readonly op: 'applyDaemonSet'; readonly template: number }
  | { readonly op: 'deleteDaemonSet'; readonly index: number; readonly propagationPolicy: PropagationPolicy }
  | { readonly op: 'deletePod'; readonly index: number }
  | {
      readonly op: 'rollDaemonSet';
      readonly template: number;
      readonly image: number;
      readonly strategy: RolloutStrategy;
      readonly minReadySeconds: number;
      readonly revisionHistoryLimit: number;
    }
  | { readonly op: 'advance'; readonly ms: number };

/** An update strategy a `rollDaemonSet` op applies with its template change. */
export type RolloutStrategy =
  | { readonly type: 'OnDelete' }
  | {
      readonly type: 'RollingUpdate';
      readonly maxUnavailable: number | `${number}%`;
      readonly maxSurge: number | `${number}%`;
    };

const LABELS: Readonly<Record<string, readonly string[]>> = { zone: ['a', 'b'], role: ['gpu', 'storage'] };
const TAINTS: readonly Taint[] = [
  { key: 'dedicated', value: 'infra', effect: 'NoSchedule' },
  { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
  { key: 'maintenance', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' },
  { key: 'soft', effect: 'PreferNoSchedule' },
];

/** The DaemonSets random ops apply: plain, selecting a label, and tolerating taints. */
export const DAEMONSET_TEMPLATES: readonly unknown[] = [
  daemonSet('node-agent', 'kube-system', {}),
  daemonSet('gpu-driver', 'kube-system', { nodeSelector: { role: 'gpu' } }),
  daemonSet('log-collector', 'default', {
    tolerations: [
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'maintenance', operator: 'Exists', effect: 'NoExecute' },
    ],
  }),
  daemonSet('zone-a-cache', 'default', {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }],
        },
      },
    },
  }),
];

function daemonSet(name: string, namespace: string, spec: Record<string, unknown>): unknown {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name, image: `${name}:1.0` }], ...spec },
      },
    },
  };
}

const labelsArb = fc.record(
  { zone: fc.constantFrom(...LABELS.zone!), role: fc.constantFrom(...LABELS.role!) },
  { requiredKeys: [] },
) as fc.Arbitrary<Record<string, string>>;

/** An arbitrary cluster op, weighted towards node churn and the passing of time. */
export function clusterOpArbitrary(): fc.Arbitrary<ClusterOp> {
  const index = fc.nat({ max: 1000 });
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant('addNode' as const),
        labels: labelsArb,
        taints: fc.subarray([...TAINTS], { maxLength: 2 }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('removeNode' as const), index }) },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('labelNode' as const),
        index,
        key: fc.constantFrom('zone', 'role'),
        value: fc.constantFrom('a', 'b', 'gpu', null),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('taintNode' as const),
        index,
        taint: fc.constantFrom(...TAINTS),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('untaintNode' as const),
        index,
        key: fc.constantFrom(...TAINTS.map((t) => t.key)),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('cordon' as const), index, unschedulable: fc.boolean() }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        op: fc.constant('applyDaemonSet' as const),
        template: fc.nat({ max: DAEMONSET_TEMPLATES.length - 1 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('deleteDaemonSet' as const),
        index,
        propagationPolicy: fc.constantFrom<PropagationPolicy>('Background', 'Foreground', 'Orphan'),
      }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('deletePod' as const), index }) },
    {
      weight: 4,
      arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 90_000 }) }),
    },
  );
}

const budgetArb = fc.oneof(
  fc.integer({ min: 1, max: 4 }),
  fc.integer({ min: 1, max: 100 }).map((p) => `${p}%` as const),
);

/** An arbitrary update strategy: OnDelete, classic (maxUnavailable) or surge (maxSurge, maxUnavailable 0). */
export function rolloutStrategyArbitrary(): fc.Arbitrary<RolloutStrategy> {
  return fc.oneof(
    fc.constant({ type: 'OnDelete' as const }),
    budgetArb.map((maxUnavailable) => ({ type: 'RollingUpdate' as const, maxUnavailable, maxSurge: 0 })),
    budgetArb.map((maxSurge) => ({ type: 'RollingUpdate' as const, maxUnavailable: 0, maxSurge })),
  );
}

/** An arbitrary template change of one of {@link DAEMONSET_TEMPLATES}: a new image, strategy and history limit. */
export function rollDaemonSetArbitrary(): fc.Arbitrary<ClusterOp> {
  return fc.record({
    op: fc.constant('rollDaemonSet' as const),
    template: fc.nat({ max: DAEMONSET_TEMPLATES.length - 1 }),
    image: fc.integer({ min: 1, max: 4 }),
    strategy: rolloutStrategyArbitrary(),
    minReadySeconds: fc.constantFrom(0, 0, 2, 5),
    revisionHistoryLimit: fc.integer({ min: 0, max: 2 }),
  });
}

/** A {@link DAEMONSET_TEMPLATES} manifest with another image, strategy, minReadySeconds and history limit. */
export function rolledDaemonSet(op: Extract<ClusterOp, { op: 'rollDaemonSet' }>): unknown {
  const base = DAEMONSET_TEMPLATES[op.template] as {
    metadata: unknown;
    spec: { template: { spec: { containers: { name: string; image: string }[] } } };
  };
  const container = base.spec.template.spec.containers[0]!;
  return {
    ...base,
    spec: {
      ...base.spec,
      minReadySeconds: op.minReadySeconds,
      revisionHistoryLimit: op.revisionHistoryLimit,
      updateStrategy:
        op.strategy.type === 'OnDelete'
          ? { type: 'OnDelete' }
          : {
              type: 'RollingUpdate',
              rollingUpdate: { maxUnavailable: op.strategy.maxUnavailable, maxSurge: op.strategy.maxSurge },
            },
      template: {
        ...base.spec.template,
        spec: {
          ...base.spec.template.spec,
          containers: [{ ...container, image: container.image.replace(/:.*$/, `:${op.image}.0`) }],
        },
      },
    },
  };
}

/**
 * An arbitrary history: a few nodes join, a few DaemonSets are applied, then random ops,
 * so that every run exercises placement rather than an empty cluster. With `rollouts`, a
 * quarter of the ops are template changes (rolling updates with and without surge, OnDelete,
 * minReadySeconds, small history limits), so rollouts meet node churn and pod deletions.
 */
export function clusterOpsArbitrary(
  options: { readonly maxLength?: number; readonly rollouts?: boolean } = {},
): fc.Arbitrary<ClusterOp[]> {
  const addNode = fc.record({
    op: fc.constant('addNode' as const),
    labels: labelsArb,
    taints: fc.subarray([...TAINTS], { maxLength: 2 }),
  });
  const apply = fc.record({
    op: fc.constant('applyDaemonSet' as const),
    template: fc.nat({ max: DAEMONSET_TEMPLATES.length - 1 }),
  });
  return fc
    .tuple(
      fc.array(addNode, { minLength: 1, maxLength: 8 }),
      fc.array(apply, { minLength: 1, maxLength: 4 }),
      fc.array(
        options.rollouts === true
          ? fc.oneof(
              { weight: 3, arbitrary: clusterOpArbitrary() },
              { weight: 1, arbitrary: rollDaemonSetArbitrary() },
            )
          : clusterOpArbitrary(),
        { minLength: 1, maxLength: options.maxLength ?? 25, size: '+1' },
      ),
    )
    .map(([nodes, daemonSets, rest]) => [...nodes, ...daemonSets, ...rest]);
}
