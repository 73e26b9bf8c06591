import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ClusterSnapshot, DaemonSet, KubeEvent, Node, Pod, SimTime } from '@daemonsim/core';
import {
  containerLogs,
  describeDaemonSet,
  describeNode,
  describePod,
  formatTrace,
  noResourcesFound,
  printTable,
  SimulationError,
  toChromeTrace,
  toJson,
  toYaml,
} from '@daemonsim/core';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import { createDefaultCluster } from '../apiserver/defaultCluster.js';
import type { ResourceDef, ResourceName } from '../apiserver/resources.js';
import { metaOf, RESOURCES } from '../apiserver/resources.js';
import { parseLabelSelector } from '../apiserver/selectors.js';
import { startApiServer } from '../apiserver/server.js';
import { StatusError } from '../apiserver/status.js';
import { parseDuration, parseScenario, runScenario, ScenarioExpectationError } from '@daemonsim/scenarios';
import { RUN_DEFAULTS } from './runDefaults.js';
import { loadState, saveState } from './state.js';

/** Where the CLI writes, and how it learns of interruption; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress bars only then). */
  readonly stderrIsTTY: boolean;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); `serve` waits for it. */
  readonly interrupted: () => Promise<void>;
}

/** Exit code for a failed `expect`. */
export const EXIT_EXPECTATION_FAILED = 1;
/** Exit code for bad input: unreadable files, malformed scenarios, bad flags. */
export const EXIT_BAD_INPUT = 2;

const RESOURCE_ALIASES: Readonly<Record<string, ResourceName>> = {
  ds: 'daemonsets',
  daemonset: 'daemonsets',
  daemonsets: 'daemonsets',
  po: 'pods',
  pod: 'pods',
  pods: 'pods',
  no: 'nodes',
  node: 'nodes',
  nodes: 'nodes',
  ns: 'namespaces',
  namespace: 'namespaces',
  namespaces: 'namespaces',
  ev: 'events',
  event: 'events',
  events: 'events',
  controllerrevision: 'controllerrevisions',
  controllerrevisions: 'controllerrevisions',
};

function resourceArg(text: string): ResourceDef {
  const [kind] = text.split('/');
  const name = RESOURCE_ALIASES[(kind ?? '').toLowerCase().replace(/\.apps$/, '')];
  if (name === undefined) throw new InvalidArgumentError(`the server doesn't have a resource type "${text}"`);
  return RESOURCES.get(name)!;
}

function intArg(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('must be an integer port 0-65535');
  return n;
}

function speedArg(text: string): number {
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError('must be a positive number');
  return n;
}

function durationArg(text: string): number {
  try {
    return parseDuration(text);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
}

/** `daemonsim advance`'s duration: a Go duration that does not move the clock back; the text itself, to send on. */
function advanceArg(text: string): string {
  if (durationArg(text) < 0)
    throw new InvalidArgumentError(`time: duration ${JSON.stringify(text)} must not be negative`);
  return text;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new SimulationError(
      'BadRequest',
      `${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function loadStateFile(path: string): { snapshot: ClusterSnapshot; time: SimTime } {
  return loadState(readText(path));
}

function sortedValues<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map.keys()].sort().map((k) => map.get(k)!);
}

/**
 * Builds the `daemonsim` command: `run`, `serve`, `advance`, and `get`/`describe`/`logs`
 * against a saved state. Upstream has no counterpart (its `get`/`describe`/`logs` mirror kubectl's).
 */
export function createProgram(io: CliIo): Command {
  const program = new Command('daemonsim');
  program
    .description('A seeded discrete-event Kubernetes cluster simulator with a faithful DaemonSet controller.')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError();

  program
    .command('run')
    .description(
      "Run a scenario file; print its trace and its print steps' views (or, with --output json, the final state)",
    )
    .argument('<scenario>', 'scenario YAML file')
    .option('--seed <n>', 'override the scenario seed')
    .option(
      '--until <duration>',
      'after the steps, run the cluster until this simulated time (e.g. 10m)',
      durationArg,
    )
    .addOption(new Option('-o, --output <format>', 'what to print').choices(['text', 'json']).default('text'))
    .option('--save <file>', 'write the final state to FILE for daemonsim get/describe/logs')
    .option(
      '--perfetto <file>',
      'write the trace as Chrome trace-event JSON to FILE (opens in ui.perfetto.dev)',
    )
    .action(
      (
        file: string,
        opts: { seed?: string; until?: number; output: 'text' | 'json'; save?: string; perfetto?: string },
      ) => {
        const scenario = parseScenario(readText(file));
        const seed =
          opts.seed === undefined ? undefined : /^-?\d+$/.test(opts.seed) ? Number(opts.seed) : opts.seed;
        const total = scenario.steps.length;
        const bar =
          io.stderrIsTTY && total >= 20
            ? new cliProgress.SingleBar(
                {
                  stream: process.stderr,
                  format: 'steps [{bar}] {value}/{total} | {time}',
                  hideCursor: true,
                },
                cliProgress.Presets.shades_classic,
              )
            : undefined;
        bar?.start(total, 0, { time: '0s' });
        let result;
        try {
          result = runScenario(scenario, {
            simulationDefaults: RUN_DEFAULTS,
            ...(seed === undefined ? {} : { seed }),
            onStep: (step) => bar?.update(step.index + 1, { time: `${Math.floor(step.finishedAt / 1000)}s` }),
          });
        } finally {
          bar?.stop();
        }
        const sim = result.simulation;
        if (opts.until !== undefined && opts.until > sim.now) sim.runUntil(opts.until);
        const snapshot = sim.snapshot();
        if (opts.save !== undefined) writeFileSync(opts.save, saveState(snapshot, snapshot.time));
        if (opts.perfetto !== undefined)
          writeFileSync(opts.perfetto, JSON.stringify(toChromeTrace(sim.trace)));
        if (opts.output === 'json') io.stdout(saveState(snapshot, snapshot.time));
        else {
          const text = opts.until === undefined ? result.traceText : formatTrace(sim.trace);
          io.stdout(text.endsWith('\n') ? text : `${text}\n`);
          // What the scenario's print steps showed follows the trace, as in the golden files.
          if (result.output !== '') io.stdout(`\n--- output ---\n${result.output}`);
        }
      },
    );

  program
    .command('serve')
    .description('Serve a cluster over a Kubernetes-compatible HTTP API for kubectl; write a kubeconfig')
    .argument('[scenario]', 'scenario YAML file (default: two EKS nodes running kube-proxy and aws-node)')
    .option('--port <n>', 'TCP port (0 picks a free one)', intArg, 8080)
    .option('--host <address>', 'address to listen on (only loopback unless given)', '127.0.0.1')
    .option('--kubeconfig <file>', 'where to write the kubeconfig', 'daemonsim.kubeconfig')
    .addOption(
      new Option('--speed <n>', 'simulated seconds per wall-clock second')
        .argParser(speedArg)
        .default(1)
        .conflicts('paused'),
    )
    .addOption(
      new Option('--paused', 'freeze the virtual clock; move it with daemonsim advance').conflicts('speed'),
    )
    .action(
      async (
        file: string | undefined,
        opts: { port: number; host: string; kubeconfig: string; speed: number; paused?: boolean },
      ) => {
        const simulation =
          file === undefined ? createDefaultCluster() : runScenario(parseScenario(readText(file))).simulation;
        const server = await startApiServer(simulation, {
          port: opts.port,
          host: opts.host,
          speed: opts.speed,
          paused: opts.paused === true,
        });
        const path = resolve(opts.kubeconfig);
        server.kubeconfig(path);
        io.stdout(
          `daemonsim API server listening on ${server.url} (${opts.paused === true ? 'paused clock' : `speed ${opts.speed}`})\n` +
            `Wrote kubeconfig to ${path}. Point kubectl at it:\n\n  export KUBECONFIG=${path}\n  kubectl get ds -n kube-system\n\n` +
            `Move the clock: daemonsim advance 90s --server ${server.url}\nPress Ctrl-C to stop.\n`,
        );
        await io.interrupted();
        await server.close();
      },
    );

  program
    .command('advance')
    .description('Move the virtual clock of a running daemonsim serve forward')
    .argument('<duration>', 'how far, as a Go duration (90s, 5m, 1h30m)', advanceArg)
    .option('--server <url>', 'the daemonsim serve URL', 'http://127.0.0.1:8080')
    .action(async (duration: string, opts: { server: string }) => {
      const response = await fetch(
        `${opts.server.replace(/\/$/, '')}/daemonsim/v1/advance?duration=${encodeURIComponent(duration)}`,
        { method: 'POST' },
      );
      const body = (await response.json()) as { time?: string; message?: string; warnings?: string[] };
      if (!response.ok)
        throw new StatusError(response.status, 'BadRequest', body.message ?? `HTTP ${response.status}`);
      for (const warning of body.warnings ?? []) io.stderr(`Warning: ${warning}\n`);
      io.stdout(`simulated time is now ${body.time ?? '?'}\n`);
    });

  program
    .command('get')
    .description('kubectl get against a saved state (daemonsim run --save FILE)')
    .argument('<resource>', 'ds, pods, nodes, ns, events or controllerrevisions')
    .argument('[name]', 'one object')
    .requiredOption('--state <file>', 'saved state file')
    .option('-n, --namespace <ns>', 'namespace', 'default')
    .option('-A, --all-namespaces', 'every namespace')
    .option('-l, --selector <selector>', 'label selector')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['wide', 'json', 'yaml']))
    .action(
      (
        resource: string,
        name: string | undefined,
        opts: {
          state: string;
          namespace: string;
          allNamespaces?: boolean;
          selector?: string;
          output?: string;
        },
      ) => {
        const def = resourceArg(resource);
        const { snapshot, time } = loadStateFile(opts.state);
        const all = opts.allNamespaces === true || !def.namespaced;
        const labels = parseLabelSelector(opts.selector ?? null);
        let items = def
          .list(snapshot)
          .filter((o) => (all || metaOf(o).namespace === opts.namespace) && labels(metaOf(o).labels));
        if (name !== undefined) {
          items = items.filter((o) => metaOf(o).name === name);
          if (items.length === 0)
            throw new SimulationError(
              'NotFound',
              `${def.group === '' ? def.name : `${def.name}.${def.group}`} "${name}" not found`,
            );
        }
        if (opts.output === 'json' || opts.output === 'yaml') {
          const obj =
            name !== undefined
              ? items[0]
              : { apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } };
          io.stdout(opts.output === 'json' ? `${toJson(obj)}\n` : toYaml(obj));
          return;
        }
        const text = printTable(def.table(items, time), {
          wide: opts.output === 'wide',
          withNamespace: opts.allNamespaces === true && def.namespaced,
        });
        if (text === '') io.stderr(`${noResourcesFound(all ? undefined : opts.namespace)}\n`);
        else io.stdout(text.endsWith('\n') ? text : `${text}\n`);
      },
    );

  program
    .command('describe')
    .description('kubectl describe against a saved state (daemonsim run --save FILE)')
    .argument('<resource>', 'ds, pod or node (or kind/name)')
    .argument('[name]', 'the object')
    .requiredOption('--state <file>', 'saved state file')
    .option('-n, --namespace <ns>', 'namespace', 'default')
    .action((resource: string, nameArg: string | undefined, opts: { state: string; namespace: string }) => {
      const def = resourceArg(resource);
      const name = nameArg ?? resource.split('/')[1];
      if (name === undefined) throw new InvalidArgumentError('a name is required');
      const { snapshot, time } = loadStateFile(opts.state);
      const events = sortedValues(snapshot.events) as KubeEvent[];
      const pods = sortedValues(snapshot.pods) as Pod[];
      const key = def.namespaced ? `${opts.namespace}/${name}` : name;
      const missing = (): never => {
        throw new SimulationError(
          'NotFound',
          `${def.group === '' ? def.name : `${def.name}.${def.group}`} "${name}" not found`,
        );
      };
      switch (def.name) {
        case 'daemonsets':
          io.stdout(
            describeDaemonSet(
              (snapshot.daemonSets.get(key) as DaemonSet | undefined) ?? missing(),
              pods,
              events,
              time,
            ),
          );
          return;
        case 'pods':
          io.stdout(describePod((snapshot.pods.get(key) as Pod | undefined) ?? missing(), events, time));
          return;
        case 'nodes':
          io.stdout(
            describeNode((snapshot.nodes.get(key) as Node | undefined) ?? missing(), pods, events, time),
          );
          return;
        default:
          throw new InvalidArgumentError(`describe supports ds, pods and nodes, not ${def.name}`);
      }
    });

  program
    .command('logs')
    .description('kubectl logs against a saved state (daemonsim run --save FILE)')
    .argument('<pod>', 'pod name (or pod/name)')
    .requiredOption('--state <file>', 'saved state file')
    .option('-n, --namespace <ns>', 'namespace', 'default')
    .option('-c, --container <name>', 'container (default: the only or first one)')
    .option('-p, --previous', 'the previous instance of the container')
    .option('--tail <n>', 'only the last N lines (-1: all)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n)) throw new InvalidArgumentError(`--tail: not an integer: ${v}`);
      return n;
    })
    .option('--timestamps', 'prefix each line with its RFC 3339 timestamp')
    .action(
      (
        podArg: string,
        opts: {
          state: string;
          namespace: string;
          container?: string;
          previous?: boolean;
          tail?: number;
          timestamps?: boolean;
        },
      ) => {
        const name = podArg.replace(/^pods?\//, '');
        const { snapshot, time } = loadStateFile(opts.state);
        const pod = snapshot.pods.get(`${opts.namespace}/${name}`) as Pod | undefined;
        if (pod === undefined) throw new SimulationError('NotFound', `pods "${name}" not found`);
        const container = opts.container ?? pod.spec.containers[0]?.name;
        if (opts.container === undefined && pod.spec.containers.length > 1) {
          io.stderr(
            `Defaulted container "${container}" out of: ${pod.spec.containers.map((c) => c.name).join(', ')}\n`,
          );
        }
        const node =
          pod.spec.nodeName === undefined
            ? undefined
            : (snapshot.nodes.get(pod.spec.nodeName) as Node | undefined);
        io.stdout(
          containerLogs(pod, node, {}, time, container, {
            ...(opts.previous === true ? { previous: true } : {}),
            ...(opts.tail === undefined ? {} : { tail: opts.tail }),
            ...(opts.timestamps === true ? { timestamps: true } : {}),
          }),
        );
      },
    );

  return program;
}

/**
 * Runs the `daemonsim` command line (`argv` without `node` and the script) and returns its exit
 * code: 0, 1 for a failed `expect`, 2 for bad input or a rejected request.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.help' ||
        error.code === 'commander.version'
        ? 0
        : EXIT_BAD_INPUT;
    }
    if (error instanceof ScenarioExpectationError) {
      io.stderr(`error: ${error.message}\n`);
      return EXIT_EXPECTATION_FAILED;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`error: ${message}\n`);
    return EXIT_BAD_INPUT;
  }
}
