import type { ServerResponse } from 'node:http';
import type { SimEvent } from '@daemonsim/core';
import type { ApiContext } from './apiContext.js';
import { respond } from './apiContext.js';
import { findObject, getObject } from './listObjects.js';
import { inputFormat } from './mediaType.js';
import { parseBody } from './parseBody.js';
import type { Target } from './parseTarget.js';
import { metaOf } from './resources.js';
import type { Status } from './status.js';
import { badRequest, methodNotSupported, StatusError } from './status.js';
import { dryRunEvent, isDryRun, submitEvent } from './submitEvent.js';

/**
 * `DELETE` of an object with `DeleteOptions` (`gracePeriodSeconds`, `propagationPolicy`,
 * `dryRun`) from the body or the query; answers the object while it terminates, else a
 * Success Status. Mirrors the REST handler `DeleteResource`.
 */
export function deleteRequest(
  ctx: ApiContext,
  res: ServerResponse,
  t: Target,
  body: Buffer,
  contentType: string,
  query: URLSearchParams,
): void {
  const { simulation } = ctx;
  if (t.name === undefined || t.subresource !== undefined)
    throw methodNotSupported(t.def.name, t.def.group, 'deletecollection');
  if (!t.def.verbs.includes('delete')) throw methodNotSupported(t.def.name, t.def.group, 'delete');
  const options =
    body.length > 0 && body.toString('utf8').trim() !== ''
      ? parseBody(body, inputFormat(contentType), ctx.clock.timeShift(), { kind: 'DeleteOptions' })
      : {};
  const dryRun = isDryRun(query) || (Array.isArray(options.dryRun) && options.dryRun.length > 0);
  const existing = getObject(simulation, t.def, t.namespace, t.name);
  const namespace = t.namespace ?? 'default';
  const graceText = options.gracePeriodSeconds ?? query.get('gracePeriodSeconds') ?? undefined;
  const grace = graceText === undefined || graceText === null ? undefined : Number(graceText);
  if (grace !== undefined && !Number.isInteger(grace))
    throw badRequest(`gracePeriodSeconds: Invalid value: ${JSON.stringify(graceText)}: must be an integer`);
  let event: SimEvent;
  switch (t.def.name) {
    case 'daemonsets': {
      const policy = String(options.propagationPolicy ?? query.get('propagationPolicy') ?? 'Background');
      if (policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan') {
        throw new StatusError(
          422,
          'Invalid',
          `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`,
          {
            causes: [
              {
                reason: 'FieldValueNotSupported',
                message: `Unsupported value: "${policy}"`,
                field: 'propagationPolicy',
              },
            ],
          },
        );
      }
      event = { type: 'DaemonSetDeleted', namespace, name: t.name, propagationPolicy: policy };
      break;
    }
    case 'pods':
      event = {
        type: 'PodDeleted',
        namespace,
        name: t.name,
        ...(grace === undefined ? {} : { gracePeriodSeconds: Math.max(0, grace) }),
      };
      break;
    case 'nodes':
      event = { type: 'NodeRemoved', name: t.name };
      break;
    default:
      throw methodNotSupported(t.def.name, t.def.group, 'delete');
  }
  if (dryRun) {
    dryRunEvent(ctx, event, t, t.name);
    return respond(ctx, res, 200, existing);
  }
  submitEvent(ctx, event, t, t.name);
  const still = findObject(simulation, t.def, t.namespace, t.name);
  if (still !== undefined) return respond(ctx, res, 200, still);
  const meta = metaOf(existing);
  return respond(ctx, res, 200, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: {
      name: t.name,
      ...(t.def.group === '' ? {} : { group: t.def.group }),
      kind: t.def.name,
      ...(meta.uid === undefined ? {} : { uid: meta.uid }),
    },
  } satisfies Omit<Status, 'code'>);
}
