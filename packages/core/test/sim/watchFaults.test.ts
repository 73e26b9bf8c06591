import { describe, expect, it } from 'vitest';
import type { Simulation, SimulationOptions, TraceEntry, WatchFaultRule } from '../../src/index.js';
import { createSimulation, formatTrace, REFLECTOR_INITIAL_BACKOFF } from '../../src/index.js';

// Watch faults of the informer model: a broken watch drops its kind's writes until a relist
// after the reflector's backoff heals the cache; a delayed watch lets kinds overtake each other.

function agent(nodeSelector?: Record<string, string>): unknown {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: {
          ...(nodeSelector === undefined ? {} : { nodeSelector }),
          containers: [{ name: 'agent', image: 'agent:1' }],
        },
      },
    },
  };
}

function cluster(faults: readonly WatchFaultRule[], options: SimulationOptions = {}): Simulation {
  const sim = createSimulation({ seed: 3, observation: 'informer', faults, ...options });
  sim.submit({ type: 'NodeAdded', node: { name: 'node-1', labels: { role: 'agent' } } });
  sim.submit({ type: 'ManifestApplied', manifest: agent({ role: 'agent' }) });
  sim.runUntilQuiet();
  return sim;
}

const podNames = (sim: Simulation): string[] => [...sim.snapshot().pods.values()].map((p) => p.metadata.name);
const events = (trace: readonly TraceEntry[], type: string): string[] =>
  trace.filter((e) => e.entry === 'event' && e.type === type).map((e) => formatTrace([e]).trim());

describe('a broken watch', () => {
  it('drops a pod delete, and the relist after the backoff heals it: only then does the DaemonSet controller replace the pod', () => {
    const sim = cluster([{ rule: 'pods', watch: 'Pod', fault: 'break', enabled: false }]);
    const [victim] = podNames(sim);
    sim.enableFault('pods');
    const from = sim.trace.length;
    sim.submit({
      type: 'PodDeleted',
      namespace: 'default',
      name: victim!,
      gracePeriodSeconds: 0,
      force: true,
    });
    sim.advance(10_000);
    // The controller's cache still shows the deleted pod, so it creates nothing.
    expect(sim.trace.slice(from).filter((e) => e.entry === 'write' && e.verb === 'create')).toEqual([]);
    expect(events(sim.trace.slice(from), 'WatchEventDropped')).toEqual([
      expect.stringMatching(
        new RegExp(`WatchEventDropped Pod default/${victim} DELETED rv=\\d+ \\[fault pods\\]`),
      ),
    ]);
    const disabledAt = sim.now;
    sim.disableFault('pods');
    sim.runUntilQuiet();
    const relist = sim.trace.find((e) => e.entry === 'event' && e.type === 'InformerRelist')!;
    expect(relist.at - disabledAt).toBeGreaterThanOrEqual(REFLECTOR_INITIAL_BACKOFF);
    expect(relist.at - disabledAt).toBeLessThan(2 * REFLECTOR_INITIAL_BACKOFF);
    expect(events(sim.trace, 'WatchRelisted')).toEqual([
      expect.stringContaining(`WatchRelisted Pod deleted=default/${victim}`),
    ]);
    const create = sim.trace.findIndex((e, i) => i > from && e.entry === 'write' && e.verb === 'create');
    expect(sim.trace[create]!.at).toBe(relist.at);
    expect(podNames(sim)).toHaveLength(1);
    expect(podNames(sim)).not.toContain(victim);
  });

  it('stays broken from the end of its window until the relist: a pod added in the window and deleted before the relist is never seen, and the DaemonSet waits for its expectations until its informer resync', () => {
    const sim = createSimulation({
      seed: 2,
      observation: 'informer',
      minResyncPeriod: 10 * 60_000,
      faults: [{ rule: 'pods', watch: 'Pod', fault: 'break' }],
    });
    sim.submit({ type: 'NodeAdded', node: { name: 'node-1' } });
    sim.submit({ type: 'ManifestApplied', manifest: agent() });
    sim.advance(5000);
    sim.disableFault('pods');
    const [pod] = podNames(sim);
    sim.submit({ type: 'PodDeleted', namespace: 'default', name: pod!, gracePeriodSeconds: 0, force: true });
    sim.runUntilQuiet();
    expect(events(sim.trace, 'WatchEventDropped').at(-1)).toMatch(new RegExp(`Pod default/${pod} DELETED`));
    // The pod came and went before the relist: the list shows nothing new.
    expect(events(sim.trace, 'WatchRelisted')).toEqual([expect.stringMatching(/^\S+ WatchRelisted Pod$/)]);
    expect(sim.trace.filter((e) => e.entry === 'rejected')).toEqual([]);
    // As upstream: the create it expects was never observed, and nothing wakes the DaemonSet
    // until the resync, when the expectations have expired (5 min) and it creates the pod again.
    expect(podNames(sim)).toEqual([]);
    sim.advance(30 * 60_000);
    expect(podNames(sim)).toHaveLength(1);
    expect(podNames(sim)).not.toContain(pod);
  });

  it('coalesces an update sequence: the controllers see only its last state (a node labelled away and back keeps its pod)', () => {
    const run = (faulted: boolean): Simulation => {
      const sim = cluster(faulted ? [{ rule: 'nodes', watch: 'Node', fault: 'break', enabled: false }] : []);
      if (faulted) sim.enableFault('nodes');
      for (const role of ['none', 'other', 'agent'])
        sim.submit({ type: 'NodeUpdated', name: 'node-1', change: { labels: { role } } });
      sim.advance(3000);
      if (faulted) sim.disableFault('nodes');
      sim.runUntilQuiet();
      return sim;
    };
    // Without the fault the toggle is seen: the pod is deleted and a new one created.
    const seen = run(false);
    expect(seen.trace.some((e) => e.entry === 'write' && e.verb === 'delete' && e.kind === 'Pod')).toBe(true);
    const coalesced = run(true);
    expect(events(coalesced.trace, 'WatchEventDropped')).toHaveLength(3);
    expect(events(coalesced.trace, 'WatchRelisted')).toEqual([
      expect.stringContaining('WatchRelisted Node updated=node-1'),
    ]);
    expect(coalesced.trace.some((e) => e.entry === 'write' && e.verb === 'delete' && e.kind === 'Pod')).toBe(
      false,
    );
    expect(coalesced.snapshot().nodes.get('node-1')!.metadata.labels?.['role']).toBe('agent');
    expect(podNames(coalesced)).toEqual(podNames(cluster([])));
  });

  it('with a probability breaks at a write and relists on its own after the backoff, traced as WatchBroken', () => {
    const sim = createSimulation({
      seed: 1,
      observation: 'informer',
      faults: [{ rule: 'flaky', watch: 'Pod', fault: 'break', probability: 1, enabled: false }],
    });
    sim.submit({ type: 'NodeAdded', node: { name: 'node-1' } });
    sim.enableFault('flaky');
    sim.submit({ type: 'ManifestApplied', manifest: agent() });
    sim.runUntil(sim.now + 200);
    sim.disableFault('flaky');
    sim.runUntilQuiet();
    const broken = events(sim.trace, 'WatchBroken');
    expect(broken[0]).toMatch(/WatchBroken Pod \[fault flaky\] relist in \d+ms/);
    expect(events(sim.trace, 'WatchRelisted').length).toBeGreaterThanOrEqual(1);
    // Healed: exactly one pod, running on the node, and nothing more to do.
    expect(podNames(sim)).toHaveLength(1);
    expect(sim.snapshot().daemonSets.get('default/agent')!.status.numberAvailable).toBe(1);
  });
});

describe('a broken watch and the rest of the informer model', () => {
  it('a fresh controller restart lists every kind again, so the pod delete its broken watch dropped is acted on at once', () => {
    const sim = cluster([{ rule: 'pods', watch: 'Pod', fault: 'break', enabled: false }]);
    const [victim] = podNames(sim);
    sim.enableFault('pods');
    sim.submit({
      type: 'PodDeleted',
      namespace: 'default',
      name: victim!,
      gracePeriodSeconds: 0,
      force: true,
    });
    sim.advance(5000);
    const from = sim.trace.length;
    sim.crashController('daemonset', { relist: 'fresh' });
    sim.advance(1000);
    const creates = sim.trace.slice(from).filter((e) => e.entry === 'write' && e.verb === 'create');
    expect(creates).toHaveLength(1);
    // The rule is still on: the new pod's own writes are dropped, and no relist was queued.
    expect(sim.faultEnabled('pods')).toBe(true);
    expect(events(sim.trace, 'InformerRelist')).toEqual([]);
  });

  it("holds KEP-5647's synced resourceVersion at the first dropped write: the controller defers its passes until the relist", () => {
    const sim = cluster([{ rule: 'pods', watch: 'Pod', fault: 'break', enabled: false }], {
      staleControllerConsistency: true,
    });
    sim.enableFault('pods');
    const added = sim.now;
    sim.submit({ type: 'NodeAdded', node: { name: 'node-2', labels: { role: 'agent' } } });
    sim.advance(5000);
    // Long after any informer lag (60 ms at most), the passes are still deferred.
    sim.submit({ type: 'NodeUpdated', name: 'node-2', change: { labels: { zone: 'b' } } });
    sim.advance(1000);
    const late = sim.trace.filter(
      (e) => e.entry === 'rejected' && e.message.startsWith('stale cache:') && e.at > added + 5000,
    );
    expect(late.length).toBeGreaterThan(0);
    sim.disableFault('pods');
    sim.runUntilQuiet();
    const relist = sim.trace.find((e) => e.entry === 'event' && e.type === 'WatchRelisted')!;
    expect(relist.entry === 'event' && relist.detail).toMatch(/^Pod added=default\/agent-\w+$/);
    expect(
      sim.trace.filter(
        (e) => e.entry === 'rejected' && e.message.startsWith('stale cache:') && e.at > relist.at,
      ),
    ).toEqual([]);
    expect(sim.snapshot().daemonSets.get('default/agent')!.status.numberAvailable).toBe(2);
  });
});

describe('a delayed watch', () => {
  it('keeps its kind in write order but lets another kind overtake it: a node update is seen before an earlier pod write', () => {
    const sim = createSimulation({
      seed: 4,
      observation: 'informer',
      traceWatchDeliveries: true,
      faults: [{ rule: 'slow-pods', watch: 'Pod', fault: 'delay', delayMs: { min: 2000, max: 3000 } }],
    });
    sim.submit({ type: 'NodeAdded', node: { name: 'node-1' } });
    sim.submit({ type: 'ManifestApplied', manifest: agent() });
    sim.runUntil(500);
    sim.submit({ type: 'NodeUpdated', name: 'node-1', change: { labels: { zone: 'a' } } });
    sim.runUntilQuiet();
    const deliveries = sim.trace.filter((e) => e.entry === 'event' && e.type === 'WatchDelivered');
    const written = (e: TraceEntry): string => (e.entry === 'event' ? e.detail.split('written=')[1]! : '');
    const pods = deliveries.filter((e) => e.entry === 'event' && e.detail.startsWith('Pod '));
    const nodeUpdate = deliveries.find(
      (e) => e.entry === 'event' && e.detail.startsWith('Node node-1 MODIFIED'),
    )!;
    const firstPod = pods[0]!;
    expect(written(firstPod) < written(nodeUpdate)).toBe(true);
    expect(deliveries.indexOf(nodeUpdate)).toBeLessThan(deliveries.indexOf(firstPod));
    expect(pods.map(written)).toEqual([...pods.map(written)].sort());
    expect(events(sim.trace, 'WatchEventDelayed')[0]).toMatch(
      /WatchEventDelayed Pod default\/agent-\w+ ADDED rv=\d+ \+\d+ms \[fault slow-pods\]/,
    );
  });
});

describe('watch fault rules', () => {
  it('are refused with a field error naming the rule under instant observation, and for a bad kind or delay', () => {
    const make = (faults: unknown, observation: 'instant' | 'informer' = 'informer'): unknown => {
      try {
        createSimulation({ observation, faults: faults as WatchFaultRule[] });
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(make([{ watch: 'Pod', fault: 'break' }], 'instant')).toBe(
      'createSimulation: faults[0].watch: Forbidden: watch faults need observation: informer (under instant observation the controllers read the store, with no watch)',
    );
    expect(make([{ watch: 'Secret', fault: 'break' }])).toBe(
      'createSimulation: faults[0].watch: Unsupported value: "Secret": supported values: "Pod", "Node", "DaemonSet", "ControllerRevision"',
    );
    expect(make([{ watch: 'Pod', fault: 'delay' }])).toMatch(
      /^createSimulation: faults\[0\]\.delayMs: Required value/,
    );
    expect(make([{ watch: 'Pod', fault: 'delay', delayMs: { min: 5, max: 1 } }])).toBe(
      'createSimulation: faults[0].delayMs.max: Invalid value: 1: must be greater than or equal to min',
    );
    expect(make([{ watch: 'Pod', fault: 'break', delayMs: { min: 1, max: 2 } }])).toBe(
      'createSimulation: faults[0].delayMs: Forbidden: may only be set with fault delay',
    );
    expect(make([{ watch: 'Pod', fault: 'break', error: 'Conflict' }])).toMatch(
      /^createSimulation: faults\[0\]\.error: Forbidden: unknown field/,
    );
  });

  it('leave a run without them unchanged, and configured but never enabled, change no write', () => {
    const plain = cluster([]);
    const idle = cluster([{ rule: 'idle', watch: 'Pod', fault: 'break', enabled: false }]);
    const writes = (sim: Simulation): string => formatTrace(sim.trace.filter((e) => e.entry === 'write'));
    expect(writes(idle)).toBe(writes(plain));
  });
});
