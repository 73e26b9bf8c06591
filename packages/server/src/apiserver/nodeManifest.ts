import type { Node, NodeChange, SimEvent } from '@daemonsim/core';
import { canonicalJson } from '@daemonsim/core';

/** A node manifest as the engine's `NodeInput`. Upstream has no counterpart: the engine adds nodes by event. */
export function nodeInput(
  manifest: Record<string, unknown>,
): Extract<SimEvent, { type: 'NodeAdded' }>['node'] {
  const meta = (manifest.metadata ?? {}) as {
    name?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  const spec = (manifest.spec ?? {}) as { taints?: Node['spec']['taints']; unschedulable?: boolean };
  const status = (manifest.status ?? {}) as { capacity?: Record<string, string> };
  return {
    name: meta.name ?? '',
    ...(meta.labels === undefined ? {} : { labels: meta.labels }),
    ...(meta.annotations === undefined ? {} : { annotations: meta.annotations }),
    ...(spec.taints === undefined ? {} : { taints: spec.taints }),
    ...(spec.unschedulable === undefined ? {} : { unschedulable: spec.unschedulable }),
    ...(status.capacity === undefined ? {} : { capacity: status.capacity }),
  };
}

/**
 * The `NodeChange` that turns `node` into `manifest` (labels, annotations, taints, cordon), or
 * undefined for none. Upstream has no counterpart: the engine updates nodes by event.
 */
export function nodeChange(node: Node, manifest: Record<string, unknown>): NodeChange | undefined {
  const meta = (manifest.metadata ?? {}) as {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  const spec = (manifest.spec ?? {}) as { taints?: Node['spec']['taints']; unschedulable?: boolean };
  const oldAnnotations = node.metadata.annotations ?? {};
  const newAnnotations = meta.annotations ?? {};
  const annotations: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(newAnnotations)) if (oldAnnotations[k] !== v) annotations[k] = v;
  for (const k of Object.keys(oldAnnotations)) if (!(k in newAnnotations)) annotations[k] = null;
  const oldLabels = node.metadata.labels ?? {};
  const newLabels = meta.labels ?? {};
  const labels: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(newLabels)) if (oldLabels[k] !== v) labels[k] = v;
  for (const k of Object.keys(oldLabels)) if (!(k in newLabels)) labels[k] = null;
  const oldTaints = node.spec.taints ?? [];
  const newTaints = spec.taints ?? [];
  const taintsChanged = canonicalJson(oldTaints) !== canonicalJson(newTaints);
  const unschedulable = spec.unschedulable === true;
  const cordonChanged = unschedulable !== (node.spec.unschedulable === true);
  const annotationsChanged = Object.keys(annotations).length > 0;
  if (Object.keys(labels).length === 0 && !annotationsChanged && !taintsChanged && !cordonChanged)
    return undefined;
  return {
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(annotationsChanged ? { annotations } : {}),
    ...(taintsChanged
      ? { removeTaints: oldTaints.map((x) => ({ key: x.key, effect: x.effect })), addTaints: newTaints }
      : {}),
    ...(cordonChanged ? { unschedulable } : {}),
  };
}
