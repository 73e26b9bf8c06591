import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admitPod } from '../../../src/controllers/kubelet/admitPod.js';
import { countsOnNode, newNodeUsage, updateNodeUsage } from '../../../src/controllers/scheduler/nodeUsage.js';
import type { Node, Pod } from '../../../src/index.js';

const NODE = 'node-1';

function node(pods: number, cpu: number, memory: number): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: NODE, uid: 'n1', resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: {},
    status: { allocatable: { pods: String(pods), cpu: `${cpu}m`, memory: `${memory}Mi` } },
  } as Node;
}

const phases = ['Pending', 'Running', 'Succeeded', 'Failed'] as const;

const podArb = fc.record({
  cpu: fc.integer({ min: 0, max: 800 }),
  memory: fc.integer({ min: 0, max: 600 }),
  phase: fc.constantFrom(...phases),
  creating: fc.boolean(),
  bound: fc.boolean(),
});

type PodDraft = typeof podArb extends fc.Arbitrary<infer T> ? T : never;

function pod(i: number, p: PodDraft): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `p${i}`,
      namespace: 'default',
      uid: `u${i}`,
      resourceVersion: '1',
      creationTimestamp: '',
    },
    spec: {
      ...(p.bound ? { nodeName: NODE } : {}),
      containers: [
        { name: 'c', image: 'nginx', resources: { requests: { cpu: `${p.cpu}m`, memory: `${p.memory}Mi` } } },
      ],
    },
    status: {
      phase: p.phase,
      containerStatuses: [
        {
          name: 'c',
          image: 'nginx',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: p.creating ? { waiting: { reason: 'ContainerCreating' } } : { running: {} },
        },
      ],
    },
  } as Pod;
}

describe('admitPod', () => {
  it("answers from the node's usage exactly as from summing the node's admitted pods", () => {
    fc.assert(
      fc.property(
        fc.array(podArb, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 500, max: 4000 }),
        fc.integer({ min: 500, max: 4000 }),
        (drafts, maxPods, cpu, memory) => {
          const pods = drafts.map((d, i) => pod(i, d));
          // The pod being admitted is bound and not terminal, as the kubelet sees it.
          const self = pod(0, { ...drafts[0]!, bound: true, phase: 'Pending', creating: true });
          pods[0] = self;
          const usage = newNodeUsage();
          for (const p of pods) if (countsOnNode(p)) updateNodeUsage(usage, p, 1);
          const n = node(maxPods, cpu, memory);
          const behaviour = () => ({});
          expect(admitPod(self, n, pods, behaviour, usage)).toEqual(admitPod(self, n, pods, behaviour));
        },
      ),
    );
  });

  it('rejects a pod that does not fit even when the node usage is given', () => {
    const self = pod(0, { cpu: 300, memory: 10, phase: 'Pending', creating: true, bound: true });
    const other = pod(1, { cpu: 900, memory: 10, phase: 'Running', creating: false, bound: true });
    const usage = newNodeUsage();
    updateNodeUsage(usage, self, 1);
    updateNodeUsage(usage, other, 1);
    expect(admitPod(self, node(10, 1000, 1000), [self, other], () => ({}), usage)?.reason).toBe('OutOfcpu');
  });
});
