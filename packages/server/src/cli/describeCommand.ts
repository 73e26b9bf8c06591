import type { DaemonSet, KubeEvent, Node, Pod } from '@daemonsim/core';
import { describeDaemonSet, describeNode, describePod } from '@daemonsim/core';
import type { Command } from 'commander';
import type { CliIo } from './cliIo.js';
import { CliError } from './cliIo.js';
import { readStateFile } from './readInputFile.js';
import { resourceArg } from './resourceArg.js';

function sortedValues<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map.keys()].sort().map((k) => map.get(k)!);
}

/**
 * Registers `daemonsim describe`: kubectl describe of a DaemonSet, pod or node in a saved state.
 * Mirrors `kubectl describe` (k8s.io/kubectl/pkg/describe).
 */
export function registerDescribe(program: Command, io: CliIo): void {
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
      if (name === undefined)
        throw new CliError('a name is required', `daemonsim describe ${resource} NAME --state ${opts.state}`);
      const { snapshot, time } = readStateFile(opts.state);
      const events = sortedValues(snapshot.events) as KubeEvent[];
      const pods = sortedValues(snapshot.pods) as Pod[];
      const key = def.namespaced ? `${opts.namespace}/${name}` : name;
      const missing = (): never => {
        throw new CliError(
          `${def.group === '' ? def.name : `${def.name}.${def.group}`} "${name}" not found`,
          `list what the state holds: daemonsim get ${def.name} --state ${opts.state}${def.namespaced ? ' -A' : ''}`,
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
          throw new CliError(
            `describe supports ds, pods and nodes, not ${def.name}`,
            `use daemonsim get ${def.name} -o yaml`,
          );
      }
    });
}
