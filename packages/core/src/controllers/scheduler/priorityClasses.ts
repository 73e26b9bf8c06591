/** A PriorityClass as the simulator knows it. Mirrors scheduling.k8s.io/v1 `PriorityClass` (value and preemptionPolicy). */
export interface PriorityClassInfo {
  readonly value: number;
  /** @defaultValue 'PreemptLowerPriority' */
  readonly preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
}

/** `system-node-critical`'s value. Mirrors `scheduling.SystemCriticalPriority + 1000`. */
export const SYSTEM_NODE_CRITICAL_PRIORITY = 2000001000;
/** `system-cluster-critical`'s value. Mirrors `scheduling.SystemCriticalPriority`. */
export const SYSTEM_CLUSTER_CRITICAL_PRIORITY = 2000000000;

/** The two classes every cluster has. Mirrors `scheduling.SystemPriorityClasses()`. */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, PriorityClassInfo>> = {
  'system-node-critical': { value: SYSTEM_NODE_CRITICAL_PRIORITY },
  'system-cluster-critical': { value: SYSTEM_CLUSTER_CRITICAL_PRIORITY },
};

/**
 * The priority and preemption policy the Priority admission plugin writes into a new pod's spec
 * from its `priorityClassName`, or undefined when the pod names no class.
 * Mirrors `priority.Plugin.admitPod` (plugin/pkg/admission/priority).
 * Deviations: an unknown class name gives priority 0 instead of a rejected create; a pod
 * without a class keeps `spec.priority` unset (read as 0) instead of 0 or a global default.
 */
export function resolvePriority(
  priorityClassName: string | undefined,
  classes: Readonly<Record<string, PriorityClassInfo>>,
): { priority: number; preemptionPolicy: 'PreemptLowerPriority' | 'Never' } | undefined {
  if (priorityClassName === undefined || priorityClassName === '') return undefined;
  const cls = Object.hasOwn(classes, priorityClassName)
    ? classes[priorityClassName]
    : Object.hasOwn(SYSTEM_PRIORITY_CLASSES, priorityClassName)
      ? SYSTEM_PRIORITY_CLASSES[priorityClassName]
      : undefined;
  return { priority: cls?.value ?? 0, preemptionPolicy: cls?.preemptionPolicy ?? 'PreemptLowerPriority' };
}
