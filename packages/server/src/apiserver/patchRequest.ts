import type { ServerResponse } from 'node:http';
import type { SimEvent } from '@daemonsim/core';
import type { ApiContext } from './apiContext.js';
import { respond } from './apiContext.js';
import { getObject } from './listObjects.js';
import {
  decodeBody,
  decodePatched,
  fieldValidationOf,
  jsonText,
  kindOf,
  setWarnings,
} from './fieldValidation.js';
import { checkKind, manifestOf } from './manifestOf.js';
import { patchTypeOf } from './mediaType.js';
import { nodeInput } from './nodeManifest.js';
import { jsonMergePatch, jsonPatch, JsonPatchError, strategicMergePatch } from './patch.js';
import { parseBody, parseJsonPatch } from './parseBody.js';
import type { Target } from './parseTarget.js';
import { badRequest, methodNotSupported, StatusError } from './status.js';
import { dryRunEvent, isDryRun, submitEvent } from './submitEvent.js';
import { updateEvent } from './updateEvent.js';

/**
 * `PATCH` of an object (or its `status`): JSON patch, merge patch, strategic merge patch, and
 * server-side apply, which creates a missing object.
 * Mirrors the REST handler `PatchResource`.
 * Deviation: apply has no field managers and merges as a strategic merge patch.
 */
export function patchRequest(
  ctx: ApiContext,
  res: ServerResponse,
  t: Target,
  body: Buffer,
  contentType: string,
  query: URLSearchParams,
): void {
  const { simulation } = ctx;
  if (t.name === undefined || (t.subresource !== undefined && t.subresource !== 'status'))
    throw methodNotSupported(t.def.name, t.def.group, 'patch');
  if (!t.def.verbs.includes('patch')) throw methodNotSupported(t.def.name, t.def.group, 'patch');
  const type = patchTypeOf(contentType);
  const isApply = type === 'application/apply-patch+yaml';
  const isJsonPatch = type === 'application/json-patch+json';
  const format = isApply ? 'yaml' : 'json';
  const dryRun = isDryRun(query);
  const directive = fieldValidationOf(query, 'PatchOptions');
  const shift = ctx.clock.timeShift();
  const operations = isJsonPatch ? parseJsonPatch(body, shift) : undefined;
  const patchBody = isJsonPatch ? {} : parseBody(body, format, shift, 'patch');
  let existing: unknown;
  try {
    existing = getObject(simulation, t.def, t.namespace, t.name);
  } catch (error) {
    if (!(isApply && error instanceof StatusError && error.status.code === 404)) throw error;
  }
  if (isApply) checkKind(t, patchBody);
  if (existing === undefined) {
    const decoded = decodeBody(kindOf(t), patchBody, jsonText(body, format), directive);
    setWarnings(res, decoded.warnings);
    const manifest = manifestOf(t, {
      ...decoded.object,
      metadata: { ...(decoded.object.metadata as object), name: t.name },
    });
    const event: SimEvent =
      t.def.name === 'nodes'
        ? { type: 'NodeAdded', node: nodeInput(manifest) }
        : { type: 'ManifestApplied', manifest };
    if (dryRun) return respond(ctx, res, 201, dryRunEvent(ctx, event, t, t.name));
    submitEvent(ctx, event, t, t.name);
    return respond(ctx, res, 201, getObject(simulation, t.def, t.namespace, t.name));
  }
  let merged: Record<string, unknown>;
  if (operations !== undefined) {
    try {
      merged = jsonPatch(existing, operations) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof JsonPatchError) throw new StatusError(422, 'Invalid', error.message);
      throw error;
    }
    if (merged === null || typeof merged !== 'object' || Array.isArray(merged))
      throw new StatusError(422, 'Invalid', 'the patched object is not a JSON object');
  } else {
    merged = (
      type === 'application/merge-patch+json'
        ? jsonMergePatch(existing, patchBody)
        : strategicMergePatch(existing, patchBody)
    ) as Record<string, unknown>;
  }
  const patched = decodePatched(kindOf(t), merged, directive);
  setWarnings(res, patched.warnings);
  merged = patched.object;
  const mergedMeta = (merged.metadata ?? {}) as { name?: unknown };
  if (mergedMeta.name !== t.name)
    throw badRequest(
      `the name of the object (${String(mergedMeta.name)}) does not match the name on the URL (${t.name})`,
    );
  const event = updateEvent(t, existing, manifestOf(t, merged));
  if (dryRun)
    return respond(ctx, res, 200, event === undefined ? existing : dryRunEvent(ctx, event, t, t.name));
  if (event !== undefined) submitEvent(ctx, event, t, t.name);
  return respond(ctx, res, 200, getObject(simulation, t.def, t.namespace, t.name));
}
