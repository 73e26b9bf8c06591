// Ported from pkg/controller/daemon/update_test.go: the RollingUpdate strategy in classic mode
// (deletes within maxUnavailable) and surge mode (creates within maxSurge), its budgets, and the
// OnDelete strategy. Each pass is a whole upstream pass (manage, rolling update, history cleanup)
// with the fake pod control's semantics: created pods land unbound and not ready, deleted pods vanish.
import { describe, expect, it } from 'vitest';
import type * as apps from 'kubernetes-types/apps/v1.js';
import { computeHash } from '../../../src/api/computeHash.js';
import {
  findUpdatedPodsOnNode,
  rollingUpdate,
  updatedDesiredNodeCounts,
} from '../../../src/controllers/daemonset/rollingUpdate.js';
import { getNodesToDaemonPods } from '../../../src/controllers/daemonset/getNodesToDaemonPods.js';
import { getTargetNodeName } from '../../../src/model/nodeAffinity.js';
import type { DaemonSet, Pod } from '../../../src/model/objects.js';
import { SECOND, toTimestamp } from '../../../src/model/time.js';
import type { DaemonSetInput } from './helpers.js';
import {
  expectSyncDaemonSets,
  markPodReady,
  newDaemonSet,
  newNode,
  simpleDaemonSetLabel,
  surgeStrategy,
  TestController,
} from './helpers.js';

/** Upstream's `newUpdateUnavailable(value)`. */
function unavailableStrategy(value: number | string): apps.DaemonSetUpdateStrategy {
  return { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: value } };
}

/** A converged DaemonSet `foo` on `nodes` nodes, its pods ready at time 0 unless `ready` is false. */
function converged(
  nodes: number,
  ready = true,
): { tc: TestController; manifest: DaemonSetInput; ds: DaemonSet } {
  const tc = new TestController();
  tc.addNodes(0, nodes);
  const manifest = newDaemonSet('foo');
  const ds = tc.addDaemonSet(manifest);
  expectSyncDaemonSets(tc, ds, nodes, 0);
  if (ready) tc.markPodsReady();
  return { tc, manifest, ds };
}

/**
 * Changes the image (and optionally the strategy) as upstream's tests edit `ds.Spec`. A strategy
 * validation would reject (maxUnavailable 0 without surge) is stored past validation, as upstream's
 * fixtures are.
 */
function update(
  tc: TestController,
  manifest: DaemonSetInput,
  image: string,
  strategy?: apps.DaemonSetUpdateStrategy,
): DaemonSet {
  manifest.spec.template.spec.containers[0]!.image = image;
  if (strategy === undefined) return tc.updateDaemonSet(manifest);
  const bypass =
    strategy.rollingUpdate?.maxUnavailable === 0 && strategy.rollingUpdate.maxSurge === undefined;
  if (!bypass) manifest.spec.updateStrategy = strategy;
  return tc.updateDaemonSet(manifest, (d) => ({
    ...d,
    spec: { ...d.spec, updateStrategy: strategy as DaemonSet['spec']['updateStrategy'] },
  }));
}

const readyNames = (tc: TestController): Set<string> =>
  new Set(
    tc.store
      .allPods()
      .filter((p) => p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
      .map((p) => p.metadata.name),
  );

describe('RollingUpdate without surge', () => {
  // TestDaemonSetUpdatesPods
  it('deletes maxUnavailable old pods per pass and manage re-creates them, until every node is updated', () => {
    const { tc, manifest } = converged(5);
    const ds = update(tc, manifest, 'foo2/bar2', unavailableStrategy(2));
    expectSyncDaemonSets(tc, ds, 0, 2);
    expectSyncDaemonSets(tc, ds, 2, 0);
    tc.markPodsReady();
    expectSyncDaemonSets(tc, ds, 0, 2);
    expectSyncDaemonSets(tc, ds, 2, 0);
    tc.markPodsReady();
    expectSyncDaemonSets(tc, ds, 0, 1);
    expectSyncDaemonSets(tc, ds, 1, 0);
    tc.markPodsReady();
    expectSyncDaemonSets(tc, ds, 0, 0);
    const hash = computeHash(ds.spec.template, undefined);
    expect(tc.store.allPods().map((p) => p.metadata.labels?.['controller-revision-hash'])).toEqual(
      Array(5).fill(hash),
    );
  });

  // TestDaemonSetUpdatesWhenNewPodIsNotReady
  it('stops deleting while the new pods are not yet ready: they use up the budget', () => {
    const { tc, manifest } = converged(5);
    const ds = update(tc, manifest, 'foo2/bar2', unavailableStrategy(3));
    expectSyncDaemonSets(tc, ds, 0, 3);
    expectSyncDaemonSets(tc, ds, 3, 0);
    expectSyncDaemonSets(tc, ds, 0, 0);
  });

  // TestDaemonSetUpdatesSomeOldPodsNotReady
  it('replaces not-ready pods of an earlier rollout first and leaves the available old pods alone', () => {
    const { tc, manifest } = converged(5);
    let ds = update(tc, manifest, 'foo2/bar2', unavailableStrategy(2));
    expectSyncDaemonSets(tc, ds, 0, 2);
    expectSyncDaemonSets(tc, ds, 2, 0);
    expectSyncDaemonSets(tc, ds, 0, 0);
    // Another update while two new pods are still not ready: only those two are replaced.
    ds = update(tc, manifest, 'foo2/bar3');
    expectSyncDaemonSets(tc, ds, 0, 2);
    expectSyncDaemonSets(tc, ds, 2, 0);
    expectSyncDaemonSets(tc, ds, 0, 0);
    expect(readyNames(tc).size).toBe(3);
  });

  // TestDaemonSetUpdatesSaveOldHealthyPods
  it('never touches available old pods while unavailable ones already use up the budget, whatever maxUnavailable is', () => {
    const { tc, manifest } = converged(20);
    let ds = update(tc, manifest, 'foo2/bar2', unavailableStrategy(10));
    expectSyncDaemonSets(tc, ds, 0, 10);
    expectSyncDaemonSets(tc, ds, 10, 0);
    expectSyncDaemonSets(tc, ds, 0, 0);
    const oldReady = readyNames(tc);
    expect(oldReady.size).toBe(10);
    // Upstream draws maxUnavailable from rand.Intn(10); a fixed spread covers the same range, 0 included.
    [3, 0, 9, 1, 7, 5, 2, 8, 4, 6].forEach((maxUnavailable, i) => {
      ds = update(tc, manifest, `foo2/bar3-${i}`, unavailableStrategy(maxUnavailable));
      expectSyncDaemonSets(tc, ds, 0, 10);
      expectSyncDaemonSets(tc, ds, 10, 0);
      expectSyncDaemonSets(tc, ds, 0, 0);
      const ready = readyNames(tc);
      for (const name of oldReady) expect(ready.has(name)).toBe(true);
    });
    // One more than the unavailable pods: one available old pod goes as well.
    ds = update(tc, manifest, 'foo2/bar4', unavailableStrategy(11));
    expectSyncDaemonSets(tc, ds, 0, 11);
    expectSyncDaemonSets(tc, ds, 11, 0);
    expectSyncDaemonSets(tc, ds, 0, 0);
    expect(readyNames(tc).size).toBe(9);
  });

  // TestDaemonSetUpdatesAllOldNotReadyPodsAndNewNotReadyPods
  it('replaces unavailable old pods even when unavailable new pods exceed the budget', () => {
    const { tc, manifest, ds: first } = converged(100);
    const hash1 = computeHash(first.spec.template, undefined);
    const ds = update(tc, manifest, 'foo2/bar2', unavailableStrategy(10));
    for (let i = 0; i < 10; i++) {
      expectSyncDaemonSets(tc, ds, 0, 10);
      expectSyncDaemonSets(tc, ds, 10, 0);
      tc.markPodsReady();
    }
    expectSyncDaemonSets(tc, ds, 0, 0);
    // 88 unavailable new pods, 2 unavailable old pods, 10 available old pods.
    const oldUnavailable = new Set<string>();
    [...tc.store.allPods()]
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
      .forEach((pod, i) => {
        let p: Pod = pod;
        if (i >= 10) p = { ...p, status: { ...p.status, conditions: [{ type: 'Ready', status: 'False' }] } };
        if (i < 12) {
          // Upstream's fixtures carry no template-generation annotation, so only the hash makes a
          // pod old there; here the generation label must say old too (reference §9.7).
          p = {
            ...p,
            metadata: {
              ...p.metadata,
              labels: {
                ...p.metadata.labels,
                'controller-revision-hash': hash1,
                'pod-template-generation': '1',
              },
            },
          };
          if (i >= 10) oldUnavailable.add(p.metadata.name);
        }
        tc.putPod(p);
      });
    expectSyncDaemonSets(tc, ds, 0, 2);
    expectSyncDaemonSets(tc, ds, 2, 0);
    expectSyncDaemonSets(tc, ds, 0, 0);
    for (const name of oldUnavailable) expect(tc.store.getPod(`default/${name}`)).toBeUndefined();
  });

  // TestDaemonSetUpdatesAllOldPodsNotReady
  it('deletes every old pod at once when none is available, whatever the budget', () => {
    const { tc, manifest } = converged(5, false);
    const ds = update(tc, manifest, 'foo2/bar2', unavailableStrategy(3));
    expectSyncDaemonSets(tc, ds, 0, 5);
    expectSyncDaemonSets(tc, ds, 5, 0);
    expectSyncDaemonSets(tc, ds, 0, 0);
  });

  // Reference §10.3: availability is inclusive of minReadySeconds (v1.34+).
  it('counts a new pod as available exactly minReadySeconds after it became ready, not a millisecond earlier', () => {
    const { tc, manifest } = converged(2);
    manifest.spec.minReadySeconds = 10;
    let ds = update(tc, manifest, 'foo2/bar2', unavailableStrategy(1));
    tc.now = 100 * SECOND;
    expectSyncDaemonSets(tc, ds, 0, 1);
    expectSyncDaemonSets(tc, ds, 1, 0);
    tc.setPodReadiness(true, 1, () => true);
    ds = tc.daemonSet('foo');
    tc.now = 110 * SECOND - 1;
    expectSyncDaemonSets(tc, ds, 0, 0);
    tc.now = 110 * SECOND;
    expectSyncDaemonSets(tc, ds, 0, 1);
  });

  // Reference §10.3: a ready pod without a transition time is never available with minReadySeconds > 0.
  it('treats a ready pod without lastTransitionTime as unavailable when minReadySeconds is set', () => {
    const { tc, manifest } = converged(3);
    for (const pod of tc.store.allPods())
      tc.putPod({ ...pod, status: { ...pod.status, conditions: [{ type: 'Ready', status: 'True' }] } });
    manifest.spec.minReadySeconds = 5;
    const ds = update(tc, manifest, 'foo2/bar2', unavailableStrategy(1));
    tc.now = 3600 * SECOND;
    // All three old pods are "unavailable", so all are free replacements.
    expectSyncDaemonSets(tc, ds, 0, 3);
  });

  // Reference §10.4: a node with an old pod where the DaemonSet no longer schedules (NoSchedule taint, no toleration).
  it('deletes an old pod on a node that no longer qualifies and does not re-create it there', () => {
    const tc = new TestController();
    tc.addNode(
      newNode('node-0', undefined, { taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }] }),
    );
    tc.addNodes(1, 2);
    const manifest = newDaemonSet('foo');
    manifest.spec.template.spec.tolerations = [
      { key: 'dedicated', operator: 'Equal', value: 'user1', effect: 'NoSchedule' },
    ];
    let ds = tc.addDaemonSet(manifest);
    expectSyncDaemonSets(tc, ds, 3, 0);
    tc.markPodsReady();
    delete manifest.spec.template.spec.tolerations;
    ds = update(tc, manifest, 'foo', unavailableStrategy(1));
    // desired is 2 (node-0 no longer qualifies, though its pod may stay); candidates go in
    // node-name order, so node-0's old pod goes first.
    expectSyncDaemonSets(tc, ds, 0, 1);
    expect(tc.store.allPods().some((p) => getTargetNodeName(p) === 'node-0')).toBe(false);
    // A node that no longer qualifies costs no budget once empty: the rollout goes on at once,
    // and node-0 never gets its pod back.
    expectSyncDaemonSets(tc, ds, 0, 1);
    expectSyncDaemonSets(tc, ds, 1, 0);
    tc.markPodsReady();
    expectSyncDaemonSets(tc, ds, 0, 1);
    expectSyncDaemonSets(tc, ds, 1, 0);
    tc.markPodsReady();
    expectSyncDaemonSets(tc, ds, 0, 0);
    expect(
      tc.store
        .allPods()
        .map((p) => getTargetNodeName(p))
        .sort(),
    ).toEqual(['node-1', 'node-2']);
  });

  // Reference §10.2: a node with two old pods is skipped and counts as unavailable.
  it('counts a node with two old pods as unavailable and leaves it to manage', () => {
    const { tc, manifest, ds: first } = converged(3);
    const ds = update(tc, manifest, 'foo2/bar2', unavailableStrategy(1));
    tc.newPod('node-0-', 'node-0', simpleDaemonSetLabel, first, (p) => markPodReady(p, 0));
    // manage deletes the younger duplicate on node-0; node-0 then holds one old pod and the budget of 1 lets one old pod go.
    const result = expectSyncDaemonSets(tc, ds, 0, 2);
    expect(result.deletes.map((d) => d.key)).toContain('default/node-0-00004');
    const { nodeToDaemonPods } = getNodesToDaemonPods(tc.store, ds, undefined, false);
    expect(
      findUpdatedPodsOnNode(
        ds,
        [...(nodeToDaemonPods.get('node-1') ?? [])],
        computeHash(ds.spec.template, undefined),
      ).ok,
    ).toBe(true);
  });

  // Reference §9.7: `pod-template-generation` equal to the DaemonSet's template generation means up to date.
  it('treats a pod whose pod-template-generation label matches the template generation as updated, whatever its hash', () => {
    const { tc, manifest } = converged(2);
    const ds = update(tc, manifest, 'foo2/bar2', unavailableStrategy(2));
    expect(ds.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('2');
    const [pod] = [...tc.store.allPods()].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    tc.putPod({
      ...pod!,
      metadata: { ...pod!.metadata, labels: { ...pod!.metadata.labels, 'pod-template-generation': '2' } },
    });
    const result = expectSyncDaemonSets(tc, ds, 0, 1);
    expect(result.deletes[0]!.key).not.toBe(`default/${pod!.metadata.name}`);
  });
});

describe('RollingUpdate with surge', () => {
  // TestDaemonSetUpdatesPodsWithMaxSurge
  it('creates maxSurge new pods beside old ones, then deletes each old pod once its replacement is available', () => {
    const { tc, manifest } = converged(5);
    const ds = update(tc, manifest, 'foo2/bar2', surgeStrategy(2));
    expectSyncDaemonSets(tc, ds, 2, 0);
    expectSyncDaemonSets(tc, ds, 0, 0);
    tc.markPodsReady();
    expectSyncDaemonSets(tc, ds, 2, 2);
    expectSyncDaemonSets(tc, ds, 0, 0);
    tc.markPodsReady();
    expectSyncDaemonSets(tc, ds, 5 % 2, 2);
    expectSyncDaemonSets(tc, ds, 0, 0);
    tc.markPodsReady();
    expectSyncDaemonSets(tc, ds, 0, 5 % 2);
    expectSyncDaemonSets(tc, ds, 0, 0);
    expect(tc.store.allPods()).toHaveLength(5);
  });

  // TestDaemonSetUpdatesPodsNotMatchTainstWithMaxSurge
  it('deletes an available old pod on a node that no longer qualifies only while enough other pods are available', () => {
    const tc = new TestController();
    const manifest = newDaemonSet('foo');
    manifest.spec.updateStrategy = surgeStrategy(1);
    manifest.spec.template.spec.tolerations = [
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' },
    ];
    let ds = tc.addDaemonSet(manifest);
    tc.addNode(
      newNode('node-0', undefined, {
        taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
      }),
    );
    tc.addNodes(1, 4);
    expectSyncDaemonSets(tc, ds, 5, 0);
    tc.markPodsReady();
    delete manifest.spec.template.spec.tolerations;
    ds = tc.updateDaemonSet(manifest);
    expectSyncDaemonSets(tc, ds, 1, 1);
    expect(tc.store.allPods().some((p) => getTargetNodeName(p) === 'node-0')).toBe(false);
    expectSyncDaemonSets(tc, ds, 0, 0);
    for (let i = 0; i < 3; i++) {
      tc.markPodsReady();
      expectSyncDaemonSets(tc, ds, 1, 1);
      expectSyncDaemonSets(tc, ds, 0, 0);
    }
    tc.markPodsReady();
    expectSyncDaemonSets(tc, ds, 0, 1);
    expectSyncDaemonSets(tc, ds, 0, 0);
  });

  // TestDaemonSetUpdatesAllOldPodsNotReadyMaxSurge
  it('creates a replacement beside every unavailable old pod regardless of maxSurge, and respects minReadySeconds', () => {
    const { tc, manifest } = converged(5, false);
    let ds = update(tc, manifest, 'foo2/bar2', surgeStrategy(3));
    tc.now = 100 * SECOND;
    expectSyncDaemonSets(tc, ds, 5, 0);
    // Old pods that are not ready go as soon as a new pod stands beside them.
    tc.now = 200 * SECOND;
    expectSyncDaemonSets(tc, ds, 0, 5);
    tc.setPodReadiness(true, 5, () => true);
    manifest.spec.minReadySeconds = 15;
    ds = update(tc, manifest, 'foo3/bar3');
    tc.now = 300 * SECOND;
    expectSyncDaemonSets(tc, ds, 3, 0);
    const hash = computeHash(ds.spec.template, undefined);
    const nodesWithNew = new Set(
      tc.store
        .allPods()
        .filter((p) => p.metadata.labels?.['controller-revision-hash'] === hash)
        .map((p) => getTargetNodeName(p)),
    );
    tc.setPodReadiness(true, 2, (p) => p.metadata.labels?.['controller-revision-hash'] === hash);
    tc.setPodReadiness(
      false,
      1,
      (p) =>
        p.metadata.labels?.['controller-revision-hash'] !== hash && !nodesWithNew.has(getTargetNodeName(p)),
    );
    // The new pods wait out minReadySeconds; the old pod that went unready gets a replacement at once.
    tc.now = 310 * SECOND;
    expectSyncDaemonSets(tc, ds, 1, 0);
    // Two new pods are available now: their old pods go; the unready old pod goes too; one more surge.
    tc.now = 320 * SECOND;
    expectSyncDaemonSets(tc, ds, 1, 3);
    tc.setPodReadiness(true, 3, (p) => p.metadata.labels?.['controller-revision-hash'] === hash);
    tc.now = 340 * SECOND;
    expectSyncDaemonSets(tc, ds, 0, 2);
    tc.now = 350 * SECOND;
    expectSyncDaemonSets(tc, ds, 0, 0);
    expect(tc.store.allPods().map((p) => p.metadata.labels?.['controller-revision-hash'])).toEqual(
      Array(5).fill(hash),
    );
  });

  // Reference §10.5: an unavailable old pod on a node that no longer qualifies is deleted outright.
  it('deletes an unavailable old pod on a node that no longer qualifies instead of surging there', () => {
    const tc = new TestController();
    const manifest = newDaemonSet('foo');
    manifest.spec.updateStrategy = surgeStrategy(1);
    manifest.spec.template.spec.tolerations = [{ key: 'dedicated', operator: 'Exists' }];
    let ds = tc.addDaemonSet(manifest);
    tc.addNode(
      newNode('node-0', undefined, { taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] }),
    );
    tc.addNodes(1, 2);
    expectSyncDaemonSets(tc, ds, 3, 0);
    tc.setPodReadiness(true, 2, (p) => getTargetNodeName(p) !== 'node-0');
    delete manifest.spec.template.spec.tolerations;
    ds = tc.updateDaemonSet(manifest);
    const oldOnNode0 = tc.store.allPods().find((p) => getTargetNodeName(p) === 'node-0')!;
    const result = expectSyncDaemonSets(tc, ds, 1, 1);
    expect(result.deletes[0]!.uid).toBe(oldOnNode0.metadata.uid);
    expect(result.creates[0]!.nodeName).not.toBe('node-0');
  });
});

describe('the rollout budgets', () => {
  // TestGetUnavailableNumbers
  it.each([
    {
      name: 'No nodes',
      nodes: 0,
      strategy: unavailableStrategy(0),
      pods: [],
      maxSurge: 0,
      maxUnavailable: 0,
      desired: 0,
      empty: 0,
    },
    {
      name: 'Two nodes with ready pods',
      nodes: 2,
      strategy: unavailableStrategy(1),
      pods: ['node-0', 'node-1'],
      maxSurge: 0,
      maxUnavailable: 1,
      desired: 2,
      empty: 0,
    },
    {
      name: 'Two nodes, one node without pods (0/0 falls back to 1)',
      nodes: 2,
      strategy: unavailableStrategy(0),
      pods: ['node-0'],
      maxSurge: 0,
      maxUnavailable: 1,
      desired: 2,
      empty: 1,
    },
    {
      name: 'Two nodes, one node without pods, surge 0',
      nodes: 2,
      strategy: surgeStrategy(0),
      pods: ['node-0'],
      maxSurge: 0,
      maxUnavailable: 1,
      desired: 2,
      empty: 1,
    },
    {
      name: 'Two nodes with pods, MaxUnavailable in percents',
      nodes: 2,
      strategy: unavailableStrategy('50%'),
      pods: ['node-0', 'node-1'],
      maxSurge: 0,
      maxUnavailable: 1,
      desired: 2,
      empty: 0,
    },
    {
      name: 'Two nodes with pods, MaxSurge in percents',
      nodes: 2,
      strategy: surgeStrategy('50%'),
      pods: ['node-0', 'node-1'],
      maxSurge: 1,
      maxUnavailable: 0,
      desired: 2,
      empty: 0,
    },
    {
      name: 'Two nodes with pods, MaxSurge is 100%',
      nodes: 2,
      strategy: surgeStrategy('100%'),
      pods: ['node-0', 'node-1'],
      maxSurge: 2,
      maxUnavailable: 0,
      desired: 2,
      empty: 0,
    },
    {
      name: 'Three nodes, MaxUnavailable in percents, pod terminating',
      nodes: 3,
      strategy: unavailableStrategy('50%'),
      pods: ['node-0', 'terminating:node-1'],
      maxSurge: 0,
      maxUnavailable: 2,
      desired: 3,
      empty: 1,
    },
    {
      name: '25% of 5 rounds up to 2',
      nodes: 5,
      strategy: unavailableStrategy('25%'),
      pods: [],
      maxSurge: 0,
      maxUnavailable: 2,
      desired: 5,
      empty: 5,
    },
    {
      name: '1% of 1 rounds up to 1',
      nodes: 1,
      strategy: surgeStrategy('1%'),
      pods: [],
      maxSurge: 1,
      maxUnavailable: 0,
      desired: 1,
      empty: 1,
    },
  ])('resolves $name', ({ nodes, strategy, pods, maxSurge, maxUnavailable, desired, empty }) => {
    const tc = new TestController();
    tc.addNodes(0, nodes);
    // Bypass validation, which rejects an explicit 0/0 pair, as upstream's fixtures do.
    const ds = tc.addDaemonSet(newDaemonSet('x'), (d) => ({
      ...d,
      spec: { ...d.spec, updateStrategy: strategy as DaemonSet['spec']['updateStrategy'] },
    }));
    const nodeToPods = new Map<string, Pod[]>();
    for (const spec of pods) {
      const [flag, nodeName] = spec.includes(':') ? (spec.split(':') as [string, string]) : ['', spec];
      const pod = tc.newPod('pod-', nodeName, simpleDaemonSetLabel, undefined, (p) => {
        const ready = markPodReady(p, 0);
        return flag === 'terminating'
          ? { ...ready, metadata: { ...ready.metadata, deletionTimestamp: toTimestamp(0) } }
          : ready;
      });
      nodeToPods.set(nodeName, [pod]);
    }
    expect(updatedDesiredNodeCounts(tc.store, ds, nodeToPods)).toEqual({
      maxSurge,
      maxUnavailable,
      desiredNumberScheduled: desired,
    });
    expect([...nodeToPods.values()].filter((p) => p.length === 0)).toHaveLength(empty);
  });

  // Reference §10.4, §18.1: candidates are chosen in node-name order; only their number is upstream's contract.
  it('picks the candidates to delete in node-name order', () => {
    const { tc, manifest } = converged(4);
    const ds = update(tc, manifest, 'foo2/bar2', unavailableStrategy(2));
    const { nodeToDaemonPods } = getNodesToDaemonPods(tc.store, ds, undefined, false);
    const decision = rollingUpdate(
      tc.store,
      ds,
      nodeToDaemonPods,
      computeHash(ds.spec.template, undefined),
      tc.now,
    );
    expect(decision.oldPodsToDelete.map((p) => getTargetNodeName(p))).toEqual(['node-0', 'node-1']);
    expect(decision.newNodesToCreate).toEqual([]);
  });
});

describe('what starts a rollout', () => {
  // TestDaemonSetUpdatesNoTemplateChanged
  it('does nothing when only the update strategy changes: no new revision, no deletes', () => {
    const { tc, manifest } = converged(5, false);
    manifest.spec.updateStrategy = unavailableStrategy(3);
    const ds = tc.updateDaemonSet(manifest);
    expect(ds.metadata.generation).toBe(2);
    expect(ds.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('1');
    const result = expectSyncDaemonSets(tc, ds, 0, 0);
    expect(result.plan.actions.some((a) => a.type === 'createRevision')).toBe(false);
    expect(result.plan.rollingUpdate).toBe(false);
    expect(tc.revisions('foo')).toHaveLength(1);
  });

  // Reference §9.2: minReadySeconds and revisionHistoryLimit are not part of the template either.
  it('does nothing when minReadySeconds or revisionHistoryLimit change', () => {
    const { tc, manifest } = converged(3);
    manifest.spec.updateStrategy = unavailableStrategy(3);
    manifest.spec.minReadySeconds = 30;
    manifest.spec.revisionHistoryLimit = 0;
    const ds = tc.updateDaemonSet(manifest);
    expectSyncDaemonSets(tc, ds, 0, 0);
    expect(tc.revisions('foo')).toHaveLength(1);
  });
});

describe('OnDelete', () => {
  // Reference §11: the rolling-update step is skipped; only deleted pods are replaced, with the new template.
  it('never replaces outdated pods; a deleted pod comes back with the new template', () => {
    const { tc, manifest, ds: first } = converged(3);
    const oldHash = computeHash(first.spec.template, undefined);
    const ds = update(tc, manifest, 'foo2/bar2');
    expect(ds.spec.updateStrategy.type).toBe('OnDelete');
    const pass = expectSyncDaemonSets(tc, ds, 0, 0);
    expect(pass.plan.rollingUpdate).toBe(false);
    expectSyncDaemonSets(tc, ds, 0, 0);
    const newHash = computeHash(ds.spec.template, undefined);
    const victim = tc.store.allPods().find((p) => getTargetNodeName(p) === 'node-1')!;
    tc.store.removePod(`default/${victim.metadata.name}`);
    const result = expectSyncDaemonSets(tc, ds, 1, 0);
    expect(result.creates[0]!.nodeName).toBe('node-1');
    expect(result.creates[0]!.pod.metadata.labels).toMatchObject({
      'controller-revision-hash': newHash,
      'pod-template-generation': '2',
    });
    expect(result.creates[0]!.pod.spec.containers[0]!.image).toBe('foo2/bar2');
    const hashes = tc.store
      .allPods()
      .map((p) => p.metadata.labels?.['controller-revision-hash'])
      .sort();
    expect(hashes.filter((h) => h === oldHash)).toHaveLength(2);
    expect(hashes.filter((h) => h === newHash)).toHaveLength(1);
  });

  // Reference §11: surge is off for OnDelete even with a maxSurge-shaped rollingUpdate left over.
  it('keeps one pod per node: duplicates are pruned as without surge', () => {
    const { tc, ds } = converged(1);
    tc.newPod('node-0-', 'node-0', simpleDaemonSetLabel, ds, (p) => markPodReady(p, 0));
    expectSyncDaemonSets(tc, ds, 0, 1);
  });
});
