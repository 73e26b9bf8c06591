import type { ResourceDef, ResourceName } from '../apiserver/resources.js';
import { RESOURCES } from '../apiserver/resources.js';
import { CliError } from './cliIo.js';

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

/**
 * The resource a `get` or `describe` argument names (`ds`, `pods`, `daemonsets.apps`, `pod/x`).
 * Mirrors kubectl's RESTMapper lookup and its `the server doesn't have a resource type` message.
 */
export function resourceArg(text: string): ResourceDef {
  const [kind] = text.split('/');
  const name = RESOURCE_ALIASES[(kind ?? '').toLowerCase().replace(/\.apps$/, '')];
  if (name === undefined)
    throw new CliError(
      `the server doesn't have a resource type "${text}"`,
      'daemonsim serves daemonsets (ds), pods (po), nodes (no), namespaces (ns), events (ev) and controllerrevisions',
    );
  return RESOURCES.get(name)!;
}
