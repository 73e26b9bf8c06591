// The public API of @daemonsim/scenarios: scenarios as plain data, from TypeScript or YAML.

export type { Scenario, ScenarioImageBehaviour, ScenarioLatencyRange, ScenarioOptions } from './scenario.js';
export type {
  AddNodesStep,
  AdvanceStep,
  ApplyStep,
  CordonStep,
  DaemonSetExpectation,
  DaemonSetStatusField,
  DeleteDaemonSetStep,
  DeletePodStep,
  DrainStep,
  FailNodeStep,
  RecoverNodeStep,
  SetNodeConditionStep,
  ExpectStep,
  LabelNodeStep,
  PodsExpectation,
  PrintResource,
  PrintStep,
  RemoveNodesStep,
  RolloutUndoStep,
  EnableFaultStep,
  DisableFaultStep,
  CrashControllerStep,
  RunUntilQuietStep,
  ScenarioSelectorRequirement,
  ScenarioTaint,
  Step,
  StepBase,
  StepKind,
  TaintNodeStep,
  UncordonStep,
  UntaintNodeStep,
} from './steps.js';
export { DAEMONSET_STATUS_FIELDS, STEP_KINDS } from './steps.js';
export type { Duration } from './duration.js';
export { durationToMs, formatDuration, parseDuration } from './duration.js';
export { validateScenario, validateStep } from './validateScenario.js';
export type { ScenarioLimits } from './scenarioLimits.js';
export { checkScenarioLimits, DEFAULT_SCENARIO_LIMITS } from './scenarioLimits.js';
export { parseManifests } from './parseManifests.js';
export { parseScenario, stringifyScenario } from './yaml.js';
export type { ExpectationResult } from './expectations.js';
export { activeDaemonPods, evaluateExpectation } from './expectations.js';
export type { GetViewOptions } from './kubectlViews.js';
export { renderGet } from './kubectlViews.js';
export { ScenarioExpectationError, ScenarioStepError } from './errors.js';
export type { ExecutedStep, FailedExpectation, RunScenarioOptions, ScenarioResult } from './runScenario.js';
export { runScenario, simulationOptions } from './runScenario.js';
export type { RecordedRequest, ReplayLog } from './replayLog.js';
export { applyRecordedRequests, REQUEST_EVENT_TYPES, runReplayTo, startReplay } from './replayLog.js';
export { rolloutUndoManifest } from './rolloutUndo.js';
export type { RandomNodeChurnOptions } from './library/index.js';
export type { LibraryEntry } from './library/libraryCatalog.js';
export { LIBRARY_CATALOG, libraryScenarioByName } from './library/libraryCatalog.js';
export {
  EKS_SYSTEM_DAEMONSETS,
  eksWalkthrough,
  kubeProxyManifest,
  nodeExporterManifest,
  onDeleteUpdate,
  rollback,
  rollingUpdateMaxSurge,
  rollingUpdateMaxUnavailable,
  LOG_COLLECTOR_MANIFEST,
  logCollector,
  MONITORING_DAEMON_MANIFEST,
  nodeMonitoringAgent,
  randomNodeChurn,
  STORAGE_DAEMON_MANIFEST,
  storageDaemon,
  nodeFailure,
  fullNodePreemption,
  crashLoop,
  stuckRollout,
  cordonAndDrain,
  failedDaemonPod,
  tolerationSecondsLoop,
  informerWithExpectations,
  informerWithoutExpectations,
  availableAfterMinReadySeconds,
  unreadyUpdatesKeepBudget,
  restartWithStaleCache,
  restartWithStaleCacheChecked,
  surgeOntoTaintedNode,
  lostPodDelete,
} from './library/index.js';
