import type { SimEvent, SimTime } from '@daemonsim/core';
import type { RecordedRequest } from '@daemonsim/scenarios';

/** What `GET /daemonsim/v1/replay?since=N` answers. */
export interface ReplayPage {
  readonly scenario: unknown;
  readonly seed?: string | number;
  readonly since: number;
  readonly total: number;
  readonly requests: readonly RecordedRequest[];
  readonly now: SimTime;
}

/** The API path of an object a manifest names, for server-side apply. */
function objectPath(manifest: Record<string, unknown>): string {
  const meta = (manifest['metadata'] ?? {}) as { name?: unknown; namespace?: unknown };
  const name = encodeURIComponent(String(meta.name ?? ''));
  const ns = encodeURIComponent(String(meta.namespace ?? 'default'));
  switch (`${String(manifest['apiVersion'])} ${String(manifest['kind'])}`) {
    case 'apps/v1 DaemonSet':
      return `/apis/apps/v1/namespaces/${ns}/daemonsets/${name}`;
    case 'v1 Pod':
      return `/api/v1/namespaces/${ns}/pods/${name}`;
    case 'v1 Node':
      return `/api/v1/nodes/${name}`;
    case 'v1 Namespace':
      return `/api/v1/namespaces/${name}`;
    default:
      throw new Error(
        `the view applies DaemonSets, Pods, Nodes and Namespaces to a server, not ${String(manifest['kind'])}`,
      );
  }
}

/**
 * The view's connection to a `daemonsim serve` it follows: the replay log it polls, and the
 * page's actions sent as the Kubernetes requests kubectl would send (a node created, patched or
 * deleted, a manifest server-side applied, a node failed through daemonsim's own path), with
 * the bearer token the server printed in the view's address. Upstream has no counterpart.
 */
export class ServerLink {
  constructor(
    private readonly base: string,
    private readonly token: string | undefined,
  ) {}

  private async call(method: string, path: string, body?: unknown, contentType?: string): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.token !== undefined) headers['Authorization'] = `Bearer ${this.token}`;
    if (body !== undefined) headers['Content-Type'] = contentType ?? 'application/json';
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json()) as { message?: string };
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${answer.message ?? ''}`);
    return answer;
  }

  /** The server's replay log from the `since`-th request on. */
  replay(since: number): Promise<ReplayPage> {
    return this.call('GET', `/daemonsim/v1/replay?since=${since}`) as Promise<ReplayPage>;
  }

  /** Sends the request that stands for `event`; the change reaches the page through the replay log. */
  async send(event: SimEvent, taintsNow: readonly unknown[] = []): Promise<void> {
    const node = (name: string): string => `/api/v1/nodes/${encodeURIComponent(name)}`;
    const merge = 'application/merge-patch+json';
    switch (event.type) {
      case 'NodeAdded':
        await this.call('POST', '/api/v1/nodes', {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name: event.node.name },
        });
        return;
      case 'NodeRemoved':
        await this.call('DELETE', node(event.name));
        return;
      case 'NodeHeartbeatsStopped':
        await this.call('POST', `/daemonsim/v1/nodes/${encodeURIComponent(event.name)}/fail`);
        return;
      case 'NodeHeartbeatsResumed':
        await this.call('POST', `/daemonsim/v1/nodes/${encodeURIComponent(event.name)}/recover`);
        return;
      case 'NodeUpdated': {
        const change = event.change;
        if (change.unschedulable !== undefined)
          await this.call(
            'PATCH',
            node(event.name),
            { spec: { unschedulable: change.unschedulable } },
            merge,
          );
        if (change.addTaints !== undefined || change.removeTaints !== undefined) {
          const removed = new Set((change.removeTaints ?? []).map((t) => t.key));
          const taints = [
            ...(taintsNow as { key: string }[]).filter((t) => !removed.has(t.key)),
            ...(change.addTaints ?? []),
          ];
          await this.call('PATCH', node(event.name), { spec: { taints } }, merge);
        }
        return;
      }
      case 'ManifestApplied': {
        const manifest = event.manifest as Record<string, unknown>;
        await this.call(
          'PATCH',
          `${objectPath(manifest)}?fieldManager=daemonsim-ui&force=true`,
          manifest,
          'application/apply-patch+yaml',
        );
        return;
      }
      default:
        throw new Error(`the view does not send ${event.type} to a server`);
    }
  }
}
