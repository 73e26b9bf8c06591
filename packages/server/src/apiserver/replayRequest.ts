import type { ServerResponse } from 'node:http';
import type { ApiContext } from './apiContext.js';
import { sendJson } from './sendJson.js';
import { badRequest, StatusError } from './status.js';

/**
 * Answers `GET /daemonsim/v1/replay?since=N`: the scenario and seed the server started from, the
 * requests it took from the `since`-th on (0 by default), how many it has taken in all, and the
 * simulated time now. Replaying them with `applyRecordedRequests` and running to `now` gives the
 * server's cluster byte for byte; the browser view follows a server so, polling with `since` set
 * to the last `total`. Upstream has no counterpart (closest: a watch from a resourceVersion).
 */
export function replayRequest(ctx: ApiContext, res: ServerResponse, query: URLSearchParams): void {
  if (ctx.replayLog === undefined)
    throw new StatusError(404, 'NotFound', 'this server keeps no replay log (daemonsim serve keeps one)');
  const text = query.get('since') ?? '0';
  if (!/^\d{1,15}$/.test(text))
    throw badRequest(`since: Invalid value: ${JSON.stringify(text)}: must be a non-negative integer`);
  const since = Number(text);
  const log = ctx.replayLog();
  sendJson(
    res,
    200,
    {
      kind: 'ReplayLog',
      scenario: log.scenario,
      ...(log.seed === undefined ? {} : { seed: log.seed }),
      since,
      total: log.requests.length,
      requests: log.requests.slice(since),
      now: ctx.simulation.now,
    },
    0,
  );
}
