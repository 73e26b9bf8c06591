import type { Scenario } from '../scenario.js';

/**
 * §2.6: a DaemonSet that tolerates a NoExecute taint for 20 s. The taint eviction controller
 * evicts its pod 20 s after the taint appears; the DaemonSet controller still finds the node
 * eligible (the taint is tolerated) and creates a new pod, which is evicted 20 s later, forever.
 */
export const tolerationSecondsLoop: Scenario = {
  name: 'toleration-seconds-loop',
  description: 'a NoExecute taint tolerated for 20s: evict and re-create, forever',
  seed: 43,
  steps: [
    { kind: 'addNodes', names: ['worker-1', 'worker-2'] },
    {
      kind: 'apply',
      manifests: {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'agent', namespace: 'default' },
        spec: {
          selector: { matchLabels: { app: 'agent' } },
          template: {
            metadata: { labels: { app: 'agent' } },
            spec: {
              tolerations: [
                { key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 20 },
              ],
              containers: [{ name: 'agent', image: 'example.com/agent:1.0' }],
            },
          },
        },
      },
    },
    { kind: 'runUntilQuiet' },
    {
      kind: 'taintNode',
      node: 'worker-1',
      taints: [{ key: 'maintenance', value: 'true', effect: 'NoExecute' }],
    },
    { kind: 'advance', duration: '75s' },
    { kind: 'expect', daemonSet: { name: 'agent', nodeCount: 2 } },
    {
      kind: 'print',
      resource: 'pods',
      wide: true,
      description: 'After 75s worker-1 has seen its daemon pod evicted and re-created three times',
    },
  ],
};
