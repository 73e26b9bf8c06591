/**
 * The smallest DaemonSet the simulation tests apply: `agent` in `namespace`, selector app=agent,
 * one container `a` on image `a:1`, no update strategy (the defaulted RollingUpdate). The tests
 * that use it are about the simulation around it, not the DaemonSet.
 */
export function minimalAgentDaemonSet(namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'a', image: 'a:1' }] },
      },
    },
  };
}
