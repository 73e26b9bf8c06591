import type { ServerResponse } from 'node:http';
import type { ApiContext } from './apiContext.js';
import { respond } from './apiContext.js';
import type { Target } from './parseTarget.js';
import { pathNotFound } from './parseTarget.js';
import { RESOURCES } from './resources.js';
import { StatusError } from './status.js';
import { submitEvent } from './submitEvent.js';

/** The path prefix of daemonsim's node health actions. */
export const NODE_HEALTH_PREFIX = '/daemonsim/v1/nodes/';

const ACTIONS = {
  fail: 'NodeHeartbeatsStopped',
  recover: 'NodeHeartbeatsResumed',
} as const;

/**
 * `POST /daemonsim/v1/nodes/{name}/fail` stops the node's kubelet (no more heartbeats, its pods
 * left as they are, so the node lifecycle controller marks it unreachable after the grace
 * period) and `.../recover` starts it again, as the scenario steps `failNode` and `recoverNode`.
 * Answers the node's name, whether its kubelet is stopped, and the simulated time; a 404 Status
 * for an unknown node, 405 for a method other than POST.
 * Upstream has no counterpart: a real node fails by itself; Kubernetes has no API to fail one.
 */
export function nodeHealthRequest(ctx: ApiContext, res: ServerResponse, method: string, path: string): void {
  const [name, action, ...extra] = path
    .slice(NODE_HEALTH_PREFIX.length)
    .split('/')
    .map((p) => decodeURIComponent(p));
  if (name === undefined || name === '' || extra.length > 0 || (action !== 'fail' && action !== 'recover'))
    throw pathNotFound();
  if (method !== 'POST')
    throw new StatusError(405, 'MethodNotAllowed', `${method} is not supported on ${path}`);
  const target: Target = { def: RESOURCES.get('nodes')!, namespace: undefined, name, subresource: action };
  submitEvent(ctx, { type: ACTIONS[action], name }, target, name);
  return respond(ctx, res, 200, {
    node: name,
    heartbeatsStopped: ctx.simulation.heartbeatsStopped(name),
    ...(ctx.clock.timeInfo() as object),
  });
}
