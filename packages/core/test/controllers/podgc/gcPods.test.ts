// Ported from pkg/controller/podgc/gc_controller_test.go (TestGCTerminated, TestGCOrphaned,
// TestGCUnscheduledTerminating) plus the out-of-service and quarantine rules of reference §15.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../../src/controllers/plan.js';
import type { PodGCOptions } from '../../../src/controllers/podgc/gcPods.js';
import { gcPods } from '../../../src/controllers/podgc/gcPods.js';
import type { Pod } from '../../../src/model/objects.js';
import { HOUR, SECOND, toTimestamp } from '../../../src/model/time.js';
import { TAINT_NODE_OUT_OF_SERVICE } from '../../../src/model/wellKnownTaints.js';
import { newNode, TestController } from '../daemonset/helpers.js';

interface PodFixture {
  readonly name: string;
  readonly phase: string;
  readonly nodeName?: string;
  readonly deleting?: boolean;
  readonly reason?: string;
  readonly grace?: number;
  readonly finalizers?: readonly string[];
}

/** Stores pods created one hour apart, as upstream's fixtures are. */
function addPods(tc: TestController, pods: readonly PodFixture[]): void {
  let created = 0;
  for (const p of pods) {
    created += HOUR;
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: p.name,
        namespace: 'default',
        uid: `uid-${p.name}`,
        resourceVersion: '1',
        creationTimestamp: toTimestamp(created),
        ...(p.deleting === true
          ? { deletionTimestamp: toTimestamp(0), deletionGracePeriodSeconds: p.grace ?? 30 }
          : {}),
        ...(p.finalizers === undefined ? {} : { finalizers: [...p.finalizers] }),
      },
      spec: {
        containers: [{ name: 'c', image: 'x' }],
        ...(p.nodeName === undefined || p.nodeName === '' ? {} : { nodeName: p.nodeName }),
      },
      status: { phase: p.phase, ...(p.reason === undefined ? {} : { reason: p.reason }) },
    };
    tc.putPod(pod);
  }
}

const options = (terminatedPodThreshold: number): PodGCOptions => ({
  terminatedPodThreshold,
  quarantine: 40 * SECOND,
});
const deleted = (actions: readonly Action[]) =>
  actions
    .filter((a) => a.type === 'deletePod')
    .map((a) => (a.type === 'deletePod' ? a.key.slice('default/'.length) : ''));
const markedFailed = (actions: readonly Action[]) =>
  actions.filter((a): a is Extract<Action, { type: 'updatePod' }> => a.type === 'updatePod');

describe('terminated pods over the threshold (TestGCTerminated)', () => {
  const cases: [string, PodFixture[], number, string[]][] = [
    [
      'deletes nothing when the threshold is 0',
      [
        { name: 'a', phase: 'Failed' },
        { name: 'b', phase: 'Succeeded' },
      ],
      0,
      [],
    ],
    [
      'deletes the two oldest of three terminated pods over a threshold of 1',
      [
        { name: 'a', phase: 'Failed' },
        { name: 'b', phase: 'Succeeded' },
        { name: 'c', phase: 'Failed' },
      ],
      1,
      ['a', 'b'],
    ],
    [
      'does not count running pods',
      [
        { name: 'a', phase: 'Running' },
        { name: 'b', phase: 'Succeeded' },
        { name: 'c', phase: 'Failed' },
      ],
      1,
      ['b'],
    ],
    [
      'deletes the oldest of two terminated pods over a threshold of 1',
      [
        { name: 'a', phase: 'Failed' },
        { name: 'b', phase: 'Succeeded' },
      ],
      1,
      ['a'],
    ],
    [
      'deletes nothing under the threshold',
      [
        { name: 'a', phase: 'Failed' },
        { name: 'b', phase: 'Succeeded' },
      ],
      5,
      [],
    ],
  ];
  it.each(cases)('%s', (_name, pods, threshold, expected) => {
    const tc = new TestController();
    tc.addNode(newNode('node'));
    addPods(
      tc,
      pods.map((p) => ({ ...p, nodeName: 'node' })),
    );
    const plan = gcPods(tc.store, 0, new Map(), [], options(threshold));
    expect(deleted(plan.actions).sort()).toEqual(expected);
    // Terminal pods are force-deleted as they are, never re-marked.
    expect(markedFailed(plan.actions)).toEqual([]);
    for (const a of plan.actions) if (a.type === 'deletePod') expect(a.force).toBe(true);
  });

  // Reference §15.1: Failed pods with reason Evicted go first, then oldest, then name.
  it('deletes evicted pods before older terminated pods', () => {
    const tc = new TestController();
    tc.addNode(newNode('node'));
    addPods(tc, [
      { name: 'old', phase: 'Succeeded', nodeName: 'node' },
      { name: 'evicted', phase: 'Failed', reason: 'Evicted', nodeName: 'node' },
      { name: 'newer', phase: 'Failed', nodeName: 'node' },
    ]);
    expect(deleted(gcPods(tc.store, 0, new Map(), [], options(1)).actions)).toEqual(['evicted', 'old']);
  });

  // Reference §15.1 (newest release): pods only waiting for finalizers count but are not deleted again.
  it('counts terminated pods already force-deleted but does not delete them again', () => {
    const tc = new TestController();
    tc.addNode(newNode('node'));
    addPods(tc, [
      {
        name: 'a',
        phase: 'Failed',
        nodeName: 'node',
        deleting: true,
        grace: 0,
        finalizers: ['example.com/keep'],
      },
      { name: 'b', phase: 'Failed', nodeName: 'node' },
      { name: 'c', phase: 'Succeeded', nodeName: 'node' },
    ]);
    expect(deleted(gcPods(tc.store, 0, new Map(), [], options(1)).actions)).toEqual(['b', 'c']);
  });

  it('deletes a terminated pod already marked with grace period 0 when no finalizer holds it', () => {
    const tc = new TestController();
    tc.addNode(newNode('node'));
    addPods(tc, [
      { name: 'a', phase: 'Failed', nodeName: 'node', deleting: true, grace: 0 },
      { name: 'b', phase: 'Failed', nodeName: 'node' },
      { name: 'c', phase: 'Succeeded', nodeName: 'node' },
    ]);
    expect(deleted(gcPods(tc.store, 0, new Map(), [], options(1)).actions)).toEqual(['a', 'b']);
  });
});

describe('pods of deleted nodes (TestGCOrphaned)', () => {
  it.each([
    [
      'deletes terminated pods of a missing node after the quarantine',
      [
        { name: 'a', phase: 'Failed' },
        { name: 'b', phase: 'Succeeded' },
      ],
      ['a', 'b'],
      [],
    ],
    [
      'marks a running pod of a missing node Failed, then force-deletes it',
      [{ name: 'a', phase: 'Running' }],
      ['a'],
      ['a'],
    ],
  ] as const)('%s', (_name, pods, expectedDeletes, expectedMarked) => {
    const tc = new TestController();
    addPods(
      tc,
      pods.map((p) => ({ ...p, nodeName: 'node' })),
    );
    expect(tc.store.orphanedNodeNames()).toEqual(['node']);
    // First pass: the node name enters a 40 s quarantine; nothing is deleted.
    const first = gcPods(tc.store, 0, new Map(), tc.store.orphanedNodeNames(), options(0));
    expect(first.actions).toEqual([]);
    expect([...first.quarantine]).toEqual([['node', 40 * SECOND]]);
    // Still quarantined 20 s later.
    const second = gcPods(tc.store, 20 * SECOND, first.quarantine, tc.store.orphanedNodeNames(), options(0));
    expect(second.actions).toEqual([]);
    // After the quarantine the node is confirmed absent and its pods go.
    const third = gcPods(tc.store, 40 * SECOND, second.quarantine, tc.store.orphanedNodeNames(), options(0));
    expect(deleted(third.actions).sort()).toEqual([...expectedDeletes]);
    const marks = markedFailed(third.actions);
    expect(marks.map((m) => m.pod.metadata.name)).toEqual([...expectedMarked]);
    for (const m of marks) {
      expect(m.pod.status.phase).toBe('Failed');
      expect(m.pod.status.conditions).toContainEqual({
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'DeletionByPodGC',
        message: 'PodGC: node no longer exists',
      });
    }
    expect(third.quarantine.size).toBe(0);
  });

  it('cancels the deletion when the node comes back during the quarantine', () => {
    const tc = new TestController();
    addPods(tc, [{ name: 'a', phase: 'Running', nodeName: 'node' }]);
    const first = gcPods(tc.store, 0, new Map(), tc.store.orphanedNodeNames(), options(0));
    tc.addNode(newNode('node'));
    const later = gcPods(tc.store, 40 * SECOND, first.quarantine, tc.store.orphanedNodeNames(), options(0));
    expect(later.actions).toEqual([]);
    expect(later.quarantine.size).toBe(0);
  });
});

describe('a node the cache has lost but the API server still has', () => {
  it('keeps its pods after the quarantine, as the live GET finds the node (checkIfNodeExists)', () => {
    const tc = new TestController();
    addPods(tc, [{ name: 'a', phase: 'Running', nodeName: 'node' }]);
    const inApiServer = (name: string): boolean => name === 'node';
    const first = gcPods(tc.store, 0, new Map(), tc.store.orphanedNodeNames(), options(0), inApiServer);
    expect([...first.quarantine]).toEqual([['node', 40 * SECOND]]);
    const later = gcPods(
      tc.store,
      40 * SECOND,
      first.quarantine,
      tc.store.orphanedNodeNames(),
      options(0),
      inApiServer,
    );
    expect(later.actions).toEqual([]);
    // Still missing from the cache: the next pass quarantines it again, as upstream's queue does.
    expect(later.quarantine.size).toBe(0);
    const again = gcPods(tc.store, 60 * SECOND, later.quarantine, tc.store.orphanedNodeNames(), options(0));
    expect([...again.quarantine]).toEqual([['node', 100 * SECOND]]);
  });
});

describe('unscheduled terminating pods (TestGCUnscheduledTerminating)', () => {
  it('force-deletes unscheduled terminating pods in any phase', () => {
    const tc = new TestController();
    addPods(tc, [
      { name: 'a', phase: 'Failed', deleting: true },
      { name: 'b', phase: 'Succeeded', deleting: true },
      { name: 'c', phase: 'Running', deleting: true },
    ]);
    const plan = gcPods(tc.store, 0, new Map(), [], options(-1));
    expect(deleted(plan.actions).sort()).toEqual(['a', 'b', 'c']);
    expect(markedFailed(plan.actions).map((m) => m.pod.metadata.name)).toEqual(['c']);
  });

  it('leaves scheduled pods and pods that are not terminating alone', () => {
    const tc = new TestController();
    tc.addNode(newNode('node'));
    addPods(tc, [
      { name: 'a', phase: 'Failed' },
      { name: 'b', phase: 'Succeeded', nodeName: 'node' },
      { name: 'c', phase: 'Running', deleting: true, nodeName: 'node' },
    ]);
    expect(gcPods(tc.store, 0, new Map(), [], options(-1)).actions).toEqual([]);
  });
});

describe('terminating pods on out-of-service nodes (reference §15.2)', () => {
  const notReady = (n: ReturnType<TestController['addNode']>) => ({
    ...n,
    status: { ...n.status, conditions: [{ type: 'Ready', status: 'False' }] },
  });
  const outOfService = {
    taints: [{ key: TAINT_NODE_OUT_OF_SERVICE, value: 'nodeshutdown', effect: 'NoExecute' }],
  };

  it('marks terminating pods on a NotReady out-of-service node Failed and force-deletes them', () => {
    const tc = new TestController();
    tc.addNode(newNode('down', undefined, outOfService), notReady);
    addPods(tc, [
      { name: 'terminating', phase: 'Running', deleting: true, nodeName: 'down' },
      { name: 'running', phase: 'Running', nodeName: 'down' },
    ]);
    const plan = gcPods(tc.store, 0, new Map(), [], options(0));
    expect(deleted(plan.actions)).toEqual(['terminating']);
    expect(markedFailed(plan.actions)[0]!.pod.status.phase).toBe('Failed');
  });

  it.each([
    ['a Ready node with the taint', true, true],
    ['a NotReady node without the taint', false, false],
  ])('leaves terminating pods on %s alone', (_name, ready, tainted) => {
    const tc = new TestController();
    tc.addNode(newNode('n', undefined, tainted ? outOfService : {}), ready ? undefined : notReady);
    addPods(tc, [{ name: 'terminating', phase: 'Running', deleting: true, nodeName: 'n' }]);
    expect(gcPods(tc.store, 0, new Map(), [], options(0)).actions).toEqual([]);
  });
});
