// Ready scenarios, one per file.
export { EKS_SYSTEM_DAEMONSETS, eksWalkthrough } from './eksWalkthrough.js';
export { MONITORING_DAEMON_MANIFEST, nodeMonitoringAgent } from './nodeMonitoringAgent.js';
export { LOG_COLLECTOR_MANIFEST, logCollector } from './logCollector.js';
export { STORAGE_DAEMON_MANIFEST, storageDaemon } from './storageDaemon.js';
export type { RandomNodeChurnOptions } from './randomNodeChurn.js';
export { randomNodeChurn } from './randomNodeChurn.js';
export { nodeExporterManifest, rollingUpdateMaxUnavailable } from './rollingUpdateMaxUnavailable.js';
export { kubeProxyManifest, rollingUpdateMaxSurge } from './rollingUpdateMaxSurge.js';
export { rollback } from './rollback.js';
export { onDeleteUpdate } from './onDeleteUpdate.js';
export { nodeFailure } from './nodeFailure.js';
export { fullNodePreemption } from './fullNodePreemption.js';
export { crashLoop } from './crashLoop.js';
export { stuckRollout } from './stuckRollout.js';
export { cordonAndDrain } from './cordonAndDrain.js';
export { failedDaemonPod } from './failedDaemonPod.js';
export { tolerationSecondsLoop } from './tolerationSecondsLoop.js';
export { informerWithExpectations, informerWithoutExpectations } from './informerExpectations.js';
