// The one barrel of @daemonsim/core: every public name, listed explicitly.

export { SimulationError } from './errors.js';
export type { FieldError, SimulationErrorCode } from './errors.js';

// model
export type {
  ControllerRevision,
  DaemonSet,
  DefaultedDaemonSetSpec,
  DefaultedDaemonSetUpdateStrategy,
  KindName,
  KubeEvent,
  KubeObject,
  Namespace,
  NamespacedObjectMeta,
  Node,
  Pod,
  StoredObjectMeta,
} from './model/objects.js';
export { objectKey } from './model/objects.js';
export type { SimTime } from './model/time.js';
export {
  formatSimTime,
  HOUR,
  MINUTE,
  parseTimestamp,
  SECOND,
  SIM_EPOCH_ISO,
  SIM_EPOCH_MS,
  toTimestamp,
} from './model/time.js';
export { isQualifiedName, isValidLabelValue } from './api/stringFormats.js';
export type { Labels } from './model/labelSelector.js';
export {
  formatLabels,
  formatLabelSelector,
  isEmptyLabelSelector,
  labelSelectorFromLabels,
  labelSelectorMatches,
} from './model/labelSelector.js';
export type { TaintEffect } from './model/taints.js';
export {
  addOrUpdateTolerationInPodSpec,
  findMatchingUntoleratedTaint,
  formatTaint,
  toleratesTaint,
  tolerationsTolerateTaint,
} from './model/taints.js';
export * as wellKnownTaints from './model/wellKnownTaints.js';
export {
  getTargetNodeName,
  replaceDaemonSetPodNodeNameNodeAffinity,
  requiredNodeAffinityMatches,
} from './model/nodeAffinity.js';
export { milliValue, parseQuantity } from './model/quantity.js';
export { getScaledValueFromIntOrPercent } from './model/intOrPercent.js';
export {
  getPodReadyCondition,
  isPodAvailable,
  isPodReady,
  isPodTerminal,
  podIsTerminating,
} from './model/podConditions.js';
export { getControllerOf, isControlledBy, newControllerRef } from './model/ownerReferences.js';

// api
export { defaultDaemonSet } from './api/defaultDaemonSet.js';
export { defaultPodSpec } from './api/defaultPodSpec.js';
export {
  assertValidDaemonSet,
  assertValidDaemonSetUpdate,
  validateDaemonSet,
  validateDaemonSetUpdate,
} from './api/validateDaemonSet.js';
export { assertValidNode, validateNode } from './api/validateNode.js';
export {
  forbidden,
  formatFieldError,
  formatInvalidError,
  invalid,
  notSupported,
  required,
} from './api/fieldError.js';
export { generateName, NAME_ALPHABET } from './api/nameGenerator.js';
export { computeHash, fnv32a } from './api/computeHash.js';
export { canonicalJson } from './api/canonicalJson.js';
export { toPlainData } from './api/sanitizeManifest.js';
export { decodeObject, decodeWithSchema, DEFAULT_MAX_VALUES } from './api/decodeObject.js';
export type { DecodeOptions, DecodeResult, FieldValidation } from './api/decodeObject.js';
export { decodeManifest, strictDecodingError, strictErrorPath } from './api/decodeManifest.js';
export type { DecodeManifestOptions, DecodedManifest } from './api/decodeManifest.js';
export { findDuplicateFields } from './api/findDuplicateFields.js';
export { definitionNameOf, kubernetesOpenApi } from './api/openapi/kubernetesOpenApi.js';
export type { OpenApiSchema, OpenApiV2Document } from './api/openapi/kubernetesOpenApi.js';

// controllers
export type { Action, InvolvedObject, NewControllerRevision, NewPod } from './controllers/plan.js';
export type { DaemonSetSyncPlan, SyncDaemonSetOptions } from './controllers/daemonset/syncDaemonSet.js';
export { syncDaemonSet } from './controllers/daemonset/syncDaemonSet.js';
export type { ShouldRun } from './controllers/daemonset/nodeShouldRunDaemonPod.js';
export { nodeShouldRunDaemonPod } from './controllers/daemonset/nodeShouldRunDaemonPod.js';
export type {
  ExplainPlacementOptions,
  PlacementCheck,
  PlacementExplanation,
  PlacementPredicate,
  PlacementVerdict,
  TaintCheck,
} from './controllers/daemonset/explainPlacement.js';
export { explainPlacement } from './controllers/daemonset/explainPlacement.js';
export type { NodeDecision } from './controllers/daemonset/podsShouldBeOnNode.js';
export { podsShouldBeOnNode } from './controllers/daemonset/podsShouldBeOnNode.js';
export { manage } from './controllers/daemonset/manage.js';
export { updateDaemonSetStatus } from './controllers/daemonset/updateDaemonSetStatus.js';
export {
  constructHistory,
  cleanupHistory,
  match,
  readControlledHistories,
} from './controllers/daemonset/history.js';
export type { NodesToDaemonPods } from './controllers/daemonset/getNodesToDaemonPods.js';
export { getNodesToDaemonPods } from './controllers/daemonset/getNodesToDaemonPods.js';
export type { DesiredNodeCounts } from './controllers/daemonset/rollingUpdate.js';
export { updatedDesiredNodeCounts } from './controllers/daemonset/rollingUpdate.js';
export type { BackoffEntry as FailedPodsBackoffEntry } from './controllers/daemonset/failedPodsBackoff.js';
export {
  failedPodsBackoffKey,
  isInBackOffSinceUpdate,
  nextBackoff,
} from './controllers/daemonset/failedPodsBackoff.js';
export { addOrUpdateDaemonPodTolerations } from './controllers/daemonset/daemonPodTolerations.js';
export { createPodTemplate, getTemplateGeneration } from './controllers/daemonset/createPodTemplate.js';
export { isPodUpdated } from './controllers/daemonset/isPodUpdated.js';
export { allowsSurge, surgeCount } from './controllers/daemonset/surgeCount.js';
export {
  BURST_REPLICAS,
  FAILED_PODS_BACKOFF_INITIAL,
  FAILED_PODS_BACKOFF_MAX,
  DAEMONSET_TEMPLATE_GENERATION_KEY,
  DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY,
  DEPRECATED_TEMPLATE_GENERATION,
  SLOW_START_INITIAL_BATCH_SIZE,
} from './controllers/daemonset/constants.js';
export type {
  DaemonSetControllerOptions,
  FailedPodsBackoffSettings,
} from './controllers/daemonset/daemonSetControllerOptions.js';
export { DEFAULT_DAEMONSET_CONTROLLER_OPTIONS } from './controllers/daemonset/daemonSetControllerOptions.js';
export { MIN_RESYNC_PERIOD } from './sim/minResyncPeriod.js';
export type { PassResult, QueuedKey } from './sim/controlPass.js';
export type { PodGCOptions, PodGCPlan } from './controllers/podgc/gcPods.js';
export { gcPods } from './controllers/podgc/gcPods.js';
export {
  garbageCollect,
  FINALIZER_FOREGROUND_DELETION,
  FINALIZER_ORPHAN,
} from './controllers/garbagecollector/garbageCollect.js';
export type { FilterStatus } from './controllers/scheduler/schedulePod.js';
export {
  filterNode,
  hostPortsConflict,
  insufficientResources,
  podPriority,
  schedulePod,
  selectVictimsOnNode,
  SCHEDULER_COMPONENT,
} from './controllers/scheduler/schedulePod.js';
export type { HostPort, ResourceRequests } from './controllers/scheduler/podRequests.js';
export { podHostPorts, podRequests } from './controllers/scheduler/podRequests.js';
export type { NodeUsage } from './controllers/scheduler/nodeUsage.js';
export type { PriorityClassInfo } from './controllers/scheduler/priorityClasses.js';
export {
  resolvePriority,
  SYSTEM_CLUSTER_CRITICAL_PRIORITY,
  SYSTEM_NODE_CRITICAL_PRIORITY,
  SYSTEM_PRIORITY_CLASSES,
} from './controllers/scheduler/priorityClasses.js';
export type {
  FailOnNode,
  ImageBehaviour,
  ImageBehaviours,
  ImageLatency,
  LogLine,
} from './controllers/kubelet/imageBehaviour.js';
export { imageBehaviourOf, imageRepository } from './controllers/kubelet/imageBehaviour.js';
export type { BackoffEntry } from './controllers/kubelet/crashLoopBackOff.js';
export {
  CRASH_LOOP_INITIAL_BACKOFF,
  CRASH_LOOP_MAX_BACKOFF,
  isInBackOffSince,
  nextBackOff,
  restartAt,
} from './controllers/kubelet/crashLoopBackOff.js';
export type { PodRejection } from './controllers/kubelet/admitPod.js';
export { admitPod } from './controllers/kubelet/admitPod.js';
export { KUBERNETES_VERSION } from './model/kubernetesVersion.js';
export type { PodNetwork } from './controllers/kubelet/allocatePodIP.js';
export { allocatePodIP } from './controllers/kubelet/allocatePodIP.js';
export { kubeletEventMessage, goDurationString } from './controllers/kubelet/kubeletEventMessage.js';
export type { KubeletEventReason } from './controllers/kubelet/kubeletEventMessage.js';
export { containerIdOf, imageIdOf } from './controllers/kubelet/containerRuntimeIds.js';
export type { LogOptions } from './controllers/kubelet/containerLogs.js';
export { containerLogs, defaultLogProgram } from './controllers/kubelet/containerLogs.js';
export {
  KUBELET_CONDITION_TYPES,
  NODE_MONITOR_GRACE_PERIOD,
  NODE_MONITOR_PERIOD,
  nextMonitorPass,
  tryUpdateNodeHealth,
  withHealthyConditions,
  withNodeCondition,
} from './controllers/nodelifecycle/nodeConditions.js';
export {
  doNoExecuteTaintingPass,
  doNoScheduleTaintingPass,
  NODE_LIFECYCLE_COMPONENT,
} from './controllers/nodelifecycle/nodeTaints.js';
export type { TaintEvictionDecision } from './controllers/nodelifecycle/taintEviction.js';
export {
  getMatchingTolerations,
  getMinTolerationTime,
  TAINT_EVICTION_COMPONENT,
  taintEvictionDecision,
} from './controllers/nodelifecycle/taintEviction.js';

// simulation
export type { DryRunResult } from './sim/dryRunEvent.js';
export type { LatencyRange, Latencies, SimulationOptions } from './sim/simulationOptions.js';
export type { FaultError, FaultResource, FaultRule, FaultStatus, FaultVerb } from './sim/faultRule.js';
export type { WatchFaultRule, WatchFaultType } from './sim/watchFaultRule.js';
export { isWatchFaultRule, WATCH_FAULT_KINDS, WATCH_FAULT_TYPES } from './sim/watchFaultRule.js';
export {
  REFLECTOR_BACKOFF_RESET,
  REFLECTOR_INITIAL_BACKOFF,
  REFLECTOR_MAX_BACKOFF,
} from './sim/watchFaults.js';
export {
  FAULT_ERRORS,
  FAULT_RESOURCES,
  FAULT_VERBS,
  faultStatus,
  validateFaultRules,
} from './sim/faultRule.js';
export type { ClusterFixture } from './sim/loadFixture.js';
export type { WatchEvent } from './sim/watchEvent.js';
export type { NodeLease } from './sim/nodeLease.js';
export { NODE_LEASE_DURATION_SECONDS, NODE_LEASE_NAMESPACE, nodeLease } from './sim/nodeLease.js';
export { NODE_STATUS_REPORT_FREQUENCY, reportedNodeStatus } from './sim/nodeStatusReport.js';
export { createSimulation, Simulation } from './sim/simulation.js';
export type { DrainOptions } from './sim/drainNode.js';
export { drainNode } from './sim/drainNode.js';
export type {
  NodeChange,
  NodeConditionInput,
  NodeInput,
  PropagationPolicy,
  SimEvent,
  SimEventType,
  StoredKind,
  StoredObject,
  WatchedKind,
  WatchedObject,
} from './sim/simEvent.js';
export type { ClusterSnapshot } from './sim/clusterStore.js';
export type { ObjectChange } from './sim/diffSnapshots.js';
export { diffSnapshots, objectPatches } from './sim/diffSnapshots.js';
export type { Draft, Patch } from './api/immer.js';
export { applyPatches, produce, produceWithPatches, setObjectFreezing } from './api/immer.js';
export type { ClusterView, DaemonSetControllerMemory } from './sim/clusterView.js';
export type { TraceEntry, TraceEventEntry, TraceRejectedEntry, TraceWriteEntry } from './sim/trace.js';
export { formatTrace, formatTraceEntry } from './sim/trace.js';
export { EventQueue } from './sim/eventQueue.js';
export type {
  CounterSample,
  EventMark,
  NodeHistory,
  PodHistory,
  PodSegment,
  SimEventMark,
  TimelinePodPhase,
} from './timeline/traceTimeline.js';
export { TraceTimeline } from './timeline/traceTimeline.js';
export type { ChromeTrace, ChromeTraceEvent } from './timeline/toChromeTrace.js';
export { toChromeTrace } from './timeline/toChromeTrace.js';
export type { RngState } from './random/rng.js';
export { Rng } from './random/rng.js';

// kubectl
export { humanDuration, translateTimestampSince } from './kubectl/humanDuration.js';
export type { PrintTableOptions, Table, TableColumnDefinition, TableRow } from './kubectl/table.js';
export { noResourcesFound, printTable } from './kubectl/table.js';
export { formatColumns, formatTabbedText } from './kubectl/tabwriter.js';
export { daemonSetTable } from './kubectl/daemonSetTable.js';
export { podStatusReason, podTable } from './kubectl/podTable.js';
export { nodeTable } from './kubectl/nodeTable.js';
export { controllerRevisionTable } from './kubectl/controllerRevisionTable.js';
export { leaseTable } from './kubectl/leaseTable.js';
export { namespaceTable } from './kubectl/namespaceTable.js';
export { eventTable } from './kubectl/eventTable.js';
export type { ExactQuantity, QuantityFormat } from './kubectl/quantityString.js';
export { formatQuantity, parseExactQuantity } from './kubectl/quantityString.js';
export type { DescribeOptions, PodStatusCounts } from './kubectl/describeDaemonSet.js';
export { describeDaemonSet, getPodStatusForController } from './kubectl/describeDaemonSet.js';
export { describeEvents } from './kubectl/describeEvents.js';
export { describePod, getPodQOS } from './kubectl/describePod.js';
export type { DescribeNodeOptions, NodeLeaseInfo } from './kubectl/describeNode.js';
export { describeNode } from './kubectl/describeNode.js';
export { describePlacement } from './kubectl/describePlacement.js';
export { printTemplate } from './kubectl/describePodTemplate.js';
export { podRequestsAndLimits } from './kubectl/podResources.js';
export type { RolloutStatus } from './kubectl/rolloutStatus.js';
export { ROLLOUT_STATUS_ONLY_ROLLING_UPDATE, rolloutStatus } from './kubectl/rolloutStatus.js';
export {
  CHANGE_CAUSE_ANNOTATION,
  daemonSetHistory,
  revisionTemplate,
  rolloutHistory,
  rolloutHistoryRevision,
} from './kubectl/rolloutHistory.js';
export type { RolloutUndoResult } from './kubectl/rolloutUndo.js';
export { rolloutUndo, rolloutUndoTemplate } from './kubectl/rolloutUndo.js';
export { sortKeys, toJson } from './kubectl/toJson.js';
export { toYaml } from './kubectl/toYaml.js';
