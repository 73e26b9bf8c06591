import type { ClusterSnapshot, Pod, SimTime, Table } from '@daemonsim/core';
import {
  controllerRevisionTable,
  daemonSetTable,
  noResourcesFound,
  nodeTable,
  podTable,
  printTable,
} from '@daemonsim/core';
import type { PrintResource } from './steps.js';

/** What a `kubectl get` view shows: the resource and the flags that matter for text. */
export interface GetViewOptions {
  readonly resource: PrintResource;
  /** @defaultValue 'default' (ignored for nodes) */
  readonly namespace?: string;
  /** `-A`. */
  readonly allNamespaces?: boolean;
  /** `-o wide`. */
  readonly wide?: boolean;
  /** Only these pods (for pods; the command line then shows `label`, a `-l` selector, when given). */
  readonly pods?: readonly Pod[];
  /** The `-l` text shown on the command line. */
  readonly label?: string;
}

/**
 * Renders `kubectl get <resource>` of a snapshot as a shell transcript: a `$ kubectl get ...`
 * line, then the table, or kubectl's `No resources found in <ns> namespace.` when empty.
 * Objects are listed in key order, as the API server lists them.
 * Upstream counterpart: `kubectl get` with the default (human-readable) printer.
 */
export function renderGet(snapshot: ClusterSnapshot, now: SimTime, options: GetViewOptions): string {
  const all = options.allNamespaces === true;
  const namespace = options.namespace ?? 'default';
  const inScope = (ns: string): boolean => all || ns === namespace;
  const byKey = <T>(map: ReadonlyMap<string, T>): T[] => [...map.keys()].sort().map((k) => map.get(k)!);
  let table: Table;
  let command = `kubectl get ${options.resource === 'daemonsets' ? 'ds' : options.resource}`;
  switch (options.resource) {
    case 'daemonsets':
      table = daemonSetTable(
        byKey(snapshot.daemonSets).filter((ds) => inScope(ds.metadata.namespace)),
        now,
      );
      break;
    case 'pods': {
      const pods = options.pods ?? byKey(snapshot.pods).filter((p) => inScope(p.metadata.namespace));
      table = podTable(pods, now);
      break;
    }
    case 'nodes':
      table = nodeTable(byKey(snapshot.nodes), now);
      break;
    case 'controllerrevisions':
      table = controllerRevisionTable(
        byKey(snapshot.controllerRevisions).filter((r) => inScope(r.metadata.namespace)),
        now,
      );
      break;
  }
  if (options.resource !== 'nodes') command += all ? ' -A' : ` -n ${namespace}`;
  if (options.label !== undefined) command += ` -l ${options.label}`;
  if (options.wide === true) command += ' -o wide';
  const text = printTable(table, {
    wide: options.wide === true,
    withNamespace: all && options.resource !== 'nodes',
  });
  const body =
    text === ''
      ? `${noResourcesFound(options.resource === 'nodes' || all ? undefined : namespace)}\n`
      : text.endsWith('\n')
        ? text
        : `${text}\n`;
  return `$ ${command}\n${body}`;
}
