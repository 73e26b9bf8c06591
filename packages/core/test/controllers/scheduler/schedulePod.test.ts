import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  filterNode,
  insufficientResources,
  podRequests,
  SECOND,
} from '../../../src/index.js';
import type { Pod, Simulation } from '../../../src/index.js';

function pod(name: string, spec: Record<string, unknown>, namespace = 'default'): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    spec: { containers: [{ name: 'c', image: 'example.com/app:1' }], ...spec },
  };
}

function withCpu(cpu: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    containers: [{ name: 'c', image: 'example.com/app:1', resources: { requests: { cpu } } }],
    ...extra,
  };
}

function cluster(): Simulation {
  const sim = createSimulation({ seed: 1 });
  sim.submit({ type: 'NodeAdded', node: { name: 'n1', capacity: { cpu: '1', memory: '1Gi', pods: '3' } } });
  return sim;
}

describe('the scheduler (NodeResourcesFit, NodePorts, TaintToleration, DefaultPreemption)', () => {
  it("binds a pod that fits and leaves one that does not Pending with upstream's message", () => {
    const sim = cluster();
    sim.submit({ type: 'ManifestApplied', manifest: pod('a', withCpu('600m')) });
    sim.runUntilQuiet();
    sim.submit({ type: 'ManifestApplied', manifest: pod('b', withCpu('600m')) });
    sim.runUntilQuiet();
    expect(sim.view.getPod('default/a')?.spec.nodeName).toBe('n1');
    const b = sim.view.getPod('default/b')!;
    expect(b.spec.nodeName).toBeUndefined();
    expect(b.status.conditions?.find((c) => c.type === 'PodScheduled')?.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it("counts pods against the node's pod capacity (Too many pods)", () => {
    const sim = cluster();
    for (const n of ['a', 'b', 'c', 'd']) sim.submit({ type: 'ManifestApplied', manifest: pod(n, {}) });
    sim.runUntilQuiet();
    expect(
      sim.view.getPod('default/d')?.status.conditions?.find((c) => c.type === 'PodScheduled')?.message,
    ).toContain('1 Too many pods');
  });

  it('refuses a host port already taken on the node, and a taint the pod does not tolerate', () => {
    const sim = cluster();
    const port = { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80, hostPort: 8080 }] }] };
    sim.submit({ type: 'ManifestApplied', manifest: pod('a', port) });
    sim.runUntilQuiet();
    const node = sim.view.getNode('n1')!;
    const probe = {
      ...(sim.view.getPod('default/a') as Pod),
      spec: { ...(sim.view.getPod('default/a') as Pod).spec, nodeName: undefined },
    } as unknown as Pod;
    expect(filterNode(probe, node, sim.view.nodeUsage('n1'))?.reasons).toEqual([
      "node(s) didn't have free ports for the requested pod ports",
    ]);
    sim.submit({
      type: 'NodeUpdated',
      name: 'n1',
      change: { addTaints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] },
    });
    expect(filterNode(probe, sim.view.getNode('n1')!, sim.view.nodeUsage('n1'))).toEqual({
      reasons: ['node(s) had untolerated taint {dedicated: db}'],
      unresolvable: true,
    });
  });

  it('a higher-priority pod preempts the fewest lower-priority pods, lowest priority first, and is bound once they are gone', () => {
    const sim = createSimulation({ seed: 2, priorityClasses: { low: { value: 10 }, mid: { value: 100 } } });
    sim.submit({
      type: 'NodeAdded',
      node: { name: 'n1', capacity: { cpu: '1', memory: '1Gi', pods: '10' } },
    });
    sim.submit({
      type: 'ManifestApplied',
      manifest: pod('low', withCpu('400m', { priorityClassName: 'low' })),
    });
    sim.submit({
      type: 'ManifestApplied',
      manifest: pod('mid', withCpu('400m', { priorityClassName: 'mid' })),
    });
    sim.runUntilQuiet();
    sim.submit({
      type: 'ManifestApplied',
      manifest: pod('critical', withCpu('500m', { priorityClassName: 'system-node-critical' })),
    });
    sim.advance(100);
    expect(sim.view.getPod('default/critical')?.status.nominatedNodeName).toBe('n1');
    expect(sim.view.getPod('default/low')?.metadata.deletionTimestamp).toBeDefined();
    expect(sim.view.getPod('default/mid')?.metadata.deletionTimestamp).toBeUndefined();
    expect(
      [...sim.view.events()].some((e) => e.reason === 'Preempted' && e.involvedObject.name === 'low'),
    ).toBe(true);
    sim.runUntilQuiet();
    expect(sim.view.getPod('default/critical')?.spec.nodeName).toBe('n1');
    expect(sim.view.getPod('default/critical')?.spec.priority).toBe(2000001000);
    expect(sim.view.getPod('default/low')).toBeUndefined();
  });

  it("a pod bound by the scheduler always fits the node's allocatable at bind time", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            cpu: fc.integer({ min: 0, max: 1500 }),
            mem: fc.integer({ min: 0, max: 600 }),
            prio: fc.constantFrom(undefined, 'system-node-critical'),
          }),
          { maxLength: 12 },
        ),
        (pods) => {
          const sim = createSimulation({ seed: 3 });
          sim.submit({
            type: 'NodeAdded',
            node: { name: 'n1', capacity: { cpu: '2', memory: '1Gi', pods: '8' } },
          });
          const violations: string[] = [];
          sim.watch((e) => {
            if (e.kind !== 'Pod' || e.type !== 'MODIFIED') return;
            const p = e.object as Pod;
            if (
              p.spec.nodeName !== 'n1' ||
              p.status.phase !== 'Pending' ||
              p.status.containerStatuses?.[0]?.state?.waiting?.reason !== 'ContainerCreating'
            )
              return;
            const usage = sim.view.nodeUsage('n1');
            // The bound pod itself is part of the usage now; the usage must not exceed allocatable.
            if (usage.milliCPU > 2000 || usage.memory > 1024 ** 3 || usage.pods > 8)
              violations.push(`${p.metadata.name}: ${usage.milliCPU}m ${usage.memory}`);
          });
          pods.forEach((p, i) =>
            sim.submit({
              type: 'ManifestApplied',
              manifest: pod(`p${i}`, {
                containers: [
                  {
                    name: 'c',
                    image: 'x',
                    resources: { requests: { cpu: `${p.cpu}m`, memory: `${p.mem}Mi` } },
                  },
                ],
                ...(p.prio === undefined ? {} : { priorityClassName: p.prio }),
              }),
            }),
          );
          sim.advance(120 * SECOND);
          expect(violations).toEqual([]);
        },
      ),
    );
  });

  it('computes requests as upstream does: containers summed, init containers as a max, overhead added', () => {
    const r = podRequests({
      containers: [
        { name: 'a', resources: { requests: { cpu: '100m', memory: '1Gi' } } },
        { name: 'b', resources: { requests: { cpu: '200m' } } },
      ],
      initContainers: [{ name: 'i', resources: { requests: { cpu: '500m' } } }],
      overhead: { cpu: '10m' },
    });
    expect(r).toMatchObject({ milliCPU: 510, memory: 1024 ** 3 });
    const node = createSimulation().view;
    expect(node.nodeCount()).toBe(0);
    expect(
      insufficientResources(
        r,
        { status: { allocatable: { cpu: '500m', memory: '2Gi', pods: '1' } } } as never,
        { milliCPU: 0, memory: 0, ephemeralStorage: 0, pods: 1, scalar: new Map(), hostPorts: new Map() },
      ),
    ).toEqual(['Too many pods', 'Insufficient cpu']);
  });
});
