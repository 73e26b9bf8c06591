import type { Pod } from '@daemonsim/core';
import { badRequest } from './status.js';

/** The query of a `pods/log` request that the simulated kubelet reads. */
export interface LogRequest {
  readonly container: string | null;
  readonly previous: boolean;
}

/**
 * The text of `GET /api/v1/namespaces/{ns}/pods/{name}/log`: the container's log. The engine
 * does not simulate container output yet, so a started container gets one placeholder line,
 * stamped with its start time, that names the gap. Throws the kubelet's 400 errors for an
 * unknown container, one still waiting to start, or `previous` with no earlier instance.
 * Mirrors the kubelet's `GetContainerLogs` as the API server proxies it (`pods/log`).
 * Deviation: no real log lines (see the issue: container programs on the virtual clock).
 */
export function podLogs(pod: Pod, request: LogRequest): string {
  const containers = pod.spec.containers;
  const name = request.container ?? (containers.length === 1 ? containers[0]!.name : undefined);
  if (name === undefined) {
    throw badRequest(
      `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${containers.map((c) => c.name).join(' ')}]`,
    );
  }
  const spec = containers.find((c) => c.name === name);
  if (spec === undefined) throw badRequest(`container ${name} is not valid for pod ${pod.metadata.name}`);
  const status = pod.status.containerStatuses?.find((s) => s.name === name);
  if (request.previous)
    throw badRequest(`previous terminated container "${name}" in pod "${pod.metadata.name}" not found`);
  const startedAt = status?.state?.running?.startedAt;
  if (startedAt === undefined) {
    const reason = status?.state?.waiting?.reason ?? 'ContainerCreating';
    throw badRequest(`container "${name}" in pod "${pod.metadata.name}" is waiting to start: ${reason}`);
  }
  return `${startedAt} [daemonsim] container "${name}" (image ${spec.image ?? '<none>'}) started at ${startedAt} on node ${pod.spec.nodeName ?? '<none>'}; no log lines: daemonsim does not simulate container output yet\n`;
}
