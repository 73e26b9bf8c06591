import type { Scenario } from '../scenario.js';

/** The seed's monitoring DaemonSet, verbatim: no namespace (so `default`), no tolerations. */
export const MONITORING_DAEMON_MANIFEST = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: monitoring-daemon
spec:
  selector:
    matchLabels:
      app: monitoring-agent
  template:
    metadata:
      labels:
        app: monitoring-agent
    spec:
      containers:
      - name: monitoring-agent
        image: monitoring-agent
`;

/**
 * A node-monitoring agent on every worker: it reaches each node, skips a NoSchedule-tainted
 * control-plane node, follows a node that joins, and keeps running on a cordoned node.
 */
export const nodeMonitoringAgent: Scenario = {
  name: 'node-monitoring-agent',
  description: 'the seed monitoring-daemon manifest on a small cluster with a control-plane node',
  seed: 1,
  steps: [
    {
      kind: 'addNodes',
      names: ['control-plane'],
      labels: { 'node-role.kubernetes.io/control-plane': '' },
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    },
    { kind: 'addNodes', count: 3, namePrefix: 'worker-' },
    { kind: 'apply', manifests: MONITORING_DAEMON_MANIFEST },
    { kind: 'runUntilQuiet' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'monitoring-daemon',
        nodes: ['worker-1', 'worker-2', 'worker-3'],
        notOnNodes: ['control-plane'],
        status: { desiredNumberScheduled: 3, numberReady: 3, numberMisscheduled: 0 },
      },
    },
    { kind: 'cordon', node: 'worker-2' },
    { kind: 'addNodes', names: ['worker-4'] },
    { kind: 'runUntilQuiet' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'monitoring-daemon',
        nodes: ['worker-1', 'worker-2', 'worker-3', 'worker-4'],
        status: { desiredNumberScheduled: 4, numberAvailable: 4 },
      },
    },
    {
      kind: 'print',
      resource: 'pods',
      wide: true,
      description:
        'Daemon pods stay on cordoned worker-2: the unschedulable taint is tolerated automatically',
    },
  ],
};
