import { describe, expect, it } from 'vitest';
import { controllerRevisionTable, formatControllerName } from '../../src/kubectl/controllerRevisionTable.js';
import { eventTable } from '../../src/kubectl/eventTable.js';
import { nodeTable } from '../../src/kubectl/nodeTable.js';
import { printTable } from '../../src/kubectl/table.js';
import { HOUR, MINUTE } from '../../src/model/time.js';
import { controllerRevision, kubeEvent, node } from './fixtures.js';

describe('nodeTable', () => {
  it('prints kubectl get nodes with status from the Ready condition and roles from labels', () => {
    const nodes = [
      node('cp-1', 0, { ready: 'True', labels: { 'node-role.kubernetes.io/control-plane': '' } }),
      node('worker-1', 0, { ready: 'False', unschedulable: true }),
      node('worker-2', 0, {
        ready: 'Unknown',
        labels: { 'kubernetes.io/role': 'edge', 'node-role.kubernetes.io/infra': '' },
      }),
      node('worker-3', 0),
    ];
    expect(printTable(nodeTable(nodes, 3 * HOUR))).toBe(
      'NAME       STATUS                        ROLES           AGE   VERSION\n' +
        'cp-1       Ready                         control-plane   3h    v1.30.0\n' +
        'worker-1   NotReady,SchedulingDisabled   <none>          3h    v1.30.0\n' +
        'worker-2   NotReady                      edge,infra      3h    v1.30.0\n' +
        'worker-3   Unknown                       <none>          3h    v1.30.0\n',
    );
  });

  it('adds addresses and node info with -o wide', () => {
    expect(printTable(nodeTable([node('n', 0, { ready: 'True' })], MINUTE), { wide: true })).toBe(
      'NAME   STATUS   ROLES    AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE       KERNEL-VERSION   CONTAINER-RUNTIME\n' +
        'n      Ready    <none>   60s   v1.30.0   10.0.0.1      <none>        Ubuntu 22.04   6.1.0            containerd://1.7.0\n',
    );
  });
});

describe('controllerRevisionTable', () => {
  it('prints the controller as kind.group/name and the revision number', () => {
    const revisions = [
      controllerRevision('foo-6d4b9c7f8', 'foo', 1, 0),
      controllerRevision('orphan-1', undefined, 2, 0),
    ];
    expect(printTable(controllerRevisionTable(revisions, 5 * MINUTE))).toBe(
      'NAME            CONTROLLER           REVISION   AGE\n' +
        'foo-6d4b9c7f8   daemonset.apps/foo   1          5m\n' +
        'orphan-1        <none>               2          5m\n',
    );
  });

  it('omits the group for core kinds', () => {
    expect(formatControllerName({ apiVersion: 'v1', kind: 'Pod', name: 'p' })).toBe('pod/p');
  });
});

describe('eventTable', () => {
  it('prints kubectl get events in input order with kind/name objects', () => {
    const events = [
      kubeEvent(
        'foo.1',
        { kind: 'DaemonSet', name: 'foo' },
        'SuccessfulCreate',
        'Created pod: foo-x7k2p',
        0,
        5 * MINUTE,
      ),
      kubeEvent(
        'foo-x7k2p.1',
        { kind: 'Pod', name: 'foo-x7k2p' },
        'Scheduled',
        ' Successfully assigned default/foo-x7k2p to node-1 ',
        MINUTE,
        MINUTE,
      ),
    ];
    expect(printTable(eventTable(events, 10 * MINUTE))).toBe(
      'LAST SEEN   TYPE     REASON             OBJECT          MESSAGE\n' +
        '5m          Normal   SuccessfulCreate   daemonset/foo   Created pod: foo-x7k2p\n' +
        '9m          Normal   Scheduled          pod/foo-x7k2p   Successfully assigned default/foo-x7k2p to node-1\n',
    );
  });

  it('adds subobject, source, first seen, count and name with -o wide', () => {
    const events = [
      kubeEvent(
        'foo.1',
        { kind: 'DaemonSet', name: 'foo' },
        'SuccessfulCreate',
        'Created pod: foo-x7k2p',
        0,
        5 * MINUTE,
        4,
      ),
    ];
    expect(eventTable(events, 10 * MINUTE).rows[0]?.cells).toEqual([
      '5m',
      'Normal',
      'SuccessfulCreate',
      'daemonset/foo',
      '',
      'daemonset-controller',
      'Created pod: foo-x7k2p',
      '10m',
      4,
      'foo.1',
    ]);
  });

  it('shows a count of 1 for a singleton without count and falls back to the first timestamp', () => {
    const e = kubeEvent('x', { kind: 'Node', name: 'n' }, 'NodeReady', 'ready', 2 * MINUTE, 2 * MINUTE, 0);
    const { lastTimestamp: _unused, ...withoutLast } = e;
    const cells = eventTable([{ ...withoutLast, lastTimestamp: '' }], 10 * MINUTE).rows[0]?.cells;
    expect([cells?.[0], cells?.[8]]).toEqual(['8m', 1]);
  });
});
