/**
 * The one Kubernetes version the simulated cluster reports: the API server's `/version` and
 * every kubelet's `nodeInfo.kubeletVersion`, as a kind cluster of that release does.
 * Upstream counterpart: `version.Get().GitVersion` (staging/src/k8s.io/component-base/version).
 */
export const KUBERNETES_VERSION = 'v1.32.0';
