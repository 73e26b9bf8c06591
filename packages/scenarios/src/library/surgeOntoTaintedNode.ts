import type { Scenario } from '../scenario.js';
import { oneContainerDaemonSet } from './oneContainerDaemonSet.js';

const agent = (image: string): Record<string, unknown> =>
  oneContainerDaemonSet({
    name: 'agent',
    namespace: 'default',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
    image,
  });

/**
 * A surge rollout that never finishes: the part of kubernetes/kubernetes#118823 that its fix
 * (#119317) left open. The controller surges onto node-1, and the node is tainted NoSchedule
 * (not tolerated) 10 ms later, before the scheduler binds the new pod, which can now never be
 * scheduled. Upstream keeps that pod Pending beside the old one for good: `rollingUpdate`
 * (pkg/controller/daemon/update.go) checks a node's scheduling constraints only before it
 * surges onto it, and counts a node whose new pod is not available as surging, so with maxSurge
 * 1 no other node is ever updated; `podsShouldBeOnNode` keeps an old ready pod beside a new one
 * that is not available. The informer resync changes nothing. Random scenarios reach the same
 * state through informer lag (the taint reaches the controller after the rollout), which is why
 * eventuallyStable's placement invariant accepts it (see `placementViolations`).
 */
export const surgeOntoTaintedNode: Scenario = {
  name: 'surge-onto-tainted-node',
  description:
    'kubernetes/kubernetes#118823 left open: a surge pod whose node is tainted NoSchedule before it binds stays Pending beside the old pod, and the rollout stops',
  seed: 118823,
  steps: [
    { kind: 'addNodes', count: 3 },
    { kind: 'apply', manifests: agent('example.com/agent:1.0') },
    { kind: 'runUntilQuiet' },
    { kind: 'apply', manifests: agent('example.com/agent:2.0') },
    { kind: 'advance', duration: '10ms' },
    {
      kind: 'taintNode',
      node: 'node-1',
      taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }],
      description:
        'node-1 is tainted after the controller surged onto it, before the scheduler bound the new pod',
    },
    { kind: 'runUntilQuiet' },
    { kind: 'advance', duration: '24h', description: 'through the informer resync' },
    {
      kind: 'print',
      resource: 'pods',
      wide: true,
      description:
        'A day later: node-1 runs 1.0 beside a 2.0 pod that can never be scheduled, and nodes 2 and 3 were never updated',
    },
    { kind: 'expect', pods: { labels: { app: 'agent' }, node: 'node-1', count: 2 } },
    {
      kind: 'expect',
      pods: {
        labels: { app: 'agent' },
        node: 'node-1',
        phase: 'Pending',
        image: 'example.com/agent:2.0',
        count: 1,
      },
    },
    {
      kind: 'expect',
      pods: {
        labels: { app: 'agent' },
        phase: 'Running',
        ready: true,
        image: 'example.com/agent:1.0',
        count: 3,
      },
    },
    {
      kind: 'expect',
      daemonSet: {
        name: 'agent',
        status: { desiredNumberScheduled: 2, updatedNumberScheduled: 0, numberMisscheduled: 1 },
      },
    },
  ],
};
