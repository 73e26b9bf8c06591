import type { ServerResponse } from 'node:http';
import type { Simulation } from '@daemonsim/core';
import type { ReplayLog } from '@daemonsim/scenarios';
import type { ListSnapshots } from './listSnapshots.js';
import type { LogFollowers } from './logFollowers.js';
import { sendJson } from './sendJson.js';
import type { VirtualClock } from './virtualClock.js';
import type { WatchHub } from './watchHub.js';

/** What every request handler of the API server shares: the simulation, its clock, watches and log streams. */
export interface ApiContext {
  readonly simulation: Simulation;
  readonly clock: VirtualClock;
  readonly watches: WatchHub;
  readonly logs: LogFollowers;
  /** The states paginated lists read, for their `continue` tokens. */
  readonly lists: ListSnapshots;
  /** The largest request body accepted, in bytes. */
  readonly maxBody: number;
  /** The bearer token every request needs (but the public paths); undefined: no authentication. */
  readonly token: string | undefined;
  /** The requests that made the simulation, for `GET /daemonsim/v1/replay`; undefined: none kept. */
  readonly replayLog: (() => ReplayLog) | undefined;
  /** The directory of the built browser view served at `/ui/`; undefined: not built. */
  readonly viewRoot: string | undefined;
  /** `host:port` as clients reach it, for discovery's `serverAddressByClientCIDRs`. */
  serverAddress: string;
}

/** Answers `obj` as JSON with the context's timestamp shift. */
export function respond(ctx: ApiContext, res: ServerResponse, code: number, obj: unknown): void {
  sendJson(res, code, obj, ctx.clock.timeShift());
}
