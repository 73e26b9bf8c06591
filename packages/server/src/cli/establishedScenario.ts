import type { Scenario } from '@daemonsim/scenarios';

/**
 * `scenario` followed by `age` of simulated time, so the cluster it builds reads as one running
 * that long: `kubectl get` shows nodes and pods `140d` old, restarts with their `(… ago)`, and
 * the events of the start expired (the API server's one-hour `--event-ttl`). The age is a step
 * of the scenario, so a state saved with `--save` replays it.
 * Upstream has no counterpart (a real cluster gets old by running).
 */
export function establishedScenario(scenario: Scenario, age: number): Scenario {
  return {
    ...scenario,
    description: `${scenario.description ?? scenario.name}, established`,
    steps: [...scenario.steps, { kind: 'advance', duration: age }],
  };
}
