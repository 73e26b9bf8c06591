import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { DaemonSet } from '../../model/objects.js';
import {
  DAEMONSET_TEMPLATE_GENERATION_KEY,
  DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY,
  DEPRECATED_TEMPLATE_GENERATION,
} from './constants.js';
import { daemonPodTolerations } from './daemonPodTolerations.js';

/**
 * The template every new daemon pod is made from: the DaemonSet's template plus the automatic
 * tolerations and the `pod-template-generation` and `controller-revision-hash` labels.
 * Mirrors `CreatePodTemplate` (pkg/controller/daemon/util/daemonset_util.go).
 */
export function createPodTemplate(ds: DaemonSet, hash: string): PodTemplateSpec {
  const template = ds.spec.template;
  const generation = getTemplateGeneration(ds);
  const cached = templates.get(template);
  if (cached !== undefined && cached.hash === hash && cached.generation === generation) return cached.made;
  const made = makePodTemplate(ds, hash, generation);
  templates.set(template, { hash, generation, made });
  return made;
}

/**
 * The last template made from a DaemonSet's template object, for its hash and generation: the
 * pods of one revision share it (their labels, tolerations and spec fields are the same objects,
 * never written after) instead of each pass copying the template again, which was about 250 B
 * of garbage per event of node churn. Keyed by the template object, which a status write keeps.
 */
const templates = new WeakMap<
  object,
  { readonly hash: string; readonly generation: number | undefined; readonly made: PodTemplateSpec }
>();

function makePodTemplate(ds: DaemonSet, hash: string, generation: number | undefined): PodTemplateSpec {
  const template = ds.spec.template;
  const labels: Record<string, string> = { ...template.metadata?.labels };
  if (generation !== undefined) labels[DAEMONSET_TEMPLATE_GENERATION_KEY] = String(generation);
  if (hash !== '') labels[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY] = hash;
  return {
    metadata: { ...template.metadata, labels },
    spec: { ...(template.spec ?? { containers: [] }), tolerations: [...daemonPodTolerations(ds)] },
  };
}

/**
 * The template generation from the `deprecated.daemonset.template.generation` annotation, or
 * undefined when absent or unparsable. Mirrors `GetTemplateGeneration`.
 */
export function getTemplateGeneration(ds: DaemonSet): number | undefined {
  const value = ds.metadata.annotations?.[DEPRECATED_TEMPLATE_GENERATION];
  if (value === undefined || !/^-?\d+$/.test(value)) return undefined;
  return Number(value);
}
