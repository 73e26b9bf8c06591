import { describe, expect, it } from 'vitest';
import { describeDaemonSet, getPodStatusForController } from '../../src/kubectl/describeDaemonSet.js';
import { describeEvents } from '../../src/kubectl/describeEvents.js';
import { MINUTE } from '../../src/model/time.js';
import { createSimulation } from '../../src/sim/simulation.js';
import { daemonSet, kubeEvent, pod } from './fixtures.js';

function kubeProxyCluster() {
  const sim = createSimulation({ seed: 1 });
  for (let i = 1; i <= 3; i++) sim.submit({ type: 'NodeAdded', node: { name: `node-${i}` } });
  sim.submit({
    type: 'ManifestApplied',
    manifest: {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-proxy' } },
          spec: {
            containers: [
              {
                name: 'kube-proxy',
                image: 'registry.k8s.io/kube-proxy:v1.30.0',
                command: ['kube-proxy', '--v=2'],
                resources: { requests: { cpu: '100m' } },
                volumeMounts: [{ name: 'lib-modules', mountPath: '/lib/modules', readOnly: true }],
              },
            ],
            volumes: [{ name: 'lib-modules', hostPath: { path: '/lib/modules' } }],
            tolerations: [{ operator: 'Exists' }],
            priorityClassName: 'system-node-critical',
          },
        },
      },
    },
  });
  sim.runUntilQuiet();
  sim.advance(5 * MINUTE);
  return sim;
}

describe('describeDaemonSet', () => {
  it('prints kubectl describe ds for a three-node cluster, events and all', () => {
    const sim = kubeProxyCluster();
    const ds = sim.view.getDaemonSet('kube-system/kube-proxy');
    if (ds === undefined) throw new Error('no DaemonSet');
    expect(describeDaemonSet(ds, sim.view.allPods(), sim.view.events(), sim.now)).toBe(
      [
        'Name:           kube-proxy',
        'Selector:       k8s-app=kube-proxy',
        'Node-Selector:  <none>',
        'Labels:         k8s-app=kube-proxy',
        'Annotations:    deprecated.daemonset.template.generation: 1',
        'Desired Number of Nodes Scheduled: 3',
        'Current Number of Nodes Scheduled: 3',
        'Number of Nodes Scheduled with Up-to-date Pods: 3',
        'Number of Nodes Scheduled with Available Pods: 3',
        'Number of Nodes Misscheduled: 0',
        'Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:  k8s-app=kube-proxy',
        '  Containers:',
        '   kube-proxy:',
        '    Image:      registry.k8s.io/kube-proxy:v1.30.0',
        '    Port:       <none>',
        '    Host Port:  <none>',
        '    Command:',
        '      kube-proxy',
        '      --v=2',
        '    Requests:',
        '      cpu:        100m',
        '    Environment:  <none>',
        '    Mounts:',
        '      /lib/modules from lib-modules (ro)',
        '  Volumes:',
        '   lib-modules:',
        '    Type:               HostPath (bare host directory volume)',
        '    Path:               /lib/modules',
        '    HostPathType:       <none>',
        '  Priority Class Name:  system-node-critical',
        '  Node-Selectors:       <none>',
        '  Tolerations:          op=Exists',
        'Events:',
        '  Type    Reason            Age   From                  Message',
        '  ----    ------            ----  ----                  -------',
        '  Normal  SuccessfulCreate  5m4s  daemonset-controller  Created pod: kube-proxy-sfqvg',
        '  Normal  SuccessfulCreate  5m4s  daemonset-controller  Created pod: kube-proxy-bkrdj',
        '  Normal  SuccessfulCreate  5m4s  daemonset-controller  Created pod: kube-proxy-8b65p',
        '',
      ].join('\n'),
    );
  });

  it('omits the events section with --show-events=false', () => {
    const sim = kubeProxyCluster();
    const ds = sim.view.getDaemonSet('kube-system/kube-proxy');
    if (ds === undefined) throw new Error('no DaemonSet');
    const text = describeDaemonSet(ds, sim.view.allPods(), sim.view.events(), sim.now, { showEvents: false });
    expect(text.endsWith('  Tolerations:          op=Exists\n')).toBe(true);
  });

  it('counts only pods the DaemonSet controls, by phase, and no Unknown ones', () => {
    const ds = daemonSet('foo', 0);
    const owned = (name: string, phase: string) => {
      const p = pod(name, 0, { phase });
      return {
        ...p,
        metadata: {
          ...p.metadata,
          labels: { app: 'foo' },
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'foo', uid: 'uid-foo', controller: true },
          ],
        },
      };
    };
    const orphan = {
      ...pod('orphan', 0, { phase: 'Running' }),
      metadata: { ...pod('orphan', 0).metadata, labels: { app: 'foo' } },
    };
    const counts = getPodStatusForController(ds, [
      owned('a', 'Running'),
      owned('b', 'Pending'),
      owned('c', 'Succeeded'),
      owned('d', 'Failed'),
      owned('e', 'Unknown'),
      orphan,
    ]);
    expect(counts).toEqual({ running: 1, waiting: 1, succeeded: 1, failed: 1 });
  });

  it('writes multi-line labels and long annotations as upstream does', () => {
    const ds = daemonSet('foo', 0);
    const withMeta = {
      ...ds,
      metadata: {
        ...ds.metadata,
        labels: { b: '2', a: '1' },
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', long: 'x'.repeat(150) },
      },
    };
    const text = describeDaemonSet(withMeta, [], [], 0, { showEvents: false });
    expect(text).toContain(
      `Labels:         a=1\n                b=2\nAnnotations:    long:\n                  ${'x'.repeat(138)}...\n`,
    );
  });
});

describe('describeEvents', () => {
  it('prints Events:  <none> when there are none', () => {
    expect(describeEvents([], 0)).toBe('Events:  <none>\n');
  });

  it('sorts by last occurrence and shows repeats as <since last> (xN over <since first>)', () => {
    const events = [
      kubeEvent(
        'e1',
        { kind: 'DaemonSet', name: 'foo' },
        'SuccessfulDelete',
        'Deleted pod: foo-a',
        2 * MINUTE,
        9 * MINUTE,
        4,
      ),
      kubeEvent('e2', { kind: 'DaemonSet', name: 'foo' }, 'SuccessfulCreate', '  Created pod: foo-b ', 0, 0),
    ];
    expect(describeEvents(events, 10 * MINUTE)).toBe(
      'Events:\n' +
        '  Type    Reason            Age               From                  Message\n' +
        '  ----    ------            ----              ----                  -------\n' +
        '  Normal  SuccessfulCreate  10m               daemonset-controller  Created pod: foo-b\n' +
        '  Normal  SuccessfulDelete  60s (x4 over 8m)  daemonset-controller  Deleted pod: foo-a\n',
    );
  });
});
