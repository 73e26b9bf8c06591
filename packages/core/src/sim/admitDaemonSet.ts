import type * as apps from 'kubernetes-types/apps/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { canonicalJson } from '../api/canonicalJson.js';
import { defaultDaemonSet } from '../api/defaultDaemonSet.js';
import { assertValidDaemonSet, assertValidDaemonSetUpdate } from '../api/validateDaemonSet.js';
import { DEPRECATED_TEMPLATE_GENERATION } from '../controllers/daemonset/constants.js';
import type { DaemonSet } from '../model/objects.js';
import { toTimestamp } from '../model/time.js';
import type { ServerContext } from './serverContext.js';

/** A DaemonSet manifest as submitted: apps/v1 shape, any field possibly missing. */
export interface DaemonSetManifest {
  readonly metadata?: ObjectMeta;
  readonly spec?: apps.DaemonSetSpec;
}

/**
 * The stored DaemonSet after a create (`existing` undefined) or an update of `existing`:
 * defaulted, validated, with generation and the template-generation annotation kept by the
 * server, or `existing` itself when nothing changed. Throws `SimulationError('Invalid')` with
 * the API server's message; nothing is stored on error.
 * Mirrors the DaemonSet registry strategy (`PrepareForCreate`, `PrepareForUpdate`,
 * `Validate`, `ValidateUpdate` in pkg/registry/apps/daemonset/strategy.go).
 * Deviation: an update replaces spec, labels and annotations with the manifest's (kubectl's
 * client-side three-way merge is not modelled); submitted status is ignored as upstream does.
 */
export function admitDaemonSet(
  manifest: DaemonSetManifest,
  namespace: string,
  existing: DaemonSet | undefined,
  ctx: ServerContext,
): DaemonSet {
  const spec = defaultDaemonSet(manifest.spec ?? ({} as apps.DaemonSetSpec));
  const userAnnotations = { ...manifest.metadata?.annotations };
  delete userAnnotations[DEPRECATED_TEMPLATE_GENERATION];
  const metadata: ObjectMeta = {
    ...(manifest.metadata?.name === undefined ? {} : { name: manifest.metadata.name }),
    namespace,
    ...(manifest.metadata?.labels === undefined ? {} : { labels: { ...manifest.metadata.labels } }),
    annotations: userAnnotations,
  };
  if (existing === undefined) {
    assertValidDaemonSet({ metadata, spec });
    return {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: {
        ...metadata,
        name: metadata.name!,
        namespace,
        uid: ctx.nextUid(),
        resourceVersion: ctx.nextResourceVersion(),
        creationTimestamp: toTimestamp(ctx.now),
        generation: 1,
        annotations: { ...userAnnotations, [DEPRECATED_TEMPLATE_GENERATION]: '1' },
        // Finalizers are kept as given on create (a later apply keeps the stored ones).
        ...(manifest.metadata?.finalizers === undefined || manifest.metadata.finalizers.length === 0
          ? {}
          : { finalizers: [...manifest.metadata.finalizers] }),
      },
      spec,
      status: { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 },
    };
  }
  // Server-owned metadata carries over: an update names the object, it does not restamp it.
  const { labels: _l, annotations: _a, ...serverMeta } = existing.metadata;
  assertValidDaemonSetUpdate({ metadata: { ...serverMeta, ...metadata }, spec }, existing);
  const specChanged = canonicalJson(spec) !== canonicalJson(existing.spec);
  const templateChanged =
    specChanged && canonicalJson(spec.template) !== canonicalJson(existing.spec.template);
  const previousTemplateGeneration = Number(
    existing.metadata.annotations?.[DEPRECATED_TEMPLATE_GENERATION] ?? '1',
  );
  const annotations = {
    ...userAnnotations,
    [DEPRECATED_TEMPLATE_GENERATION]: String(
      templateChanged ? previousTemplateGeneration + 1 : previousTemplateGeneration,
    ),
  };
  const labelsChanged =
    canonicalJson(metadata.labels ?? {}) !== canonicalJson(existing.metadata.labels ?? {});
  const annotationsChanged =
    canonicalJson(annotations) !== canonicalJson(existing.metadata.annotations ?? {});
  if (!specChanged && !labelsChanged && !annotationsChanged) return existing;
  const { labels: _labels, ...existingMeta } = existing.metadata;
  return {
    ...existing,
    metadata: {
      ...existingMeta,
      ...(metadata.labels === undefined ? {} : { labels: metadata.labels }),
      annotations,
      resourceVersion: ctx.nextResourceVersion(),
      generation: specChanged ? existing.metadata.generation + 1 : existing.metadata.generation,
    },
    spec,
  };
}
