import type { ServerResponse } from 'node:http';
import type { SimEvent } from '@daemonsim/core';
import type { ApiContext } from './apiContext.js';
import { respond } from './apiContext.js';
import { findObject, getObject } from './listObjects.js';
import { decodeBody, fieldValidationOf, jsonText, kindOf, setWarnings } from './fieldValidation.js';
import { checkKind, manifestOf } from './manifestOf.js';
import { inputFormat } from './mediaType.js';
import { nodeInput } from './nodeManifest.js';
import { parseBody } from './parseBody.js';
import type { Target } from './parseTarget.js';
import { alreadyExists, methodNotSupported, StatusError, toStatusError } from './status.js';
import { dryRunEvent, isDryRun, submitEvent } from './submitEvent.js';

/**
 * `POST` of a resource: a create, or a pod's `eviction` subresource.
 * Mirrors the REST handler `CreateResource`.
 */
export function createRequest(
  ctx: ApiContext,
  res: ServerResponse,
  t: Target,
  body: Buffer,
  contentType: string,
  query: URLSearchParams,
): void {
  const { simulation } = ctx;
  if (t.name !== undefined) {
    if (t.def.name === 'pods' && t.subresource === 'eviction') {
      parseBody(body, inputFormat(contentType), ctx.clock.timeShift(), { kind: 'Eviction' });
      getObject(simulation, t.def, t.namespace, t.name);
      submitEvent(ctx, { type: 'PodDeleted', namespace: t.namespace ?? 'default', name: t.name });
      return respond(ctx, res, 201, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        code: 201,
      });
    }
    throw methodNotSupported(t.def.name, t.def.group, 'create');
  }
  if (!t.def.verbs.includes('create')) throw methodNotSupported(t.def.name, t.def.group, 'create');
  const format = inputFormat(contentType);
  const dryRun = isDryRun(query);
  const directive = fieldValidationOf(query, 'CreateOptions');
  const obj = parseBody(body, format, ctx.clock.timeShift(), t.def);
  checkKind(t, obj);
  const decoded = decodeBody(kindOf(t), obj, jsonText(body, format), directive);
  setWarnings(res, decoded.warnings);
  const manifest = manifestOf(t, decoded.object);
  const name = (manifest.metadata as { name?: unknown }).name;
  if (
    typeof name === 'string' &&
    name !== '' &&
    findObject(simulation, t.def, t.namespace ?? namespaceOf(manifest), name) !== undefined
  )
    throw alreadyExists(t.def.name, t.def.group, name);
  if (t.def.name === 'nodes') {
    if (typeof name !== 'string' || name === '')
      throw toStatusError(
        new StatusError(
          422,
          'Invalid',
          'Node "" is invalid: metadata.name: Required value: name or generateName is required',
        ),
      );
  }
  const event: SimEvent =
    t.def.name === 'nodes'
      ? { type: 'NodeAdded', node: nodeInput(manifest) }
      : { type: 'ManifestApplied', manifest };
  if (dryRun) return respond(ctx, res, 201, dryRunEvent(ctx, event, t, name));
  submitEvent(ctx, event, t, name);
  const created =
    typeof name === 'string'
      ? getObject(simulation, t.def, t.namespace ?? namespaceOf(manifest), name)
      : undefined;
  return respond(ctx, res, 201, created ?? {});
}

function namespaceOf(manifest: Record<string, unknown>): string | undefined {
  const namespace = (manifest.metadata as { namespace?: unknown }).namespace;
  return typeof namespace === 'string' && namespace !== '' ? namespace : undefined;
}
