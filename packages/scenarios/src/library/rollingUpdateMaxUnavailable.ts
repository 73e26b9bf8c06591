import type { Scenario } from '../scenario.js';
import { oneContainerDaemonSet } from './oneContainerDaemonSet.js';

/** node-exporter at `image`, rolling out at most two nodes at a time (maxUnavailable 2). */
export function nodeExporterManifest(image: string): Record<string, unknown> {
  return oneContainerDaemonSet({
    name: 'node-exporter',
    namespace: 'kube-system',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } },
    image,
  });
}

/**
 * A classic rolling update on ten nodes: a new image replaces two pods at a time (delete, then
 * re-create), each pair only once the previous new pods are available.
 */
export const rollingUpdateMaxUnavailable: Scenario = {
  name: 'rolling-update-max-unavailable',
  description: 'node-exporter v1.8.2 to v1.9.1 on 10 nodes with maxUnavailable 2',
  seed: 11,
  steps: [
    { kind: 'addNodes', count: 10 },
    { kind: 'apply', manifests: nodeExporterManifest('quay.io/prometheus/node-exporter:v1.8.2') },
    { kind: 'runUntilQuiet' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'node-exporter',
        namespace: 'kube-system',
        nodeCount: 10,
        revisions: [1],
        status: { updatedNumberScheduled: 10, numberAvailable: 10 },
      },
    },
    { kind: 'apply', manifests: nodeExporterManifest('quay.io/prometheus/node-exporter:v1.9.1') },
    { kind: 'advance', duration: '4s' },
    {
      kind: 'print',
      resource: 'daemonsets',
      namespace: 'kube-system',
      description: 'Four seconds into the rollout: at most two nodes are without an available pod',
    },
    { kind: 'runUntilQuiet' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'node-exporter',
        namespace: 'kube-system',
        nodeCount: 10,
        revisions: [1, 2],
        status: {
          desiredNumberScheduled: 10,
          updatedNumberScheduled: 10,
          numberAvailable: 10,
          observedGeneration: 2,
        },
      },
    },
    {
      kind: 'expect',
      pods: {
        namespace: 'kube-system',
        labels: { app: 'node-exporter' },
        image: 'quay.io/prometheus/node-exporter:v1.9.1',
        ready: true,
        count: 10,
      },
    },
    {
      kind: 'print',
      resource: 'daemonsets',
      namespace: 'kube-system',
      wide: true,
      description: 'Every node runs v1.9.1',
    },
  ],
};
