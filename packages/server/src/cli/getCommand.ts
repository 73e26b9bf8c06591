import { noResourcesFound, printTable, toJson, toYaml } from '@daemonsim/core';
import type { Command } from 'commander';
import { Option } from 'commander';
import { metaOf } from '../apiserver/resources.js';
import { parseLabelSelector } from '../apiserver/selectors.js';
import type { CliIo } from './cliIo.js';
import { CliError } from './cliIo.js';
import { readStateFile } from './readInputFile.js';
import { resourceArg } from './resourceArg.js';

interface GetOptions {
  readonly state: string;
  readonly namespace: string;
  readonly allNamespaces?: boolean;
  readonly selector?: string;
  readonly output?: string;
}

/**
 * Registers `daemonsim get`: kubectl get against a saved state, in kubectl's table, wide, JSON or
 * YAML layouts. Mirrors `kubectl get` (k8s.io/kubectl/pkg/cmd/get).
 */
export function registerGet(program: Command, io: CliIo): void {
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
    .action((resource: string, name: string | undefined, opts: GetOptions) => {
      const def = resourceArg(resource);
      const { snapshot, time } = readStateFile(opts.state);
      const all = opts.allNamespaces === true || !def.namespaced;
      const labels = parseLabelSelector(opts.selector ?? null);
      let items = def
        .list(snapshot)
        .filter((o) => (all || metaOf(o).namespace === opts.namespace) && labels(metaOf(o).labels));
      if (name !== undefined) {
        items = items.filter((o) => metaOf(o).name === name);
        if (items.length === 0)
          throw new CliError(
            `${def.group === '' ? def.name : `${def.name}.${def.group}`} "${name}" not found`,
            `list what the state holds: daemonsim get ${def.name} --state ${opts.state}${def.namespaced ? ' -A' : ''}`,
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
    });
}
