// Deleting a DaemonSet with each propagation policy and adopting its orphans (reference §14),
// against a running simulation, plus the dangling-owner rule of the garbage collector.
import { describe, expect, it } from 'vitest';
import { garbageCollect } from '../../../src/controllers/garbagecollector/garbageCollect.js';
import { newControllerRef } from '../../../src/model/ownerReferences.js';
import type { Simulation } from '../../../src/sim/simulation.js';
import {
  addNodes,
  applyDaemonSet,
  daemonPods,
  getDaemonSet,
  newDaemonSet,
  newNode,
  newSim,
  simpleDaemonSetLabel,
  TestController,
  writesSince,
} from '../daemonset/helpers.js';

function runningCluster(): Simulation {
  const sim = newSim();
  addNodes(sim, 0, 2);
  applyDaemonSet(sim, newDaemonSet('foo'));
  sim.runUntilQuiet();
  return sim;
}

const revisions = (sim: Simulation) => [...sim.snapshot().controllerRevisions.values()];
const allPods = (sim: Simulation) => [...sim.snapshot().pods.values()];

describe('deleting a DaemonSet', () => {
  // Reference §14.2
  it('removes the DaemonSet at once and then its pods and revisions (Background)', () => {
    const sim = runningCluster();
    const uid = getDaemonSet(sim, 'foo').metadata.uid;
    sim.submit({
      type: 'DaemonSetDeleted',
      namespace: 'default',
      name: 'foo',
      propagationPolicy: 'Background',
    });
    expect(sim.view.getDaemonSet('default/foo')).toBeUndefined();
    // Pods are deleted gracefully: they show a deletionTimestamp until the kubelet is done.
    const pods = allPods(sim);
    expect(pods).toHaveLength(2);
    for (const p of pods) expect(p.metadata.deletionTimestamp).toBeDefined();
    expect(revisions(sim)).toEqual([]);
    sim.runUntilQuiet();
    expect(allPods(sim)).toEqual([]);
    expect(sim.view.dependentsOf(uid)).toEqual([]);
  });

  // TestExpectationsOnRecreate (behaviour): a re-created DaemonSet with the same name starts clean.
  it('lets a DaemonSet re-created under the same name launch its own pods', () => {
    const sim = runningCluster();
    const oldUid = getDaemonSet(sim, 'foo').metadata.uid;
    sim.submit({
      type: 'DaemonSetDeleted',
      namespace: 'default',
      name: 'foo',
      propagationPolicy: 'Background',
    });
    sim.runUntilQuiet();
    applyDaemonSet(sim, newDaemonSet('foo'));
    sim.runUntilQuiet();
    const ds = getDaemonSet(sim, 'foo');
    expect(ds.metadata.uid).not.toBe(oldUid);
    expect(daemonPods(sim, 'foo').map((p) => p.metadata.ownerReferences?.[0]?.uid)).toEqual([
      ds.metadata.uid,
      ds.metadata.uid,
    ]);
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 2, numberReady: 2 });
  });

  // Reference §14.3 and §4 step 5 (TestDontDoAnythingIfBeingDeleted in a cluster)
  it('keeps the DaemonSet until its pods are gone, and creates nothing meanwhile (Foreground)', () => {
    const sim = runningCluster();
    const statusBefore = getDaemonSet(sim, 'foo').status;
    sim.submit({
      type: 'DaemonSetDeleted',
      namespace: 'default',
      name: 'foo',
      propagationPolicy: 'Foreground',
    });
    const deleting = getDaemonSet(sim, 'foo');
    expect(deleting.metadata.deletionTimestamp).toBeDefined();
    expect(deleting.metadata.finalizers).toEqual(['foregroundDeletion']);
    for (const p of allPods(sim)) expect(p.metadata.deletionTimestamp).toBeDefined();
    // A node joining now gets no pod and the status stays frozen.
    const from = sim.trace.length;
    sim.submit({ type: 'NodeAdded', node: newNode('late') });
    expect(writesSince(sim, from, { kind: 'Pod', verb: 'create' })).toBe(0);
    expect(getDaemonSet(sim, 'foo').status).toEqual(statusBefore);
    sim.runUntilQuiet();
    expect(sim.view.getDaemonSet('default/foo')).toBeUndefined();
    expect(allPods(sim)).toEqual([]);
    expect(revisions(sim)).toEqual([]);
  });

  // Reference §14.4
  it('leaves the pods and revisions running without owner references (Orphan)', () => {
    const sim = runningCluster();
    const before = allPods(sim);
    const hash = before[0]!.metadata.labels?.['controller-revision-hash'];
    sim.submit({ type: 'DaemonSetDeleted', namespace: 'default', name: 'foo', propagationPolicy: 'Orphan' });
    sim.runUntilQuiet();
    expect(sim.view.getDaemonSet('default/foo')).toBeUndefined();
    const after = allPods(sim);
    expect(after.map((p) => p.metadata.uid)).toEqual(before.map((p) => p.metadata.uid));
    for (const p of after) {
      expect(p.metadata.ownerReferences ?? []).toEqual([]);
      expect(p.metadata.deletionTimestamp).toBeUndefined();
      expect(p.status.phase).toBe('Running');
      expect(p.metadata.labels).toMatchObject({ ...simpleDaemonSetLabel, 'controller-revision-hash': hash });
    }
    const revs = revisions(sim);
    expect(revs).toHaveLength(1);
    expect(revs[0]!.metadata.ownerReferences ?? []).toEqual([]);
  });
});

describe('adopting orphans (reference §14.4, §5.2, §9.1)', () => {
  it('adopts the orphaned pods and revision of an identical DaemonSet without replacing a pod', () => {
    const sim = runningCluster();
    const podUids = allPods(sim).map((p) => p.metadata.uid);
    const revisionUid = revisions(sim)[0]!.metadata.uid;
    sim.submit({ type: 'DaemonSetDeleted', namespace: 'default', name: 'foo', propagationPolicy: 'Orphan' });
    sim.runUntilQuiet();
    const from = sim.trace.length;
    applyDaemonSet(sim, newDaemonSet('bar'));
    sim.runUntilQuiet();
    const bar = getDaemonSet(sim, 'bar');
    expect(writesSince(sim, from, { kind: 'Pod', verb: 'create' })).toBe(0);
    expect(writesSince(sim, from, { kind: 'Pod', verb: 'delete' })).toBe(0);
    expect(
      daemonPods(sim, 'bar')
        .map((p) => p.metadata.uid)
        .sort(),
    ).toEqual([...podUids].sort());
    for (const p of daemonPods(sim, 'bar'))
      expect(p.metadata.ownerReferences).toEqual([newControllerRef(bar)]);
    const revs = revisions(sim);
    expect(revs.map((r) => r.metadata.uid)).toEqual([revisionUid]);
    expect(revs[0]!.metadata.ownerReferences).toEqual([newControllerRef(bar)]);
    expect(bar.status).toMatchObject({
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      updatedNumberScheduled: 2,
      numberReady: 2,
    });
  });

  it('adopts the orphaned pods of a DaemonSet with another template but leaves them outdated (OnDelete)', () => {
    const sim = newSim();
    addNodes(sim, 0, 2);
    // Template generation 2 on the orphaned pods, so only the revision hash can match.
    const old = newDaemonSet('foo', 'OnDelete');
    applyDaemonSet(sim, old);
    old.spec.template.spec.containers[0]!.image = 'foo/bar:v1';
    applyDaemonSet(sim, old);
    sim.runUntilQuiet();
    for (const p of daemonPods(sim, 'foo'))
      sim.submit({ type: 'PodDeleted', namespace: 'default', name: p.metadata.name });
    sim.runUntilQuiet();
    const podUids = allPods(sim).map((p) => p.metadata.uid);
    expect(allPods(sim).map((p) => p.metadata.labels?.['pod-template-generation'])).toEqual(['2', '2']);
    sim.submit({ type: 'DaemonSetDeleted', namespace: 'default', name: 'foo', propagationPolicy: 'Orphan' });
    sim.runUntilQuiet();
    const manifest = newDaemonSet('bar', 'OnDelete');
    manifest.spec.template.spec.containers[0]!.image = 'foo/bar:v2';
    applyDaemonSet(sim, manifest);
    sim.runUntilQuiet();
    expect(
      daemonPods(sim, 'bar')
        .map((p) => p.metadata.uid)
        .sort(),
    ).toEqual([...podUids].sort());
    expect(getDaemonSet(sim, 'bar').status).toMatchObject({
      currentNumberScheduled: 2,
      updatedNumberScheduled: 0,
    });
    const revs = revisions(sim).sort((a, b) => a.revision - b.revision);
    expect(revs.map((r) => r.revision)).toEqual([1, 2, 3]);
    for (const r of revs) expect(r.metadata.ownerReferences?.[0]?.name).toBe('bar');
  });

  // Upstream quirk (IsPodUpdated ORs the pod-template-generation label): a fresh DaemonSet is at
  // template generation 1, so orphans of another generation-1 DaemonSet count as updated even
  // when their template differs. Reference §14.4 says they are "old"; upstream code says not.
  it('counts adopted pods of a different template as updated when their pod-template-generation matches', () => {
    const sim = runningCluster();
    sim.submit({ type: 'DaemonSetDeleted', namespace: 'default', name: 'foo', propagationPolicy: 'Orphan' });
    sim.runUntilQuiet();
    const manifest = newDaemonSet('bar', 'OnDelete');
    manifest.spec.template.spec.containers[0]!.image = 'foo/bar:v2';
    applyDaemonSet(sim, manifest);
    sim.runUntilQuiet();
    const bar = getDaemonSet(sim, 'bar');
    expect(daemonPods(sim, 'bar').every((p) => p.spec.containers[0]!.image === 'foo/bar')).toBe(true);
    expect(bar.status).toMatchObject({ currentNumberScheduled: 2, updatedNumberScheduled: 2 });
  });
});

describe('garbageCollect', () => {
  // Reference §14.5: a dependent with another live owner only loses the dangling reference.
  it('removes a dangling owner reference from a dependent that another existing owner keeps', () => {
    const tc = new TestController();
    const a = tc.addDaemonSet(newDaemonSet('a'));
    const b = tc.addDaemonSet(newDaemonSet('b'));
    tc.addNodes(0, 1);
    const shared = tc.newPod('shared-', 'node-0', {}, undefined, (p) => ({
      ...p,
      metadata: {
        ...p.metadata,
        ownerReferences: [newControllerRef(a), { ...newControllerRef(b), controller: false }],
      },
    }));
    const solo = tc.newPod('solo-', 'node-0', {}, undefined, (p) => ({
      ...p,
      metadata: { ...p.metadata, ownerReferences: [newControllerRef(a)] },
    }));
    tc.store.removeDaemonSet('default/a');
    const actions = garbageCollect(tc.store, a.metadata.uid);
    expect(actions).toContainEqual({
      type: 'deletePod',
      key: `default/${solo.metadata.name}`,
      uid: solo.metadata.uid,
    });
    const update = actions.find((x) => x.type === 'updatePod');
    expect(update?.type === 'updatePod' && update.pod.metadata.uid).toBe(shared.metadata.uid);
    expect(update?.type === 'updatePod' && update.pod.metadata.ownerReferences?.map((r) => r.uid)).toEqual([
      b.metadata.uid,
    ]);
    expect(actions).toHaveLength(2);
  });

  it('does nothing for an owner that exists and is not being deleted', () => {
    const tc = new TestController();
    const a = tc.addDaemonSet(newDaemonSet('a'));
    tc.addNodes(0, 1);
    tc.addPods('node-0', simpleDaemonSetLabel, a, 1);
    expect(garbageCollect(tc.store, a.metadata.uid)).toEqual([]);
  });
});
