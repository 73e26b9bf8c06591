import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/index.js';
import {
  cordonAndDrain,
  crashLoop,
  failedDaemonPod,
  fullNodePreemption,
  nodeFailure,
  stuckRollout,
  tolerationSecondsLoop,
  eksWalkthrough,
  logCollector,
  nodeMonitoringAgent,
  onDeleteUpdate,
  randomNodeChurn,
  rollback,
  rollingUpdateMaxSurge,
  rollingUpdateMaxUnavailable,
  runScenario,
  storageDaemon,
  informerWithExpectations,
  informerWithoutExpectations,
  availableAfterMinReadySeconds,
  unreadyUpdatesKeepBudget,
} from '../../src/index.js';

// Golden traces pin every event and write of the ready scenarios: a change in controller
// behaviour shows up here as a diff to read and accept deliberately (UPDATE_GOLDEN=1).
const golden = (name: string): string =>
  fileURLToPath(new URL(`./__golden__/${name}.trace.txt`, import.meta.url));

const library: readonly Scenario[] = [
  eksWalkthrough,
  nodeMonitoringAgent,
  logCollector,
  storageDaemon,
  randomNodeChurn({ seed: 42 }),
  rollingUpdateMaxUnavailable,
  rollingUpdateMaxSurge,
  rollback,
  onDeleteUpdate,
  nodeFailure,
  fullNodePreemption,
  crashLoop,
  stuckRollout,
  cordonAndDrain,
  failedDaemonPod,
  tolerationSecondsLoop,
  informerWithoutExpectations,
  informerWithExpectations,
  availableAfterMinReadySeconds,
  unreadyUpdatesKeepBudget,
];

describe('the ready scenarios', () => {
  for (const scenario of library) {
    it(`${scenario.name} passes its expectations and matches its golden trace`, () => {
      const result = runScenario(scenario);
      const text = `${result.traceText}\n--- output ---\n${result.output}`;
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden(scenario.name), text);
      expect(text).toBe(readFileSync(golden(scenario.name), 'utf8'));
    });
  }

  it('random node churn is the same scenario for the same seed and another for another seed', () => {
    expect(randomNodeChurn({ seed: 5 })).toEqual(randomNodeChurn({ seed: 5 }));
    expect(randomNodeChurn({ seed: 5 })).not.toEqual(randomNodeChurn({ seed: 6 }));
  });

  it('random node churn converges with many nodes and events', () => {
    const result = runScenario(randomNodeChurn({ seed: 7, nodes: 60, events: 120, maxGap: 20_000 }));
    expect(result.simulation.view.allPods().length).toBe(2 * result.simulation.view.nodeNames().length);
  });
});
