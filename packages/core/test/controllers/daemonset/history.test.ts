// Ported from pkg/controller/daemon/update_test.go (TestControlledHistories) and the history
// behaviour of update.go (constructHistory, dedupCurHistories, snapshot, cleanupHistory) that
// upstream's daemon_controller_test.go exercises through whole passes: revisions, collisions,
// duplicates, cleanup and rollback.
import { describe, expect, it } from 'vitest';
import { computeHash } from '../../../src/api/computeHash.js';
import { constructHistory, getPatch } from '../../../src/controllers/daemonset/history.js';
import { updateDaemonSetStatus } from '../../../src/controllers/daemonset/updateDaemonSetStatus.js';
import type { ControllerRevision, DaemonSet } from '../../../src/model/objects.js';
import { newControllerRef } from '../../../src/model/ownerReferences.js';
import { toTimestamp } from '../../../src/model/time.js';
import type { DaemonSetInput } from './helpers.js';
import { expectSyncDaemonSets, newDaemonSet, TestController } from './helpers.js';

/** Upstream's `newControllerRevision(name, namespace, labels, ownerReferences)`. */
function newControllerRevision(
  tc: TestController,
  name: string,
  namespace: string,
  labels: Record<string, string>,
  owner: DaemonSet | undefined,
  data: unknown = {},
  revision = 1,
): ControllerRevision {
  const rev: ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace,
      uid: `rev-${name}`,
      resourceVersion: '1',
      creationTimestamp: toTimestamp(0),
      labels,
      ...(owner === undefined ? {} : { ownerReferences: [newControllerRef(owner)] }),
    },
    data: data as object,
    revision,
  };
  tc.store.putRevision(rev);
  return rev;
}

/** A converged RollingUpdate DaemonSet `foo` (maxUnavailable 100%) on three ready nodes. */
function converged(limit?: number): { tc: TestController; manifest: DaemonSetInput; ds: DaemonSet } {
  const tc = new TestController();
  tc.addNodes(0, 3);
  const manifest = newDaemonSet('foo');
  manifest.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '100%' } };
  if (limit !== undefined) manifest.spec.revisionHistoryLimit = limit;
  const ds = tc.addDaemonSet(manifest);
  expectSyncDaemonSets(tc, ds, 3, 0);
  tc.markPodsReady();
  return { tc, manifest, ds };
}

/** Sets the image and runs passes (pods made ready in between) until the rollout is done. */
function rollOut(tc: TestController, manifest: DaemonSetInput, image: string): DaemonSet {
  manifest.spec.template.spec.containers[0]!.image = image;
  const ds = tc.updateDaemonSet(manifest);
  for (let i = 0; i < 10; i++) {
    const pass = tc.syncFull(ds);
    tc.markPodsReady();
    if (pass.creates.length === 0 && pass.deletes.length === 0 && i > 0) break;
  }
  return ds;
}

const revisionNumbers = (tc: TestController): number[] => tc.revisions('foo').map((r) => r.revision);
const podHashes = (tc: TestController): string[] =>
  tc.store
    .allPods()
    .map((p) => p.metadata.labels?.['controller-revision-hash'] ?? '')
    .sort();

describe('ControllerRevisions of a DaemonSet', () => {
  // TestControlledHistories: "controller revision in the same namespace"
  it('claims its own revisions and adopts a matching orphan in its namespace', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('ds1'));
    const labels = { ...ds.spec.template.metadata!.labels };
    newControllerRevision(tc, 'ds1-x1', 'default', labels, ds);
    newControllerRevision(tc, 'ds1-x2', 'default', labels, undefined);
    const history = constructHistory(tc.store, ds);
    const claimed = [...history.old.map((r) => r.metadata.name)].sort();
    expect(claimed).toEqual(['ds1-x1', 'ds1-x2']);
    const adopt = history.actions.find((a) => a.type === 'updateRevision' && a.reason === 'adopt');
    expect(adopt).toMatchObject({
      revision: {
        metadata: { name: 'ds1-x2', ownerReferences: [{ uid: ds.metadata.uid, controller: true }] },
      },
    });
  });

  // TestControlledHistories: "Skip adopting the controller revision in namespace other than the one in which DS lives"
  it('does not adopt a matching orphan revision in another namespace', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('ds1'));
    newControllerRevision(tc, 'ds1-x3', 'default-other', { ...ds.spec.template.metadata!.labels }, undefined);
    const history = constructHistory(tc.store, ds);
    expect(history.old).toEqual([]);
    expect(history.actions.some((a) => a.type === 'updateRevision')).toBe(false);
  });

  // Reference §9.1: an owned revision whose labels stopped matching the selector is released.
  it('releases an owned revision whose labels no longer match the selector', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('ds1'));
    newControllerRevision(tc, 'ds1-x4', 'default', { name: 'other' }, ds);
    const history = constructHistory(tc.store, ds);
    expect(history.old).toEqual([]);
    expect(history.actions.find((a) => a.type === 'updateRevision')).toMatchObject({
      reason: 'release',
      revision: { metadata: { ownerReferences: [] } },
    });
  });

  // Reference §9.3: a template change creates revision max+1 named <ds>-<hash>, holding the template patch.
  it('creates a new revision for a new template, numbered one above the others, and keeps the old one', () => {
    const { tc, manifest, ds: first } = converged();
    const ds = rollOut(tc, manifest, 'foo2/bar2');
    const hash = computeHash(ds.spec.template, undefined);
    const revisions = tc.revisions('foo');
    expect(revisions.map((r) => [r.metadata.name, r.revision])).toEqual([
      [`foo-${computeHash(first.spec.template, undefined)}`, 1],
      [`foo-${hash}`, 2],
    ]);
    expect(revisions[1]!.data).toEqual(getPatch(ds));
    expect(revisions[1]!.metadata.labels).toEqual({
      ...ds.spec.template.metadata!.labels,
      'controller-revision-hash': hash,
    });
    expect(podHashes(tc)).toEqual([hash, hash, hash]);
    for (const pod of tc.store.allPods()) expect(pod.metadata.labels?.['pod-template-generation']).toBe('2');
  });

  // Reference §9.5: revisions without the hash label get their own name as hash.
  it('labels a legacy revision without a hash label with its own name', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('foo'));
    newControllerRevision(tc, 'foo-legacy', 'default', { ...ds.spec.template.metadata!.labels }, ds, {
      spec: { template: {} },
    });
    const history = constructHistory(tc.store, ds);
    expect(history.actions.find((a) => a.type === 'updateRevision')).toMatchObject({
      reason: 'add hash label',
      revision: { metadata: { labels: { 'controller-revision-hash': 'foo-legacy' } } },
    });
    expect(history.old.map((r) => r.metadata.labels?.['controller-revision-hash'])).toEqual(['foo-legacy']);
  });
});

describe('hash collisions', () => {
  // Reference §9.4: a revision with the computed name but other data bumps status.collisionCount and retries.
  it('bumps collisionCount when another template already holds the name, and names the revision from the new count', () => {
    const tc = new TestController();
    tc.addNodes(0, 1);
    const ds = tc.addDaemonSet(newDaemonSet('foo'));
    const hash0 = computeHash(ds.spec.template, undefined);
    // Not claimable (other labels), so it is not an old revision; it just occupies the name.
    newControllerRevision(tc, `foo-${hash0}`, 'default', { other: 'x' }, undefined, {
      spec: { template: { other: true } },
    });
    const first = tc.syncFull(ds);
    expect(first.plan.statusHash).toBeUndefined();
    expect(first.plan.requeueAfter).toBe(5);
    expect(first.creates).toEqual([]);
    expect(first.plan.actions.find((a) => a.type === 'updateDaemonSetStatus')).toMatchObject({
      status: { collisionCount: 1 },
    });
    const bumped = tc.daemonSet('foo');
    expect(bumped.status.collisionCount).toBe(1);
    const hash1 = computeHash(bumped.spec.template, 1);
    expect(hash1).not.toBe(hash0);
    const second = expectSyncDaemonSets(tc, bumped, 1, 0);
    expect(second.plan.actions.find((a) => a.type === 'createRevision')).toMatchObject({
      revision: { metadata: { name: `foo-${hash1}` }, revision: 1 },
    });
    expect(second.creates[0]!.pod.metadata.labels?.['controller-revision-hash']).toBe(hash1);
  });

  // Reference §9.3: the name is reused when the existing revision with it holds the same template.
  it('reuses an unclaimed revision of the same name and template instead of counting a collision', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('foo'));
    const hash = computeHash(ds.spec.template, undefined);
    newControllerRevision(tc, `foo-${hash}`, 'default', { other: 'x' }, undefined, getPatch(ds));
    const history = constructHistory(tc.store, ds);
    expect(history).toMatchObject({ hash, retry: false, actions: [] });
  });
});

describe('duplicate current revisions', () => {
  // Reference §9.5 (dedupCurHistories): the highest revision is kept, pods are relabelled to it, the others deleted.
  it('keeps the highest-numbered duplicate, relabels pods to its hash and deletes the rest', () => {
    const { tc, ds } = converged();
    const original = tc.revisions('foo')[0]!;
    const dup = newControllerRevision(
      tc,
      'foo-dup',
      'default',
      { ...ds.spec.template.metadata!.labels, 'controller-revision-hash': 'dup' },
      ds,
      getPatch(ds),
      5,
    );
    const pass = tc.syncFull(ds);
    expect(pass.plan.statusHash).toBe('dup');
    const relabels = pass.plan.actions.filter((a) => a.type === 'updatePod');
    expect(relabels).toHaveLength(3);
    expect(pass.plan.actions.filter((a) => a.type === 'deleteRevision')).toEqual([
      { type: 'deleteRevision', key: `default/${original.metadata.name}`, uid: original.metadata.uid },
    ]);
    expect(tc.revisions('foo').map((r) => r.metadata.name)).toEqual([dup.metadata.name]);
    expect(podHashes(tc)).toEqual(['dup', 'dup', 'dup']);
    // Nothing to roll out: the pods are current.
    expect(pass.deletes).toEqual([]);
  });
});

describe('history cleanup', () => {
  // Reference §9.6: beyond revisionHistoryLimit, the oldest unused revisions go first.
  it('deletes the oldest old revisions beyond revisionHistoryLimit', () => {
    const { tc, manifest } = converged(1);
    rollOut(tc, manifest, 'v2');
    rollOut(tc, manifest, 'v3');
    rollOut(tc, manifest, 'v4');
    expect(revisionNumbers(tc)).toEqual([3, 4]);
  });

  // Reference §9.6: limit 0 keeps no old revision.
  it('keeps only the current revision with revisionHistoryLimit 0', () => {
    const { tc, manifest } = converged(0);
    const ds = rollOut(tc, manifest, 'v2');
    expect(tc.revisions('foo').map((r) => r.metadata.name)).toEqual([
      `foo-${computeHash(ds.spec.template, undefined)}`,
    ]);
  });

  // Reference §9.6: a revision whose hash a live pod still carries is spared (OnDelete leaves old pods).
  it('spares old revisions still used by live pods and deletes the next unused one instead', () => {
    const tc = new TestController();
    tc.addNodes(0, 2);
    const manifest = newDaemonSet('foo');
    manifest.spec.revisionHistoryLimit = 1;
    let ds = tc.addDaemonSet(manifest);
    expectSyncDaemonSets(tc, ds, 2, 0);
    const hash1 = computeHash(ds.spec.template, undefined);
    // OnDelete: rev 2 and rev 3 get no pods; rev 1's pods stay.
    for (const image of ['v2', 'v3', 'v4']) {
      manifest.spec.template.spec.containers[0]!.image = image;
      ds = tc.updateDaemonSet(manifest);
      expectSyncDaemonSets(tc, ds, 0, 0);
    }
    // Old: rev 1 (used), 2, 3 — one too many twice over: 2 goes, then 3; 1 is spared.
    expect(
      tc.revisions('foo').map((r) => [r.revision, r.metadata.labels?.['controller-revision-hash']]),
    ).toEqual([
      [1, hash1],
      [4, computeHash(ds.spec.template, undefined)],
    ]);
  });

  // Reference §9.6: terminal pods still pending deletion keep their revision too.
  it('counts a terminating failed pod as using its revision', () => {
    const tc = new TestController();
    tc.addNodes(0, 1);
    const manifest = newDaemonSet('foo');
    manifest.spec.revisionHistoryLimit = 0;
    let ds = tc.addDaemonSet(manifest);
    expectSyncDaemonSets(tc, ds, 1, 0);
    const [pod] = tc.store.allPods();
    tc.putPod({
      ...pod!,
      metadata: { ...pod!.metadata, deletionTimestamp: toTimestamp(0) },
      status: { phase: 'Failed' },
    });
    manifest.spec.template.spec.containers[0]!.image = 'v2';
    ds = tc.updateDaemonSet(manifest);
    tc.syncFull(ds);
    expect(revisionNumbers(tc)).toEqual([1, 2]);
  });
});

describe('rollback', () => {
  // Reference §9.5: re-applying an earlier template makes its revision current with a new, highest number.
  it('makes the earlier revision current again with a new highest revision number, creating none', () => {
    const { tc, manifest, ds: first } = converged();
    const hash1 = computeHash(first.spec.template, undefined);
    rollOut(tc, manifest, 'foo2/bar2');
    manifest.spec.template.spec.containers[0]!.image = 'foo/bar';
    const ds = tc.updateDaemonSet(manifest);
    expect(ds.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('3');
    const pass = tc.syncFull(ds);
    expect(pass.plan.actions.some((a) => a.type === 'createRevision')).toBe(false);
    expect(pass.plan.actions.find((a) => a.type === 'updateRevision')).toMatchObject({
      reason: 'bump revision',
      revision: { metadata: { name: `foo-${hash1}` }, revision: 3 },
    });
    expect(pass.plan.statusHash).toBe(hash1);
    expect(tc.revisions('foo').map((r) => [r.metadata.name, r.revision])).toEqual([
      [
        `foo-${computeHash({ ...first.spec.template, spec: { ...first.spec.template.spec!, containers: [{ ...first.spec.template.spec!.containers[0]!, image: 'foo2/bar2' }] } }, undefined)}`,
        2,
      ],
      [`foo-${hash1}`, 3],
    ]);
  });

  // Reference §9.5: pods still on the restored revision count as updated at once.
  it('counts pods still carrying the restored revision as updated at once and leaves them running', () => {
    const tc = new TestController();
    tc.addNodes(0, 4);
    const manifest = newDaemonSet('foo');
    manifest.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } };
    let ds = tc.addDaemonSet(manifest);
    expectSyncDaemonSets(tc, ds, 4, 0);
    tc.markPodsReady();
    const v1Pods = new Set(tc.store.allPods().map((p) => p.metadata.name));
    // Half way through a rollout to v2 (one pod replaced, ready)...
    manifest.spec.template.spec.containers[0]!.image = 'v2';
    ds = tc.updateDaemonSet(manifest);
    expectSyncDaemonSets(tc, ds, 0, 1);
    expectSyncDaemonSets(tc, ds, 1, 0);
    tc.markPodsReady();
    // ...roll back to v1: three v1 pods are current; only the v2 pod is replaced.
    manifest.spec.template.spec.containers[0]!.image = 'foo/bar';
    ds = tc.updateDaemonSet(manifest);
    const pass = expectSyncDaemonSets(tc, ds, 0, 1);
    const hash1 = pass.plan.statusHash!;
    const status = updateDaemonSetStatus(tc.store, 'default/foo', hash1, undefined, true, tc.now);
    expect(status.counts.updatedNumberScheduled).toBe(3);
    expectSyncDaemonSets(tc, ds, 1, 0);
    tc.markPodsReady();
    expectSyncDaemonSets(tc, ds, 0, 0);
    const remaining = tc.store.allPods().map((p) => p.metadata.name);
    expect(remaining.filter((n) => v1Pods.has(n))).toHaveLength(3);
    expect(new Set(tc.store.allPods().map((p) => p.metadata.labels?.['controller-revision-hash']))).toEqual(
      new Set([hash1]),
    );
  });
});
