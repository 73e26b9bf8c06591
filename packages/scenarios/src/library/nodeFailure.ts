import type { Scenario } from '../scenario.js';

const NODE_AGENT = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'node-agent', namespace: 'kube-system' },
  spec: {
    selector: { matchLabels: { app: 'node-agent' } },
    template: {
      metadata: { labels: { app: 'node-agent' } },
      spec: { containers: [{ name: 'agent', image: 'example.com/node-agent:1.0' }] },
    },
  },
};

const WEB = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: {
    nodeSelector: { 'kubernetes.io/hostname': 'worker-2' },
    tolerations: [
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 60,
      },
    ],
    containers: [{ name: 'web', image: 'nginx:1.27' }],
  },
};

/**
 * A node's kubelet stops: 50 s later its conditions turn Unknown and the node lifecycle
 * controller taints it `unreachable` (NoSchedule and NoExecute); a plain pod tolerating that for
 * 60 s is evicted (and stays Terminating while the kubelet is away), the DaemonSet's pod
 * tolerates it forever and stays; when the kubelet is back the taints go and all is Ready again.
 */
export const nodeFailure: Scenario = {
  name: 'node-failure',
  description:
    'worker-2 stops heartbeating: unreachable taints, eviction after tolerationSeconds, daemon pod stays, recovery',
  seed: 31,
  steps: [
    { kind: 'addNodes', names: ['worker-1', 'worker-2', 'worker-3'] },
    { kind: 'apply', manifests: [NODE_AGENT, WEB] },
    { kind: 'runUntilQuiet' },
    {
      kind: 'expect',
      daemonSet: { name: 'node-agent', namespace: 'kube-system', nodeCount: 3, status: { numberReady: 3 } },
    },
    { kind: 'failNode', node: 'worker-2', description: 'the kubelet on worker-2 stops' },
    { kind: 'advance', duration: '45s' },
    {
      kind: 'print',
      resource: 'nodes',
      description: '45s later worker-2 still reads Ready: the grace period is 50s',
    },
    { kind: 'advance', duration: '15s' },
    { kind: 'print', resource: 'nodes', description: 'Past the grace period: NotReady, tainted unreachable' },
    { kind: 'print', resource: 'pods', allNamespaces: true, wide: true },
    {
      kind: 'print',
      resource: 'daemonsets',
      namespace: 'kube-system',
      description:
        'The daemon pod stays but is not Ready; untolerated unreachable:NoSchedule makes it misscheduled, not desired',
    },
    {
      kind: 'expect',
      daemonSet: {
        name: 'node-agent',
        namespace: 'kube-system',
        nodeCount: 3,
        status: { numberReady: 2, desiredNumberScheduled: 2, numberMisscheduled: 1 },
      },
    },
    { kind: 'advance', duration: '65s' },
    {
      kind: 'print',
      resource: 'pods',
      allNamespaces: true,
      wide: true,
      description:
        'web tolerated unreachable for 60s and is evicted; it stays Terminating while the kubelet is away. The daemon pod stays',
    },
    { kind: 'expect', pods: { namespace: 'default', labels: { app: 'web' }, count: 0 } },
    {
      kind: 'expect',
      daemonSet: {
        name: 'node-agent',
        namespace: 'kube-system',
        nodes: ['worker-1', 'worker-2', 'worker-3'],
      },
    },
    { kind: 'recoverNode', node: 'worker-2', description: 'the kubelet is back' },
    { kind: 'runUntilQuiet' },
    {
      kind: 'expect',
      pods: { namespace: 'default', labels: { app: 'web' }, includeTerminating: true, count: 0 },
    },
    {
      kind: 'expect',
      daemonSet: {
        name: 'node-agent',
        namespace: 'kube-system',
        nodeCount: 3,
        status: { numberReady: 3, numberAvailable: 3 },
      },
    },
    {
      kind: 'print',
      resource: 'nodes',
      description: 'Recovered: taints removed, web gone for good, the daemon pod Ready again',
    },
    { kind: 'print', resource: 'pods', allNamespaces: true, wide: true },
  ],
};
