import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  doNoScheduleTaintingPass,
  getControllerOf,
  getMinTolerationTime,
  nodeShouldRunDaemonPod,
  SECOND,
  taintEvictionDecision,
} from '../../../src/index.js';
import type { Node, Pod, Simulation } from '../../../src/index.js';

const agent = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: {
      metadata: { labels: { app: 'agent' } },
      spec: { containers: [{ name: 'agent', image: 'example.com/agent:1' }] },
    },
  },
};

function taints(sim: Simulation, node: string): string[] {
  return (sim.view.getNode(node)?.spec.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort();
}

describe('the node lifecycle controller', () => {
  it('turns conditions and cordon into NoSchedule taints at once', () => {
    const sim = createSimulation();
    sim.submit({ type: 'NodeAdded', node: { name: 'n1' } });
    sim.submit({
      type: 'NodeConditionSet',
      name: 'n1',
      condition: { type: 'MemoryPressure', status: 'True' },
    });
    sim.submit({ type: 'NodeUpdated', name: 'n1', change: { unschedulable: true } });
    expect(taints(sim, 'n1')).toEqual([
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect(doNoScheduleTaintingPass(sim.view.getNode('n1')!, sim.now)).toBeUndefined();
  });

  it('Ready=False gives not-ready:NoSchedule at once and not-ready:NoExecute at the next monitor pass', () => {
    const sim = createSimulation();
    sim.submit({ type: 'NodeAdded', node: { name: 'n1' } });
    sim.advance(1200);
    sim.submit({
      type: 'NodeConditionSet',
      name: 'n1',
      condition: { type: 'Ready', status: 'False', reason: 'KubeletNotReady' },
    });
    expect(taints(sim, 'n1')).toEqual(['node.kubernetes.io/not-ready:NoSchedule']);
    sim.advance(5 * SECOND);
    expect(taints(sim, 'n1')).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/not-ready:NoSchedule',
    ]);
    expect(sim.view.getNode('n1')!.spec.taints!.find((t) => t.effect === 'NoExecute')?.timeAdded).toBe(
      '2026-01-01T00:00:05Z',
    );
  });

  it('a node whose heartbeats stop stays Ready for the 50 s grace period, then goes Unknown with the unreachable taints; recovery removes them', () => {
    const sim = createSimulation({ seed: 9 });
    sim.submit({ type: 'NodeAdded', node: { name: 'n1' } });
    sim.submit({ type: 'ManifestApplied', manifest: agent });
    sim.runUntilQuiet();
    sim.submit({ type: 'NodeHeartbeatsStopped', name: 'n1' });
    const stopped = sim.now;
    sim.advance(50 * SECOND);
    expect(sim.view.getNode('n1')!.status.conditions!.find((c) => c.type === 'Ready')?.status).toBe('True');
    sim.runUntil(Math.ceil((stopped + 50 * SECOND + 1) / 5000) * 5000);
    expect(sim.view.getNode('n1')!.status.conditions!.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    });
    expect(taints(sim, 'n1')).toEqual([
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/unreachable:NoSchedule',
    ]);
    const pod = sim.view.allPods()[0]!;
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    sim.submit({ type: 'NodeHeartbeatsResumed', name: 'n1' });
    sim.runUntilQuiet();
    expect(taints(sim, 'n1')).toEqual([]);
    expect(sim.view.allPods()[0]!.status.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });
});

describe('taint-based eviction', () => {
  const node = (effect: string): Node => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'n', uid: 'u', resourceVersion: '1', creationTimestamp: '' },
    spec: { taints: [{ key: 'k', effect }] },
    status: {},
  });
  const pod = (tolerations: unknown[]): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'd', uid: 'u', resourceVersion: '1', creationTimestamp: '' },
    spec: { containers: [], tolerations: tolerations as never },
    status: {},
  });

  it('evicts a pod that does not tolerate a NoExecute taint at once, one tolerating it for N seconds after N seconds, one tolerating it forever never', () => {
    expect(taintEvictionDecision(pod([]), node('NoExecute'))).toEqual({ kind: 'now' });
    expect(
      taintEvictionDecision(
        pod([{ key: 'k', operator: 'Exists', tolerationSeconds: 30 }]),
        node('NoExecute'),
      ),
    ).toEqual({ kind: 'after', ms: 30_000 });
    expect(taintEvictionDecision(pod([{ key: 'k', operator: 'Exists' }]), node('NoExecute'))).toEqual({
      kind: 'none',
    });
    expect(taintEvictionDecision(pod([]), node('NoSchedule'))).toEqual({ kind: 'none' });
    expect(getMinTolerationTime([{ tolerationSeconds: 20 }, { tolerationSeconds: 5 }, {}])).toBe(5000);
    expect(getMinTolerationTime([{ tolerationSeconds: -1 }])).toBe(0);
  });

  it('reproduces the evict-and-recreate loop of a DaemonSet tolerating a NoExecute taint for N seconds (§2.6)', () => {
    const sim = createSimulation({ seed: 10 });
    sim.submit({ type: 'NodeAdded', node: { name: 'n1' } });
    const tolerating = {
      ...agent,
      spec: {
        ...agent.spec,
        template: {
          ...agent.spec.template,
          spec: {
            ...agent.spec.template.spec,
            tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }],
          },
        },
      },
    };
    sim.submit({ type: 'ManifestApplied', manifest: tolerating });
    sim.runUntilQuiet();
    sim.submit({
      type: 'NodeUpdated',
      name: 'n1',
      change: { addTaints: [{ key: 'k', effect: 'NoExecute' }] },
    });
    sim.advance(65 * SECOND);
    const evictions = [...sim.view.events()].filter((e) => e.reason === 'TaintManagerEviction');
    expect(evictions.length).toBeGreaterThanOrEqual(4);
    expect(
      sim.view.allPods().filter((p) => p.metadata.deletionTimestamp === undefined).length,
    ).toBeLessThanOrEqual(1);
    sim.advance(5 * SECOND);
    expect(sim.view.getDaemonSet('default/agent')?.status.currentNumberScheduled).toBe(1);
  });

  it('after failures, recovery and quiescence every eligible node again runs exactly one daemon pod', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            node: fc.integer({ min: 1, max: 4 }),
            op: fc.constantFrom('fail', 'recover', 'pressure', 'relieve', 'cordon', 'uncordon'),
            gap: fc.integer({ min: 0, max: 90_000 }),
          }),
          { maxLength: 15 },
        ),
        fc.integer({ min: 0, max: 1000 }),
        (ops, seed) => {
          const sim = createSimulation({ seed });
          for (let i = 1; i <= 4; i++) sim.submit({ type: 'NodeAdded', node: { name: `n${i}` } });
          sim.submit({ type: 'ManifestApplied', manifest: agent });
          for (const o of ops) {
            sim.advance(o.gap);
            const name = `n${o.node}`;
            if (o.op === 'fail') sim.submit({ type: 'NodeHeartbeatsStopped', name });
            else if (o.op === 'recover') sim.submit({ type: 'NodeHeartbeatsResumed', name });
            else if (o.op === 'pressure' || o.op === 'relieve')
              sim.submit({
                type: 'NodeConditionSet',
                name,
                condition: { type: 'MemoryPressure', status: o.op === 'pressure' ? 'True' : 'False' },
              });
            else sim.submit({ type: 'NodeUpdated', name, change: { unschedulable: o.op === 'cordon' } });
          }
          for (let i = 1; i <= 4; i++) {
            sim.submit({ type: 'NodeHeartbeatsResumed', name: `n${i}` });
            sim.submit({
              type: 'NodeConditionSet',
              name: `n${i}`,
              condition: { type: 'MemoryPressure', status: 'False' },
            });
          }
          sim.runUntilQuiet();
          sim.advance(10 * SECOND);
          sim.runUntilQuiet();
          const ds = sim.view.getDaemonSet('default/agent')!;
          for (const name of sim.view.nodeNames()) {
            const { shouldRun } = nodeShouldRunDaemonPod(sim.view.getNode(name)!, ds);
            const live = [...sim.view.podsOnNode(name)].filter(
              (p) =>
                getControllerOf(p.metadata)?.uid === ds.metadata.uid &&
                p.metadata.deletionTimestamp === undefined,
            );
            expect(shouldRun).toBe(true);
            expect(live.length).toBe(1);
            expect(live[0]!.status.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
          }
        },
      ),
    );
  });
});
