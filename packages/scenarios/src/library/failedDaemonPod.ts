import type { Scenario } from '../scenario.js';

/**
 * The kubelet on worker-2 rejects the daemon pod at admission (a device plugin failure):
 * the pod is Failed, the DaemonSet controller deletes it (FailedDaemonPod) and creates another,
 * waiting 1 s, 2 s, 4 s, ... between attempts (the failed-pod backoff, §6.3).
 */
export const failedDaemonPod: Scenario = {
  name: 'failed-daemon-pod',
  description: 'a node rejects the daemon pod: Failed, FailedDaemonPod, the failed-pod backoff',
  seed: 41,
  options: { images: { 'example.com/gpu-agent:1.0': { failOnNode: { nodes: ['worker-2'] } } } },
  steps: [
    { kind: 'addNodes', names: ['worker-1', 'worker-2'] },
    {
      kind: 'apply',
      manifests: {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'gpu-agent', namespace: 'default' },
        spec: {
          selector: { matchLabels: { app: 'gpu-agent' } },
          template: {
            metadata: { labels: { app: 'gpu-agent' } },
            spec: { containers: [{ name: 'agent', image: 'example.com/gpu-agent:1.0' }] },
          },
        },
      },
    },
    { kind: 'advance', duration: '5s' },
    {
      kind: 'print',
      resource: 'pods',
      wide: true,
      description: "worker-2's kubelet rejected the pod: Failed with reason UnexpectedAdmissionError",
    },
    { kind: 'advance', duration: '60s' },
    {
      kind: 'expect',
      daemonSet: { name: 'gpu-agent', status: { desiredNumberScheduled: 2, numberReady: 1 } },
    },
    {
      kind: 'print',
      resource: 'pods',
      wide: true,
      description: 'A minute later: still one failed pod at a time, replaced after 1s, 2s, 4s, ... 32s',
    },
  ],
};
