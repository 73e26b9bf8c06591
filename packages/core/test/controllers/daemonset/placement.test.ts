// Ported from pkg/controller/daemon/daemon_controller_test.go: which nodes get a daemon pod.
import { describe, expect, it } from 'vitest';
import {
  TAINT_NODE_DISK_PRESSURE,
  TAINT_NODE_MEMORY_PRESSURE,
  TAINT_NODE_NETWORK_UNAVAILABLE,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE,
  TAINT_NODE_UNREACHABLE,
} from '../../../src/model/wellKnownTaints.js';
import {
  affinityTarget,
  createdNodes,
  newDaemonSet,
  newNode,
  noExecuteTaints,
  noScheduleTaints,
  noScheduleTolerations,
  simpleDaemonSetLabel,
  simpleNodeLabel,
  simpleNodeLabel2,
  syncAndValidateDaemonSets,
  TestController,
  updateStrategies,
} from './helpers.js';

describe.each(updateStrategies)('placement with the %s strategy', (strategy) => {
  // TestSimpleDaemonSetLaunchesPods
  it('launches one pod per node', () => {
    const tc = new TestController();
    tc.addNodes(0, 5);
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
    const result = syncAndValidateDaemonSets(tc, ds, 5, 0, 0);
    expect(createdNodes(result)).toEqual(['node-0', 'node-1', 'node-2', 'node-3', 'node-4']);
  });

  // TestSimpleDaemonSetScheduleDaemonSetPodsLaunchesPods
  it('leaves nodeName empty and pins each pod to its node by a single metadata.name matchFields affinity', () => {
    const tc = new TestController();
    tc.addNodes(0, 5);
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
    const result = syncAndValidateDaemonSets(tc, ds, 5, 0, 0);
    for (const c of result.creates) {
      expect(c.pod.spec.nodeName ?? '').toBe('');
      expect(affinityTarget(c.pod)).toBe(c.nodeName);
    }
    expect(new Set(result.creates.map((c) => affinityTarget(c.pod)))).toEqual(
      new Set(['node-0', 'node-1', 'node-2', 'node-3', 'node-4']),
    );
  });

  // TestNoNodesDoesNothing
  it('does nothing when there are no nodes', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
    syncAndValidateDaemonSets(tc, ds, 0, 0, 0);
  });

  // TestOneNodeDaemonLaunchesPod
  it('launches a pod on the only node of a one-node cluster', () => {
    const tc = new TestController();
    tc.addNode(newNode('only-node'));
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
    expect(createdNodes(syncAndValidateDaemonSets(tc, ds, 1, 0, 0))).toEqual(['only-node']);
  });

  // TestNotReadyNodeDaemonDoesLaunchPod
  it('launches a pod on a node whose Ready condition is False when it has no taints', () => {
    const tc = new TestController();
    tc.addNode(newNode('not-ready'), (n) => ({
      ...n,
      status: { ...n.status, conditions: [{ type: 'Ready', status: 'False' }] },
    }));
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
    syncAndValidateDaemonSets(tc, ds, 1, 0, 0);
  });

  // TestInsufficientCapacityNodeDaemonDoesNotUnscheduleRunningPod
  it('does not delete a pod from a node without enough free resources, and creates one for a template pinned there', () => {
    const tc = new TestController();
    tc.addNode(
      newNode('too-much-mem', undefined, { capacity: { memory: '100M', cpu: '200m', pods: '100' } }),
    );
    const manifest = newDaemonSet('foo', strategy);
    manifest.spec.template.spec = {
      nodeName: 'too-much-mem',
      containers: [{ name: 'c', image: 'foo/bar', resources: { requests: { memory: '75M', cpu: '75m' } } }],
    };
    const ds = tc.addDaemonSet(manifest);
    // A pod of nobody with the same spec: not the DaemonSet's, so it does not count.
    tc.newPod('other-', 'too-much-mem', {}, undefined, (p) => ({
      ...p,
      spec: { ...manifest.spec.template.spec },
    }));
    const result = syncAndValidateDaemonSets(tc, ds, 1, 0, 0);
    // A template with nodeName set creates a pod already bound there.
    expect(result.creates[0]!.pod.spec.nodeName).toBe('too-much-mem');
  });

  // TestInsufficientCapacityNodeSufficientCapacityWithNodeLabelDaemonLaunchPod
  it('uses only the node selector, not free resources, and records no event for insufficient resources', () => {
    const tc = new TestController();
    tc.addNode(
      newNode('not-enough-resource', undefined, { capacity: { memory: '10M', cpu: '20m', pods: '100' } }),
    );
    tc.addNode(
      newNode('enough-resource', simpleNodeLabel, { capacity: { memory: '100M', cpu: '200m', pods: '100' } }),
    );
    const manifest = newDaemonSet('foo', strategy);
    manifest.spec.template.spec = {
      nodeSelector: { ...simpleNodeLabel },
      containers: [{ name: 'c', image: 'foo/bar', resources: { requests: { memory: '50M', cpu: '75m' } } }],
    };
    const ds = tc.addDaemonSet(manifest);
    expect(createdNodes(syncAndValidateDaemonSets(tc, ds, 1, 0, 0))).toEqual(['enough-resource']);
  });

  // TestNetworkUnavailableNodeDaemonLaunchesPod
  it('launches a pod on a node whose NetworkUnavailable condition is True when it has no taints', () => {
    const tc = new TestController();
    tc.addNode(newNode('network-unavailable'), (n) => ({
      ...n,
      status: { ...n.status, conditions: [{ type: 'NetworkUnavailable', status: 'True' }] },
    }));
    const ds = tc.addDaemonSet(newDaemonSet('simple', strategy));
    syncAndValidateDaemonSets(tc, ds, 1, 0, 0);
  });

  // Reference §2.8: the network-unavailable taint is auto-tolerated only with hostNetwork.
  it('does not launch on a network-unavailable:NoSchedule node unless the template uses hostNetwork', () => {
    const taints = [{ key: TAINT_NODE_NETWORK_UNAVAILABLE, effect: 'NoSchedule' }];
    const tc = new TestController();
    tc.addNode(newNode('net', undefined, { taints }));
    const plain = tc.addDaemonSet(newDaemonSet('plain', strategy));
    syncAndValidateDaemonSets(tc, plain, 0, 0, 0);
    const hostNet = newDaemonSet('hostnet', strategy);
    hostNet.spec.template.spec.hostNetwork = true;
    const ds = tc.addDaemonSet(hostNet);
    const result = syncAndValidateDaemonSets(tc, ds, 1, 0, 0);
    expect(result.creates[0]!.pod.spec.tolerations).toContainEqual({
      key: TAINT_NODE_NETWORK_UNAVAILABLE,
      operator: 'Exists',
      effect: 'NoSchedule',
    });
  });

  // TestSelectorDaemonLaunchesPods / TestSelectorDaemonSetLaunchesPods
  it('launches pods only on nodes matching the node selector', () => {
    const tc = new TestController();
    tc.addNodes(0, 4);
    tc.addNodes(4, 3, simpleNodeLabel);
    const manifest = newDaemonSet('foo', strategy);
    manifest.spec.template.spec.nodeSelector = { ...simpleNodeLabel };
    const ds = tc.addDaemonSet(manifest);
    expect(createdNodes(syncAndValidateDaemonSets(tc, ds, 3, 0, 0))).toEqual(['node-4', 'node-5', 'node-6']);
  });

  // TestBadSelectorDaemonDoesNothing
  it('launches nothing when the node selector matches no node', () => {
    const tc = new TestController();
    tc.addNodes(0, 4);
    tc.addNodes(4, 3, simpleNodeLabel);
    const manifest = newDaemonSet('foo', strategy);
    manifest.spec.template.spec.nodeSelector = { ...simpleNodeLabel2 };
    syncAndValidateDaemonSets(tc, tc.addDaemonSet(manifest), 0, 0, 0);
  });

  // TestNameDaemonSetLaunchesPods
  it('launches a pod only on the node named by the template nodeName', () => {
    const tc = new TestController();
    tc.addNodes(0, 5);
    const manifest = newDaemonSet('foo', strategy);
    manifest.spec.template.spec.nodeName = 'node-0';
    expect(createdNodes(syncAndValidateDaemonSets(tc, tc.addDaemonSet(manifest), 1, 0, 0))).toEqual([
      'node-0',
    ]);
  });

  // TestBadNameDaemonSetDoesNothing
  it('launches nothing when the template nodeName names no existing node', () => {
    const tc = new TestController();
    tc.addNodes(0, 5);
    const manifest = newDaemonSet('foo', strategy);
    manifest.spec.template.spec.nodeName = 'node-10';
    syncAndValidateDaemonSets(tc, tc.addDaemonSet(manifest), 0, 0, 0);
  });

  // TestNameAndSelectorDaemonSetLaunchesPods
  it('launches a pod on the named node when it also matches the node selector', () => {
    const tc = new TestController();
    tc.addNodes(0, 4);
    tc.addNodes(4, 3, simpleNodeLabel);
    const manifest = newDaemonSet('foo', strategy);
    manifest.spec.template.spec.nodeSelector = { ...simpleNodeLabel };
    manifest.spec.template.spec.nodeName = 'node-6';
    expect(createdNodes(syncAndValidateDaemonSets(tc, tc.addDaemonSet(manifest), 1, 0, 0))).toEqual([
      'node-6',
    ]);
  });

  // TestInconsistentNameSelectorDaemonSetDoesNothing
  it('launches nothing when the named node does not match the node selector', () => {
    const tc = new TestController();
    tc.addNodes(0, 4);
    tc.addNodes(4, 3, simpleNodeLabel);
    const manifest = newDaemonSet('foo', strategy);
    manifest.spec.template.spec.nodeSelector = { ...simpleNodeLabel };
    manifest.spec.template.spec.nodeName = 'node-0';
    syncAndValidateDaemonSets(tc, tc.addDaemonSet(manifest), 0, 0, 0);
  });

  // TestNodeAffinityDaemonLaunchesPods
  it('launches pods only on nodes matching the required node affinity, and replaces that affinity on the pods', () => {
    const tc = new TestController();
    tc.addNodes(0, 4);
    tc.addNodes(4, 3, simpleNodeLabel);
    const manifest = newDaemonSet('foo', strategy);
    manifest.spec.template.spec.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'color', operator: 'In', values: ['blue'] }] }],
        },
      },
    };
    const result = syncAndValidateDaemonSets(tc, tc.addDaemonSet(manifest), 3, 0, 0);
    expect(createdNodes(result)).toEqual(['node-4', 'node-5', 'node-6']);
    for (const c of result.creates) expect(affinityTarget(c.pod)).toBe(c.nodeName);
  });

  // Reference §2.3: matchFields metadata.name terms (ORed) pin the DaemonSet to named nodes.
  it('launches pods only on the nodes named by matchFields metadata.name affinity terms', () => {
    const tc = new TestController();
    tc.addNodes(0, 4);
    const manifest = newDaemonSet('foo', strategy);
    manifest.spec.template.spec.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] },
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-3'] }] },
          ],
        },
      },
    };
    expect(createdNodes(syncAndValidateDaemonSets(tc, tc.addDaemonSet(manifest), 2, 0, 0))).toEqual([
      'node-1',
      'node-3',
    ]);
  });

  // Reference §2.3: a field selector In with more than one value does not parse, so the term matches nothing.
  it('launches nothing for a matchFields metadata.name In term with two values', () => {
    const tc = new TestController();
    tc.addNodes(0, 4);
    const manifest = newDaemonSet('foo', strategy);
    manifest.spec.template.spec.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1', 'node-3'] }] },
          ],
        },
      },
    };
    syncAndValidateDaemonSets(tc, tc.addDaemonSet(manifest), 0, 0, 0);
  });

  // TestNoScheduleTaintedDoesntEvicitRunningIntolerantPod
  it('keeps a running pod on a node with an untolerated NoSchedule taint', () => {
    const tc = new TestController();
    tc.addNode(newNode('tainted', undefined, { taints: noScheduleTaints }));
    const ds = tc.addDaemonSet(newDaemonSet('intolerant', strategy));
    tc.newPod('keep-running-me', 'tainted', simpleDaemonSetLabel, ds);
    syncAndValidateDaemonSets(tc, ds, 0, 0, 0);
  });

  // TestNoExecuteTaintedDoesEvicitRunningIntolerantPod
  it('deletes a running pod from a node with an untolerated NoExecute taint', () => {
    const tc = new TestController();
    tc.addNode(newNode('tainted', undefined, { taints: noExecuteTaints }));
    const ds = tc.addDaemonSet(newDaemonSet('intolerant', strategy));
    const pod = tc.newPod('stop-running-me', 'tainted', simpleDaemonSetLabel, ds);
    const result = syncAndValidateDaemonSets(tc, ds, 0, 1, 0);
    expect(result.deletes[0]!.uid).toBe(pod.metadata.uid);
  });

  // TestTaintedNodeDaemonDoesNotLaunchIntolerantPod
  it('does not launch on a node with an untolerated NoSchedule taint', () => {
    const tc = new TestController();
    tc.addNode(newNode('tainted', undefined, { taints: noScheduleTaints }));
    syncAndValidateDaemonSets(tc, tc.addDaemonSet(newDaemonSet('intolerant', strategy)), 0, 0, 0);
  });

  // TestTaintedNodeDaemonLaunchesToleratePod
  it('launches on a tainted node when the template tolerates the taint', () => {
    const tc = new TestController();
    tc.addNode(newNode('tainted', undefined, { taints: noScheduleTaints }));
    const manifest = newDaemonSet('tolerate', strategy);
    manifest.spec.template.spec.tolerations = noScheduleTolerations;
    syncAndValidateDaemonSets(tc, tc.addDaemonSet(manifest), 1, 0, 0);
  });

  // TestNotReadyNodeDaemonLaunchesPod
  it('launches on a not-ready node carrying only not-ready:NoExecute', () => {
    const tc = new TestController();
    tc.addNode(
      newNode('tainted', undefined, { taints: [{ key: TAINT_NODE_NOT_READY, effect: 'NoExecute' }] }),
      (n) => ({ ...n, status: { ...n.status, conditions: [{ type: 'Ready', status: 'False' }] } }),
    );
    syncAndValidateDaemonSets(tc, tc.addDaemonSet(newDaemonSet('simple', strategy)), 1, 0, 0);
  });

  // TestUnreachableNodeDaemonLaunchesPod
  it('launches on an unreachable node carrying only unreachable:NoExecute', () => {
    const tc = new TestController();
    tc.addNode(
      newNode('tainted', undefined, { taints: [{ key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' }] }),
      (n) => ({ ...n, status: { ...n.status, conditions: [{ type: 'Ready', status: 'Unknown' }] } }),
    );
    syncAndValidateDaemonSets(tc, tc.addDaemonSet(newDaemonSet('simple', strategy)), 1, 0, 0);
  });

  // Reference §2.8 (derived): the automatic not-ready toleration is NoExecute only.
  it('does not launch on a not-ready node carrying not-ready:NoSchedule, but keeps an existing pod there', () => {
    const tc = new TestController();
    tc.addNode(
      newNode('tainted', undefined, {
        taints: [
          { key: TAINT_NODE_NOT_READY, effect: 'NoSchedule' },
          { key: TAINT_NODE_NOT_READY, effect: 'NoExecute' },
        ],
      }),
    );
    const ds = tc.addDaemonSet(newDaemonSet('simple', strategy));
    syncAndValidateDaemonSets(tc, ds, 0, 0, 0);
    tc.addPods('tainted', simpleDaemonSetLabel, ds, 1);
    syncAndValidateDaemonSets(tc, ds, 0, 0, 0);
  });

  // TestNodeDaemonLaunchesToleratePod
  it('launches on an untainted node when the template has tolerations', () => {
    const tc = new TestController();
    tc.addNodes(0, 1);
    const manifest = newDaemonSet('tolerate', strategy);
    manifest.spec.template.spec.tolerations = noScheduleTolerations;
    syncAndValidateDaemonSets(tc, tc.addDaemonSet(manifest), 1, 0, 0);
  });

  // TestTaintPressureNodeDaemonLaunchesPod
  it('launches on a node with memory, disk and PID pressure taints', () => {
    const tc = new TestController();
    tc.addNode(
      newNode('resources-pressure', undefined, {
        taints: [
          { key: TAINT_NODE_DISK_PRESSURE, effect: 'NoSchedule' },
          { key: TAINT_NODE_MEMORY_PRESSURE, effect: 'NoSchedule' },
          { key: TAINT_NODE_PID_PRESSURE, effect: 'NoSchedule' },
        ],
      }),
    );
    const manifest = newDaemonSet('critical', strategy);
    manifest.metadata.namespace = 'kube-system';
    manifest.spec.template.spec.priority = 2000000000;
    syncAndValidateDaemonSets(tc, tc.addDaemonSet(manifest), 1, 0, 0);
  });

  // ShouldRunDaemonPodOnUnschedulableNode (TestNodeShouldRunDaemonPod), reference §2.7
  it('launches on a cordoned node, whose unschedulable taint is tolerated automatically', () => {
    const tc = new TestController();
    tc.addNode(newNode('cordoned', undefined, { unschedulable: true }));
    syncAndValidateDaemonSets(tc, tc.addDaemonSet(newDaemonSet('foo', strategy)), 1, 0, 0);
  });

  // TestNoPortConflictNodeDaemonLaunchesPod
  it('ignores host ports of other pods on the node', () => {
    const tc = new TestController();
    tc.addNode(newNode('no-port-conflict'));
    const manifest = newDaemonSet('foo', strategy);
    manifest.spec.template.spec = {
      nodeName: 'no-port-conflict',
      containers: [{ name: 'c', image: 'foo/bar', ports: [{ containerPort: 80, hostPort: 6662 }] }],
    };
    const ds = tc.addDaemonSet(manifest);
    tc.newPod('other-', 'no-port-conflict', {}, undefined, (p) => ({
      ...p,
      spec: {
        nodeName: 'no-port-conflict',
        containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 6661 }] }],
      },
    }));
    syncAndValidateDaemonSets(tc, ds, 1, 0, 0);
  });

  // TestPortConflictWithSameDaemonPodDoesNotDeletePod
  it('keeps its own pod that uses the host port', () => {
    const tc = new TestController();
    tc.addNode(newNode('port-conflict'));
    const manifest = newDaemonSet('foo', strategy);
    manifest.spec.template.spec = {
      nodeName: 'port-conflict',
      containers: [{ name: 'c', image: 'foo/bar', ports: [{ containerPort: 80, hostPort: 666 }] }],
    };
    const ds = tc.addDaemonSet(manifest);
    tc.newPod('foo-', 'port-conflict', simpleDaemonSetLabel, ds);
    syncAndValidateDaemonSets(tc, ds, 0, 0, 0);
  });
});
