// Ported from pkg/controller/daemon/daemon_controller_test.go (status and event-handler tests)
// against a running simulation: status fields (reference §12), observedGeneration, node
// changes and node removal.
import { describe, expect, it } from 'vitest';
import { SECOND } from '../../../src/model/time.js';
import type { Simulation } from '../../../src/sim/simulation.js';
import {
  addNodes,
  applyDaemonSet,
  daemonPodNodes,
  daemonPods,
  getDaemonSet,
  newDaemonSet,
  newNode,
  newSim,
  noExecuteTaints,
  noScheduleTaints,
  simpleNodeLabel,
} from './helpers.js';

function syncEventsSince(sim: Simulation, from: number): number {
  return sim.trace.slice(from).filter((e) => e.entry === 'event' && e.type === 'DaemonSetSync').length;
}

describe('DaemonSet status', () => {
  // TestSimpleDaemonSetUpdatesStatusAfterLaunchingPods
  it('counts the pods created in the same pass as current', () => {
    const sim = newSim();
    addNodes(sim, 0, 5);
    applyDaemonSet(sim, newDaemonSet('foo'));
    expect(getDaemonSet(sim, 'foo').status).toMatchObject({
      desiredNumberScheduled: 5,
      currentNumberScheduled: 5,
      numberReady: 0,
      numberAvailable: 0,
      numberUnavailable: 5,
      updatedNumberScheduled: 5,
      numberMisscheduled: 0,
      observedGeneration: 1,
    });
  });

  // TestNumberReadyStatus
  it('counts ready pods once the kubelet reports them ready', () => {
    const sim = newSim();
    addNodes(sim, 0, 2, simpleNodeLabel);
    applyDaemonSet(sim, newDaemonSet('foo'));
    expect(getDaemonSet(sim, 'foo').status.numberReady).toBe(0);
    sim.runUntilQuiet();
    expect(getDaemonSet(sim, 'foo').status).toMatchObject({
      numberReady: 2,
      numberAvailable: 2,
      numberUnavailable: 0,
    });
    expect(daemonPods(sim, 'foo').map((p) => p.status.phase)).toEqual(['Running', 'Running']);
  });

  // Reference §10.3, §12: availability waits minReadySeconds after readiness, and a requeue notices it.
  it('reports pods available only minReadySeconds after they became ready', () => {
    const sim = newSim();
    addNodes(sim, 0, 1);
    const manifest = newDaemonSet('foo');
    manifest.spec.minReadySeconds = 10;
    applyDaemonSet(sim, manifest);
    // scheduling 10 ms + container start 1 s + readiness 0.5 s
    sim.runUntil(2 * SECOND);
    expect(getDaemonSet(sim, 'foo').status).toMatchObject({ numberReady: 1, numberAvailable: 0 });
    sim.runUntil(11 * SECOND);
    expect(getDaemonSet(sim, 'foo').status.numberAvailable).toBe(0);
    sim.runUntilQuiet();
    expect(getDaemonSet(sim, 'foo').status).toMatchObject({
      numberReady: 1,
      numberAvailable: 1,
      numberUnavailable: 0,
    });
    expect(sim.now).toBeLessThanOrEqual(13 * SECOND);
  });

  // TestObservedGeneration, and TestDaemonSetUpdatesNoTemplateChanged (update_test.go) for §9.2
  it('observes a new generation without a new revision or pod replacement when only non-template fields change', () => {
    const sim = newSim();
    addNodes(sim, 0, 2);
    const manifest = newDaemonSet('foo');
    applyDaemonSet(sim, manifest);
    sim.runUntilQuiet();
    const podsBefore = daemonPods(sim, 'foo').map((p) => p.metadata.uid);
    manifest.spec.minReadySeconds = 5;
    manifest.spec.revisionHistoryLimit = 3;
    applyDaemonSet(sim, manifest);
    sim.runUntilQuiet();
    const ds = getDaemonSet(sim, 'foo');
    expect(ds.metadata.generation).toBe(2);
    expect(ds.status.observedGeneration).toBe(2);
    expect(ds.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('1');
    expect([...sim.snapshot().controllerRevisions.values()]).toHaveLength(1);
    expect(daemonPods(sim, 'foo').map((p) => p.metadata.uid)).toEqual(podsBefore);
    expect(ds.status.updatedNumberScheduled).toBe(2);
  });

  // Reference §9.7, §11: with OnDelete a template change replaces nothing; a deleted pod comes back updated.
  it('counts pods of the old template as not updated until they are replaced by hand (OnDelete)', () => {
    const sim = newSim();
    addNodes(sim, 0, 2);
    const manifest = newDaemonSet('foo', 'OnDelete');
    applyDaemonSet(sim, manifest);
    sim.runUntilQuiet();
    manifest.spec.template.spec.containers[0]!.image = 'foo/bar:v2';
    applyDaemonSet(sim, manifest);
    sim.runUntilQuiet();
    expect(getDaemonSet(sim, 'foo').status).toMatchObject({
      observedGeneration: 2,
      updatedNumberScheduled: 0,
      currentNumberScheduled: 2,
    });
    expect([...sim.snapshot().controllerRevisions.values()].map((r) => r.revision).sort()).toEqual([1, 2]);
    const victim = daemonPods(sim, 'foo')[0]!;
    sim.submit({ type: 'PodDeleted', namespace: 'default', name: victim.metadata.name });
    sim.runUntilQuiet();
    expect(getDaemonSet(sim, 'foo').status).toMatchObject({
      updatedNumberScheduled: 1,
      currentNumberScheduled: 2,
      numberReady: 2,
    });
    const replaced = daemonPods(sim, 'foo').find((p) => p.spec.nodeName === victim.spec.nodeName)!;
    expect(replaced.metadata.labels?.['pod-template-generation']).toBe('2');
    expect(replaced.spec.containers[0]!.image).toBe('foo/bar:v2');
  });

  // TestNoScheduleTaintedDoesntEvicitRunningIntolerantPod in a cluster; reference §12 misscheduled.
  it('keeps a pod on a node that gains a NoSchedule taint and counts it as misscheduled', () => {
    const sim = newSim();
    addNodes(sim, 0, 2);
    applyDaemonSet(sim, newDaemonSet('foo'));
    sim.runUntilQuiet();
    const from = sim.trace.length;
    sim.submit({ type: 'NodeUpdated', name: 'node-1', change: { addTaints: noScheduleTaints } });
    sim.runUntilQuiet();
    expect(daemonPodNodes(sim, 'foo')).toEqual(['node-0', 'node-1']);
    // Reference §3.5 (node-update queue): (shouldRun false, shouldContinueRunning true, has a pod,
    // misscheduled 0) wakes nobody, so status catches up on the next pass for another reason.
    expect(syncEventsSince(sim, from)).toBe(0);
    sim.submit({ type: 'NodeAdded', node: newNode('node-2') });
    sim.runUntilQuiet();
    expect(getDaemonSet(sim, 'foo').status).toMatchObject({
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      numberMisscheduled: 1,
      numberReady: 2,
    });
    expect(daemonPodNodes(sim, 'foo')).toEqual(['node-0', 'node-1', 'node-2']);
  });

  // TestNoExecuteTaintedDoesEvicitRunningIntolerantPod in a cluster
  it('deletes its pod from a node that gains an untolerated NoExecute taint', () => {
    const sim = newSim();
    addNodes(sim, 0, 2);
    applyDaemonSet(sim, newDaemonSet('foo'));
    sim.runUntilQuiet();
    sim.submit({ type: 'NodeUpdated', name: 'node-1', change: { addTaints: noExecuteTaints } });
    sim.runUntilQuiet();
    expect(daemonPodNodes(sim, 'foo')).toEqual(['node-0']);
    expect(getDaemonSet(sim, 'foo').status).toMatchObject({
      desiredNumberScheduled: 1,
      currentNumberScheduled: 1,
      numberMisscheduled: 0,
    });
  });
});

describe('node events', () => {
  // TestAddNode
  it('does not sync for a new node the DaemonSet does not select, and creates a pod for one it does', () => {
    const sim = newSim();
    const manifest = newDaemonSet('ds');
    manifest.spec.template.spec.nodeSelector = { ...simpleNodeLabel };
    applyDaemonSet(sim, manifest);
    sim.runUntilQuiet();
    let from = sim.trace.length;
    sim.submit({ type: 'NodeAdded', node: newNode('node1') });
    expect(syncEventsSince(sim, from)).toBe(0);
    from = sim.trace.length;
    sim.submit({ type: 'NodeAdded', node: newNode('node2', simpleNodeLabel) });
    expect(syncEventsSince(sim, from)).toBeGreaterThan(0);
    expect(daemonPodNodes(sim, 'ds')).toEqual(['node2']);
  });

  // TestUpdateNode ("Node labels changed") and TestShouldIgnoreNodeUpdate
  it('creates a pod when a node label change makes the node selected, and ignores a change to nothing', () => {
    const sim = newSim();
    addNodes(sim, 1, 1);
    const manifest = newDaemonSet('ds');
    manifest.spec.template.spec.nodeSelector = { ...simpleNodeLabel };
    applyDaemonSet(sim, manifest);
    sim.runUntilQuiet();
    expect(daemonPodNodes(sim, 'ds')).toEqual([]);
    let from = sim.trace.length;
    sim.submit({ type: 'NodeUpdated', name: 'node-1', change: {} });
    expect(syncEventsSince(sim, from)).toBe(0);
    from = sim.trace.length;
    sim.submit({ type: 'NodeUpdated', name: 'node-1', change: { labels: { ...simpleNodeLabel } } });
    expect(syncEventsSince(sim, from)).toBeGreaterThan(0);
    expect(daemonPodNodes(sim, 'ds')).toEqual(['node-1']);
  });

  // TestUpdateNode ("Node taints changed")
  it('creates a pod when an untolerated NoSchedule taint is removed', () => {
    const sim = newSim();
    sim.submit({ type: 'NodeAdded', node: newNode('node1', undefined, { taints: noScheduleTaints }) });
    applyDaemonSet(sim, newDaemonSet('ds'));
    sim.runUntilQuiet();
    expect(daemonPodNodes(sim, 'ds')).toEqual([]);
    sim.submit({ type: 'NodeUpdated', name: 'node1', change: { removeTaints: [{ key: 'dedicated' }] } });
    sim.runUntilQuiet();
    expect(daemonPodNodes(sim, 'ds')).toEqual(['node1']);
  });

  // Reference §3.5, §6.6, §15.5, §18.4: no node-delete handler; PodGC removes the pods 40–80 s later.
  it('leaves status alone when a node is deleted until PodGC removes its pod 40 to 80 s later', () => {
    const sim = newSim();
    addNodes(sim, 0, 3);
    applyDaemonSet(sim, newDaemonSet('foo'));
    sim.runUntilQuiet();
    const removedAt = sim.now;
    const pod = daemonPods(sim, 'foo').find((p) => p.spec.nodeName === 'node-2')!;
    sim.submit({ type: 'NodeRemoved', name: 'node-2' });
    expect(getDaemonSet(sim, 'foo').status.desiredNumberScheduled).toBe(3);
    sim.runUntil(removedAt + 39 * SECOND);
    expect(sim.view.getPod(`default/${pod.metadata.name}`)).toBeDefined();
    sim.runUntilQuiet();
    expect(sim.view.getPod(`default/${pod.metadata.name}`)).toBeUndefined();
    const deletedAt = sim.trace.find(
      (e) =>
        e.entry === 'write' &&
        e.verb === 'delete' &&
        e.kind === 'Pod' &&
        e.key === `default/${pod.metadata.name}`,
    );
    expect(deletedAt?.entry === 'write' && deletedAt.by).toBe('pod-garbage-collector');
    const at = deletedAt!.at - removedAt;
    expect(at).toBeGreaterThanOrEqual(40 * SECOND);
    expect(at).toBeLessThanOrEqual(80 * SECOND);
    expect(getDaemonSet(sim, 'foo').status).toMatchObject({
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      numberReady: 2,
    });
  });

  // Reference §2.7, §18.3: a daemon pod on a cordoned node is created and bound there.
  it('runs a pod on a cordoned node', () => {
    const sim = newSim();
    sim.submit({ type: 'NodeAdded', node: newNode('cordoned', undefined, { unschedulable: true }) });
    applyDaemonSet(sim, newDaemonSet('foo'));
    sim.runUntilQuiet();
    const [pod] = daemonPods(sim, 'foo');
    expect(pod?.spec.nodeName).toBe('cordoned');
    expect(pod?.status.phase).toBe('Running');
  });
});
