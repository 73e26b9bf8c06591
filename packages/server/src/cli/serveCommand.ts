import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toTimestamp } from '@daemonsim/core';
import type { Command } from 'commander';
import { Option } from 'commander';
import { defaultClusterScenario } from '../apiserver/defaultCluster.js';
import { startApiServer } from '../apiserver/server.js';
import { ageArg, portArg, positiveDurationArg, speedArg } from './argParsers.js';
import { establishedScenario } from './establishedScenario.js';
import type { CliIo } from './cliIo.js';
import { CliError } from './cliIo.js';
import { isLoopbackHost } from './isLoopbackHost.js';
import { resolveScenario } from './libraryScenarios.js';
import { readStateFile } from './readInputFile.js';
import { recordRequests, replayState, startScenario } from './replayState.js';
import { DEFAULT_KUBECONFIG } from './serverClient.js';
import type { ReplayLog } from '@daemonsim/scenarios';
import { saveState } from './state.js';

interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly kubeconfig: string;
  readonly speed: number;
  readonly paused?: boolean;
  readonly save?: string;
  readonly saveEvery?: number;
  readonly state?: string;
  readonly established?: number;
  readonly insecureHttp?: boolean;
  readonly allowRemote?: boolean;
}

/** Writes `text` to `path` through a temporary file, so a stop mid-write never leaves half a state. */
function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/**
 * Registers `daemonsim serve`: a cluster (the default two EKS nodes, a library scenario, a scenario
 * file, or a state saved before) served over the Kubernetes-compatible API (HTTPS with a per-run
 * CA and bearer token unless `--insecure-http`; a non-loopback `--host` only with
 * `--allow-remote`), a kubeconfig written for it (CA and token included, readable by its owner
 * only), and with `--save` the state written on stop and every `--save-every` simulated time. Upstream has no counterpart (closest: `kind create cluster`).
 */
export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('Serve a cluster over a Kubernetes-compatible HTTPS API for kubectl; write a kubeconfig')
    .argument(
      '[scenario]',
      'scenario YAML file or library scenario name (default: two EKS nodes running kube-proxy and aws-node)',
    )
    .option('--port <n>', 'TCP port (0 picks a free one)', portArg, 8080)
    .option(
      '--host <address>',
      'address to listen on; one beyond loopback (0.0.0.0, a LAN address) needs --allow-remote',
      '127.0.0.1',
    )
    .option('--allow-remote', 'allow a --host that other machines can reach (prints a warning)')
    .option(
      '--insecure-http',
      'serve plain HTTP with no token instead of HTTPS with a per-run CA and a bearer token',
    )
    .option('--kubeconfig <file>', 'where to write the kubeconfig', DEFAULT_KUBECONFIG)
    .addOption(
      new Option('--speed <n>', 'simulated seconds per wall-clock second')
        .argParser(speedArg)
        .default(1)
        .conflicts('paused'),
    )
    .addOption(
      new Option('--paused', 'freeze the virtual clock; move it with daemonsim advance').conflicts('speed'),
    )
    .option('--save <file>', 'write the state to FILE on stop (SIGINT, SIGTERM) and with --save-every')
    .option(
      '--save-every <duration>',
      'with --save: also every this much simulated time (e.g. 5m)',
      positiveDurationArg,
    )
    .option('--state <file>', 'restore a state saved with --save (or daemonsim run --save)')
    .option(
      '--established <age>',
      'run the cluster this long first (140d, or a Go duration), so nodes and pods read that old',
      ageArg,
    )
    .action(async (scenarioArg: string | undefined, opts: ServeOptions) => {
      if (opts.saveEvery !== undefined && opts.save === undefined)
        throw new CliError(
          '--save-every needs --save FILE',
          'daemonsim serve --save state.json --save-every 5m',
        );
      if (opts.established !== undefined && opts.state !== undefined)
        throw new CliError(
          'give --established or --state, not both',
          'a saved state keeps the age it was served at: daemonsim serve --state FILE',
        );
      if (scenarioArg !== undefined && opts.state !== undefined)
        throw new CliError(
          'give a scenario or --state, not both',
          'a saved state carries the scenario it started from: daemonsim serve --state FILE',
        );
      const insecure = opts.insecureHttp === true;
      if (!(await isLoopbackHost(opts.host))) {
        if (opts.allowRemote !== true)
          throw new CliError(
            `--host ${opts.host} is not a loopback address: other machines could reach the cluster's API`,
            `serve on 127.0.0.1 (the default), or add --allow-remote to serve on ${opts.host} anyway`,
          );
        io.stderr(
          `daemonsim: warning: serving on ${opts.host}, reachable beyond this machine: ` +
            (insecure
              ? 'over plain HTTP with no token (--insecure-http), anyone who reaches it can read and change the cluster\n'
              : `anyone who reaches it with the token in ${resolve(opts.kubeconfig)} can read and change the cluster\n`),
        );
      }
      let replay: Omit<ReplayLog, 'requests'>;
      let simulation;
      let earlier: ReplayLog['requests'] = [];
      if (opts.state !== undefined) {
        const loaded = readStateFile(opts.state);
        simulation = replayState(loaded.state, loaded.snapshot, loaded.time);
        replay = {
          scenario: loaded.state.replay!.scenario,
          ...(loaded.state.replay!.seed === undefined ? {} : { seed: loaded.state.replay!.seed }),
        };
        earlier = loaded.state.replay!.requests;
      } else {
        const base = scenarioArg === undefined ? defaultClusterScenario() : resolveScenario(scenarioArg);
        const scenario = opts.established === undefined ? base : establishedScenario(base, opts.established);
        simulation = startScenario(scenario, undefined);
        replay = { scenario };
      }
      const requests = recordRequests(simulation, earlier);
      const sim = simulation;
      const save = (): void => {
        if (opts.save !== undefined)
          writeAtomically(opts.save, saveState(sim.snapshot(), sim.now, { ...replay, requests }));
      };
      const server = await startApiServer(simulation, {
        port: opts.port,
        host: opts.host,
        speed: opts.speed,
        paused: opts.paused === true,
        insecureHttp: insecure,
        replayLog: () => ({ ...replay, requests }),
      });
      const path = resolve(opts.kubeconfig);
      try {
        server.kubeconfig(path);
      } catch (error) {
        await server.close();
        throw new CliError(
          `cannot write the kubeconfig ${path}: ${error instanceof Error ? error.message : String(error)}; the server was stopped`,
          'choose a writable path with --kubeconfig FILE',
        );
      }
      // A first save at once: a path that cannot be written fails now, not at the first stop.
      try {
        save();
      } catch (error) {
        await server.close();
        throw new CliError(
          `cannot write the state ${opts.save}: ${error instanceof Error ? error.message : String(error)}; the server was stopped`,
          'choose a writable path with --save FILE',
        );
      }
      io.stdout(
        `daemonsim API server listening on ${server.url} (${opts.paused === true ? 'paused clock' : `speed ${opts.speed}`}; ` +
          `${insecure ? 'plain HTTP, no authentication' : 'TLS with a CA made for this run, bearer token in the kubeconfig'})\n` +
          (opts.state === undefined
            ? ''
            : `Restored ${opts.state} at simulated time ${toTimestamp(sim.now)}.\n`) +
          `Wrote kubeconfig to ${path}. Point kubectl at it:\n\n  export KUBECONFIG=${path}\n  kubectl get ds -n kube-system\n\n` +
          `Move the clock: daemonsim advance 90s\nAdd a node: daemonsim node add worker-3\n` +
          (server.viewUrl === undefined
            ? ''
            : `Watch it in a browser${insecure ? '' : ' (accept the certificate this run made)'}: ${server.viewUrl}\n`) +
          (opts.save === undefined
            ? ''
            : `Saving the state to ${resolve(opts.save)} on stop${opts.saveEvery === undefined ? '' : ` and every ${opts.saveEvery / 1000}s of simulated time`}.\n`) +
          `Press Ctrl-C to stop.\n`,
      );
      let savedAt = sim.now;
      const timer =
        opts.saveEvery === undefined
          ? undefined
          : setInterval(() => {
              if (sim.now - savedAt < opts.saveEvery!) return;
              savedAt = sim.now;
              try {
                save();
              } catch (error) {
                io.stderr(
                  `daemonsim: cannot save the state: ${error instanceof Error ? error.message : String(error)}\n`,
                );
              }
            }, 200);
      timer?.unref();
      await io.interrupted();
      if (timer !== undefined) clearInterval(timer);
      await server.close();
      save();
      if (opts.save !== undefined)
        io.stdout(`Saved the state at simulated time ${toTimestamp(sim.now)} to ${resolve(opts.save)}.\n`);
    });
}
