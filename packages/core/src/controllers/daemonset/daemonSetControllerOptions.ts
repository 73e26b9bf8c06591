import {
  BURST_REPLICAS,
  FAILED_PODS_BACKOFF_INITIAL,
  FAILED_PODS_BACKOFF_MAX,
  SLOW_START_INITIAL_BATCH_SIZE,
} from './constants.js';

/** The failed-pod backoff's first delay and cap, in milliseconds. */
export interface FailedPodsBackoffSettings {
  readonly initial: number;
  readonly max: number;
}

/**
 * The DaemonSet controller's settings, as kube-controller-manager builds the controller:
 * the creates and deletes one pass may issue, the failed-pod backoff, and the first batch of
 * `slowStartBatch`. Upstream counterpart: the arguments of `NewDaemonSetsController`
 * (`failedPodsBackoff`) and the package's `BurstReplicas` and `controller.SlowStartInitialBatchSize`.
 */
export interface DaemonSetControllerOptions {
  /** Most creates or deletes of one pass. @defaultValue 250 */
  readonly burstReplicas: number;
  /** `flowcontrol.NewBackOff(initial, max)` for failed daemon pods. @defaultValue 1 s and 15 min */
  readonly failedPodsBackoff: FailedPodsBackoffSettings;
  /** The first `slowStartBatch` batch; each later batch doubles. @defaultValue 1 */
  readonly slowStartInitialBatchSize: number;
}

/** kube-controller-manager's settings of the DaemonSet controller. */
export const DEFAULT_DAEMONSET_CONTROLLER_OPTIONS: DaemonSetControllerOptions = {
  burstReplicas: BURST_REPLICAS,
  failedPodsBackoff: { initial: FAILED_PODS_BACKOFF_INITIAL, max: FAILED_PODS_BACKOFF_MAX },
  slowStartInitialBatchSize: SLOW_START_INITIAL_BATCH_SIZE,
};
