import type * as apps from 'kubernetes-types/apps/v1.js';
import type * as core from 'kubernetes-types/core/v1.js';
import type { DefaultedDaemonSetSpec } from '../model/objects.js';
import { defaultPodSpec } from './defaultPodSpec.js';

export { defaultPodSpec } from './defaultPodSpec.js';

/**
 * The DaemonSet spec with apps/v1 defaults: updateStrategy `RollingUpdate` with maxUnavailable 1
 * and maxSurge 0 (the rollingUpdate block only for RollingUpdate), revisionHistoryLimit 10, and the
 * pod defaults on the template. Returns a new object; the input is not changed.
 * Mirrors `SetDefaults_DaemonSet` (pkg/apis/apps/v1/defaults.go) and the generated
 * `SetObjectDefaults_DaemonSet`, which applies `SetDefaults_PodSpec` to the template.
 * Deviation: a missing template is treated as an empty one (Go's zero struct) rather than rejected
 * here, so validation can report it in the API server's words.
 */
export function defaultDaemonSet(spec: apps.DaemonSetSpec): DefaultedDaemonSetSpec {
  const out = structuredClone(spec) as apps.DaemonSetSpec;
  const strategy: apps.DaemonSetUpdateStrategy = out.updateStrategy ?? {};
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate: apps.RollingUpdateDaemonSet = strategy.rollingUpdate ?? {};
    rollingUpdate.maxUnavailable ??= 1;
    rollingUpdate.maxSurge ??= 0;
    strategy.rollingUpdate = rollingUpdate;
  }
  out.updateStrategy = strategy;
  out.revisionHistoryLimit ??= 10;
  const template: core.PodTemplateSpec = out.template ?? {};
  template.spec = defaultPodSpec(template.spec ?? ({} as core.PodSpec));
  out.template = template;
  // The cast is sound: type is one of the two strategies once set, and validation rejects the rest.
  return out as DefaultedDaemonSetSpec;
}
