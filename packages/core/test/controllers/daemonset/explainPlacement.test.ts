import fc from 'fast-check';
import type { NodeSelectorRequirement, PodSpec, Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { explainPlacement } from '../../../src/controllers/daemonset/explainPlacement.js';
import { nodeShouldRunDaemonPod } from '../../../src/controllers/daemonset/nodeShouldRunDaemonPod.js';
import { describePlacement } from '../../../src/kubectl/describePlacement.js';
import type { DaemonSet, Node } from '../../../src/model/objects.js';
import {
  TAINT_NODE_NOT_READY,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_UNSCHEDULABLE,
} from '../../../src/model/wellKnownTaints.js';
import { newDaemonSet, newNode, TestController } from './helpers.js';

const tc = new TestController();
const baseNode = tc.addNode(newNode('worker-1', { zone: 'a', gpu: 'true' }));
const baseDs = tc.addDaemonSet(newDaemonSet('agent'));

function withSpec(ds: DaemonSet, spec: Partial<PodSpec>): DaemonSet {
  const template = ds.spec.template;
  return { ...ds, spec: { ...ds.spec, template: { ...template, spec: { ...template.spec!, ...spec } } } };
}

function withNode(
  node: Node,
  patch: { labels?: Record<string, string>; taints?: Taint[]; unschedulable?: boolean },
): Node {
  return {
    ...node,
    metadata: { ...node.metadata, ...(patch.labels === undefined ? {} : { labels: patch.labels }) },
    spec: {
      ...node.spec,
      ...(patch.taints === undefined ? {} : { taints: patch.taints }),
      ...(patch.unschedulable === undefined ? {} : { unschedulable: patch.unschedulable }),
    },
  };
}

const verdictOf = (node: Node, ds: DaemonSet, predicate: string) =>
  explainPlacement(node, ds).checks.find((c) => c.predicate === predicate)?.verdict;

describe('explainPlacement', () => {
  it('passes every predicate for a plain node and DaemonSet', () => {
    const e = explainPlacement(baseNode, baseDs);
    expect(e).toMatchObject({ shouldRun: true, shouldContinueRunning: true, nodeName: 'worker-1' });
    expect(e.checks.map((c) => c.predicate)).toEqual([
      'NodeName',
      'NodeSelector',
      'NodeAffinity',
      'Taints',
      'Unschedulable',
      'NotReady',
      'Resources',
    ]);
    expect(e.checks.filter((c) => c.verdict !== 'Pass' && c.verdict !== 'Info')).toEqual([]);
  });

  it('names the nodeSelector label the node lacks', () => {
    const e = explainPlacement(baseNode, withSpec(baseDs, { nodeSelector: { zone: 'b', gpu: 'true' } }));
    expect(e.shouldRun).toBe(false);
    expect(e.checks[1]).toEqual({
      predicate: 'NodeSelector',
      verdict: 'Fail',
      reason: 'the node lacks zone=b (it has zone=a)',
    });
  });

  it('names the node affinity term that matches', () => {
    const term = (values: string[]) => ({
      matchExpressions: [{ key: 'zone', operator: 'In', values } as NodeSelectorRequirement],
    });
    const ds = withSpec(baseDs, {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [term(['c']), term(['a', 'b'])],
          },
        },
      },
    });
    expect(explainPlacement(baseNode, ds).checks[2]?.reason).toBe('term 1 {zone In [a,b]} matches');
    expect(verdictOf(withNode(baseNode, { labels: { zone: 'd' } }), ds, 'NodeAffinity')).toBe('Fail');
  });

  it('lets an existing pod stay on a node with an untolerated NoSchedule taint only', () => {
    const node = withNode(baseNode, { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] });
    const e = explainPlacement(node, baseDs);
    expect(e).toMatchObject({ shouldRun: false, shouldContinueRunning: true });
    expect(e.checks[3]?.verdict).toBe('ContinueOnly');
    expect(e.taints).toEqual([{ taint: node.spec.taints![0], automatic: false, considered: true }]);
  });

  it('marks the automatic tolerations that let a daemon pod onto a NotReady or cordoned node', () => {
    const node = withNode(baseNode, {
      unschedulable: true,
      taints: [
        { key: TAINT_NODE_NOT_READY, effect: 'NoExecute' },
        { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' },
      ],
    });
    const e = explainPlacement(node, baseDs);
    expect(e).toMatchObject({ shouldRun: true, shouldContinueRunning: true });
    expect(e.taints.map((t) => [t.toleratedBy?.key, t.automatic])).toEqual([
      [TAINT_NODE_NOT_READY, true],
      [TAINT_NODE_UNSCHEDULABLE, true],
    ]);
    expect(e.checks[4]?.reason).toContain('cordoning does not keep them off');
  });

  it('attributes a toleration to the template when the template carries it', () => {
    const own: Toleration = { key: 'dedicated', operator: 'Exists' };
    const node = withNode(baseNode, { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] });
    const e = explainPlacement(node, withSpec(baseDs, { tolerations: [own] }));
    expect(e.taints[0]).toMatchObject({ toleratedBy: own, automatic: false });
    expect(e.shouldRun).toBe(true);
  });

  it('reports resources the node lacks without changing the decision', () => {
    const ds = withSpec(baseDs, {
      containers: [{ name: 'c', image: 'c', resources: { requests: { cpu: '1000' } } }],
    });
    const e = explainPlacement(baseNode, ds);
    expect(e.shouldRun).toBe(true);
    expect(e.checks[6]?.reason).toMatch(/^Insufficient cpu: /);
  });

  it('describes an explanation as describe-style text', () => {
    const node = withNode(baseNode, {
      taints: [
        { key: TAINT_NODE_UNREACHABLE, effect: 'NoSchedule' },
        { key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' },
        { key: 'soft', effect: 'PreferNoSchedule' },
      ],
    });
    expect(describePlacement(explainPlacement(node, baseDs))).toBe(
      [
        'Node:                     worker-1',
        'DaemonSet:                default/agent',
        'Should Run:               false',
        'Should Continue Running:  true',
        'Predicates:',
        '  Predicate      Verdict       Reason',
        '  ---------      -------       ------',
        '  NodeName       Pass          the template sets no spec.nodeName',
        '  NodeSelector   Pass          the template has no nodeSelector',
        '  NodeAffinity   Pass          the template has no required node affinity',
        '  Taints         ContinueOnly  not tolerated: node.kubernetes.io/unreachable:NoSchedule (NoSchedule only: an existing pod may stay)',
        '  Unschedulable  Info          not cordoned',
        '  NotReady       Info          the node is Ready',
        '  Resources      Info          the pod fits the node allocatable',
        'Taints:',
        '  Taint                                      Tolerated By',
        '  -----                                      ------------',
        '  node.kubernetes.io/unreachable:NoSchedule  <none>',
        '  node.kubernetes.io/unreachable:NoExecute   node.kubernetes.io/unreachable:NoExecute op=Exists (automatic)',
        '  soft:PreferNoSchedule                      <none> (PreferNoSchedule: not considered)',
        '',
      ].join('\n'),
    );
  });
});

describe('explainPlacement against nodeShouldRunDaemonPod', () => {
  const labelKey = fc.constantFrom('zone', 'gpu', 'role');
  const labelValue = fc.constantFrom('a', 'b', 'true');
  const labels = fc.dictionary(labelKey, labelValue, { maxKeys: 3 });
  const taint = fc
    .record({
      key: fc.constantFrom(
        'dedicated',
        TAINT_NODE_NOT_READY,
        TAINT_NODE_UNREACHABLE,
        TAINT_NODE_UNSCHEDULABLE,
      ),
      value: fc.constantFrom(undefined, 'db'),
      effect: fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule'),
    })
    .map(({ key, value, effect }): Taint => ({ key, effect, ...(value === undefined ? {} : { value }) }));
  const toleration = fc
    .record({
      key: fc.constantFrom(undefined, 'dedicated', TAINT_NODE_UNREACHABLE),
      operator: fc.constantFrom('Exists', 'Equal'),
      effect: fc.constantFrom(undefined, 'NoSchedule', 'NoExecute'),
    })
    .map((r): Toleration => ({
      operator: r.operator,
      ...(r.key === undefined ? {} : { key: r.key }),
      ...(r.effect === undefined ? {} : { effect: r.effect }),
      ...(r.operator === 'Equal' ? { value: 'db' } : {}),
    }));
  const requirement = fc
    .record({
      key: labelKey,
      operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
      values: fc.array(labelValue, { minLength: 1, maxLength: 2 }),
    })
    .map((r): NodeSelectorRequirement =>
      r.operator === 'Exists' || r.operator === 'DoesNotExist'
        ? { key: r.key, operator: r.operator }
        : { key: r.key, operator: r.operator, values: r.values },
    );
  const affinity = fc.option(
    fc.array(fc.record({ matchExpressions: fc.array(requirement, { maxLength: 2 }) }), { maxLength: 2 }),
    { nil: undefined },
  );

  it('gives the same shouldRun and shouldContinueRunning on random nodes and DaemonSets', () => {
    fc.assert(
      fc.property(
        labels,
        fc.array(taint, { maxLength: 4 }),
        fc.boolean(),
        fc.option(labels, { nil: undefined }),
        affinity,
        fc.array(toleration, { maxLength: 3 }),
        fc.constantFrom(undefined, 'worker-1', 'worker-2'),
        fc.boolean(),
        (nodeLabels, taints, unschedulable, nodeSelector, terms, tolerations, nodeName, hostNetwork) => {
          const node = withNode(baseNode, { labels: nodeLabels, taints, unschedulable });
          const ds = withSpec(baseDs, {
            tolerations,
            hostNetwork,
            ...(nodeSelector === undefined ? {} : { nodeSelector }),
            ...(nodeName === undefined ? {} : { nodeName }),
            ...(terms === undefined
              ? {}
              : {
                  affinity: {
                    nodeAffinity: {
                      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms },
                    },
                  },
                }),
          });
          const { shouldRun, shouldContinueRunning } = explainPlacement(node, ds);
          expect({ shouldRun, shouldContinueRunning }).toEqual(nodeShouldRunDaemonPod(node, ds));
        },
      ),
    );
  });
});
