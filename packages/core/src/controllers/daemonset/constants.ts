/** Label carrying the ControllerRevision hash on daemon pods and revisions (`apps.DefaultDaemonSetUniqueLabelKey`). */
export const DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY = 'controller-revision-hash';
/** Label carrying the template generation on daemon pods (`extensions.DaemonSetTemplateGenerationKey`). */
export const DAEMONSET_TEMPLATE_GENERATION_KEY = 'pod-template-generation';
/** Annotation in which apps/v1 exposes the template generation (`apps.DeprecatedTemplateGeneration`). */
export const DEPRECATED_TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';
/** Most creates or deletes one pass issues (`BurstReplicas` in daemon_controller.go). */
export const BURST_REPLICAS = 250;
/** First failed-pod backoff (kube-controller-manager's `flowcontrol.NewBackOff(1s, 15m)`). */
export const FAILED_PODS_BACKOFF_INITIAL = 1000;
/** Failed-pod backoff cap. */
export const FAILED_PODS_BACKOFF_MAX = 15 * 60 * 1000;
/** The first batch of `slowStartBatch` (`controller.SlowStartInitialBatchSize`). */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;
/** Source component of the controller's KubeEvents. */
export const DAEMONSET_CONTROLLER_COMPONENT = 'daemonset-controller';
