import type { Scenario } from '../src/index.js';
import { MONITORING_DAEMON_MANIFEST } from '../src/index.js';

/** The seed's manifest, verbatim (kept once, in the library). */
export const MONITORING_DAEMON = MONITORING_DAEMON_MANIFEST;

/** A three-node cluster running the monitoring agent, then losing a node. */
export const monitoringScenario: Scenario = {
  name: 'monitoring agent',
  seed: 7,
  steps: [
    { kind: 'addNodes', count: 3 },
    { kind: 'apply', manifests: MONITORING_DAEMON },
    { kind: 'runUntilQuiet' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'monitoring-daemon',
        nodes: ['node-1', 'node-2', 'node-3'],
        status: { desiredNumberScheduled: 3, numberReady: 3 },
      },
    },
    { kind: 'print', resource: 'daemonsets' },
    { kind: 'removeNodes', at: '2m', names: ['node-2'] },
    { kind: 'advance', duration: '90s' },
    {
      kind: 'expect',
      daemonSet: { name: 'monitoring-daemon', nodes: ['node-1', 'node-3'], notOnNodes: ['node-2'] },
      pods: { labels: { app: 'monitoring-agent' }, count: 2 },
    },
    { kind: 'print', resource: 'pods', wide: true },
  ],
};

/** The same scenario as a YAML file. */
export const MONITORING_YAML = `name: monitoring agent
seed: 7
steps:
  - kind: addNodes
    count: 3
  - kind: apply
    manifests: |
${MONITORING_DAEMON.split('\n')
  .map((line) => (line === '' ? '' : `      ${line}`))
  .join('\n')}
  - kind: runUntilQuiet
  - kind: expect
    daemonSet:
      name: monitoring-daemon
      nodes: [node-1, node-2, node-3]
      status: { desiredNumberScheduled: 3, numberReady: 3 }
  - kind: print
    resource: daemonsets
  - kind: removeNodes
    at: 2m
    names: [node-2]
  - kind: advance
    duration: 90s
  - kind: expect
    daemonSet:
      name: monitoring-daemon
      nodes: [node-1, node-3]
      notOnNodes: [node-2]
    pods:
      labels: { app: monitoring-agent }
      count: 2
  - kind: print
    resource: pods
    wide: true
`;
