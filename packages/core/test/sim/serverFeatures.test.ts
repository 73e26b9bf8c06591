import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../src/sim/watchEvent.js';
import { createSimulation } from '../../src/sim/simulation.js';
import { nodeLease } from '../../src/sim/nodeLease.js';
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

function cluster(nodes: number) {
  const sim = createSimulation({ seed: 3 });
  for (let i = 1; i <= nodes; i++) sim.submit({ type: 'NodeAdded', node: { name: `node-${i}` } });
  sim.submit({ type: 'ManifestApplied', manifest: agent() });
  sim.runUntilQuiet();
  return sim;
}

function stateJson(sim: ReturnType<typeof createSimulation>): string {
  const s = sim.snapshot();
  return JSON.stringify([
    s.time,
    [...s.nodes],
    [...s.pods],
    [...s.daemonSets],
    [...s.controllerRevisions],
    [...s.events],
    [...s.namespaces],
    sim.rngState,
    sim.trace.length,
    sim.pendingEvents,
  ]);
}

describe('Simulation: what an API server needs', () => {
  it('gives a deletion a fresh resourceVersion, greater than every earlier one', () => {
    const sim = cluster(1);
    const events: WatchEvent[] = [];
    sim.watch((e) => events.push(e));
    const ds = sim.view.getDaemonSet('kube-system/agent')!;
    sim.submit({
      type: 'DaemonSetDeleted',
      namespace: 'kube-system',
      name: 'agent',
      propagationPolicy: 'Background',
    });
    const deleted = events.find((e) => e.kind === 'DaemonSet' && e.type === 'DELETED')!;
    expect(Number(deleted.object.metadata.resourceVersion)).toBeGreaterThan(
      Number(ds.metadata.resourceVersion),
    );
    const rvs = events.map((e) => Number(e.object.metadata.resourceVersion));
    expect(new Set(rvs).size).toBe(rvs.length);
    expect([...rvs].sort((a, b) => a - b)).toEqual(rvs);
  });

  it('reports Event and Namespace writes through watch', () => {
    const sim = createSimulation();
    const events: WatchEvent[] = [];
    sim.watch((e) => events.push(e));
    sim.submit({
      type: 'ManifestApplied',
      manifest: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } },
    });
    sim.submit({ type: 'NodeAdded', node: { name: 'node-1' } });
    sim.submit({ type: 'ManifestApplied', manifest: agent() });
    sim.runUntilQuiet();
    expect(events.find((e) => e.kind === 'Namespace')).toMatchObject({
      type: 'ADDED',
      object: { metadata: { name: 'team-a' } },
    });
    const recorded = events.filter((e) => e.kind === 'Event');
    expect(recorded.length).toBe([...sim.snapshot().events.values()].length);
    expect(
      recorded.some(
        (e) => e.type === 'ADDED' && (e.object as { reason?: string }).reason === 'SuccessfulCreate',
      ),
    ).toBe(true);
  });

  it('deletes a pod at once with gracePeriodSeconds 0 or force, and with the given grace otherwise', () => {
    const sim = cluster(3);
    const [a, b, c] = sim.view.allPods();
    sim.submit({
      type: 'PodDeleted',
      namespace: 'kube-system',
      name: a!.metadata.name,
      gracePeriodSeconds: 0,
    });
    expect(sim.view.getPod(`kube-system/${a!.metadata.name}`)).toBeUndefined();
    sim.submit({ type: 'PodDeleted', namespace: 'kube-system', name: b!.metadata.name, force: true });
    expect(sim.view.getPod(`kube-system/${b!.metadata.name}`)).toBeUndefined();
    sim.submit({
      type: 'PodDeleted',
      namespace: 'kube-system',
      name: c!.metadata.name,
      gracePeriodSeconds: 5,
    });
    expect(sim.view.getPod(`kube-system/${c!.metadata.name}`)!.metadata.deletionGracePeriodSeconds).toBe(5);
    expect(() =>
      sim.submit({
        type: 'PodDeleted',
        namespace: 'kube-system',
        name: c!.metadata.name,
        gracePeriodSeconds: -1,
      }),
    ).toThrow(SimulationError);
    const details = sim.trace
      .filter((e) => e.entry === 'event' && e.type === 'PodDeleted')
      .map((e) => (e.entry === 'event' ? e.detail : ''));
    expect(details[0]).toBe(`kube-system/${a!.metadata.name} gracePeriodSeconds=0`);
    expect(details[1]).toBe(`kube-system/${b!.metadata.name} force`);
  });

  it('edits node annotations with NodeUpdated (null removes)', () => {
    const sim = createSimulation();
    sim.submit({ type: 'NodeAdded', node: { name: 'n', annotations: { keep: '1', drop: '2' } } });
    sim.submit({ type: 'NodeUpdated', name: 'n', change: { annotations: { drop: null, add: '3' } } });
    expect(sim.view.getNode('n')!.metadata.annotations).toEqual({ keep: '1', add: '3' });
  });

  it('computes each node Lease from its heartbeats: renewals every 10 s, frozen while the kubelet is down', () => {
    const sim = createSimulation();
    sim.submit({ type: 'NodeAdded', node: { name: 'n' } });
    sim.advance(95 * SECOND);
    const lease = sim.nodeLease('n')!;
    expect(lease.metadata).toMatchObject({ name: 'n', namespace: 'kube-node-lease' });
    expect(lease.spec).toEqual({
      holderIdentity: 'n',
      leaseDurationSeconds: 40,
      renewTime: '2026-01-01T00:01:30.000000Z',
    });
    sim.submit({ type: 'NodeHeartbeatsStopped', name: 'n' });
    sim.advance(60 * SECOND);
    expect(sim.nodeLease('n')!.spec?.renewTime).toBe('2026-01-01T00:01:30.000000Z');
    expect(sim.nodeLeases()).toHaveLength(1);
    expect(sim.nodeLease('missing')).toBeUndefined();
    expect(nodeLease(sim.view.getNode('n')!, 25 * SECOND, undefined).spec?.renewTime).toBe(
      '2026-01-01T00:00:20.000000Z',
    );
  });

  it('dryRun checks as submit would and changes nothing: no state, counters, RNG or trace', () => {
    const sim = cluster(2);
    const before = stateJson(sim);
    const created = sim.dryRun({ type: 'ManifestApplied', manifest: agent('other') });
    expect(created.object).toMatchObject({ kind: 'DaemonSet', metadata: { name: 'other', generation: 1 } });
    const pod = sim.dryRun({
      type: 'ManifestApplied',
      manifest: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'x', namespace: 'default' },
        spec: { containers: [{ name: 'c', image: 'i' }] },
      },
    });
    expect(pod.object).toMatchObject({ kind: 'Pod', metadata: { name: 'x' }, status: { phase: 'Pending' } });
    const invalid = agent('bad') as ReturnType<typeof agent>;
    invalid.spec.template.metadata.labels = { app: 'nope' };
    expect(() => sim.dryRun({ type: 'ManifestApplied', manifest: invalid })).toThrow(SimulationError);
    expect(() => sim.dryRun({ type: 'NodeAdded', node: { name: 'node-1' } })).toThrow('already exists');
    expect(() => sim.dryRun({ type: 'PodDeleted', namespace: 'default', name: 'nope' })).toThrow('not found');
    expect(
      sim.dryRun({ type: 'NodeUpdated', name: 'node-1', change: { labels: { a: 'b' } } }).object,
    ).toMatchObject({ metadata: { labels: { a: 'b' } } });
    expect(() => sim.dryRun({ type: 'PodGCPeriod' })).toThrow('not a request event');
    expect(stateJson(sim)).toBe(before);
    // The same request, submitted, still stores what the dry run said.
    sim.submit({ type: 'ManifestApplied', manifest: agent('other') });
    expect(sim.view.getDaemonSet('kube-system/other')!.spec).toEqual(
      (created.object as { spec: unknown }).spec,
    );
  });
});
