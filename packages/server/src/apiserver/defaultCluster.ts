import type { Simulation } from '@daemonsim/core';
import type { Scenario } from '@daemonsim/scenarios';
import { eksWalkthrough, runScenario } from '@daemonsim/scenarios';

/**
 * The cluster `daemonsim serve` starts with when given no scenario: the EKS walkthrough's
 * first steps up to and including the `apply` of kube-proxy and aws-node on two nodes, run
 * until quiet. Upstream has no counterpart: it stands in for a fresh two-node EKS cluster.
 */
export function defaultClusterScenario(): Scenario {
  const applyIndex = eksWalkthrough.steps.findIndex((s) => s.kind === 'apply');
  return {
    ...eksWalkthrough,
    name: 'eks-two-nodes',
    description: 'two EKS nodes running kube-proxy and aws-node',
    steps: [...eksWalkthrough.steps.slice(0, applyIndex + 1), { kind: 'runUntilQuiet' }],
  };
}

/** A new simulation of {@link defaultClusterScenario}, settled, ready to serve. */
export function createDefaultCluster(): Simulation {
  return runScenario(defaultClusterScenario()).simulation;
}
