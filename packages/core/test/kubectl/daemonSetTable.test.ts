import { describe, expect, it } from 'vitest';
import { daemonSetTable } from '../../src/kubectl/daemonSetTable.js';
import { printTable } from '../../src/kubectl/table.js';
import { MINUTE } from '../../src/model/time.js';
import { daemonSet } from './fixtures.js';

describe('daemonSetTable', () => {
  it('prints kubectl get ds exactly as the reference example', () => {
    const foo = daemonSet('foo', 0, {
      status: {
        desiredNumberScheduled: 3,
        currentNumberScheduled: 3,
        numberReady: 3,
        updatedNumberScheduled: 3,
        numberAvailable: 3,
        numberMisscheduled: 0,
      },
    });
    expect(printTable(daemonSetTable([foo], 5 * MINUTE))).toBe(
      'NAME   DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n' +
        'foo    3         3         3       3            3           <none>          5m\n',
    );
  });

  it('generates the upstream cells, wide ones included, for a set created in the future', () => {
    // TestPrintDaemonSet: created 1.9 s ahead reads 0s.
    const ds = daemonSet('test1', 1900, {
      spec: {
        selector: { matchLabels: { foo: 'bar' } },
        template: {
          spec: {
            containers: [
              { name: 'fake-container1', image: 'fake-image1' },
              { name: 'fake-container2', image: 'fake-image2' },
            ],
          },
        },
        updateStrategy: { type: 'RollingUpdate' },
        revisionHistoryLimit: 10,
      },
      status: {
        currentNumberScheduled: 2,
        desiredNumberScheduled: 3,
        numberReady: 1,
        updatedNumberScheduled: 2,
        numberAvailable: 0,
        numberMisscheduled: 0,
      },
    });
    expect(daemonSetTable([ds], 0).rows[0]?.cells).toEqual([
      'test1',
      3,
      2,
      1,
      2,
      0,
      '<none>',
      '0s',
      'fake-container1,fake-container2',
      'fake-image1,fake-image2',
      'foo=bar',
    ]);
  });

  it('prints missing status counts as 0', () => {
    const ds = daemonSet('bare', 0);
    expect(daemonSetTable([ds], 0).rows[0]?.cells.slice(1, 6)).toEqual([0, 0, 0, 0, 0]);
  });

  it('shows the node selector sorted and the wide columns with -o wide -A', () => {
    const ds = daemonSet('agent', 0, {
      spec: {
        selector: {
          matchLabels: { app: 'agent' },
          matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }],
        },
        template: {
          spec: {
            nodeSelector: { 'kubernetes.io/os': 'linux', disktype: 'ssd' },
            containers: [{ name: 'agent', image: 'agent:2' }],
          },
        },
        updateStrategy: { type: 'RollingUpdate' },
        revisionHistoryLimit: 10,
      },
    });
    expect(printTable(daemonSetTable([ds], 90 * 1000), { wide: true, withNamespace: true })).toBe(
      'NAMESPACE   NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR                         AGE   CONTAINERS   IMAGES    SELECTOR\n' +
        'default     agent   0         0         0       0            0           disktype=ssd,kubernetes.io/os=linux   90s   agent        agent:2   app=agent,tier in (a,b)\n',
    );
  });

  it('embeds the object metadata as PartialObjectMetadata', () => {
    const row = daemonSetTable([daemonSet('foo', 0)], 0).rows[0];
    expect(row?.object).toMatchObject({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { name: 'foo', namespace: 'default' },
    });
  });
});
