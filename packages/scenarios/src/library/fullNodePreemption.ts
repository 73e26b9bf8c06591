import type { Scenario } from '../scenario.js';

const daemonSet = (name: string, priorityClassName?: string): Record<string, unknown> => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'kube-system' },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        ...(priorityClassName === undefined ? {} : { priorityClassName }),
        containers: [
          {
            name,
            image: `example.com/${name}:1.0`,
            resources: { requests: { cpu: '200m', memory: '128Mi' } },
          },
        ],
      },
    },
  },
});

const BATCH = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'batch', namespace: 'default' },
  spec: {
    nodeSelector: { 'kubernetes.io/hostname': 'small-1' },
    containers: [{ name: 'batch', image: 'example.com/batch:2', resources: { requests: { cpu: '900m' } } }],
  },
};

/**
 * A full node: a batch pod takes 900m of small-1's 1 CPU, so a DaemonSet's 200m pod stays
 * Pending there with `FailedScheduling` (still counted as current). A second DaemonSet with
 * `priorityClassName: system-node-critical` preempts the batch pod (Preempted, nominated node),
 * and once it is gone both daemon pods run.
 */
export const fullNodePreemption: Scenario = {
  name: 'full-node-preemption',
  description: 'a daemon pod Pending on a full node, then preemption by a system-node-critical daemon pod',
  seed: 17,
  steps: [
    { kind: 'addNodes', names: ['big-1'], capacity: { cpu: '4', memory: '16Gi', pods: '110' } },
    { kind: 'addNodes', names: ['small-1'], capacity: { cpu: '1', memory: '2Gi', pods: '110' } },
    { kind: 'apply', manifests: BATCH },
    { kind: 'runUntilQuiet' },
    { kind: 'apply', manifests: daemonSet('log-agent') },
    { kind: 'runUntilQuiet' },
    {
      kind: 'expect',
      pods: {
        namespace: 'kube-system',
        labels: { app: 'log-agent' },
        node: 'small-1',
        phase: 'Pending',
        count: 1,
      },
    },
    {
      kind: 'expect',
      daemonSet: {
        name: 'log-agent',
        namespace: 'kube-system',
        status: { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 1 },
      },
    },
    {
      kind: 'print',
      resource: 'pods',
      allNamespaces: true,
      wide: true,
      description:
        "small-1 is full: log-agent's pod there is Pending (0/2 nodes are available: 1 Insufficient cpu, ...)",
    },
    { kind: 'print', resource: 'daemonsets', namespace: 'kube-system' },
    {
      kind: 'apply',
      manifests: daemonSet('node-critical-agent', 'system-node-critical'),
      description: 'a system-node-critical DaemonSet',
    },
    { kind: 'advance', duration: '300ms' },
    {
      kind: 'print',
      resource: 'pods',
      allNamespaces: true,
      wide: true,
      description:
        'The critical pod preempts batch: batch is Terminating, the critical pod nominated to small-1',
    },
    { kind: 'runUntilQuiet' },
    { kind: 'expect', pods: { namespace: 'default', count: 0, includeTerminating: true } },
    {
      kind: 'expect',
      daemonSet: {
        name: 'node-critical-agent',
        namespace: 'kube-system',
        nodeCount: 2,
        status: { numberReady: 2 },
      },
    },
    {
      kind: 'expect',
      daemonSet: { name: 'log-agent', namespace: 'kube-system', nodeCount: 2, status: { numberReady: 2 } },
    },
    {
      kind: 'print',
      resource: 'pods',
      allNamespaces: true,
      wide: true,
      description: 'batch is gone; both daemon pods run on small-1',
    },
  ],
};
