import type { Scenario } from '../scenario.js';
import { oneContainerDaemonSet } from './oneContainerDaemonSet.js';

const agent = (image: string): Record<string, unknown> =>
  oneContainerDaemonSet({
    name: 'agent',
    namespace: 'default',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
    image,
  });

/**
 * A rollout to an image whose readiness probe never succeeds, with maxUnavailable 1: the first
 * node's pod is replaced and never becomes Ready, so the rollout stops there with one node down.
 */
export const stuckRollout: Scenario = {
  name: 'stuck-rollout',
  description: 'a new image that never becomes ready: the rolling update stops after one node',
  seed: 29,
  options: { images: { 'example.com/agent:2.0': { ready: false } } },
  steps: [
    { kind: 'addNodes', count: 4 },
    { kind: 'apply', manifests: agent('example.com/agent:1.0') },
    { kind: 'runUntilQuiet' },
    { kind: 'apply', manifests: agent('example.com/agent:2.0') },
    { kind: 'advance', duration: '5m' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'agent',
        status: {
          desiredNumberScheduled: 4,
          updatedNumberScheduled: 1,
          numberReady: 3,
          numberUnavailable: 1,
        },
      },
    },
    { kind: 'expect', pods: { labels: { app: 'agent' }, image: 'example.com/agent:1.0', count: 3 } },
    {
      kind: 'print',
      resource: 'daemonsets',
      description: 'Five minutes later: one updated pod, never ready; the other three still run 1.0',
    },
    { kind: 'print', resource: 'pods' },
  ],
};
