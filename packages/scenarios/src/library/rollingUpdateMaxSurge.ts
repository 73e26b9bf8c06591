import type { Scenario } from '../scenario.js';
import { oneContainerDaemonSet } from './oneContainerDaemonSet.js';

/** kube-proxy at `image`, surging one extra pod at a time and never going below full availability. */
export function kubeProxyManifest(image: string): Record<string, unknown> {
  return oneContainerDaemonSet({
    name: 'kube-proxy',
    namespace: 'kube-system',
    labelKey: 'k8s-app',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    image,
    hostNetwork: true,
  });
}

/**
 * A surge rolling update: the new pod starts beside the old one on one node at a time, and the
 * old pod goes only once the new one is available, so every node keeps a serving pod.
 */
export const rollingUpdateMaxSurge: Scenario = {
  name: 'rolling-update-max-surge',
  description: 'kube-proxy v1.31.4 to v1.32.1 on 5 nodes with maxSurge 1 and maxUnavailable 0',
  seed: 12,
  steps: [
    { kind: 'addNodes', count: 5 },
    { kind: 'apply', manifests: kubeProxyManifest('registry.k8s.io/kube-proxy:v1.31.4') },
    { kind: 'runUntilQuiet' },
    { kind: 'apply', manifests: kubeProxyManifest('registry.k8s.io/kube-proxy:v1.32.1') },
    { kind: 'advance', duration: '3s' },
    {
      kind: 'print',
      resource: 'pods',
      namespace: 'kube-system',
      wide: true,
      description: 'One node runs an old and a new pod side by side; the others keep their old pod',
    },
    { kind: 'expect', pods: { namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' }, count: 6 } },
    { kind: 'runUntilQuiet' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'kube-proxy',
        namespace: 'kube-system',
        nodeCount: 5,
        revisions: [1, 2],
        status: { updatedNumberScheduled: 5, numberAvailable: 5 },
      },
    },
    {
      kind: 'expect',
      pods: {
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-proxy' },
        image: 'registry.k8s.io/kube-proxy:v1.32.1',
        count: 5,
      },
    },
    {
      kind: 'print',
      resource: 'daemonsets',
      namespace: 'kube-system',
      wide: true,
      description: 'Rolled out without a node ever lacking an available kube-proxy',
    },
  ],
};
