import type { Taint } from 'kubernetes-types/core/v1.js';
import type { Command } from 'commander';
import { capacityArg, keyValueArg, quantityArg, taintArg } from './argParsers.js';
import type { CliIo } from './cliIo.js';
import type { ServerFlags, ServerTarget } from './serverClient.js';
import { checkResponse, daemonsimTime, resolveServer, sendRequest } from './serverClient.js';
import { serverOptions } from './serverOptions.js';

interface AddOptions extends ServerFlags {
  readonly label?: Readonly<Record<string, string>>;
  readonly taint?: readonly Taint[];
  readonly cpu?: string;
  readonly memory?: string;
  readonly pods?: string;
  readonly capacity?: Readonly<Record<string, string>>;
  readonly unschedulable?: boolean;
}

const nodePath = (name: string): string => `/api/v1/nodes/${encodeURIComponent(name)}`;

/** The target of the flags, checked to be a daemonsim serve before anything is written to it. */
async function daemonsimTarget(io: CliIo, flags: ServerFlags): Promise<ServerTarget> {
  const target = resolveServer(flags, io.env ?? process.env);
  await daemonsimTime(target);
  return target;
}

/** The Node a kubelet registers for `node add`: name, labels, taints, cordon and capacity. */
function nodeManifest(name: string, opts: AddOptions): unknown {
  const capacity = {
    ...opts.capacity,
    ...(opts.cpu === undefined ? {} : { cpu: opts.cpu }),
    ...(opts.memory === undefined ? {} : { memory: opts.memory }),
    ...(opts.pods === undefined ? {} : { pods: opts.pods }),
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, ...(opts.label === undefined ? {} : { labels: opts.label }) },
    spec: {
      ...(opts.taint === undefined ? {} : { taints: opts.taint }),
      ...(opts.unschedulable === true ? { unschedulable: true } : {}),
    },
    ...(Object.keys(capacity).length === 0 ? {} : { status: { capacity } }),
  };
}

/** `cordon` and `uncordon`: read the node, patch `spec.unschedulable` only when it changes, as kubectl does. */
async function setUnschedulable(
  io: CliIo,
  name: string,
  flags: ServerFlags,
  unschedulable: boolean,
): Promise<void> {
  const target = await daemonsimTarget(io, flags);
  const verb = unschedulable ? 'cordoned' : 'uncordoned';
  const got = await sendRequest(target, 'GET', nodePath(name));
  checkResponse(target, got, nodePath(name));
  if (((got.body as { spec?: { unschedulable?: boolean } }).spec?.unschedulable === true) === unschedulable) {
    io.stdout(`node/${name} already ${verb}\n`);
    return;
  }
  const patched = await sendRequest(target, 'PATCH', nodePath(name), {
    contentType: 'application/strategic-merge-patch+json',
    value: { spec: { unschedulable: unschedulable ? true : null } },
  });
  checkResponse(target, patched, nodePath(name));
  io.stdout(`node/${name} ${verb}\n`);
}

/** `fail` and `recover`: daemonsim's node health action (`POST /daemonsim/v1/nodes/{name}/{action}`). */
async function nodeHealth(
  io: CliIo,
  name: string,
  flags: ServerFlags,
  action: 'fail' | 'recover',
): Promise<void> {
  const target = resolveServer(flags, io.env ?? process.env);
  const path = `/daemonsim/v1/nodes/${encodeURIComponent(name)}/${action}`;
  const res = await sendRequest(target, 'POST', path);
  checkResponse(target, res, path);
  const time = (res.body as { time?: string }).time ?? '?';
  io.stdout(
    action === 'fail'
      ? `node/${name} failed at ${time}: its kubelet stopped; NotReady (Unknown) after the node monitor grace period\n`
      : `node/${name} recovered at ${time}: its kubelet posts Ready again\n`,
  );
}

/**
 * Registers `daemonsim node add|remove|fail|recover|cordon|uncordon NAME` against a serving
 * cluster: add registers a Node as a kubelet does (`POST /api/v1/nodes`), remove deletes it,
 * cordon and uncordon patch `spec.unschedulable` as `kubectl cordon` does, fail and recover stop
 * and restart its kubelet through daemonsim's own path. Mirrors kubelet registration,
 * `kubectl delete node` and `kubectl cordon`; fail and recover have no upstream counterpart.
 */
export function registerNode(program: Command, io: CliIo): void {
  const node = program
    .command('node')
    .description('Add, remove, fail, recover, cordon or uncordon a node of a running daemonsim serve');
  serverOptions(
    node
      .command('add')
      .description('Register a new Ready node (its DaemonSet pods follow)')
      .argument('<name>', 'node name')
      .option('--label <key=value>', 'a label (repeatable)', keyValueArg)
      .option('--taint <key=value:Effect>', 'a taint, as kubectl taint spells it (repeatable)', taintArg)
      .option('--cpu <quantity>', 'CPU capacity (default 4)', quantityArg)
      .option('--memory <quantity>', 'memory capacity (default 16Gi)', quantityArg)
      .option('--pods <n>', 'pod capacity (default 110)', quantityArg)
      .option('--capacity <resource=quantity>', 'any other capacity (repeatable)', capacityArg)
      .option('--unschedulable', 'register it cordoned'),
  ).action(async (name: string, opts: AddOptions) => {
    const target = await daemonsimTarget(io, opts);
    const res = await sendRequest(target, 'POST', '/api/v1/nodes', {
      contentType: 'application/json',
      value: nodeManifest(name, opts),
    });
    checkResponse(target, res, '/api/v1/nodes');
    io.stdout(`node/${name} created\n`);
  });
  serverOptions(
    node
      .command('remove')
      .description('Delete a node (its pods are collected)')
      .argument('<name>', 'node name'),
  ).action(async (name: string, opts: ServerFlags) => {
    const target = await daemonsimTarget(io, opts);
    const res = await sendRequest(target, 'DELETE', nodePath(name));
    checkResponse(target, res, nodePath(name));
    io.stdout(`node "${name}" deleted\n`);
  });
  for (const [action, description] of [
    ['fail', "Stop a node's kubelet: no more heartbeats, unreachable taints, evictions"],
    ['recover', "Start a failed node's kubelet again"],
  ] as const)
    serverOptions(node.command(action).description(description).argument('<name>', 'node name')).action(
      (name: string, opts: ServerFlags) => nodeHealth(io, name, opts, action),
    );
  for (const [action, description] of [
    ['cordon', 'Mark a node unschedulable'],
    ['uncordon', 'Mark a node schedulable'],
  ] as const)
    serverOptions(node.command(action).description(description).argument('<name>', 'node name')).action(
      (name: string, opts: ServerFlags) => setUnschedulable(io, name, opts, action === 'cordon'),
    );
}
