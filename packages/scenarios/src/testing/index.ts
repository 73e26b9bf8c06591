// @daemonsim/scenarios/testing: fast-check arbitraries and invariants for property tests.
export type { ClusterOp, RolloutStrategy } from './clusterOps.js';
export { applyClusterOp, applyClusterOps, clusterOpStep } from './clusterOpStep.js';
export {
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
export type { ClusterCase, ClusterCaseOptions, RecordedRun, RunWatch } from './recordedRun.js';
export { clusterCaseArbitrary, recordedRun, watchedRun } from './recordedRun.js';
export type { Counterexample, CounterexampleFile } from './counterexample.js';
export { findCounterexample, formatCounterexample, PropertyViolation } from './counterexample.js';
export type { ClusterPropertyOptions } from './noDuplicateDaemonPods.js';
export { noDuplicateDaemonPods, noDuplicateDaemonPodsViolations } from './noDuplicateDaemonPods.js';
export type { IncrementalEqualsFullOptions } from './incrementalEqualsFull.js';
export { incrementalEqualsFull, incrementalEqualsFullViolations } from './incrementalEqualsFull.js';
export type { EventuallyStableOptions, FaultsHook } from './eventuallyStable.js';
export { eventuallyStable, eventuallyStableViolations } from './eventuallyStable.js';
export type { SameSpecCase, SameSpecSameEndStateOptions } from './sameSpecSameEndState.js';
export { endStateDigest, sameEndStateViolations, sameSpecSameEndState } from './sameSpecSameEndState.js';
