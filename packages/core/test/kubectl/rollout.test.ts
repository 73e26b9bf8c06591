import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { rolloutHistory, rolloutHistoryRevision } from '../../src/kubectl/rolloutHistory.js';
import { rolloutStatus } from '../../src/kubectl/rolloutStatus.js';
import { rolloutUndo, rolloutUndoTemplate } from '../../src/kubectl/rolloutUndo.js';
import type { ControllerRevision, DaemonSet } from '../../src/model/objects.js';
import { daemonSet } from './fixtures.js';

const template = (image: string): PodTemplateSpec => ({
  metadata: { labels: { app: 'foo' } },
  spec: { containers: [{ name: 'foo', image }] },
});

function withTemplate(ds: DaemonSet, t: PodTemplateSpec): DaemonSet {
  return { ...ds, spec: { ...ds.spec, template: t } };
}

function revision(ds: DaemonSet, n: number, t: PodTemplateSpec, changeCause?: string): ControllerRevision {
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `foo-${n}`,
      namespace: 'default',
      uid: `rev-${n}`,
      resourceVersion: '1',
      creationTimestamp: '2026-01-01T00:00:00Z',
      labels: { app: 'foo', 'controller-revision-hash': `h${n}` },
      ...(changeCause === undefined ? {} : { annotations: { 'kubernetes.io/change-cause': changeCause } }),
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'foo', uid: ds.metadata.uid, controller: true },
      ],
    },
    data: { spec: { template: { ...t, $patch: 'replace' } } },
    revision: n,
  };
}

describe('rolloutStatus', () => {
  const ds = (generation: number, status: DaemonSet['status']) => {
    const d = daemonSet('foo', 0, { status });
    return { ...d, metadata: { ...d.metadata, generation } };
  };

  it('waits for the spec update to be observed', () => {
    expect(
      rolloutStatus(ds(2, { observedGeneration: 1, desiredNumberScheduled: 3 } as DaemonSet['status'])),
    ).toEqual({
      done: false,
      message: 'Waiting for daemon set spec update to be observed...\n',
    });
  });

  it('waits for updated pods, then for available ones, then reports success', () => {
    const base = {
      observedGeneration: 1,
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      numberReady: 3,
    };
    expect(rolloutStatus(ds(1, { ...base, updatedNumberScheduled: 1, numberAvailable: 3 })).message).toBe(
      'Waiting for daemon set "foo" rollout to finish: 1 out of 3 new pods have been updated...\n',
    );
    expect(rolloutStatus(ds(1, { ...base, updatedNumberScheduled: 3, numberAvailable: 2 })).message).toBe(
      'Waiting for daemon set "foo" rollout to finish: 2 of 3 updated pods are available...\n',
    );
    expect(rolloutStatus(ds(1, { ...base, updatedNumberScheduled: 3, numberAvailable: 3 }))).toEqual({
      done: true,
      message: 'daemon set "foo" successfully rolled out\n',
    });
  });

  it('refuses an OnDelete DaemonSet with upstream error text', () => {
    const d = daemonSet('foo', 0, {
      spec: { ...daemonSet('foo', 0).spec, updateStrategy: { type: 'OnDelete' } },
    });
    expect(() => rolloutStatus(d)).toThrow(
      'rollout status is only available for RollingUpdate strategy type',
    );
  });
});

describe('rolloutHistory', () => {
  const ds = withTemplate(daemonSet('foo', 0), template('foo:2'));
  const revisions = [
    revision(ds, 2, template('foo:2'), 'kubectl set image ds/foo foo=foo:2'),
    revision(ds, 1, template('foo:1')),
  ];

  it('prints the REVISION CHANGE-CAUSE table under the name line, as the name printer does', () => {
    expect(rolloutHistory(ds, revisions)).toBe(
      'daemonset.apps/foo \n' +
        'REVISION  CHANGE-CAUSE\n' +
        '1         <none>\n' +
        '2         kubectl set image ds/foo foo=foo:2\n' +
        '\n',
    );
  });

  it('ignores revisions the DaemonSet does not control', () => {
    const foreign = {
      ...revision(ds, 3, template('x')),
      metadata: { ...revision(ds, 3, template('x')).metadata, ownerReferences: [] },
    };
    expect(rolloutHistory(ds, [foreign])).toBe('daemonset.apps/foo \nNo rollout history found.\n');
  });

  it('prints one revision as a raw pod template with --revision', () => {
    expect(rolloutHistoryRevision(ds, revisions, 1)).toBe(
      'daemonset.apps/foo with revision #1\n' +
        'Pod Template:\n' +
        '  Labels:\tapp=foo\n' +
        '  Containers:\n' +
        '   foo:\n' +
        '    Image:\tfoo:1\n' +
        '    Port:\t<none>\n' +
        '    Host Port:\t<none>\n' +
        '    Environment:\t<none>\n' +
        '    Mounts:\t<none>\n' +
        '  Volumes:\t<none>\n' +
        '  Node-Selectors:\t<none>\n' +
        '  Tolerations:\t<none>\n' +
        '\n',
    );
    expect(() => rolloutHistoryRevision(ds, revisions, 7)).toThrow('unable to find the specified revision');
  });
});

describe('rolloutUndo', () => {
  const ds = withTemplate(daemonSet('foo', 0), template('foo:2'));
  const revisions = [revision(ds, 1, template('foo:1')), revision(ds, 2, template('foo:2'))];

  it('restores the previous revision template without the $patch directive', () => {
    expect(rolloutUndoTemplate(ds, revisions)).toEqual(template('foo:1'));
    expect(rolloutUndo(ds, revisions, 1)).toMatchObject({
      skipped: false,
      revision: 1,
      message: 'rolled back',
    });
  });

  it('skips when the current template already matches the requested revision', () => {
    expect(rolloutUndo(ds, revisions, 2)).toEqual({
      skipped: true,
      revision: 2,
      message: 'skipped rollback (current template already matches revision 2)',
    });
  });

  it('fails with upstream messages when there is nothing to roll back to', () => {
    expect(() => rolloutUndo(ds, revisions.slice(0, 1))).toThrow('no last revision to roll back to');
    expect(() => rolloutUndo(ds, revisions, 9)).toThrow('unable to find specified revision 9 in history');
    expect(() => rolloutUndo(ds, revisions, -1)).toThrow('unable to find specified revision -1 in history');
  });
});
