import type { Scenario } from '@daemonsim/scenarios';
import {
  crashLoop,
  eksWalkthrough,
  informerWithExpectations,
  informerWithoutExpectations,
  nodeFailure,
  nodeMonitoringAgent,
  rollback,
  rollingUpdateMaxSurge,
  rollingUpdateMaxUnavailable,
  MONITORING_DAEMON_MANIFEST,
} from '@daemonsim/scenarios';

/**
 * A cluster of `count` nodes running one monitoring DaemonSet, the view's load test.
 * Upstream has no counterpart.
 */
export function largeCluster(count: number): Scenario {
  return {
    name: `${count} nodes`,
    seed: 1,
    steps: [
      { kind: 'addNodes', count },
      { kind: 'apply', manifests: MONITORING_DAEMON_MANIFEST },
      { kind: 'runUntilQuiet' },
    ],
  };
}

/** The library scenarios the view offers, by the name the page's `?scenario=` takes. */
export const SCENARIO_CATALOG: Readonly<Record<string, Scenario>> = {
  'eks-walkthrough': eksWalkthrough,
  'node-monitoring-agent': nodeMonitoringAgent,
  'node-failure': nodeFailure,
  'rolling-update-max-unavailable': rollingUpdateMaxUnavailable,
  'rolling-update-max-surge': rollingUpdateMaxSurge,
  rollback,
  'crash-loop': crashLoop,
  'informer-with-expectations': informerWithExpectations,
  'informer-without-expectations': informerWithoutExpectations,
};
