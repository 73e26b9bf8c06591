import type { Scenario } from '../scenario.js';

/** A log collector that tolerates the control-plane taint, so it also runs on control-plane nodes. */
export const LOG_COLLECTOR_MANIFEST = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluent-bit
  namespace: logging
  labels:
    app.kubernetes.io/name: fluent-bit
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: fluent-bit
  template:
    metadata:
      labels:
        app.kubernetes.io/name: fluent-bit
    spec:
      tolerations:
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
      containers:
      - name: fluent-bit
        image: cr.fluentbit.io/fluent/fluent-bit:3.2.4
        resources:
          requests:
            cpu: 50m
            memory: 64Mi
`;

/**
 * A log collector on every node, control plane included, while a NoExecute taint without a
 * toleration evicts it from a node under maintenance and removing the taint brings it back.
 */
export const logCollector: Scenario = {
  name: 'log-collector',
  description: 'fluent-bit tolerates the control-plane taint but not a maintenance NoExecute taint',
  seed: 2,
  steps: [
    { kind: 'apply', manifests: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'logging' } } },
    {
      kind: 'addNodes',
      names: ['cp-1'],
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    },
    { kind: 'addNodes', count: 2, namePrefix: 'worker-' },
    { kind: 'apply', manifests: LOG_COLLECTOR_MANIFEST },
    { kind: 'runUntilQuiet' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'fluent-bit',
        namespace: 'logging',
        nodes: ['cp-1', 'worker-1', 'worker-2'],
        status: { desiredNumberScheduled: 3, numberReady: 3 },
      },
    },
    {
      kind: 'taintNode',
      node: 'worker-2',
      taints: [{ key: 'maintenance', value: 'kernel-upgrade', effect: 'NoExecute' }],
    },
    { kind: 'runUntilQuiet' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'fluent-bit',
        namespace: 'logging',
        nodes: ['cp-1', 'worker-1'],
        notOnNodes: ['worker-2'],
      },
    },
    {
      kind: 'print',
      resource: 'daemonsets',
      namespace: 'logging',
      description: 'worker-2 carries maintenance=kernel-upgrade:NoExecute: the controller deleted its pod',
    },
    { kind: 'untaintNode', node: 'worker-2', taints: [{ key: 'maintenance' }] },
    { kind: 'runUntilQuiet' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'fluent-bit',
        namespace: 'logging',
        nodes: ['cp-1', 'worker-1', 'worker-2'],
        status: { desiredNumberScheduled: 3, numberAvailable: 3 },
      },
    },
    {
      kind: 'print',
      resource: 'pods',
      namespace: 'logging',
      wide: true,
      description: 'The taint is gone and fluent-bit is back on worker-2',
    },
  ],
};
