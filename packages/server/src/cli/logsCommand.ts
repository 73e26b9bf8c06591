import type { ImageBehaviours, Node, Pod } from '@daemonsim/core';
import { containerLogs } from '@daemonsim/core';
import { parseScenario, simulationOptions } from '@daemonsim/scenarios';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { CliIo } from './cliIo.js';
import { CliError } from './cliIo.js';
import { readStateFile } from './readInputFile.js';
import type { SavedState } from './state.js';

interface LogsOptions {
  readonly state: string;
  readonly namespace: string;
  readonly container?: string;
  readonly previous?: boolean;
  readonly tail?: number;
  readonly timestamps?: boolean;
}

function tailArg(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`not an integer: ${text}`);
  return n;
}

/**
 * The image behaviours of the scenario a state was run from (its log programs); none for a state
 * without a replay log or with one this version cannot read.
 */
function stateImages(state: SavedState): ImageBehaviours {
  if (state.replay === undefined) return {};
  try {
    return simulationOptions(parseScenario(JSON.stringify(state.replay.scenario)).options).images ?? {};
  } catch {
    return {};
  }
}

/**
 * Registers `daemonsim logs`: a container's log in a saved state. Mirrors `kubectl logs`
 * (k8s.io/kubectl/pkg/cmd/logs), its `Defaulted container` note included.
 */
export function registerLogs(program: Command, io: CliIo): void {
  program
    .command('logs')
    .description('kubectl logs against a saved state (daemonsim run --save FILE)')
    .argument('<pod>', 'pod name (or pod/name)')
    .requiredOption('--state <file>', 'saved state file')
    .option('-n, --namespace <ns>', 'namespace', 'default')
    .option('-c, --container <name>', 'container (default: the only or first one)')
    .option('-p, --previous', 'the previous instance of the container')
    .option('--tail <n>', 'only the last N lines (-1: all)', tailArg)
    .option('--timestamps', 'prefix each line with its RFC 3339 timestamp')
    .action((podArg: string, opts: LogsOptions) => {
      const name = podArg.replace(/^pods?\//, '');
      const { snapshot, time, state } = readStateFile(opts.state);
      const pod = snapshot.pods.get(`${opts.namespace}/${name}`) as Pod | undefined;
      if (pod === undefined)
        throw new CliError(
          `pods "${name}" not found`,
          `list the pods: daemonsim get pods --state ${opts.state} -A`,
        );
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
        // On the state's own clock, as get and describe present it: no shift, so each klog date
        // agrees with its --timestamps prefix and with describe's Started time.
        containerLogs(pod, node, stateImages(state), time, container, {
          ...(opts.previous === true ? { previous: true } : {}),
          ...(opts.tail === undefined ? {} : { tail: opts.tail }),
          ...(opts.timestamps === true ? { timestamps: true } : {}),
        }),
      );
    });
}
