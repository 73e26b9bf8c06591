import type { ServerResponse } from 'node:http';
import type { ApiContext } from './apiContext.js';
import { respond } from './apiContext.js';
import { getObject } from './listObjects.js';
import { decodeBody, fieldValidationOf, jsonText, kindOf, setWarnings } from './fieldValidation.js';
import { checkKind, manifestOf } from './manifestOf.js';
import { inputFormat } from './mediaType.js';
import { parseBody } from './parseBody.js';
import type { Target } from './parseTarget.js';
import { metaOf } from './resources.js';
import { badRequest, methodNotSupported, StatusError } from './status.js';
import { dryRunEvent, isDryRun, submitEvent } from './submitEvent.js';
import { updateEvent } from './updateEvent.js';

/**
 * `PUT` of an object: a replace, 409 Conflict when the body's `resourceVersion` is stale.
 * Mirrors the REST handler `UpdateResource`.
 */
export function replaceRequest(
  ctx: ApiContext,
  res: ServerResponse,
  t: Target,
  body: Buffer,
  contentType: string,
  query: URLSearchParams,
): void {
  if (t.name === undefined || t.subresource !== undefined)
    throw methodNotSupported(t.def.name, t.def.group, 'update');
  if (!t.def.verbs.includes('update')) throw methodNotSupported(t.def.name, t.def.group, 'update');
  const format = inputFormat(contentType);
  const directive = fieldValidationOf(query, 'UpdateOptions');
  const parsed = parseBody(body, format, ctx.clock.timeShift(), t.def);
  checkKind(t, parsed);
  const decoded = decodeBody(kindOf(t), parsed, jsonText(body, format), directive);
  setWarnings(res, decoded.warnings);
  const obj = decoded.object;
  const existing = getObject(ctx.simulation, t.def, t.namespace, t.name);
  const meta = (obj.metadata ?? {}) as { name?: unknown; resourceVersion?: unknown };
  if (meta.name !== undefined && meta.name !== t.name)
    throw badRequest(
      `the name of the object (${String(meta.name)}) does not match the name on the URL (${t.name})`,
    );
  if (
    typeof meta.resourceVersion === 'string' &&
    meta.resourceVersion !== '' &&
    meta.resourceVersion !== metaOf(existing).resourceVersion
  ) {
    throw new StatusError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${t.def.group === '' ? t.def.name : `${t.def.name}.${t.def.group}`} "${t.name}": the object has been modified; please apply your changes to the latest version and try again`,
      { name: t.name, ...(t.def.group === '' ? {} : { group: t.def.group }), kind: t.def.name },
    );
  }
  const manifest = manifestOf(t, { ...obj, metadata: { ...(obj.metadata as object), name: t.name } });
  const event = updateEvent(t, existing, manifest);
  if (isDryRun(query))
    return respond(ctx, res, 200, event === undefined ? existing : dryRunEvent(ctx, event, t, t.name));
  if (event !== undefined) submitEvent(ctx, event, t, t.name);
  return respond(ctx, res, 200, getObject(ctx.simulation, t.def, t.namespace, t.name));
}
