import type { Target } from './parseTarget.js';
import { badRequest } from './status.js';

/**
 * Checks that a body's `kind` and `apiVersion`, when given, are the resource's.
 * Mirrors the handlers' check of the decoded object's GroupVersionKind.
 */
export function checkKind(t: Target, obj: Record<string, unknown>): void {
  const apiVersion = t.def.group === '' ? 'v1' : `${t.def.group}/v1`;
  if (obj.kind !== undefined && obj.kind !== t.def.kind)
    throw badRequest(
      `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${apiVersion}) or kind ${String(obj.kind)} is not ${t.def.kind}`,
    );
  if (obj.apiVersion !== undefined && obj.apiVersion !== apiVersion)
    throw badRequest(
      `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${apiVersion})`,
    );
}

/**
 * The manifest to hand the engine: the object without status and server-set metadata, in the
 * request's namespace. Mirrors the strategies' `PrepareForCreate`/`PrepareForUpdate` resets; a
 * Node keeps its status, as `nodeStrategy.PrepareForCreate` does (a kubelet registers its capacity).
 */
export function manifestOf(t: Target, obj: Record<string, unknown>): Record<string, unknown> {
  const meta = { ...((obj.metadata ?? {}) as Record<string, unknown>) };
  if (t.namespace !== undefined) {
    if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== t.namespace) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    meta.namespace = t.namespace;
  }
  for (const k of [
    'resourceVersion',
    'uid',
    'creationTimestamp',
    'managedFields',
    'generation',
    'selfLink',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
  ])
    delete meta[k];
  const { status, ...rest } = obj;
  if (t.def.name === 'nodes' && status !== undefined) rest.status = status;
  return {
    ...rest,
    apiVersion: t.def.group === '' ? 'v1' : `${t.def.group}/v1`,
    kind: t.def.kind,
    metadata: meta,
  };
}
