import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/sim/simulation.js';
import { formatTrace } from '../../src/sim/trace.js';
import { SimulationError } from '../../src/errors.js';
import { SECOND } from '../../src/model/time.js';

const agent = (name = 'agent', image = 'agent:1.0') => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'kube-system' },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image }] } },
  },
});

function cluster(nodes: number, seed = 1) {
  const sim = createSimulation({ seed });
  for (let i = 1; i <= nodes; i++) sim.submit({ type: 'NodeAdded', node: { name: `node-${i}` } });
  sim.submit({ type: 'ManifestApplied', manifest: agent() });
  sim.runUntilQuiet();
  return sim;
}

describe('Simulation', () => {
  it('brings a daemon pod to Running and Ready on every node', () => {
    const sim = cluster(3);
    const pods = sim.view.allPods();
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    expect(
      pods.every(
        (p) =>
          p.status.phase === 'Running' &&
          p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      ),
    ).toBe(true);
    expect(sim.view.getDaemonSet('kube-system/agent')?.status).toMatchObject({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberReady: 3,
      numberAvailable: 3,
      updatedNumberScheduled: 3,
      numberUnavailable: 0,
      observedGeneration: 1,
    });
  });

  it('names pods with generateName and a seeded five-character suffix from the Kubernetes alphabet', () => {
    for (const pod of cluster(2).view.allPods())
      expect(pod.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const names = (seed: number) =>
      cluster(2, seed)
        .view.allPods()
        .map((p) => p.metadata.name);
    expect(names(1)).toEqual(names(1));
    expect(names(1)).not.toEqual(names(2));
  });

  it('keeps a snapshot unchanged by later steps', () => {
    const sim = cluster(2);
    const before = sim.snapshot();
    const podsBefore = [...before.pods.keys()];
    sim.submit({ type: 'NodeAdded', node: { name: 'node-3' } });
    sim.runUntilQuiet();
    expect([...before.pods.keys()]).toEqual(podsBefore);
    expect(before.nodes.has('node-3')).toBe(false);
    expect(sim.snapshot().pods.size).toBe(3);
  });

  it('refuses an event in the past and leaves the queue and clock as they were', () => {
    const sim = cluster(1);
    sim.advance(10 * SECOND);
    const now = sim.now;
    const pending = sim.pendingEvents;
    expect(() => sim.schedule({ type: 'NodeAdded', node: { name: 'late' } }, now - 1)).toThrow(
      /must be an integer number of milliseconds not before the current time/,
    );
    expect(sim.now).toBe(now);
    expect(sim.pendingEvents).toBe(pending);
  });

  it('refuses an unknown node with NotFound and changes nothing', () => {
    const sim = cluster(1);
    const before = formatTrace(sim.trace);
    const snapshot = sim.snapshot();
    try {
      sim.submit({ type: 'NodeRemoved', name: 'ghost' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SimulationError);
      expect((error as SimulationError).code).toBe('NotFound');
      expect((error as SimulationError).message).toBe('nodes "ghost" not found');
    }
    expect(sim.snapshot().nodes).toBe(snapshot.nodes);
    expect(formatTrace(sim.trace).startsWith(before)).toBe(true);
  });

  it('rejects a DaemonSet whose selector does not match its template labels, in the API server words', () => {
    const sim = cluster(1);
    const bad = agent('bad');
    (bad.spec.template.metadata.labels as Record<string, string>).app = 'other';
    expect(() => sim.submit({ type: 'ManifestApplied', manifest: bad })).toThrow(
      'DaemonSet.apps "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    );
    expect(sim.view.getDaemonSet('kube-system/bad')).toBeUndefined();
  });

  it('rejects a change of an existing DaemonSet selector as immutable and keeps the stored object', () => {
    const sim = cluster(1);
    const stored = sim.view.getDaemonSet('kube-system/agent');
    const changed = agent();
    changed.spec.selector.matchLabels = { app: 'agent', tier: 'x' } as never;
    (changed.spec.template.metadata.labels as Record<string, string>).tier = 'x';
    expect(() => sim.submit({ type: 'ManifestApplied', manifest: changed })).toThrow(
      /spec.selector: Invalid value: .*field is immutable/,
    );
    expect(sim.view.getDaemonSet('kube-system/agent')).toBe(stored);
  });

  it('rejects a hostile manifest with a __proto__ key before it reaches the queue', () => {
    const sim = cluster(1);
    const hostile = JSON.parse(
      '{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"x","labels":{"__proto__":{"polluted":"yes"}}}}',
    );
    expect(() => sim.schedule({ type: 'ManifestApplied', manifest: hostile })).toThrow(
      /metadata\.labels\.__proto__: Forbidden/,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(sim.view.getDaemonSet('default/x')).toBeUndefined();
  });

  it('rejects an unknown kind as the API server does', () => {
    const sim = cluster(1);
    expect(() =>
      sim.submit({
        type: 'ManifestApplied',
        manifest: { apiVersion: 'v1', kind: 'Frobnicator', metadata: { name: 'f' } },
      }),
    ).toThrow('no matches for kind "Frobnicator" in version "v1"');
  });

  it('bumps generation on any spec change and the template generation only on template changes', () => {
    const sim = cluster(1);
    const withStrategy = { ...agent(), spec: { ...agent().spec, minReadySeconds: 5 } };
    sim.submit({ type: 'ManifestApplied', manifest: withStrategy });
    let ds = sim.view.getDaemonSet('kube-system/agent')!;
    expect(ds.metadata.generation).toBe(2);
    expect(ds.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('1');
    sim.submit({
      type: 'ManifestApplied',
      manifest: {
        ...agent('agent', 'agent:2.0'),
        spec: { ...agent('agent', 'agent:2.0').spec, minReadySeconds: 5 },
      },
    });
    ds = sim.view.getDaemonSet('kube-system/agent')!;
    expect(ds.metadata.generation).toBe(3);
    expect(ds.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('2');
  });

  it('re-applying an identical manifest writes nothing', () => {
    const sim = cluster(1);
    const rv = sim.view.getDaemonSet('kube-system/agent')!.metadata.resourceVersion;
    sim.submit({ type: 'ManifestApplied', manifest: agent() });
    expect(sim.view.getDaemonSet('kube-system/agent')!.metadata.resourceVersion).toBe(rv);
  });

  it('collects the pod of a removed node 40 to 80 seconds later, and the DaemonSet then stops counting the node', () => {
    const sim = cluster(2);
    const removedAt = sim.now;
    sim.submit({ type: 'NodeRemoved', name: 'node-1' });
    sim.runUntilQuiet();
    const deletion = sim.trace.find((e) => e.entry === 'write' && e.verb === 'delete' && e.kind === 'Pod');
    expect(deletion).toBeDefined();
    expect(deletion!.at - removedAt).toBeGreaterThanOrEqual(40 * SECOND);
    expect(deletion!.at - removedAt).toBeLessThanOrEqual(80 * SECOND);
    expect(sim.view.getDaemonSet('kube-system/agent')?.status.desiredNumberScheduled).toBe(1);
  });

  it('records SuccessfulCreate events from the daemonset-controller', () => {
    const sim = cluster(2);
    const created = [...sim.view.events()].filter((e) => e.reason === 'SuccessfulCreate');
    expect(created).toHaveLength(2);
    expect(created[0]!.source.component).toBe('daemonset-controller');
    expect(created[0]!.message).toMatch(/^Created pod: agent-[a-z0-9]{5}$/);
  });

  it('drops KubeEvents an hour after they were last seen, as the API server event TTL does', () => {
    const sim = cluster(2);
    expect([...sim.view.events()].some((e) => e.reason === 'SuccessfulCreate')).toBe(true);
    sim.advance(59 * 60 * SECOND);
    expect([...sim.view.events()].some((e) => e.reason === 'SuccessfulCreate')).toBe(true);
    sim.advance(2 * 60 * SECOND);
    expect([...sim.view.events()]).toEqual([]);
  });

  it('gives a byte-identical trace for the same seed', () => {
    expect(formatTrace(cluster(4, 9).trace)).toBe(formatTrace(cluster(4, 9).trace));
  });
});
