// Ported from pkg/controller/daemon/daemon_controller_test.go: the steps of one pass around
// manage (empty selector, deletion in progress, claiming pods, revisions and pod labels).
import { describe, expect, it } from 'vitest';
import { computeHash } from '../../../src/api/computeHash.js';
import { getNodesToDaemonPods } from '../../../src/controllers/daemonset/getNodesToDaemonPods.js';
import type { Action } from '../../../src/controllers/plan.js';
import { toTimestamp } from '../../../src/model/time.js';
import {
  affinityTarget,
  newDaemonSet,
  simpleDaemonSetLabel,
  simpleDaemonSetLabel2,
  syncAndValidateDaemonSets,
  TestController,
  updateStrategies,
} from './helpers.js';

const updates = (actions: readonly Action[], reason: string) =>
  actions.filter(
    (a): a is Extract<Action, { type: 'updatePod' }> => a.type === 'updatePod' && a.reason === reason,
  );

describe.each(updateStrategies)('syncDaemonSet with the %s strategy', (strategy) => {
  // TestPodIsNotDeletedByDaemonsetWithEmptyLabelSelector
  it('does nothing but record SelectingAll for an empty selector', () => {
    const tc = new TestController();
    const manifest = newDaemonSet('foo', strategy);
    manifest.spec.template.spec.nodeSelector = { foo: 'bar' };
    // The API server rejects an empty selector; an old object could still carry one.
    const ds = tc.addDaemonSet(manifest, (d) => ({ ...d, spec: { ...d.spec, selector: {} } }));
    tc.addNodes(0, 1);
    tc.newPod('bang-', 'node-0', { bang: 'boom' }, undefined);
    const result = syncAndValidateDaemonSets(tc, ds, 0, 0, 1);
    expect(result.events[0]).toMatchObject({
      eventType: 'Warning',
      reason: 'SelectingAll',
      message: 'This daemon set is selecting all pods. A non-empty selector is required.',
    });
    expect(result.plan.actions).toHaveLength(1);
    expect(result.plan.statusHash).toBeUndefined();
  });

  // TestDontDoAnythingIfBeingDeleted
  it('does nothing, not even a status write, while the DaemonSet is being deleted', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy), (d) => ({
      ...d,
      metadata: { ...d.metadata, deletionTimestamp: toTimestamp(0), finalizers: ['foregroundDeletion'] },
    }));
    tc.addNodes(0, 2);
    // A matching orphan is not adopted either.
    tc.newPod('orphan-', 'node-0', simpleDaemonSetLabel, undefined);
    const result = syncAndValidateDaemonSets(tc, ds, 0, 0, 0);
    expect(result.plan.actions).toEqual([]);
    expect(result.plan.statusHash).toBeUndefined();
  });

  // Reference §4 step 2: a DaemonSet that is gone is forgotten.
  it('forgets a DaemonSet that no longer exists', () => {
    const tc = new TestController();
    const plan = tc.sync('default/missing').plan;
    expect(plan).toMatchObject({ forget: true, actions: [], statusHash: undefined });
  });

  // Reference §1.4, §9.1–9.3: the first pass creates the ControllerRevision and stamps its hash.
  it('creates a ControllerRevision and labels new pods with its hash and the template generation', () => {
    const tc = new TestController();
    tc.addNodes(0, 1);
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
    const result = syncAndValidateDaemonSets(tc, ds, 1, 0, 0);
    const hash = computeHash(ds.spec.template, undefined);
    expect(hash).toMatch(/^[4-9bcdf]{1,10}$/);
    const created = result.plan.actions.find((a) => a.type === 'createRevision');
    expect(created).toMatchObject({
      type: 'createRevision',
      revision: {
        metadata: {
          name: `foo-${hash}`,
          namespace: 'default',
          labels: { ...simpleDaemonSetLabel, 'controller-revision-hash': hash },
          ownerReferences: [
            {
              kind: 'DaemonSet',
              name: 'foo',
              uid: ds.metadata.uid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        revision: 1,
        data: { spec: { template: { $patch: 'replace' } } },
      },
    });
    expect(result.plan.statusHash).toBe(hash);
    const pod = result.creates[0]!.pod;
    expect(pod.metadata.labels).toEqual({
      ...simpleDaemonSetLabel,
      'controller-revision-hash': hash,
      'pod-template-generation': '1',
    });
    expect(pod.metadata.generateName).toBe('foo-');
    expect(pod.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        name: 'foo',
        uid: ds.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(affinityTarget(pod)).toBe('node-0');
  });

  // Reference §2.5, §7.4: automatic tolerations are appended after the user's; a same-key toleration is replaced.
  it('adds the automatic daemon tolerations to created pods and replaces a matching user toleration', () => {
    const tc = new TestController();
    tc.addNodes(0, 1);
    const manifest = newDaemonSet('foo', strategy);
    manifest.spec.template.spec.tolerations = [
      { key: 'dedicated', operator: 'Equal', value: 'x', effect: 'NoSchedule' },
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ];
    const ds = tc.addDaemonSet(manifest);
    const pod = syncAndValidateDaemonSets(tc, ds, 1, 0, 0).creates[0]!.pod;
    expect(pod.spec.tolerations).toEqual([
      { key: 'dedicated', operator: 'Equal', value: 'x', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    // The DaemonSet itself is not modified.
    expect(tc.daemonSet('foo').spec.template.spec!.tolerations).toHaveLength(2);
  });

  // Reference §9.1: an orphaned revision that matches the template is adopted and reused.
  it('adopts an orphaned matching ControllerRevision instead of creating one', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
    const first = tc.sync(ds).plan.actions.find((a) => a.type === 'createRevision');
    if (first?.type !== 'createRevision') throw new Error('expected a revision');
    const { ownerReferences: _refs, ...meta } = first.revision.metadata;
    tc.store.putRevision({
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: { ...meta, uid: 'rev-uid', resourceVersion: '1', creationTimestamp: toTimestamp(0) },
      data: first.revision.data as object,
      revision: 1,
    });
    const plan = tc.sync(ds).plan;
    expect(plan.actions.some((a) => a.type === 'createRevision')).toBe(false);
    const adopt = plan.actions.find((a) => a.type === 'updateRevision');
    expect(adopt).toMatchObject({
      type: 'updateRevision',
      reason: 'adopt',
      revision: { metadata: { ownerReferences: [{ uid: ds.metadata.uid, controller: true }] } },
    });
  });

  // TestGetNodesToDaemonPods
  it.each([false, true])(
    'groups owned and matching orphan pods by node (includeDeletedTerminal=%s)',
    (includeDeletedTerminal) => {
      const tc = new TestController();
      const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
      const ds2 = tc.addDaemonSet(newDaemonSet('foo2', strategy));
      tc.addNodes(0, 2);
      const deleted =
        (phase: 'Succeeded' | 'Failed') =>
        (p: Parameters<Parameters<TestController['newPod']>[4] & object>[0]) => ({
          ...p,
          metadata: { ...p.metadata, deletionTimestamp: toTimestamp(0) },
          status: { phase },
        });
      const wanted = [
        tc.newPod('matching-owned-0-', 'node-0', simpleDaemonSetLabel, ds),
        tc.newPod('matching-orphan-0-', 'node-0', simpleDaemonSetLabel, undefined),
        tc.newPod('matching-owned-1-', 'node-1', simpleDaemonSetLabel, ds),
        tc.newPod('matching-orphan-1-', 'node-1', simpleDaemonSetLabel, undefined),
        tc.newPod('matching-owned-succeeded-pod-0-', 'node-0', simpleDaemonSetLabel, ds, (p) => ({
          ...p,
          status: { phase: 'Succeeded' },
        })),
        tc.newPod('matching-owned-failed-pod-1-', 'node-1', simpleDaemonSetLabel, ds, (p) => ({
          ...p,
          status: { phase: 'Failed' },
        })),
      ];
      const deletedTerminal = [
        tc.newPod(
          'matching-owned-succeeded-deleted-pod-0-',
          'node-0',
          simpleDaemonSetLabel,
          ds,
          deleted('Succeeded'),
        ),
        tc.newPod(
          'matching-owned-failed-deleted-pod-1-',
          'node-1',
          simpleDaemonSetLabel,
          ds,
          deleted('Failed'),
        ),
      ];
      const ignored = [
        tc.newPod('non-matching-owned-0-', 'node-0', simpleDaemonSetLabel2, ds),
        tc.newPod('non-matching-orphan-1-', 'node-1', simpleDaemonSetLabel2, undefined),
        tc.newPod('matching-owned-by-other-0-', 'node-0', simpleDaemonSetLabel, ds2),
      ];
      const { nodeToDaemonPods } = getNodesToDaemonPods(tc.store, ds, undefined, includeDeletedTerminal);
      const got = new Map<string, string>();
      for (const [node, pods] of nodeToDaemonPods) for (const p of pods) got.set(p.metadata.name, node);
      const expected = includeDeletedTerminal ? [...wanted, ...deletedTerminal] : wanted;
      expect(new Set(got.keys())).toEqual(new Set(expected.map((p) => p.metadata.name)));
      for (const p of expected) expect(got.get(p.metadata.name)).toBe(p.spec.nodeName);
      for (const p of ignored) expect(got.has(p.metadata.name)).toBe(false);
    },
  );

  // Reference §5.2: adoption of orphans and release of pods whose labels no longer match.
  it('adopts a matching orphan in place of creating a pod, and releases an owned pod whose labels stopped matching', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
    tc.addNodes(0, 2);
    const orphan = tc.newPod('orphan-', 'node-0', simpleDaemonSetLabel, undefined);
    const relabelled = tc.newPod('relabelled-', 'node-1', simpleDaemonSetLabel2, ds);
    const result = syncAndValidateDaemonSets(tc, ds, 1, 0, 0);
    expect(result.creates[0]!.nodeName).toBe('node-1');
    const [adopted] = updates(result.plan.actions, 'adopt');
    expect(adopted!.pod.metadata.uid).toBe(orphan.metadata.uid);
    expect(adopted!.pod.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        name: 'foo',
        uid: ds.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    const [released] = updates(result.plan.actions, 'release');
    expect(released!.pod.metadata.uid).toBe(relabelled.metadata.uid);
    expect(released!.pod.metadata.ownerReferences).toEqual([]);
  });

  // Reference §5.2: terminating orphans, orphans of another namespace and pods of another controller are not adopted.
  it('does not adopt terminating orphans, pods in other namespaces or pods controlled by something else', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
    tc.addNodes(0, 3);
    tc.newPod('terminating-', 'node-0', simpleDaemonSetLabel, undefined, (p) => ({
      ...p,
      metadata: { ...p.metadata, deletionTimestamp: toTimestamp(0) },
    }));
    tc.newPod('elsewhere-', 'node-1', simpleDaemonSetLabel, undefined, (p) => ({
      ...p,
      metadata: { ...p.metadata, namespace: 'kube-system' },
    }));
    tc.newPod('other-', 'node-2', simpleDaemonSetLabel, undefined, (p) => ({
      ...p,
      metadata: {
        ...p.metadata,
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-uid', controller: true },
        ],
      },
    }));
    const result = syncAndValidateDaemonSets(tc, ds, 3, 0, 0);
    expect(updates(result.plan.actions, 'adopt')).toEqual([]);
  });

  // Reference §5.2: Failed and Succeeded orphans are adopted too (then handled as owned pods).
  it('adopts a failed orphan and kills it as a failed daemon pod', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('foo', strategy));
    tc.addNodes(0, 1);
    tc.newPod('failed-orphan-', 'node-0', simpleDaemonSetLabel, undefined, (p) => ({
      ...p,
      status: { phase: 'Failed' },
    }));
    const result = syncAndValidateDaemonSets(tc, ds, 0, 1, 1);
    expect(updates(result.plan.actions, 'adopt')).toHaveLength(1);
  });
});
