import type { Scenario } from '../scenario.js';
import { oneContainerDaemonSet } from './oneContainerDaemonSet.js';

/** fluentd at `image`, replacing one node at a time. */
function fluentdManifest(image: string): Record<string, unknown> {
  return oneContainerDaemonSet({
    name: 'fluentd',
    namespace: 'default',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
    image,
  });
}

/**
 * A rollout undone half way, as `kubectl rollout undo`: revision 1's template comes back, the
 * controller renumbers revision 1 to 3 instead of creating a revision, the pods still on it count
 * as up to date at once, and only the pods already on revision 2 are replaced.
 */
export const rollback: Scenario = {
  name: 'rollback',
  description: 'fluentd v1.16 to v1.17 on 4 nodes, undone half way back to v1.16',
  seed: 13,
  steps: [
    { kind: 'addNodes', count: 4 },
    { kind: 'apply', manifests: fluentdManifest('fluent/fluentd:v1.16-1') },
    { kind: 'runUntilQuiet' },
    { kind: 'apply', manifests: fluentdManifest('fluent/fluentd:v1.17-1') },
    { kind: 'advance', duration: '8s' },
    { kind: 'print', resource: 'pods', wide: true, description: 'Half way through the rollout to v1.17' },
    { kind: 'expect', daemonSet: { name: 'fluentd', revisions: [1, 2] } },
    { kind: 'rolloutUndo', name: 'fluentd', description: 'kubectl rollout undo ds/fluentd' },
    {
      kind: 'print',
      resource: 'daemonsets',
      description: 'Right after the undo: pods still on v1.16 are up to date again',
    },
    { kind: 'expect', daemonSet: { name: 'fluentd', revisions: [2, 3] } },
    { kind: 'runUntilQuiet' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'fluentd',
        nodeCount: 4,
        revisions: [2, 3],
        status: { updatedNumberScheduled: 4, numberAvailable: 4, observedGeneration: 3 },
      },
    },
    { kind: 'expect', pods: { labels: { app: 'fluentd' }, image: 'fluent/fluentd:v1.16-1', count: 4 } },
    {
      kind: 'rolloutUndo',
      name: 'fluentd',
      toRevision: 2,
      description: 'kubectl rollout undo ds/fluentd --to-revision=2',
    },
    { kind: 'runUntilQuiet' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'fluentd',
        revisions: [3, 4],
        status: { updatedNumberScheduled: 4, numberAvailable: 4 },
      },
    },
    { kind: 'expect', pods: { labels: { app: 'fluentd' }, image: 'fluent/fluentd:v1.17-1', count: 4 } },
    {
      kind: 'print',
      resource: 'pods',
      wide: true,
      description: 'Forward again to revision 2, now numbered 4',
    },
  ],
};
