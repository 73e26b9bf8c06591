import type { Scenario } from '../scenario.js';

/**
 * `kubectl drain worker-2 --ignore-daemonsets --force`: the node is cordoned, its plain pod
 * deleted, and the DaemonSet's pod stays (daemon pods tolerate the unschedulable taint).
 */
export const cordonAndDrain: Scenario = {
  name: 'cordon-and-drain',
  description: 'drain a node with --ignore-daemonsets: the daemon pod stays, other pods go',
  seed: 37,
  steps: [
    { kind: 'addNodes', names: ['worker-1', 'worker-2', 'worker-3'] },
    {
      kind: 'apply',
      manifests: [
        {
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          metadata: { name: 'node-exporter', namespace: 'kube-system' },
          spec: {
            selector: { matchLabels: { app: 'node-exporter' } },
            template: {
              metadata: { labels: { app: 'node-exporter' } },
              spec: {
                containers: [{ name: 'node-exporter', image: 'quay.io/prometheus/node-exporter:v1.9.1' }],
              },
            },
          },
        },
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'cache', namespace: 'default' },
          spec: {
            nodeSelector: { 'kubernetes.io/hostname': 'worker-2' },
            containers: [{ name: 'redis', image: 'redis:7' }],
          },
        },
      ],
    },
    { kind: 'runUntilQuiet' },
    {
      kind: 'drain',
      node: 'worker-2',
      force: true,
      description: 'kubectl drain worker-2 --ignore-daemonsets --force',
    },
    { kind: 'runUntilQuiet' },
    { kind: 'expect', pods: { namespace: 'default', count: 0, includeTerminating: true } },
    {
      kind: 'expect',
      daemonSet: {
        name: 'node-exporter',
        namespace: 'kube-system',
        nodes: ['worker-1', 'worker-2', 'worker-3'],
        status: { numberReady: 3, numberMisscheduled: 0 },
      },
    },
    { kind: 'print', resource: 'nodes', description: 'worker-2 is cordoned (SchedulingDisabled)' },
    {
      kind: 'print',
      resource: 'pods',
      allNamespaces: true,
      wide: true,
      description: 'Drained: cache is gone, the node-exporter pod stays on worker-2',
    },
    { kind: 'uncordon', node: 'worker-2' },
    { kind: 'runUntilQuiet' },
    { kind: 'print', resource: 'nodes' },
  ],
};
