import type { Scenario } from '../scenario.js';

const NODE_EXPORTER = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'node-exporter', namespace: 'monitoring' },
  spec: {
    selector: { matchLabels: { app: 'node-exporter' } },
    template: {
      metadata: { labels: { app: 'node-exporter' } },
      spec: { containers: [{ name: 'node-exporter', image: 'quay.io/prometheus/node-exporter:v1.8.2' }] },
    },
  },
};

function informerScenario(expectations: boolean): Scenario {
  return {
    name: expectations ? 'informer-with-expectations' : 'informer-without-expectations',
    description: expectations
      ? 'with lagging informer caches, expectations keep the controller from acting twice'
      : 'with lagging informer caches and no expectations, the controller creates duplicate pods',
    seed: 4,
    options: {
      observation: 'informer',
      expectations,
      latencies: { informer: { min: '20ms', max: '400ms' } },
    },
    steps: [
      { kind: 'apply', manifests: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring' } } },
      { kind: 'addNodes', count: 6 },
      { kind: 'advance', duration: '1s' },
      { kind: 'apply', manifests: NODE_EXPORTER },
      { kind: 'advance', duration: '550ms' },
      {
        kind: 'print',
        resource: 'pods',
        namespace: 'monitoring',
        wide: true,
        description: expectations
          ? 'Half a second later: one pod per node; passes waited until their own creates were observed'
          : 'Half a second later: a pass that ran before its creates reached the cache made a second pod on two nodes',
      },
      { kind: 'expect', pods: { namespace: 'monitoring', count: expectations ? 6 : 8 } },
      { kind: 'advance', duration: '10s' },
      { kind: 'expect', daemonSet: { name: 'node-exporter', namespace: 'monitoring', nodeCount: 6 } },
      { kind: 'expect', pods: { namespace: 'monitoring', count: 6 } },
    ],
  };
}

/**
 * Informer observation without the DaemonSet controller's expectations: duplicate pods appear
 * and are pruned again (§8 of the reference: why expectations exist).
 */
export const informerWithoutExpectations: Scenario = informerScenario(false);

/** The same cluster and lag with expectations: never more than one pod per node. */
export const informerWithExpectations: Scenario = informerScenario(true);
