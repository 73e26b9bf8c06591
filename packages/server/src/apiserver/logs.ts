import type { LogOptions, SimTime } from '@daemonsim/core';
import { SIM_EPOCH_MS } from '@daemonsim/core';
import { queryBool } from './queryBool.js';
import { badRequest } from './status.js';

/** The query of a `pods/log` request, as the engine's `Simulation.logs` takes it. */
export interface LogRequest {
  /** `container`, or undefined for the pod's only container. */
  readonly container: string | undefined;
  readonly options: LogOptions;
  /** `follow=true`: keep the response open and stream new lines. */
  readonly follow: boolean;
  /** `limitBytes`: cut the answer after this many bytes. */
  readonly limitBytes: number | undefined;
}

function nonNegativeInteger(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null || text === '') return undefined;
  const n = Number(text);
  if (!Number.isInteger(n)) throw badRequest(`${name}: Invalid value: "${text}": must be an integer`);
  return n;
}

/**
 * Parses the query of `GET /api/v1/namespaces/{ns}/pods/{name}/log` (`container`, `previous`,
 * `sinceSeconds`, `sinceTime`, `tailLines`, `timestamps`, `follow`, `limitBytes`) into the
 * engine's log options, with `sinceTime` moved from the presented clock back to simulated time.
 * Mirrors `PodLogOptions` and its validation (pkg/apis/core/validation `ValidatePodLogOptions`).
 * Deviation: `insecureSkipTLSVerifyBackend` and `stream` are ignored.
 */
export function parseLogRequest(query: URLSearchParams, now: SimTime, timeShift: number): LogRequest {
  const tail = nonNegativeInteger(query, 'tailLines');
  if (tail !== undefined && tail < 0)
    throw badRequest(`tailLines: Invalid value: ${tail}: must be greater than or equal to 0`);
  const sinceSeconds = nonNegativeInteger(query, 'sinceSeconds');
  if (sinceSeconds !== undefined && sinceSeconds < 1)
    throw badRequest(`sinceSeconds: Invalid value: ${sinceSeconds}: must be greater than 0`);
  const sinceText = query.get('sinceTime');
  if (sinceSeconds !== undefined && sinceText !== null)
    throw badRequest('sinceTime: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified');
  let sinceTime: SimTime | undefined;
  if (sinceText !== null && sinceText !== '') {
    const ms = Date.parse(sinceText);
    if (Number.isNaN(ms))
      throw badRequest(`sinceTime: Invalid value: "${sinceText}": must be an RFC 3339 time`);
    sinceTime = ms - timeShift - SIM_EPOCH_MS;
  } else if (sinceSeconds !== undefined) sinceTime = now - sinceSeconds * 1000;
  const limitBytes = nonNegativeInteger(query, 'limitBytes');
  if (limitBytes !== undefined && limitBytes < 1)
    throw badRequest(`limitBytes: Invalid value: ${limitBytes}: must be greater than 0`);
  const container = query.get('container');
  return {
    container: container === null || container === '' ? undefined : container,
    options: {
      ...(queryBool(query, 'previous') ? { previous: true } : {}),
      ...(sinceTime === undefined ? {} : { sinceTime }),
      ...(tail === undefined ? {} : { tail }),
      ...(queryBool(query, 'timestamps') ? { timestamps: true } : {}),
    },
    follow: queryBool(query, 'follow'),
    limitBytes,
  };
}
