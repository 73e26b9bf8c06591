// Ported from pkg/controller/daemon/daemon_controller_test.go: what manage does with the pods
// already on each node (duplicates, failed and succeeded pods, terminating pods, pods of
// missing nodes), the per-pass burst cap, and the surge-mode duplicate rule.
import { describe, expect, it } from 'vitest';
import { failedPodsBackoffKey } from '../../../src/controllers/daemonset/failedPodsBackoff.js';
import type { Pod } from '../../../src/model/objects.js';
import { SECOND, toTimestamp } from '../../../src/model/time.js';
import {
  addNodes,
  applyDaemonSet,
  daemonPodNodes,
  getDaemonSet,
  markPodReady,
  newDaemonSet,
  newSim,
  simpleDaemonSetLabel,
  simpleDaemonSetLabel2,
  simpleNodeLabel,
  surgeStrategy,
  syncAndValidateDaemonSets,
  TestController,
  updateStrategies,
} from './helpers.js';

const createdAt =
  (seconds: number) =>
  (p: Pod): Pod => ({ ...p, metadata: { ...p.metadata, creationTimestamp: toTimestamp(seconds * SECOND) } });
const withoutHash = (p: Pod): Pod => {
  const { 'controller-revision-hash': _hash, ...labels } = p.metadata.labels ?? {};
  return { ...p, metadata: { ...p.metadata, labels } };
};
const ready =
  (since?: number) =>
  (p: Pod): Pod => {
    const r = markPodReady(p, (since ?? 0) * SECOND);
    if (since !== undefined) return r;
    // Ready without a transition time, as upstream's fixtures often are.
    return { ...r, status: { ...r.status, conditions: [{ type: 'Ready', status: 'True' }] } };
  };
const notReady = (p: Pod): Pod => ({
  ...p,
  status: { ...p.status, conditions: [{ type: 'Ready', status: 'False' }] },
});
const pipe =
  (...fs: ((p: Pod) => Pod)[]) =>
  (p: Pod): Pod =>
    fs.reduce((acc, f) => f(acc), p);

describe.each(updateStrategies)('manage with the %s strategy', (strategy) => {
  // TestDealsWithExistingPods
  it('creates pods only on nodes without one and deletes the extra pods of crowded nodes', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
    tc.addNodes(0, 5);
    tc.addPods('node-1', simpleDaemonSetLabel, ds, 1);
    tc.addPods('node-2', simpleDaemonSetLabel, ds, 2);
    tc.addPods('node-3', simpleDaemonSetLabel, ds, 5);
    // Owned pods whose labels stopped matching are released, not deleted.
    tc.addPods('node-4', simpleDaemonSetLabel2, ds, 2);
    const result = syncAndValidateDaemonSets(tc, ds, 2, 5, 0);
    expect(result.creates.map((c) => c.nodeName)).toEqual(['node-0', 'node-4']);
  });

  // TestSelectorDaemonDeletesUnselectedPods
  it('deletes pods from nodes that do not match the node selector', () => {
    const tc = new TestController();
    const manifest = newDaemonSet('foo', strategy);
    manifest.spec.template.spec.nodeSelector = { ...simpleNodeLabel };
    const ds = tc.addDaemonSet(manifest);
    tc.addNodes(0, 5);
    tc.addNodes(5, 5, simpleNodeLabel);
    tc.addPods('node-0', simpleDaemonSetLabel2, ds, 2);
    tc.addPods('node-1', simpleDaemonSetLabel, ds, 3);
    tc.addPods('node-1', simpleDaemonSetLabel2, ds, 1);
    tc.addPods('node-4', simpleDaemonSetLabel, ds, 1);
    syncAndValidateDaemonSets(tc, ds, 5, 4, 0);
  });

  // TestSelectorDaemonDealsWithExistingPods
  it('launches on selected nodes and deletes unselected and duplicate pods in one pass', () => {
    const tc = new TestController();
    const manifest = newDaemonSet('foo', strategy);
    manifest.spec.template.spec.nodeSelector = { ...simpleNodeLabel };
    const ds = tc.addDaemonSet(manifest);
    tc.addNodes(0, 5);
    tc.addNodes(5, 5, simpleNodeLabel);
    tc.addPods('node-0', simpleDaemonSetLabel, ds, 1);
    tc.addPods('node-1', simpleDaemonSetLabel, ds, 3);
    tc.addPods('node-1', simpleDaemonSetLabel2, ds, 2);
    tc.addPods('node-2', simpleDaemonSetLabel, ds, 4);
    tc.addPods('node-6', simpleDaemonSetLabel, ds, 13);
    tc.addPods('node-7', simpleDaemonSetLabel2, ds, 4);
    tc.addPods('node-9', simpleDaemonSetLabel, ds, 1);
    tc.addPods('node-9', simpleDaemonSetLabel2, ds, 1);
    syncAndValidateDaemonSets(tc, ds, 3, 20, 0);
  });

  // TestDaemonKillFailedPods
  describe('failed pods (TestDaemonKillFailedPods)', () => {
    const cases: [string, number, number, number, number, number][] = [
      ['does nothing with one normal pod', 0, 1, 0, 0, 0],
      ['creates one pod on an empty node', 0, 0, 1, 0, 0],
      ['kills one failed pod and creates its replacement only on the next pass', 1, 0, 0, 1, 1],
      ['kills one failed pod and two of three normal pods', 1, 3, 0, 3, 1],
    ];
    it.each(cases)('%s', (_name, failed, normal, creates, deletes, events) => {
      const tc = new TestController();
      const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
      tc.addNodes(0, 1);
      const failedPods = tc.addFailedPods('node-0', simpleDaemonSetLabel, ds, failed);
      tc.addPods('node-0', simpleDaemonSetLabel, ds, normal);
      const result = syncAndValidateDaemonSets(tc, ds, creates, deletes, events);
      for (const p of failedPods) expect(result.deletes.map((d) => d.uid)).toContain(p.metadata.uid);
      for (const e of result.events) {
        expect(e).toMatchObject({
          eventType: 'Warning',
          reason: 'FailedDaemonPod',
          component: 'daemonset-controller',
        });
        expect(e.message).toBe(
          `Found failed daemon pod default/${failedPods[0]!.metadata.name} on node node-0, will try to kill it`,
        );
      }
    });
  });

  // TestDaemonKillFailedPodsBackoff
  it('backs off before killing failed pods on the same node again', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
    tc.addNodes(0, 1);
    tc.addFailedPods('node-0', simpleDaemonSetLabel, ds, 1);
    const key = failedPodsBackoffKey(ds, 'node-0');
    const backoff = () => tc.store.daemonSetMemory('default/foo').backoff.get(key);

    // The first pass deletes the pod and starts the backoff at 1 s.
    syncAndValidateDaemonSets(tc, ds, 0, 1, 1);
    const initial = backoff();
    expect(initial).toEqual({ delay: 1000, lastUpdate: 0 });

    // An immediate second pass is held back and asks to be requeued after the delay.
    const held = syncAndValidateDaemonSets(tc, ds, 0, 0, 0);
    expect(held.plan.requeueAfter).toBe(1000);
    expect(backoff()).toEqual(initial);

    // Just before the end of the delay it is still held back.
    tc.now = 999;
    syncAndValidateDaemonSets(tc, ds, 0, 0, 0);

    // At the end of the delay the failed pod is deleted again and the delay doubles.
    tc.now = 1000;
    syncAndValidateDaemonSets(tc, ds, 0, 1, 1);
    expect(backoff()).toEqual({ delay: 2000, lastUpdate: 1000 });
  });

  // Reference §6.3 (derived): at most one failed pod per node per backoff window.
  it('deletes two failed pods on one node in two backoff windows', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
    tc.addNodes(0, 1);
    tc.addFailedPods('node-0', simpleDaemonSetLabel, ds, 2);
    syncAndValidateDaemonSets(tc, ds, 0, 1, 1);
  });

  // Reference §6.2.3
  it('deletes a succeeded pod without backoff and records SucceededDaemonPod', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
    tc.addNodes(0, 1);
    const pod = tc.newPod('node-0-', 'node-0', simpleDaemonSetLabel, ds, (p) => ({
      ...p,
      status: { phase: 'Succeeded' },
    }));
    const result = syncAndValidateDaemonSets(tc, ds, 0, 1, 1);
    expect(result.events[0]).toMatchObject({
      eventType: 'Normal',
      reason: 'SucceededDaemonPod',
      message: `Found succeeded daemon pod default/${pod.metadata.name} on node node-0, will try to delete it`,
    });
    expect(result.plan.backoffUpdates.size).toBe(0);
  });

  // TestDaemonSetRespectsTermination
  it('neither deletes nor replaces a terminating pod', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
    tc.addNodes(0, 1, simpleNodeLabel);
    tc.newPod('node-0-', 'node-0', simpleDaemonSetLabel, ds, (p) => ({
      ...p,
      metadata: { ...p.metadata, deletionTimestamp: toTimestamp(0) },
    }));
    syncAndValidateDaemonSets(tc, ds, 0, 0, 0);
  });

  // Reference §5.3: terminal pods that are already terminating are ignored entirely.
  it('creates a pod on a node whose only pod is a terminating failed pod', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
    tc.addNodes(0, 1);
    tc.newPod('node-0-', 'node-0', simpleDaemonSetLabel, ds, (p) => ({
      ...p,
      metadata: { ...p.metadata, deletionTimestamp: toTimestamp(0) },
      status: { phase: 'Failed' },
    }));
    syncAndValidateDaemonSets(tc, ds, 1, 0, 0);
  });

  // TestDeleteUnscheduledPodForNotExistingNode
  it('deletes an unscheduled pod targeting a missing node but leaves a pod bound to a missing node to PodGC', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
    tc.addNodes(0, 1);
    tc.addPods('node-0', simpleDaemonSetLabel, ds, 1);
    tc.addPods('node-1', simpleDaemonSetLabel, ds, 1);
    const unscheduled = tc.newPod('pod1-node-3-', '', simpleDaemonSetLabel, ds, (p) => ({
      ...p,
      spec: {
        ...p.spec,
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-2'] }] },
              ],
            },
          },
        },
      },
    }));
    const result = syncAndValidateDaemonSets(tc, ds, 0, 1, 0);
    expect(result.deletes[0]!.uid).toBe(unscheduled.metadata.uid);
  });

  // Reference §6.2.5: the kept duplicate is the oldest scheduled one.
  it('keeps the scheduled pod over an older unscheduled one, then the oldest, then the first by name', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
    tc.addNodes(0, 1);
    const target = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-0'] }] },
          ],
        },
      },
    };
    const unscheduledOld = tc.newPod(
      'a-',
      '',
      simpleDaemonSetLabel,
      ds,
      pipe(createdAt(1), (p) => ({ ...p, spec: { ...p.spec, affinity: target } })),
    );
    const boundLaterName = tc.newPod('z-', 'node-0', simpleDaemonSetLabel, ds, createdAt(5));
    const boundNewer = tc.newPod('b-', 'node-0', simpleDaemonSetLabel, ds, createdAt(9));
    const boundSameTime = tc.newPod('c-', 'node-0', simpleDaemonSetLabel, ds, createdAt(5));
    const result = syncAndValidateDaemonSets(tc, ds, 0, 3, 0);
    expect(new Set(result.deletes.map((d) => d.uid))).toEqual(
      new Set([unscheduledOld, boundLaterName, boundNewer].map((p) => p.metadata.uid)),
    );
    expect(result.deletes.map((d) => d.uid)).not.toContain(boundSameTime.metadata.uid);
  });

  // TestSimpleDaemonSetPodCreateErrors (count part): at most 250 creates per pass.
  it('creates at most 250 pods in one pass', () => {
    const tc = new TestController();
    tc.addNodes(0, 300);
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
    const result = syncAndValidateDaemonSets(tc, ds, 250, 0, 0);
    expect(result.plan.stillDirty).toHaveLength(50);
  });

  // Reference §7.1: at most 250 deletes per pass.
  it('deletes at most 250 pods in one pass', () => {
    const tc = new TestController();
    tc.addNodes(0, 1);
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
    tc.addPods('node-0', simpleDaemonSetLabel, ds, 300);
    syncAndValidateDaemonSets(tc, ds, 0, 250, 0);
  });
});

describe('the burst cap in a running cluster', () => {
  // TestSimpleDaemonSetPodCreateErrors, TestSimpleDaemonSetUpdatesStatusAfterLaunchingPods
  it('reports 250 current of 300 desired after the first pass and reaches one pod per node later', () => {
    const sim = newSim();
    addNodes(sim, 0, 300);
    const from = sim.trace.length;
    applyDaemonSet(sim, newDaemonSet('foo'));
    // The first DaemonSetSync issues 250 creates, then the status write.
    const firstSync = sim.trace.findIndex(
      (e, i) => i >= from && e.entry === 'event' && e.type === 'DaemonSetSync',
    );
    let creates = 0;
    let status: string | undefined;
    for (const e of sim.trace.slice(firstSync + 1)) {
      if (e.entry !== 'write') break;
      if (e.kind === 'Pod' && e.verb === 'create') creates++;
      if (e.kind === 'DaemonSet' && e.verb === 'status') status = e.detail;
    }
    expect(creates).toBe(250);
    expect(status).toMatch(/^desired=300 current=250 /);
    sim.runUntilQuiet();
    expect(daemonPodNodes(sim, 'foo')).toHaveLength(300);
    expect(new Set(daemonPodNodes(sim, 'foo')).size).toBe(300);
    expect(getDaemonSet(sim, 'foo').status).toMatchObject({
      desiredNumberScheduled: 300,
      currentNumberScheduled: 300,
      numberReady: 300,
    });
  });
});

describe('the surge duplicate rule (maxSurge > 0)', () => {
  // TestSurgeDealsWithExistingPods
  it('creates pods on empty nodes and keeps at most one pod per hash on crowded nodes', () => {
    const tc = new TestController();
    const manifest = newDaemonSet('foo');
    manifest.spec.updateStrategy = surgeStrategy(1);
    const ds = tc.addDaemonSet(manifest);
    tc.addNodes(0, 5);
    tc.addPods('node-1', simpleDaemonSetLabel, ds, 1);
    tc.addPods('node-2', simpleDaemonSetLabel, ds, 2);
    tc.addPods('node-3', simpleDaemonSetLabel, ds, 5);
    tc.addPods('node-4', simpleDaemonSetLabel2, ds, 2);
    syncAndValidateDaemonSets(tc, ds, 2, 5, 0);
  });

  // TestSurgePreservesReadyOldPods
  it('keeps the oldest ready old pod beside a new pod that is not ready, and deletes younger old pods', () => {
    const tc = new TestController();
    const manifest = newDaemonSet('foo');
    manifest.spec.updateStrategy = surgeStrategy(1);
    const ds = tc.addDaemonSet(manifest);
    tc.addNodes(0, 5);
    tc.newPod('node-1-', 'node-1', simpleDaemonSetLabel, ds, createdAt(100));
    tc.newPod('node-1-old-', 'node-1', simpleDaemonSetLabel, ds, pipe(withoutHash, createdAt(50), ready()));
    const oldReady = tc.newPod(
      'node-1-delete-',
      'node-1',
      simpleDaemonSetLabel,
      ds,
      pipe(withoutHash, createdAt(60), ready()),
    );
    tc.addPods('node-2', simpleDaemonSetLabel, ds, 1);
    const result = syncAndValidateDaemonSets(tc, ds, 3, 1, 0);
    expect(result.deletes.map((d) => d.uid)).toEqual([oldReady.metadata.uid]);
  });

  // TestSurgeCreatesNewPodWhenAtMaxSurgeAndOldPodDeleted
  it('creates a new pod at once on a node whose only pod is terminating', () => {
    const tc = new TestController();
    const manifest = newDaemonSet('foo');
    manifest.spec.updateStrategy = surgeStrategy(1);
    const ds = tc.addDaemonSet(manifest);
    tc.addNodes(0, 5);
    tc.newPod('node-0-', 'node-0', simpleDaemonSetLabel, ds, pipe(createdAt(100), notReady));
    tc.newPod(
      'node-0-old-ready-',
      'node-0',
      simpleDaemonSetLabel,
      ds,
      pipe(withoutHash, createdAt(50), ready()),
    );
    for (let i = 1; i < 5; i++) {
      tc.newPod(`node-${i}-preserve-`, `node-${i}`, simpleDaemonSetLabel, ds, (p) => {
        const old = pipe(withoutHash, createdAt(1), ready())(p);
        return i === 4
          ? {
              ...old,
              metadata: {
                ...old.metadata,
                deletionTimestamp: toTimestamp(31 * SECOND),
                deletionGracePeriodSeconds: 30,
              },
            }
          : old;
      });
    }
    const result = syncAndValidateDaemonSets(tc, ds, 1, 0, 0);
    expect(result.creates[0]!.nodeName).toBe('node-4');
  });

  // TestSurgeDeletesUnreadyOldPods
  it('deletes an old pod that is not ready once a new pod exists', () => {
    const tc = new TestController();
    const manifest = newDaemonSet('foo');
    manifest.spec.updateStrategy = surgeStrategy(1);
    const ds = tc.addDaemonSet(manifest);
    tc.addNodes(0, 5);
    tc.newPod('node-1-', 'node-1', simpleDaemonSetLabel, ds, createdAt(100));
    const oldUnready = tc.newPod(
      'node-1-old-unready-',
      'node-1',
      simpleDaemonSetLabel,
      ds,
      pipe(withoutHash, createdAt(50), notReady),
    );
    const oldReady = tc.newPod(
      'node-1-delete-',
      'node-1',
      simpleDaemonSetLabel,
      ds,
      pipe(withoutHash, createdAt(60), ready()),
    );
    tc.addPods('node-2', simpleDaemonSetLabel, ds, 1);
    const result = syncAndValidateDaemonSets(tc, ds, 3, 2, 0);
    expect(new Set(result.deletes.map((d) => d.uid))).toEqual(
      new Set([oldUnready.metadata.uid, oldReady.metadata.uid]),
    );
  });

  // TestSurgePreservesOldReadyWithUnsatisfiedMinReady / TestSurgeDeletesOldReadyWithUnsatisfiedMinReady
  it.each([
    ['keeps the ready old pod while the new pod is ready for less than minReadySeconds', 60, 1],
    ['deletes the ready old pod once the new pod is available', 70, 2],
    ['deletes the ready old pod exactly at minReadySeconds (inclusive since v1.34)', 65, 2],
  ])('%s', (_name, nowSeconds, deletes) => {
    const tc = new TestController();
    const manifest = newDaemonSet('foo');
    manifest.spec.minReadySeconds = 15;
    manifest.spec.updateStrategy = surgeStrategy(1);
    const ds = tc.addDaemonSet(manifest);
    tc.addNodes(0, 5);
    tc.now = nowSeconds * SECOND;
    tc.newPod('node-1-', 'node-1', simpleDaemonSetLabel, ds, pipe(createdAt(100), ready(50)));
    const oldReady = tc.newPod(
      'node-1-old-ready-',
      'node-1',
      simpleDaemonSetLabel,
      ds,
      pipe(withoutHash, createdAt(50), ready()),
    );
    const oldExcess = tc.newPod(
      'node-1-delete-',
      'node-1',
      simpleDaemonSetLabel,
      ds,
      pipe(withoutHash, createdAt(60), ready()),
    );
    tc.addPods('node-2', simpleDaemonSetLabel, ds, 1);
    const result = syncAndValidateDaemonSets(tc, ds, 3, deletes, 0);
    const expected = deletes === 1 ? [oldExcess] : [oldExcess, oldReady];
    expect(new Set(result.deletes.map((d) => d.uid))).toEqual(new Set(expected.map((p) => p.metadata.uid)));
  });
});
