// @daemonsim/scenarios/testing: fast-check arbitraries and invariants for property tests.
export type { ClusterOp, RolloutStrategy } from './clusterOps.js';
export {
  applyClusterOp,
  applyClusterOps,
  clusterOpArbitrary,
  clusterOpsArbitrary,
  rollDaemonSetArbitrary,
  rolledDaemonSet,
  rolloutStrategyArbitrary,
  DAEMONSET_TEMPLATES,
} from './clusterOps.js';
export {
  convergedSyncViolations,
  duplicateDaemonPodViolations,
  orphanViolations,
  placementViolations,
  quiescentViolations,
  statusArithmeticViolations,
  timeViolations,
} from './invariants.js';
export type { IntOrPercent, RolloutCase } from './rollouts.js';
export {
  ROLLOUT_DAEMONSET,
  rolloutBudgets,
  rolloutCaseArbitrary,
  rolloutConvergenceViolations,
  rolloutManifest,
  surgeViolations,
  unavailabilityViolations,
} from './rollouts.js';
export {
  addFailedPods,
  addNodes,
  addPods,
  fixtureUid,
  markPodsReady,
  newDaemonSet,
  newNode,
  newPod,
  SIMPLE_DAEMONSET_LABEL,
} from './fixtures.js';
