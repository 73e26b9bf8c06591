import type { SimEvent } from '@daemonsim/core';
import type { ApiContext } from './apiContext.js';
import type { Target } from './parseTarget.js';
import type { StatusDetails } from './status.js';
import { badRequest, toStatusError } from './status.js';

function detailsOf(t: Target, name: unknown): StatusDetails {
  return {
    ...(typeof name === 'string' ? { name } : {}),
    ...(t.def.group === '' ? {} : { group: t.def.group }),
    kind: t.def.name,
  };
}

/**
 * Runs a state change as a simulator event at the current simulated time; an engine error
 * becomes a Status naming the object. Upstream counterpart: the storage's write to etcd.
 */
export function submitEvent(ctx: ApiContext, event: SimEvent, t?: Target, name?: unknown): void {
  try {
    ctx.simulation.submit(event);
    ctx.logs.pump();
  } catch (error) {
    if (t === undefined) throw error;
    throw toStatusError(error, detailsOf(t, name));
  }
}

/** `?dryRun=All`: the object the event would store, checked by the engine, nothing written. */
export function dryRunEvent(ctx: ApiContext, event: SimEvent, t: Target, name: unknown): unknown {
  try {
    return ctx.simulation.dryRun(event).object ?? {};
  } catch (error) {
    throw toStatusError(error, detailsOf(t, name));
  }
}

/** Whether the request asks for a dry run (`?dryRun=All`, what `--dry-run=server` sends). */
export function isDryRun(query: URLSearchParams): boolean {
  const values = query.getAll('dryRun');
  if (values.length === 0) return false;
  for (const v of values)
    if (v !== 'All') throw badRequest(`dryRun: Unsupported value: "${v}": supported values: "All"`);
  return true;
}
