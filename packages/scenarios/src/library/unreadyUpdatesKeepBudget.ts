import type { Scenario } from '../scenario.js';
import { oneContainerDaemonSet } from './oneContainerDaemonSet.js';

const agent = (version: number): Record<string, unknown> =>
  oneContainerDaemonSet({
    name: 'agent',
    namespace: 'default',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
    image: `example.com/agent:${version}.0`,
  });

const neverReady = { ready: false } as const;

/**
 * kubernetes/kubernetes#123232 ("Daemonset RollingUpdate does not correctly count old non-ready
 * pods towards MaxUnavailable budget"), a stuck rollout: three nodes, maxUnavailable 1, and three
 * updates in a row to images that never become Ready. From the second update on, the unready pod
 * of the previous update is an old, unavailable pod: replacing it costs nothing, but it must still
 * count against maxUnavailable. Before the fix (PR #123233, in `rollingUpdate`,
 * pkg/controller/daemon/update.go) it did not, so each update also replaced one healthy pod and the
 * third left no Ready pod at all. With the fix, kept here, each update only replaces the unready
 * pod: the rollout stays stuck on one node and the other two keep serving 1.0.
 */
export const unreadyUpdatesKeepBudget: Scenario = {
  name: 'unready-updates-keep-budget',
  description:
    'kubernetes#123232: three updates that never become ready replace only the unready pod; two nodes keep 1.0',
  seed: 123232,
  options: {
    images: {
      'example.com/agent:2.0': neverReady,
      'example.com/agent:3.0': neverReady,
      'example.com/agent:4.0': neverReady,
    },
  },
  steps: [
    { kind: 'addNodes', count: 3 },
    { kind: 'apply', manifests: agent(1) },
    { kind: 'runUntilQuiet' },
    { kind: 'apply', manifests: agent(2) },
    { kind: 'advance', duration: '1m' },
    { kind: 'apply', manifests: agent(3) },
    { kind: 'advance', duration: '1m' },
    { kind: 'apply', manifests: agent(4) },
    { kind: 'advance', duration: '1m' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'agent',
        status: {
          desiredNumberScheduled: 3,
          numberReady: 2,
          updatedNumberScheduled: 1,
          numberUnavailable: 1,
        },
      },
    },
    {
      kind: 'expect',
      pods: { labels: { app: 'agent' }, image: 'example.com/agent:1.0', ready: true, count: 2 },
    },
    { kind: 'expect', pods: { labels: { app: 'agent' }, image: 'example.com/agent:4.0', count: 1 } },
    {
      kind: 'print',
      resource: 'pods',
      description: 'After three unready updates: one 4.0 pod, never ready; two 1.0 pods still Ready',
    },
  ],
};
