import { describe, expect, it } from 'vitest';
import { claimPod } from '../../../src/controllers/daemonset/claimPod.js';
import { getNodesToDaemonPods } from '../../../src/controllers/daemonset/getNodesToDaemonPods.js';
import type { Pod } from '../../../src/model/objects.js';
import { objectKey } from '../../../src/model/objects.js';
import { getControllerOf } from '../../../src/model/ownerReferences.js';
import { newDaemonSet, simpleDaemonSetLabel, simpleDaemonSetLabel2, TestController } from './helpers.js';

const names = (pods: Iterable<Pod>): string[] => [...pods].map((p) => p.metadata.name);

describe('pods indexed by controller uid, then node', () => {
  it('lists a DaemonSet only its own pods on a node, and orphans under the empty uid', () => {
    const tc = new TestController();
    const foo = tc.addDaemonSet(newDaemonSet('foo'));
    const bar = tc.addDaemonSet(newDaemonSet('bar'));
    tc.addNodes(0, 2);
    const own = tc.addPods('node-0', simpleDaemonSetLabel, foo, 2);
    tc.addPods('node-0', simpleDaemonSetLabel, bar, 1);
    const orphan = tc.addPods('node-1', simpleDaemonSetLabel, undefined, 1);
    expect(names(tc.store.podsOfOwnerOnNode(foo.metadata.uid, 'node-0'))).toEqual(names(own));
    expect(tc.store.hasPodsOfOwnerOnNode(foo.metadata.uid, 'node-1')).toBe(false);
    expect(tc.store.nodeNamesOfOwner(foo.metadata.uid)).toEqual(['node-0']);
    expect(names(tc.store.podsOfOwnerOnNode('', 'node-1'))).toEqual(names(orphan));
    expect(tc.store.nodeNamesOfOwner('')).toEqual(['node-1']);
  });

  it('moves a pod to its new owner when its controller reference changes, and drops empty buckets', () => {
    const tc = new TestController();
    const foo = tc.addDaemonSet(newDaemonSet('foo'));
    const bar = tc.addDaemonSet(newDaemonSet('bar'));
    tc.addNodes(0, 1);
    const [pod] = tc.addPods('node-0', simpleDaemonSetLabel, foo, 1);
    tc.putPod({
      ...pod!,
      metadata: {
        ...pod!.metadata,
        ownerReferences: [{ ...pod!.metadata.ownerReferences![0]!, uid: bar.metadata.uid, name: 'bar' }],
      },
    });
    expect(tc.store.hasPodsOfOwnerOnNode(foo.metadata.uid, 'node-0')).toBe(false);
    expect(tc.store.nodeNamesOfOwner(foo.metadata.uid)).toEqual([]);
    expect(names(tc.store.podsOfOwnerOnNode(bar.metadata.uid, 'node-0'))).toEqual([pod!.metadata.name]);
    tc.store.removePod(objectKey(pod!.metadata));
    expect(tc.store.nodeNamesOfOwner(bar.metadata.uid)).toEqual([]);
  });

  it('keeps a pod whose target node changes under the node it now targets', () => {
    const tc = new TestController();
    const foo = tc.addDaemonSet(newDaemonSet('foo'));
    tc.addNodes(0, 2);
    const [pod] = tc.addPods('node-0', simpleDaemonSetLabel, foo, 1);
    tc.putPod({ ...pod!, spec: { ...pod!.spec, nodeName: 'node-1' } });
    expect(tc.store.nodeNamesOfOwner(foo.metadata.uid)).toEqual(['node-1']);
  });
});

describe('claiming through the owner index', () => {
  it('adopts an orphan whose labels match the selector', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('foo'));
    tc.addNodes(0, 1);
    const [orphan] = tc.addPods('node-0', simpleDaemonSetLabel, undefined, 1);
    const { nodeToDaemonPods, actions } = getNodesToDaemonPods(tc.store, ds, undefined, false);
    expect(names(nodeToDaemonPods.get('node-0')!)).toEqual([orphan!.metadata.name]);
    expect(actions).toMatchObject([{ type: 'updatePod', reason: 'adopt' }]);
    expect(getControllerOf(nodeToDaemonPods.get('node-0')![0]!.metadata)?.uid).toBe(ds.metadata.uid);
  });

  it('leaves alone an orphan whose labels do not match', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('foo'));
    tc.addNodes(0, 1);
    tc.addPods('node-0', simpleDaemonSetLabel2, undefined, 1);
    const { nodeToDaemonPods, actions } = getNodesToDaemonPods(tc.store, ds, undefined, false);
    expect(nodeToDaemonPods.size).toBe(0);
    expect(actions).toEqual([]);
  });

  it('releases an owned pod whose labels stopped matching, and does not group it', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('foo'));
    tc.addNodes(0, 1);
    tc.addPods('node-0', simpleDaemonSetLabel2, ds, 1);
    const { nodeToDaemonPods, actions } = getNodesToDaemonPods(tc.store, ds, ['node-0'], false);
    expect(nodeToDaemonPods.size).toBe(0);
    expect(actions).toMatchObject([{ type: 'updatePod', reason: 'release' }]);
  });

  it('never claims a pod controlled by another DaemonSet, even when its labels match', () => {
    const tc = new TestController();
    const foo = tc.addDaemonSet(newDaemonSet('foo'));
    const bar = tc.addDaemonSet(newDaemonSet('bar'));
    tc.addNodes(0, 1);
    const [pod] = tc.addPods('node-0', simpleDaemonSetLabel, bar, 1);
    expect(claimPod(foo, pod!)).toEqual({ owned: undefined, action: undefined });
    const { nodeToDaemonPods, actions } = getNodesToDaemonPods(tc.store, foo, undefined, false);
    expect(nodeToDaemonPods.size).toBe(0);
    expect(actions).toEqual([]);
  });

  it('emits adopt and release patches on one node in the order of the node’s pods', () => {
    const tc = new TestController();
    const ds = tc.addDaemonSet(newDaemonSet('foo'));
    tc.addNodes(0, 1);
    const [a] = tc.addPods('node-0', simpleDaemonSetLabel2, ds, 1);
    const [b] = tc.addPods('node-0', simpleDaemonSetLabel, undefined, 1);
    const [c] = tc.addPods('node-0', simpleDaemonSetLabel2, ds, 1);
    const { actions } = getNodesToDaemonPods(tc.store, ds, undefined, false);
    expect(
      actions.map((x) => (x.type === 'updatePod' ? `${x.reason} ${x.pod.metadata.name}` : x.type)),
    ).toEqual([`release ${a!.metadata.name}`, `adopt ${b!.metadata.name}`, `release ${c!.metadata.name}`]);
  });
});
