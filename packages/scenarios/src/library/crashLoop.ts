import type { Scenario } from '../scenario.js';

/**
 * A DaemonSet whose container exits 5 s after every start: the kubelet restarts it at once, then
 * after 10 s, 20 s, 40 s, ... (CrashLoopBackOff), counting restarts; the pods never stay Ready.
 */
export const crashLoop: Scenario = {
  name: 'crash-loop',
  description: 'an agent that exits after 5s: restarts with the kubelet backoff, CrashLoopBackOff',
  seed: 23,
  options: { images: { 'example.com/agent:bad': { crashAfter: '5s', exitCode: 1 } } },
  steps: [
    { kind: 'addNodes', count: 2 },
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
            spec: { containers: [{ name: 'agent', image: 'example.com/agent:bad' }] },
          },
        },
      },
    },
    { kind: 'advance', duration: '30s' },
    { kind: 'print', resource: 'pods', description: '30s in: one restart at once, then a 10s back-off' },
    { kind: 'advance', duration: '140s' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'agent',
        status: { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 0 },
      },
    },
    {
      kind: 'print',
      resource: 'pods',
      description: '170s in: restarted after back-offs of 10s, 20s and 40s, now waiting out 80s',
    },
    { kind: 'print', resource: 'daemonsets' },
  ],
};
