import type { Pod } from '../../model/objects.js';
import { DAEMONSET_TEMPLATE_GENERATION_KEY, DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY } from './constants.js';

/**
 * Whether a daemon pod runs the current template: its revision hash label equals the current
 * hash, or its `pod-template-generation` label equals the template generation.
 * Mirrors `IsPodUpdated` (pkg/controller/daemon/util/daemonset_util.go).
 */
export function isPodUpdated(pod: Pod, hash: string, templateGeneration: number | undefined): boolean {
  const labels = pod.metadata.labels;
  if (labels === undefined) return false;
  const templateMatches =
    templateGeneration !== undefined &&
    labels[DAEMONSET_TEMPLATE_GENERATION_KEY] === String(templateGeneration);
  const hashMatches = hash.length > 0 && labels[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY] === hash;
  return hashMatches || templateMatches;
}
