import { get } from 'node:http';
import { performance } from 'node:perf_hooks';
import { startApiServer } from '../packages/server/src/apiserver/server.js';
import type { Budget } from './budget.js';
import type { BuiltCluster } from './buildCluster.js';
import { median } from './median.js';

/** The API server's read path over a large cluster. */
export interface ApiServerRun {
  readonly pods: number;
  /** Build of the cluster plus the server's start until it answers `/version`. */
  readonly startupSeconds: number;
  readonly rounds: number;
  readonly stringifyMs: number;
  readonly jsonListMs: number;
  readonly tableListMs: number;
  readonly jsonBytes: number;
  readonly jsonVsStringify: number;
  readonly tableVsStringify: number;
  /** Whether the first list of each kind held every pod (a truncated list would time less work). */
  readonly complete: boolean;
}

/** The Accept header kubectl sends for server-side tables. */
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** A GET: wall ms until the last byte, the body's chunks, the status code. */
function request(url: string, accept: string): Promise<{ ms: number; chunks: Buffer[]; status: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    get(url, { headers: { accept } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ ms: performance.now() - t0, chunks, status: res.statusCode ?? 0 }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** How many items (or, for a Table, rows) the list body holds; -1 for a body that is not a 200 list. */
function itemCount(r: { chunks: Buffer[]; status: number }): number {
  if (r.status !== 200) return -1;
  const body = JSON.parse(Buffer.concat(r.chunks).toString('utf8')) as {
    items?: unknown[];
    rows?: unknown[];
  };
  return (body.items ?? body.rows ?? []).length;
}

/**
 * `listPods50kVsStringify` and the server's start-up: starts the real HTTP API server in this
 * process over a built cluster (paused clock, otherwise `daemonsim serve`'s defaults, so
 * timestamps are shifted to the wall clock as kubectl sees them), then in rounds times
 * `JSON.stringify` of the same pod objects as a PodList, `GET /api/v1/pods` as JSON, and the same
 * list as a Table (what `kubectl get pods -A` asks for), each read to its last byte by a bare
 * `node:http` client. Ratios of medians; the worse one is the figure.
 */
export async function apiServerPhase(cluster: BuiltCluster, budget: Budget): Promise<ApiServerRun> {
  const { sim } = cluster;
  const t0 = performance.now();
  const server = await startApiServer(sim, { paused: true, insecureHttp: true });
  await request(`${server.url}/version`, 'application/json');
  const startupMs = cluster.setup.wallMs + (performance.now() - t0);
  const stringify: number[] = [];
  const json: number[] = [];
  const table: number[] = [];
  let jsonBytes = 0;
  let complete = true;
  const pods = [...sim.view.allPods()];
  try {
    for (let round = 0; round === 0 || (!budget.over() && round < 7); round++) {
      const s0 = performance.now();
      const text = JSON.stringify({
        kind: 'PodList',
        apiVersion: 'v1',
        metadata: { resourceVersion: '' },
        items: pods,
      });
      stringify.push(performance.now() - s0);
      const j = await request(`${server.url}/api/v1/pods`, 'application/json');
      json.push(j.ms);
      const t = await request(`${server.url}/api/v1/pods`, TABLE);
      table.push(t.ms);
      if (round === 0) {
        jsonBytes = j.chunks.reduce((n, c) => n + c.length, 0);
        complete = itemCount(j) === pods.length && itemCount(t) === pods.length && text.length > 0;
      }
    }
  } finally {
    await server.close();
  }
  const s = median(stringify);
  return {
    pods: pods.length,
    startupSeconds: startupMs / 1000,
    rounds: stringify.length,
    stringifyMs: s,
    jsonListMs: median(json),
    tableListMs: median(table),
    jsonBytes,
    jsonVsStringify: median(json) / s,
    tableVsStringify: median(table) / s,
    complete,
  };
}
