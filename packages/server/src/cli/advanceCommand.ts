import type { Command } from 'commander';
import { advanceArg } from './argParsers.js';
import type { CliIo } from './cliIo.js';
import type { ServerFlags } from './serverClient.js';
import { serverOptions } from './serverOptions.js';
import { checkResponse, resolveServer, sendRequest } from './serverClient.js';

/**
 * Registers `daemonsim advance`: `POST /daemonsim/v1/advance` on the serving cluster the flags or
 * the kubeconfig name. Upstream has no counterpart: a real cluster's clock is the wall clock.
 */
export function registerAdvance(program: Command, io: CliIo): void {
  serverOptions(
    program
      .command('advance')
      .description('Move the virtual clock of a running daemonsim serve forward')
      .argument('<duration>', 'how far, as a Go duration (90s, 5m, 1h30m)', advanceArg),
  ).action(async (duration: string, opts: ServerFlags) => {
    const target = resolveServer(opts, io.env ?? process.env);
    const path = `/daemonsim/v1/advance?duration=${encodeURIComponent(duration)}`;
    const res = await sendRequest(target, 'POST', path);
    checkResponse(target, res, '/daemonsim/v1/advance');
    const body = res.body as { time?: string; warnings?: string[] };
    for (const warning of body.warnings ?? []) io.stderr(`Warning: ${warning}\n`);
    io.stdout(`simulated time is now ${body.time ?? '?'}\n`);
  });
}
