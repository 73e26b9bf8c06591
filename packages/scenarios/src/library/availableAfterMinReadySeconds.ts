import type { Scenario } from '../scenario.js';

/**
 * kubernetes/kubernetes#53023 ("daemonset wrongly reports unavailable pods"): a DaemonSet with
 * minReadySeconds whose pods turn Ready and then nothing else happens. The pass that sees them
 * Ready counts them ready but not yet available; unless the controller syncs the DaemonSet again
 * once minReadySeconds have passed, numberAvailable stays behind numberReady and
 * `kubectl rollout status` waits forever. Upstream's fix, kept here, is the re-sync in
 * `updateDaemonSetStatus` (pkg/controller/daemon/daemon_controller.go): while numberReady !=
 * numberAvailable it calls `enqueueDaemonSetAfter(ds, minReadySeconds)`, so status writes every
 * 30 s, with no other event, count the pods available as each one's 30 s pass.
 */
export const availableAfterMinReadySeconds: Scenario = {
  name: 'available-after-min-ready-seconds',
  description:
    'kubernetes#53023: pods Ready, then nothing happens; the re-sync after minReadySeconds makes them available',
  seed: 53023,
  steps: [
    { kind: 'addNodes', count: 3 },
    {
      kind: 'apply',
      manifests: {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'agent', namespace: 'default' },
        spec: {
          selector: { matchLabels: { app: 'agent' } },
          minReadySeconds: 30,
          template: {
            metadata: { labels: { app: 'agent' } },
            spec: { containers: [{ name: 'agent', image: 'example.com/agent:1.0' }] },
          },
        },
      },
    },
    { kind: 'advance', duration: '10s' },
    {
      kind: 'expect',
      description: 'Ready, but not for 30 s yet: not available',
      daemonSet: { name: 'agent', status: { numberReady: 3, numberAvailable: 0, numberUnavailable: 3 } },
    },
    { kind: 'print', resource: 'daemonsets', description: 'Ten seconds in: three ready, none available' },
    { kind: 'advance', duration: '60s' },
    {
      kind: 'expect',
      description: 'the re-syncs after minReadySeconds counted them available',
      daemonSet: { name: 'agent', status: { numberReady: 3, numberAvailable: 3, numberUnavailable: 0 } },
    },
    {
      kind: 'print',
      resource: 'daemonsets',
      description: 'Seventy seconds in: the re-syncs every minReadySeconds made all three available',
    },
  ],
};
