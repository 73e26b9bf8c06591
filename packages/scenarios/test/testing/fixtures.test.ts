import { describe, expect, it } from 'vitest';
import { createSimulation, SimulationError } from '@daemonsim/core';
import {
  addNodes,
  addPods,
  markPodsReady,
  newDaemonSet,
  newNode,
  newPod,
  SIMPLE_DAEMONSET_LABEL,
} from '../../src/testing/index.js';

function thrown(run: () => unknown): SimulationError {
  try {
    run();
  } catch (error) {
    if (error instanceof SimulationError) return error;
    throw error;
  }
  throw new Error('expected a SimulationError');
}

describe('fixtures: a simulation built from objects as given', () => {
  it('stores nodes, DaemonSets and pods with their status, owners and finalizers, and runs no controller at construction', () => {
    const nodes: unknown[] = [];
    addNodes(nodes, 0, 3);
    const ds = newDaemonSet('foo');
    const [pod] = markPodsReady([
      {
        ...newPod('node-0-', 'node-0', SIMPLE_DAEMONSET_LABEL, ds),
        status: { phase: 'Running' as const },
      },
    ]);
    const finalized = { ...pod!, metadata: { ...pod!.metadata, finalizers: ['example.com/keep'] } };
    const sim = createSimulation({ fixture: { nodes, daemonSets: [ds], pods: [finalized] } });

    expect(sim.eventsProcessed).toBe(0);
    expect(sim.trace).toEqual([]);
    expect(sim.view.nodeNames()).toEqual(['node-0', 'node-1', 'node-2']);
    expect(sim.view.getNode('node-1')!.status.allocatable).toEqual({ pods: '100' });
    const stored = sim.view.podsOnNode('node-0');
    const [p] = [...stored];
    expect(p!.status.phase).toBe('Running');
    expect(p!.status.conditions).toEqual([{ type: 'Ready', status: 'True' }]);
    expect(p!.metadata.finalizers).toEqual(['example.com/keep']);
    expect(p!.metadata.ownerReferences?.[0]?.uid).toBe(ds.metadata.uid);
    expect(sim.view.getDaemonSet('default/foo')!.spec.updateStrategy.type).toBe('OnDelete');
  });

  it('leaves the first DaemonSet pass to the caller, which then creates pods only on the nodes without one', () => {
    const nodes: unknown[] = [];
    addNodes(nodes, 0, 3);
    const ds = newDaemonSet('foo');
    const pods: unknown[] = [];
    addPods(pods, 'node-0', SIMPLE_DAEMONSET_LABEL, ds, 1);
    for (const observation of ['instant', 'informer'] as const) {
      const sim = createSimulation({ observation, fixture: { nodes, daemonSets: [ds], pods } });
      expect(sim.controllerView.getDaemonSet('default/foo')).toBeDefined();
      sim.runUntilQuiet();
      const byNode = sim.view.nodeNames().map((n) => [...sim.view.podsOnNode(n)].length);
      expect(byNode).toEqual([1, 1, 1]);
    }
  });

  it('keeps a node condition and a deletionTimestamp as given', () => {
    const node = newNode('node-0');
    const notReady = {
      ...node,
      status: { ...node.status, conditions: [{ type: 'Ready', status: 'False' }] },
    };
    const pod = newPod('p-', 'node-0', { app: 'x' });
    const deleting = {
      ...pod,
      metadata: {
        ...pod.metadata,
        deletionTimestamp: '2026-01-01T00:00:30Z',
        deletionGracePeriodSeconds: 30,
      },
      status: { phase: 'Running' as const },
    };
    const sim = createSimulation({ fixture: { nodes: [notReady], pods: [deleting] } });
    expect(sim.view.getNode('node-0')!.status.conditions).toEqual([{ type: 'Ready', status: 'False' }]);
    const [p] = [...sim.view.podsOnNode('node-0')];
    expect(p!.metadata.deletionTimestamp).toBe('2026-01-01T00:00:30Z');
  });

  it('names a pod from its generateName with the seeded RNG, the same for the same seed', () => {
    const fixture = { nodes: [newNode('node-0')], pods: [newPod('node-0-', 'node-0', { app: 'x' })] };
    const names = (seed: number) =>
      [...createSimulation({ seed, fixture }).view.podsOnNode('node-0')].map((p) => p.metadata.name);
    expect(names(1)).toEqual(names(1));
    expect(names(1)[0]).toMatch(/^node-0-[a-z0-9]{5}$/);
  });

  it('rejects a pod without containers in the API server words, naming the fixture entry', () => {
    const pod = { metadata: { name: 'x' }, spec: { containers: [] } };
    const error = thrown(() => createSimulation({ fixture: { pods: [pod] } }));
    expect(error.code).toBe('Invalid');
    expect(error.message).toBe('fixture.pods[0]: Pod "x" is invalid: spec.containers: Required value');
  });

  it('rejects a DaemonSet whose selector does not match its template labels', () => {
    const ds = newDaemonSet('foo');
    const bad = { ...ds, spec: { ...ds.spec!, selector: { matchLabels: { other: 'x' } } } };
    const error = thrown(() => createSimulation({ fixture: { daemonSets: [bad] } }));
    expect(error.message).toMatch(
      /^fixture\.daemonSets\[0\]: DaemonSet\.apps "foo" is invalid: spec\.template\.metadata\.labels: Invalid value: .*`selector` does not match template `labels`$/,
    );
  });

  it('rejects an unknown field as strict decoding does, and a pod in a namespace that does not exist', () => {
    const node = { ...newNode('n'), spec: { foo: 1 } };
    expect(thrown(() => createSimulation({ fixture: { nodes: [node] } })).message).toBe(
      'fixture.nodes[0]: Node in version "v1" cannot be handled as a Node: strict decoding error: unknown field "spec.foo"',
    );
    const pod = { ...newPod('p-', '', {}), metadata: { name: 'p', namespace: 'nope' } };
    const error = thrown(() => createSimulation({ fixture: { pods: [pod] } }));
    expect([error.code, error.message]).toEqual(['NotFound', 'fixture.pods[0]: namespaces "nope" not found']);
  });

  it('rejects a type error in a status field and two objects of the same name', () => {
    const node = { ...newNode('n'), status: { conditions: 'Ready' } };
    expect(thrown(() => createSimulation({ fixture: { nodes: [node] } })).message).toMatch(
      /^fixture\.nodes\[0\]: Node in version "v1" cannot be handled as a Node: json: cannot unmarshal string into Go struct field NodeStatus\.status\.conditions/,
    );
    const error = thrown(() => createSimulation({ fixture: { nodes: [newNode('a'), newNode('a')] } }));
    expect([error.code, error.message]).toEqual([
      'AlreadyExists',
      'fixture.nodes[1]: nodes "a" already exists',
    ]);
  });

  it('accepts namespaces of its own before the objects in them', () => {
    const pod = { ...newPod('p-', '', {}), metadata: { name: 'p', namespace: 'team' } };
    const sim = createSimulation({ fixture: { namespaces: [{ metadata: { name: 'team' } }], pods: [pod] } });
    expect(sim.view.getPod('team/p')?.status.phase).toBe('Pending');
    expect(sim.view.getNamespace('team')?.status?.phase).toBe('Active');
  });
});
