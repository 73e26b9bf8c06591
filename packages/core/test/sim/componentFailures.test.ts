import { describe, expect, it } from 'vitest';
import { SimulationError } from '../../src/errors.js';
import type { DaemonSet, Pod } from '../../src/model/objects.js';
import { SECOND } from '../../src/model/time.js';
import type { ClusterStore } from '../../src/sim/clusterStore.js';
import type { SimulationOptions } from '../../src/sim/simulationOptions.js';
import type { Simulation } from '../../src/sim/simulation.js';
import { createSimulation } from '../../src/sim/simulation.js';
import { formatTrace } from '../../src/sim/trace.js';

const daemonSet = (name: string, image = `${name}:1`) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image }] } },
  },
});

function cluster(options: SimulationOptions = {}): Simulation {
  const sim = createSimulation({ seed: 3, ...options });
  for (let i = 1; i <= 3; i++) sim.submit({ type: 'NodeAdded', node: { name: `node-${i}` } });
  sim.submit({ type: 'ManifestApplied', manifest: daemonSet('agent') });
  sim.runUntilQuiet();
  return sim;
}

/** The simulation's store, written directly: how a test puts an object past admission. */
const storeOf = (sim: Simulation) => sim.view as unknown as ClusterStore;

/** Stores `mutate(pod)` for every pod of DaemonSet `name`, past admission and unseen by the controllers. */
function injectIntoPods(sim: Simulation, name: string, mutate: (pod: Pod) => Pod): void {
  for (const pod of sim.view.allPods())
    if (pod.metadata.labels?.app === name) storeOf(sim).putPod(mutate(pod));
}

const badGrace = (pod: Pod): Pod => ({
  ...pod,
  spec: { ...pod.spec, terminationGracePeriodSeconds: 'x' as unknown as number },
});
const goodGrace = (pod: Pod): Pod => ({ ...pod, spec: { ...pod.spec, terminationGracePeriodSeconds: 30 } });

function thrownBy(call: () => unknown): SimulationError {
  try {
    call();
  } catch (error) {
    if (error instanceof SimulationError) return error;
    throw error;
  }
  throw new Error('expected the call to throw a SimulationError');
}

const warnings = (sim: Simulation, reason: string) =>
  [...sim.snapshot().events.values()].filter((e) => e.type === 'Warning' && e.reason === reason);

/** A DaemonSet whose selector is `{ app: 1 }` (a number, as unquoted YAML gives it), stored past admission. */
function injectNumberSelector(sim: Simulation): void {
  sim.submit({ type: 'ManifestApplied', manifest: daemonSet('bad') });
  sim.runUntilQuiet();
  const ds = sim.view.getDaemonSet('default/bad')!;
  const labels = { app: 1 as unknown as string };
  const bad: DaemonSet = {
    ...ds,
    spec: {
      ...ds.spec,
      selector: { matchLabels: labels },
      template: { ...ds.spec.template, metadata: { ...ds.spec.template.metadata, labels } },
    },
  };
  storeOf(sim).putDaemonSet(bad);
}

describe('the livelock guard', () => {
  it('sets aside a DaemonSet whose selector no pod can match, instead of re-queueing it at the same instant forever', () => {
    const sim = cluster();
    injectNumberSelector(sim);
    // A node joining wakes every DaemonSet; the bad one would now loop at this instant forever.
    sim.submit({ type: 'NodeAdded', node: { name: 'node-4' } });
    const events = warnings(sim, 'Livelock');
    expect(events).toHaveLength(1);
    expect(events[0]!.involvedObject).toMatchObject({ kind: 'DaemonSet', name: 'bad' });
    expect(events[0]!.message).toBe(
      'Livelock: daemonset-controller re-queued default/bad 50 times without the clock moving; set aside with backoff',
    );
    expect(formatTrace(sim.trace)).toMatch(
      /x rejected DaemonSetSync default\/bad \[daemonset-controller\]: Livelock: .*; retrying in 5ms/,
    );
  });

  it('reports the livelock from the run call, keeps the clock moving and the other DaemonSets working', () => {
    const sim = cluster({ livelock: { maxRequeuesPerInstant: 5 } });
    injectNumberSelector(sim);
    sim.submit({ type: 'NodeAdded', node: { name: 'node-4' } });
    const start = sim.now;
    const error = thrownBy(() => sim.advance(10 * SECOND));
    expect(error.code).toBe('Livelock');
    expect(error.path).toBe('default/bad');
    expect(error.message).toMatch(
      /^Livelock: daemonset-controller re-queued default\/bad 5 times without the clock moving; set aside with backoff \(and \d+ more failures in this call: see the trace\)$/,
    );
    expect(sim.now).toBe(start + 10 * SECOND);
    const agent = sim.view.allPods().filter((p) => p.metadata.labels?.app === 'agent');
    expect(agent.map((p) => p.spec.nodeName).sort()).toEqual(['node-1', 'node-2', 'node-3', 'node-4']);
    expect(agent.every((p) => p.status.phase === 'Running')).toBe(true);
    // Each retry waits twice as long: 5 ms, 10 ms, 20 ms, ... after the previous one.
    const retries = sim.trace
      .filter((e) => e.entry === 'rejected' && e.type.startsWith('DaemonSetSync default/bad'))
      .map((e) => e.at - start);
    expect(retries.slice(0, 4)).toEqual([0, 5, 15, 35]);
    expect(warnings(sim, 'Livelock')[0]!.count).toBe(retries.length);
  });

  it('sets aside the event at hand after maxEventsPerInstant events at one instant with no request between', () => {
    const sim = cluster({ livelock: { maxRequeuesPerInstant: 1_000_000, maxEventsPerInstant: 400 } });
    injectNumberSelector(sim);
    sim.submit({ type: 'NodeAdded', node: { name: 'node-4' } });
    const [event] = warnings(sim, 'Livelock');
    expect(event?.message).toMatch(
      /^Livelock: 400 events at one instant with no request between; daemonset-controller's DaemonSetSync default\/bad set aside with backoff$/,
    );
  });

  it('refuses limits that are not positive integers', () => {
    expect(() => createSimulation({ livelock: { maxEventsPerInstant: 0 } })).toThrow(
      new SimulationError(
        'BadRequest',
        'createSimulation: livelock.maxEventsPerInstant: Invalid value: 0: must be a positive integer',
        { path: 'livelock.maxEventsPerInstant' },
      ),
    );
  });
});

describe('a component that throws', () => {
  it('never fails the request that woke it: a rollout that cannot delete a pod leaves the update stored and no pod half-deleted', () => {
    const sim = cluster();
    injectIntoPods(sim, 'agent', badGrace);
    const before = sim.view.allPods();
    sim.submit({ type: 'ManifestApplied', manifest: daemonSet('agent', 'agent:2') });
    expect(sim.view.getDaemonSet('default/agent')!.metadata.generation).toBe(2);
    expect(sim.view.allPods()).toEqual(before);
    const [event] = warnings(sim, 'ControllerPanic');
    expect(event?.involvedObject).toMatchObject({ kind: 'DaemonSet', name: 'agent' });
    expect(event?.message).toBe(
      'Observed a panic in daemonset-controller processing DaemonSetSync default/agent: RangeError: Invalid time value',
    );
  });

  it('takes back the whole failed pass: store, RNG, queue and trace are as before it, but for the retry and its record', () => {
    const sim = cluster();
    injectIntoPods(sim, 'agent', badGrace);
    sim.submit({ type: 'ManifestApplied', manifest: daemonSet('agent', 'agent:2') });
    const trace = formatTrace(sim.trace).split('\n');
    const failed = trace.findIndex((l) => l.includes('x rejected DaemonSetSync default/agent'));
    // Nothing the pass wrote before it threw is left in the trace: only its event line, then the record.
    expect(trace[failed - 1]).toMatch(/DaemonSetSync default\/agent$/);
    expect(trace[failed + 1]).toMatch(
      /! record Event default\/agent\.\S+ \[daemonset-controller\] Warning ControllerPanic/,
    );
    expect(trace.slice(failed + 2).filter((l) => l !== '')).toEqual([]);
  });

  it('retries the item with the rate limiter backoff, reports the panic from the run call, and recovers once the cause is gone', () => {
    const sim = cluster();
    injectIntoPods(sim, 'agent', badGrace);
    sim.submit({ type: 'ManifestApplied', manifest: daemonSet('agent', 'agent:2') });
    const start = sim.now;
    const error = thrownBy(() => sim.advance(100));
    expect(error.code).toBe('ControllerPanic');
    expect(error.path).toBe('default/agent');
    expect(sim.now).toBe(start + 100);
    const failures = sim.trace
      .filter((e) => e.entry === 'rejected' && e.type.startsWith('DaemonSetSync default/agent'))
      .map((e) => e.at - start);
    expect(failures).toEqual([0, 5, 15, 35, 75]);
    injectIntoPods(sim, 'agent', goodGrace);
    sim.runUntilQuiet();
    const pods = sim.view.allPods();
    expect(pods.map((p) => p.spec.containers[0]!.image)).toEqual(['agent:2', 'agent:2', 'agent:2']);
    expect(sim.view.getDaemonSet('default/agent')!.status.updatedNumberScheduled).toBe(3);
  });

  it('keeps a Foreground delete committed: the finalizer stays until the garbage collector can delete the pods', () => {
    const sim = cluster();
    injectIntoPods(sim, 'agent', badGrace);
    const pods = sim.view.allPods();
    sim.submit({
      type: 'DaemonSetDeleted',
      namespace: 'default',
      name: 'agent',
      propagationPolicy: 'Foreground',
    });
    const ds = sim.view.getDaemonSet('default/agent')!;
    expect(ds.metadata.deletionTimestamp).toBeDefined();
    expect(ds.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(sim.view.allPods()).toEqual(pods);
    expect(warnings(sim, 'ControllerPanic')[0]?.message).toMatch(
      /^Observed a panic in garbage-collector processing GarbageCollectorSync [0-9a-f-]+: RangeError: Invalid time value$/,
    );
    expect(thrownBy(() => sim.advance(SECOND)).code).toBe('ControllerPanic');
    injectIntoPods(sim, 'agent', goodGrace);
    sim.runUntilQuiet();
    expect(sim.view.getDaemonSet('default/agent')).toBeUndefined();
    expect(sim.view.allPods()).toEqual([]);
  });

  it('keeps a Background delete committed: the DaemonSet is gone and its pods wait, whole, for the garbage collector', () => {
    const sim = cluster();
    injectIntoPods(sim, 'agent', badGrace);
    const pods = sim.view.allPods();
    sim.submit({
      type: 'DaemonSetDeleted',
      namespace: 'default',
      name: 'agent',
      propagationPolicy: 'Background',
    });
    expect(sim.view.getDaemonSet('default/agent')).toBeUndefined();
    expect(sim.view.allPods()).toEqual(pods);
    // The owner is gone: the Warning goes on a dependent pod.
    expect(warnings(sim, 'ControllerPanic')[0]?.involvedObject).toMatchObject({ kind: 'Pod' });
    expect(thrownBy(() => sim.advance(SECOND)).code).toBe('ControllerPanic');
    injectIntoPods(sim, 'agent', goodGrace);
    sim.runUntilQuiet();
    expect(sim.view.allPods()).toEqual([]);
  });

  it('answers a request whose own writes meet the failure with its error and leaves every write of it undone', () => {
    const sim = cluster();
    injectIntoPods(sim, 'agent', badGrace);
    const snapshot = sim.snapshot();
    const rng = JSON.stringify(sim.rngState);
    const pending = sim.pendingEvents;
    const trace = formatTrace(sim.trace);
    // A NoExecute taint makes the taint eviction controller delete the node's pods inside the node update.
    expect(() =>
      sim.submit({
        type: 'NodeUpdated',
        name: 'node-1',
        change: { addTaints: [{ key: 'evict', effect: 'NoExecute' }] },
      }),
    ).toThrow(new RangeError('Invalid time value'));
    const after = sim.snapshot();
    expect([...after.nodes.values()]).toEqual([...snapshot.nodes.values()]);
    expect([...after.pods.values()]).toEqual([...snapshot.pods.values()]);
    expect([...after.events.values()]).toEqual([...snapshot.events.values()]);
    expect(JSON.stringify(sim.rngState)).toBe(rng);
    expect(sim.pendingEvents).toBe(pending);
    expect(formatTrace(sim.trace)).toBe(`${trace}${formatTrace([sim.trace.at(-1)!])}`);
    expect(sim.trace.at(-1)).toMatchObject({ entry: 'event', type: 'NodeUpdated' });
  });
});
