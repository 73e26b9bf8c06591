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
  /** The first list of each kind, when no object's serialization is cached yet. */
  readonly jsonFirstListMs: number;
  readonly tableFirstListMs: number;
  /** Medians of the lists after the first, served from the serialization cache. */
  readonly jsonListMs: number;
  readonly tableListMs: number;
  readonly jsonBytes: number;
  /** Each kind's worse of its first list and its later lists' median, over the stringify median. */
  readonly jsonVsStringify: number;
  readonly tableVsStringify: number;
  readonly jsonFirstVsStringify: number;
  readonly tableFirstVsStringify: number;
  readonly jsonLaterVsStringify: number;
  readonly tableLaterVsStringify: number;
  /**
   * Whether every timed list held every pod (a truncated list would time less work): an untimed
   * list of each kind after the rounds is parsed, and every timed one had its length.
   */
  readonly complete: boolean;
}

/** The Accept header kubectl sends for server-side tables. */
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** A GET: wall ms until the last byte, the body's length, its chunks when `keep`, the status code. */
function request(
  url: string,
  accept: string,
  keep = false,
): Promise<{ ms: number; bytes: number; chunks: Buffer[]; status: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    // A connection of its own: a kept-alive one can be closed by the server's keepAliveTimeout
    // (5 s) just as the next request is written on it, when a stringify round held the event
    // loop that long, and the list then fails with ECONNRESET.
    get(url, { headers: { accept }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        if (keep) chunks.push(c);
      });
      res.on('end', () =>
        resolve({ ms: performance.now() - t0, bytes, chunks, status: res.statusCode ?? 0 }),
      );
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
 * `node:http` client. The first list of each kind finds no serialization cached (the server
 * keeps each object's JSON once made, as upstream's watch cache does) and is timed on its own;
 * the later ones give a median. Each kind's figure is the worse of its first list and that
 * median over the median stringify, and the worse kind is the figure: every list, cold or
 * warm, must be within the target.
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
  const timedBytes: [number, number][] = [];
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
      // The timed lists are read to the last byte and counted, not kept: holding 125 MB of
      // chunks is the client's cost (its external memory sets off collections of the whole
      // heap, which doubled the JSON list's time), and kubectl does it in its own process.
      const j = await request(`${server.url}/api/v1/pods`, 'application/json');
      json.push(j.ms);
      jsonBytes = j.bytes;
      const t = await request(`${server.url}/api/v1/pods`, TABLE);
      table.push(t.ms);
      if (j.status !== 200 || t.status !== 200 || text.length === 0) complete = false;
      timedBytes.push([j.bytes, t.bytes]);
    }
    const j = await request(`${server.url}/api/v1/pods`, 'application/json', true);
    const t = await request(`${server.url}/api/v1/pods`, TABLE, true);
    complete &&=
      itemCount(j) === pods.length &&
      itemCount(t) === pods.length &&
      timedBytes.every(([jb, tb]) => jb === j.bytes && tb === t.bytes);
  } finally {
    await server.close();
  }
  const s = median(stringify);
  const later = (ms: number[]): number => median(ms.length > 1 ? ms.slice(1) : ms);
  const jsonFirst = json[0]! / s;
  const tableFirst = table[0]! / s;
  const jsonLater = later(json) / s;
  const tableLater = later(table) / s;
  return {
    pods: pods.length,
    startupSeconds: startupMs / 1000,
    rounds: stringify.length,
    stringifyMs: s,
    jsonFirstListMs: json[0]!,
    tableFirstListMs: table[0]!,
    jsonListMs: later(json),
    tableListMs: later(table),
    jsonBytes,
    jsonVsStringify: Math.max(jsonFirst, jsonLater),
    tableVsStringify: Math.max(tableFirst, tableLater),
    jsonFirstVsStringify: jsonFirst,
    tableFirstVsStringify: tableFirst,
    jsonLaterVsStringify: jsonLater,
    tableLaterVsStringify: tableLater,
    complete,
  };
}
