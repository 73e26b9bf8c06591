import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { addQuantities, parseExactQuantity, type ExactQuantity } from './quantityString.js';

/** Resource name to exact quantity, as upstream's `corev1.ResourceList` of `resource.Quantity`. */
export type ExactResourceList = Map<string, ExactQuantity>;

/**
 * A pod's effective requests and limits: containers summed, then the larger of that and each
 * init container (sidecar init containers adding to both), then the pod overhead added.
 * Mirrors `PodRequestsAndLimits` (staging/src/k8s.io/kubectl/pkg/util/resource/resource.go).
 * Deviation: unparsable quantities are skipped; pod-level `spec.resources` is not considered.
 */
export function podRequestsAndLimits(pod: Pick<Pod, 'spec'>): {
  reqs: ExactResourceList;
  limits: ExactResourceList;
} {
  const pick = (kind: 'requests' | 'limits') => (c: Container) => toList(c.resources?.[kind]);
  return {
    reqs: podResources(pod, pick('requests'), false),
    limits: podResources(pod, pick('limits'), true),
  };
}

function podResources(
  pod: Pick<Pod, 'spec'>,
  of: (c: Container) => ExactResourceList,
  limits: boolean,
): ExactResourceList {
  const result: ExactResourceList = new Map();
  for (const container of pod.spec?.containers ?? []) addResourceList(result, of(container));
  const restartable: ExactResourceList = new Map();
  const initMax: ExactResourceList = new Map();
  for (const container of pod.spec?.initContainers ?? []) {
    let containerList = of(container);
    if (container.restartPolicy === 'Always') {
      addResourceList(result, containerList);
      addResourceList(restartable, containerList);
      containerList = restartable;
    } else {
      const tmp: ExactResourceList = new Map();
      addResourceList(tmp, containerList);
      addResourceList(tmp, restartable);
      containerList = tmp;
    }
    maxResourceList(initMax, containerList);
  }
  maxResourceList(result, initMax);
  const overhead = toList(pod.spec?.overhead);
  if (limits) {
    // Overhead counts toward a limit only where a limit is set.
    for (const [name, q] of overhead) {
      const current = result.get(name);
      if (current !== undefined) result.set(name, addQuantities(current, q));
    }
  } else {
    addResourceList(result, overhead);
  }
  return result;
}

function toList(list: Readonly<Record<string, unknown>> | undefined): ExactResourceList {
  const result: ExactResourceList = new Map();
  for (const [name, value] of Object.entries(list ?? {})) {
    const q = parseExactQuantity(String(value));
    if (q !== undefined) result.set(name, q);
  }
  return result;
}

/** Adds every quantity of `add` into `into`, keeping `into`'s formats. Mirrors `addResourceList`. */
export function addResourceList(into: ExactResourceList, add: ExactResourceList): void {
  for (const [name, q] of add) {
    const current = into.get(name);
    into.set(name, current === undefined ? q : addQuantities(current, q));
  }
}

function maxResourceList(into: ExactResourceList, other: ExactResourceList): void {
  for (const [name, q] of other) {
    const current = into.get(name);
    if (current === undefined || q.nanos > current.nanos) into.set(name, q);
  }
}
