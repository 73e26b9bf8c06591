/** What sets one library DaemonSet apart from another: its name, where it runs, how it updates, its image. */
export interface OneContainerDaemonSetFields {
  /** The DaemonSet's name; its container and its `labelKey` label carry the same name. */
  name: string;
  namespace: string;
  /** The label the selector matches, `app` unless given (kube-system daemons use `k8s-app`). */
  labelKey?: string;
  updateStrategy: Record<string, unknown>;
  image: string;
  /** Whether its pods use the node's network (kube-proxy, CNI agents). */
  hostNetwork?: boolean;
}

/**
 * The manifest of a DaemonSet whose pods run one container named after it: the shape the library's
 * rollout scenarios apply twice, once per image, so each names only what its story is about.
 * No upstream counterpart (upstream's test helper `newDaemonSet` builds a typed object instead).
 */
export function oneContainerDaemonSet({
  name,
  namespace,
  labelKey = 'app',
  updateStrategy,
  image,
  hostNetwork,
}: OneContainerDaemonSetFields): Record<string, unknown> {
  const container = { name, image };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: { [labelKey]: name } },
      updateStrategy,
      template: {
        metadata: { labels: { [labelKey]: name } },
        spec: hostNetwork === true ? { hostNetwork, containers: [container] } : { containers: [container] },
      },
    },
  };
}
