// Ported from TestNodeShouldRunDaemonPod (pkg/controller/daemon/daemon_controller_test.go) and
// the eligibility truth table of the reference (§2.10).
import fc from 'fast-check';
import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { nodeShouldRunDaemonPod } from '../../../src/controllers/daemonset/nodeShouldRunDaemonPod.js';
import type { DaemonSet, Node } from '../../../src/model/objects.js';
import {
  TAINT_NODE_DISK_PRESSURE,
  TAINT_NODE_MEMORY_PRESSURE,
  TAINT_NODE_NETWORK_UNAVAILABLE,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_UNSCHEDULABLE,
} from '../../../src/model/wellKnownTaints.js';
import type { DaemonSetInput } from './helpers.js';
import {
  newDaemonSet,
  newNode,
  simpleDaemonSetLabel,
  simpleDaemonSetLabel2,
  TestController,
  updateStrategies,
} from './helpers.js';

let dsCounter = 0;

function daemonSetWith(
  tc: TestController,
  mutate: (m: DaemonSetInput) => void,
  strategy: (typeof updateStrategies)[number] = 'OnDelete',
): DaemonSet {
  const manifest = newDaemonSet(`ds-${++dsCounter}`, strategy);
  mutate(manifest);
  return tc.addDaemonSet(manifest);
}

function withTolerations(ds: DaemonSet, tolerations: Toleration[], hostNetwork = false): DaemonSet {
  const spec = ds.spec.template.spec!;
  return {
    ...ds,
    spec: {
      ...ds.spec,
      template: {
        ...ds.spec.template,
        spec: { ...spec, tolerations, ...(hostNetwork ? { hostNetwork: true } : {}) },
      },
    },
  };
}

function withTaints(node: Node, taints: Taint[]): Node {
  return { ...node, spec: { ...node.spec, taints } };
}

describe.each(updateStrategies)(
  'nodeShouldRunDaemonPod with the %s strategy (TestNodeShouldRunDaemonPod)',
  (strategy) => {
    const resources = (memory: string, cpu: string) => ({
      containers: [{ name: 'c', image: 'foo/bar', resources: { requests: { memory, cpu } } }],
    });
    const cases: [string, (m: DaemonSetInput) => void, boolean, boolean][] = [
      // predicateName ShouldRunDaemonPod
      ['runs on a node that fits', (m) => void (m.spec.template.spec = resources('50M', '0.5')), true, true],
      // InsufficientResourceError
      [
        'ignores requests beyond the allocatable resources',
        (m) => void (m.spec.template.spec = resources('200M', '0.5')),
        true,
        true,
      ],
      // ErrPodNotMatchHostName
      [
        'does not run when the template nodeName names another node',
        (m) => void (m.spec.template.spec = { ...resources('50M', '0.5'), nodeName: 'other-node' }),
        false,
        false,
      ],
      // ErrPodNotFitsHostPorts
      [
        'ignores host ports',
        (m) =>
          void (m.spec.template.spec = {
            containers: [{ name: 'c', image: 'foo/bar', ports: [{ containerPort: 666, hostPort: 666 }] }],
          }),
        true,
        true,
      ],
      // ErrNodeSelectorNotMatch
      [
        'does not run when the node selector does not match',
        (m) => void (m.spec.template.spec.nodeSelector = { ...simpleDaemonSetLabel2 }),
        false,
        false,
      ],
      // ShouldRunDaemonPod with a matching nodeSelector
      [
        'runs when the node selector matches',
        (m) => void (m.spec.template.spec.nodeSelector = { ...simpleDaemonSetLabel }),
        true,
        true,
      ],
      // ErrPodAffinityNotMatch
      [
        'does not run when the required node affinity does not match',
        (m) =>
          void (m.spec.template.spec.affinity = {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [
                  { matchExpressions: [{ key: 'type', operator: 'In', values: ['test'] }] },
                ],
              },
            },
          }),
        false,
        false,
      ],
      // ShouldRunDaemonPod with matching affinity
      [
        'runs when the required node affinity matches',
        (m) =>
          void (m.spec.template.spec.affinity = {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [
                  { matchExpressions: [{ key: 'type', operator: 'In', values: ['production'] }] },
                ],
              },
            },
          }),
        true,
        true,
      ],
      // Reference §2.3: preferred affinity is ignored by the controller.
      [
        'ignores preferred node affinity that does not match',
        (m) =>
          void (m.spec.template.spec.affinity = {
            nodeAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 1,
                  preference: { matchExpressions: [{ key: 'type', operator: 'In', values: ['test'] }] },
                },
              ],
            },
          }),
        true,
        true,
      ],
    ];
    it.each(cases)('%s', (_name, mutate, shouldRun, shouldContinueRunning) => {
      const tc = new TestController();
      const node = tc.addNode(
        newNode('test-node', simpleDaemonSetLabel, { capacity: { memory: '100M', cpu: '1', pods: '100' } }),
      );
      const ds = daemonSetWith(tc, mutate, strategy);
      expect(nodeShouldRunDaemonPod(node, ds)).toEqual({ shouldRun, shouldContinueRunning });
    });

    // ShouldRunDaemonPodOnUnschedulableNode: spec.unschedulable itself is not read.
    it('runs on a node with spec.unschedulable and no taints', () => {
      const tc = new TestController();
      const node = tc.addNode(newNode('test-node', simpleDaemonSetLabel), (n) => ({
        ...n,
        spec: { unschedulable: true },
      }));
      const ds = daemonSetWith(tc, () => undefined, strategy);
      expect(nodeShouldRunDaemonPod(node, ds)).toEqual({ shouldRun: true, shouldContinueRunning: true });
    });
  },
);

describe('the eligibility truth table (reference §2.10)', () => {
  const tc = new TestController();
  const base = tc.addNode(newNode('n'));
  const ds = daemonSetWith(tc, () => undefined);
  const hostNet = withTolerations(ds, [], true);
  const rows: [string, Taint[], DaemonSet, boolean, boolean][] = [
    ['no taints', [], ds, true, true],
    ['x:NoSchedule', [{ key: 'x', effect: 'NoSchedule' }], ds, false, true],
    ['x:PreferNoSchedule', [{ key: 'x', effect: 'PreferNoSchedule' }], ds, true, true],
    ['x:NoExecute', [{ key: 'x', effect: 'NoExecute' }], ds, false, false],
    ['unschedulable:NoSchedule', [{ key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' }], ds, true, true],
    ['not-ready:NoExecute only', [{ key: TAINT_NODE_NOT_READY, effect: 'NoExecute' }], ds, true, true],
    ['unreachable:NoExecute only', [{ key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' }], ds, true, true],
    [
      'not-ready:NoSchedule and NoExecute',
      [
        { key: TAINT_NODE_NOT_READY, effect: 'NoSchedule' },
        { key: TAINT_NODE_NOT_READY, effect: 'NoExecute' },
      ],
      ds,
      false,
      true,
    ],
    ['unreachable:NoSchedule', [{ key: TAINT_NODE_UNREACHABLE, effect: 'NoSchedule' }], ds, false, true],
    [
      'network-unavailable:NoSchedule without hostNetwork',
      [{ key: TAINT_NODE_NETWORK_UNAVAILABLE, effect: 'NoSchedule' }],
      ds,
      false,
      true,
    ],
    [
      'network-unavailable:NoSchedule with hostNetwork',
      [{ key: TAINT_NODE_NETWORK_UNAVAILABLE, effect: 'NoSchedule' }],
      hostNet,
      true,
      true,
    ],
    [
      'memory, disk and PID pressure',
      [TAINT_NODE_MEMORY_PRESSURE, TAINT_NODE_DISK_PRESSURE, TAINT_NODE_PID_PRESSURE].map((key) => ({
        key,
        effect: 'NoSchedule',
      })),
      ds,
      true,
      true,
    ],
    [
      'x:NoExecute tolerated for 60 s',
      [{ key: 'x', effect: 'NoExecute' }],
      withTolerations(ds, [{ key: 'x', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }]),
      true,
      true,
    ],
    [
      'x:NoSchedule tolerated, y:NoExecute not',
      [
        { key: 'x', effect: 'NoSchedule' },
        { key: 'y', effect: 'NoExecute' },
      ],
      withTolerations(ds, [{ key: 'x', operator: 'Exists' }]),
      false,
      false,
    ],
  ];
  it.each(rows)('%s', (_name, taints, daemonSet, shouldRun, shouldContinueRunning) => {
    expect(nodeShouldRunDaemonPod(withTaints(base, taints), daemonSet)).toEqual({
      shouldRun,
      shouldContinueRunning,
    });
  });

  it('reads neither node conditions nor the template nodeName when it matches', () => {
    const node = { ...base, status: { ...base.status, conditions: [{ type: 'Ready', status: 'False' }] } };
    const pinned = {
      ...ds,
      spec: {
        ...ds.spec,
        template: { ...ds.spec.template, spec: { ...ds.spec.template.spec!, nodeName: 'n' } },
      },
    };
    expect(nodeShouldRunDaemonPod(node, pinned)).toEqual({ shouldRun: true, shouldContinueRunning: true });
  });
});

// A reference model written from the reference text alone (§2.4, §2.5), compared against the
// implementation over random taint and toleration sets.
const AUTO: Toleration[] = [
  { key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute' },
  { key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' },
  { key: TAINT_NODE_DISK_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
  { key: TAINT_NODE_MEMORY_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
  { key: TAINT_NODE_PID_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
  { key: TAINT_NODE_UNSCHEDULABLE, operator: 'Exists', effect: 'NoSchedule' },
];

function modelTolerates(t: Toleration, taint: Taint): boolean {
  if ((t.effect ?? '') !== '' && t.effect !== taint.effect) return false;
  if ((t.key ?? '') !== '' && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  if (t.operator === undefined || t.operator === 'Equal') return (t.value ?? '') === (taint.value ?? '');
  return false;
}

function model(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
  hostNetwork: boolean,
): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const all = [
    ...tolerations,
    ...AUTO,
    ...(hostNetwork
      ? [{ key: TAINT_NODE_NETWORK_UNAVAILABLE, operator: 'Exists', effect: 'NoSchedule' }]
      : []),
  ];
  const tolerated = (taint: Taint) => all.some((t) => modelTolerates(t, taint));
  const noExecuteOk = taints.filter((t) => t.effect === 'NoExecute').every(tolerated);
  const noScheduleOk = taints.filter((t) => t.effect === 'NoSchedule').every(tolerated);
  if (noExecuteOk && noScheduleOk) return { shouldRun: true, shouldContinueRunning: true };
  return { shouldRun: false, shouldContinueRunning: noExecuteOk };
}

describe('eligibility against a reference model', () => {
  const keys = fc.constantFrom(
    'a',
    'b',
    TAINT_NODE_NOT_READY,
    TAINT_NODE_UNREACHABLE,
    TAINT_NODE_UNSCHEDULABLE,
    TAINT_NODE_NETWORK_UNAVAILABLE,
    TAINT_NODE_MEMORY_PRESSURE,
  );
  const values = fc.constantFrom(undefined, '', 'v1', 'v2');
  const effects = fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule');
  const taint = fc
    .record({ key: keys, value: values, effect: effects })
    .map(({ key, value, effect }): Taint => ({ key, effect, ...(value === undefined ? {} : { value }) }));
  const toleration = fc
    .record({
      key: fc.constantFrom(undefined, '', 'a', 'b', TAINT_NODE_NOT_READY, TAINT_NODE_NETWORK_UNAVAILABLE),
      operator: fc.constantFrom(undefined, 'Exists', 'Equal'),
      value: values,
      effect: fc.constantFrom(undefined, '', 'NoSchedule', 'NoExecute', 'PreferNoSchedule'),
      tolerationSeconds: fc.constantFrom(undefined, 0, 60),
    })
    .map((r): Toleration => {
      const t: Toleration = {};
      if (r.key !== undefined) t.key = r.key;
      if (r.operator !== undefined) t.operator = r.operator;
      if (r.value !== undefined) t.value = r.value;
      if (r.effect !== undefined) t.effect = r.effect;
      if (r.tolerationSeconds !== undefined) t.tolerationSeconds = r.tolerationSeconds;
      return t;
    });

  it('decides shouldRun and shouldContinueRunning as the reference model does', () => {
    const tc = new TestController();
    const base = tc.addNode(newNode('n'));
    const ds = daemonSetWith(tc, () => undefined);
    fc.assert(
      fc.property(
        fc.array(taint, { maxLength: 5 }),
        fc.array(toleration, { maxLength: 4 }),
        fc.boolean(),
        (taints, tolerations, hostNetwork) => {
          expect(
            nodeShouldRunDaemonPod(withTaints(base, taints), withTolerations(ds, tolerations, hostNetwork)),
          ).toEqual(model(taints, tolerations, hostNetwork));
        },
      ),
    );
  });

  it('never lets a pod stay where it may not run unless only NoSchedule taints block it', () => {
    const tc = new TestController();
    const base = tc.addNode(newNode('n'));
    const ds = daemonSetWith(tc, () => undefined);
    fc.assert(
      fc.property(
        fc.array(taint, { maxLength: 5 }),
        fc.array(toleration, { maxLength: 4 }),
        (taints, tolerations) => {
          const r = nodeShouldRunDaemonPod(withTaints(base, taints), withTolerations(ds, tolerations));
          // shouldRun implies shouldContinueRunning.
          expect(!r.shouldRun || r.shouldContinueRunning).toBe(true);
          // Removing every NoSchedule taint never lowers the verdict.
          const relaxed = nodeShouldRunDaemonPod(
            withTaints(
              base,
              taints.filter((t) => t.effect !== 'NoSchedule'),
            ),
            withTolerations(ds, tolerations),
          );
          expect(relaxed.shouldContinueRunning).toBe(r.shouldContinueRunning);
          if (r.shouldRun) expect(relaxed.shouldRun).toBe(true);
        },
      ),
    );
  });
});
