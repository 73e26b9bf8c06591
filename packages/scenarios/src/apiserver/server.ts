import { writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  LogOptions,
  Node,
  NodeChange,
  Pod,
  SimEvent,
  Simulation,
  StoredKind,
  Table,
  WatchEvent,
} from '@daemonsim/core';
import { canonicalJson, SIM_EPOCH_MS, toTimestamp } from '@daemonsim/core';
import { parse as parseYaml } from 'yaml';
import { parseDuration } from '../duration.js';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  NAMED_GROUPS,
  SERVER_VERSION,
} from './discovery.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { parseLogRequest, shiftLogTimestamps } from './logs.js';
import { openApiV3Document, openApiV3Index } from './openapi.js';
import { shiftTimes } from './wallClock.js';
import { jsonMergePatch, jsonPatch, JsonPatchError, strategicMergePatch } from './patch.js';
import type { ApiGroup, ResourceDef } from './resources.js';
import { lookupResource, metaOf } from './resources.js';
import type { FieldPredicate, LabelPredicate } from './selectors.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import type { Status } from './status.js';
import {
  alreadyExists,
  badRequest,
  methodNotSupported,
  notFound,
  StatusError,
  toStatusError,
} from './status.js';

/** Options of {@link startApiServer}. */
export interface ApiServerOptions {
  /** TCP port; 0 picks a free one. @defaultValue 0 */
  readonly port?: number;
  /** Address to listen on; only loopback unless given explicitly. @defaultValue '127.0.0.1' */
  readonly host?: string;
  /** Simulated seconds per wall-clock second. @defaultValue 1 */
  readonly speed?: number;
  /** Freeze the virtual clock; only `advance` moves it. @defaultValue false */
  readonly paused?: boolean;
  /** The largest request body accepted. @defaultValue 3 MiB, as the API server's limit */
  readonly maxBodyBytes?: number;
  /**
   * Present timestamps on the wall clock: every timestamp is shifted so that the simulated
   * "now" reads as the real now, so that ages kubectl computes itself (describe's events) are
   * simulated ages. Half a second is taken off so that whole-second ages do not flicker.
   * `false` serves the simulation's own dates (2026-01-01 onwards). @defaultValue true
   */
  readonly wallClockTimestamps?: boolean;
  /** How often the virtual clock catches up with the wall clock, in ms. @defaultValue 50 */
  readonly tickMs?: number;
}

/** A running simulated API server, as {@link startApiServer} returns it. */
export interface ApiServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  readonly simulation: Simulation;
  /** Moves the virtual clock forward by `ms` milliseconds, processing what falls due. */
  advance(ms: number): void;
  /** Stops the clock, ends open watches and closes the listening socket. */
  close(): Promise<void>;
  /** The kubeconfig text for this server; also written to `path` when given. */
  kubeconfig(path?: string): string;
}

/** The request size limit of kube-apiserver (`MaxRequestBodyBytes`, 3 MiB). */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/** A write the watch history keeps, with the position a `resourceVersion` names. */
interface Recorded {
  readonly pos: number;
  readonly kind: StoredKind;
  readonly type: WatchEvent['type'];
  readonly object: unknown;
  readonly prev: unknown;
}

/** An open `kubectl logs -f`: the response, the container instance followed, the lines sent. */
interface LogFollower {
  readonly res: ServerResponse;
  readonly key: string;
  readonly uid: string;
  readonly container: string;
  readonly restarts: number;
  readonly options: LogOptions;
  readonly timestamps: boolean;
  sent: number;
}

/** An open watch: its response and filters. */
interface Watcher {
  readonly res: ServerResponse;
  readonly def: ResourceDef;
  readonly matches: (obj: unknown) => boolean;
  readonly table: boolean;
  readonly includeObject: string;
}

const HISTORY_LIMIT = 20000;

/** A watch position as a `resourceVersion`: the engine's counter, deletions included. */
function encodeRv(pos: number): string {
  return String(pos);
}

function decodeRv(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** Parsed request target: which resource, namespace, name and subresource. */
interface Target {
  readonly def: ResourceDef;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly subresource: string | undefined;
}

class ApiServerImpl {
  private readonly watchers = new Set<Watcher>();
  private readonly followers = new Set<LogFollower>();
  private readonly history: Recorded[] = [];
  private historyStart = 0;
  private lastPos = 0;
  private readonly lastSeen = new Map<string, unknown>();
  private readonly unsubscribe: () => void;
  private baseSim: number;
  private baseWall: number;
  private timer: NodeJS.Timeout | undefined;
  serverAddress = '127.0.0.1:0';

  constructor(
    readonly simulation: Simulation,
    private readonly speed: number,
    private readonly paused: boolean,
    private readonly maxBody: number,
    tickMs: number,
    private readonly wallClock: boolean,
  ) {
    const snap = simulation.snapshot();
    let max = 0;
    for (const map of [
      snap.nodes,
      snap.pods,
      snap.daemonSets,
      snap.controllerRevisions,
      snap.events,
      snap.namespaces,
    ] as ReadonlyMap<string, unknown>[]) {
      for (const obj of map.values()) max = Math.max(max, Number(metaOf(obj).resourceVersion ?? 0));
    }
    for (const [kind, map] of [
      ['Node', snap.nodes],
      ['Pod', snap.pods],
      ['DaemonSet', snap.daemonSets],
      ['ControllerRevision', snap.controllerRevisions],
      ['Event', snap.events],
      ['Namespace', snap.namespaces],
    ] as const) {
      for (const [key, obj] of map as ReadonlyMap<string, unknown>) this.lastSeen.set(`${kind}:${key}`, obj);
    }
    this.lastPos = max;
    this.historyStart = this.lastPos;
    this.unsubscribe = simulation.watch((event) => this.onWatchEvent(event));
    this.baseSim = simulation.now;
    this.baseWall = performance.now();
    if (!paused) {
      this.timer = setInterval(() => this.tick(), tickMs);
      this.timer.unref();
    }
  }

  // --- virtual time ---

  /** How far timestamps move on their way out (and back on their way in). */
  private timeShift(): number {
    return this.wallClock ? Date.now() - (SIM_EPOCH_MS + this.simulation.now) - 500 : 0;
  }

  private tick(): void {
    const target = this.baseSim + Math.floor(this.speed * (performance.now() - this.baseWall));
    if (target <= this.simulation.now) return;
    try {
      this.simulation.runUntil(target);
    } catch (error) {
      process.stderr.write(
        `daemonsim: the simulation rejected a queued event: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
    this.pumpFollowers();
  }

  advance(ms: number): void {
    if (!Number.isInteger(ms) || ms < 0)
      throw badRequest(`duration: Invalid value: ${ms}: must be a non-negative whole number of milliseconds`);
    if (!this.paused) this.tick();
    this.simulation.runUntil(this.simulation.now + ms);
    this.baseSim = this.simulation.now;
    this.baseWall = performance.now();
    this.pumpFollowers();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.unsubscribe();
    for (const w of this.watchers) w.res.end();
    this.watchers.clear();
    for (const f of this.followers) f.res.end();
    this.followers.clear();
  }

  // --- kubectl logs ---

  /** `GET pods/{name}/log`: the engine's log text, or with `follow` a stream that grows with the virtual clock. */
  private podLog(res: ServerResponse, pod: Pod, query: URLSearchParams): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const shift = this.timeShift();
    const request = parseLogRequest(query, this.simulation.now, shift);
    let text = shiftLogTimestamps(this.simulation.logs(key, request.container, request.options), shift);
    if (request.limitBytes !== undefined) {
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length > request.limitBytes) text = bytes.subarray(0, request.limitBytes).toString('utf8');
    }
    const container = request.container ?? pod.spec.containers[0]!.name;
    const status = pod.status.containerStatuses?.find((c) => c.name === container);
    if (!request.follow || request.options.previous === true || status?.state?.running === undefined) {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
      res.end(text);
      return;
    }
    const { tail: _tail, ...options } = request.options;
    const full = { ...options, timestamps: true };
    const follower: LogFollower = {
      res,
      key,
      uid: pod.metadata.uid,
      container,
      restarts: status.restartCount,
      options: full,
      timestamps: request.options.timestamps === true,
      sent: countLines(this.simulation.logs(key, container, full)),
    };
    res.writeHead(200, {
      'Content-Type': 'text/plain',
      'Transfer-Encoding': 'chunked',
      'Cache-Control': 'no-cache, private',
    });
    res.write(text);
    this.followers.add(follower);
    res.on('close', () => this.followers.delete(follower));
  }

  /** Writes the lines followed containers logged since the last pump; ends the streams of containers that stopped. */
  private pumpFollowers(): void {
    if (this.followers.size === 0) return;
    const shift = this.timeShift();
    for (const f of [...this.followers]) {
      const pod = this.simulation.view.getPod(f.key);
      const status = pod?.status.containerStatuses?.find((c) => c.name === f.container);
      const same =
        pod !== undefined &&
        pod.metadata.uid === f.uid &&
        status !== undefined &&
        status.restartCount === f.restarts;
      let lines: string[] = [];
      if (same) {
        try {
          const all = this.simulation.logs(f.key, f.container, f.options).split('\n');
          all.pop();
          lines = all.slice(f.sent);
          f.sent = all.length;
        } catch {
          lines = [];
        }
      }
      if (lines.length > 0) {
        const text = lines.map((l) => `${f.timestamps ? l : l.slice(l.indexOf(' ') + 1)}\n`).join('');
        f.res.write(shiftLogTimestamps(text, shift));
      }
      if (!same || status?.state?.running === undefined) {
        this.followers.delete(f);
        f.res.end();
      }
    }
  }

  // --- watch ---

  private onWatchEvent(event: WatchEvent): void {
    const meta = metaOf(event.object);
    const key = meta.namespace === undefined ? meta.name : `${meta.namespace}/${meta.name}`;
    const seenKey = `${event.kind}:${key}`;
    const prev = this.lastSeen.get(seenKey);
    if (event.type === 'DELETED') this.lastSeen.delete(seenKey);
    else this.lastSeen.set(seenKey, event.object);
    this.lastPos = Math.max(this.lastPos, Number(meta.resourceVersion ?? 0));
    const recorded: Recorded = {
      pos: this.lastPos,
      kind: event.kind,
      type: event.type,
      object: event.object,
      prev,
    };
    this.history.push(recorded);
    if (this.history.length > HISTORY_LIMIT) {
      const dropped = this.history.splice(0, this.history.length - HISTORY_LIMIT);
      this.historyStart = dropped[dropped.length - 1]!.pos;
    }
    for (const w of this.watchers) this.deliver(w, recorded);
  }

  private deliver(w: Watcher, r: Recorded): void {
    if (w.def.watched !== r.kind) return;
    const now = r.type !== 'DELETED' && w.matches(r.object);
    const before = r.prev !== undefined && w.matches(r.prev);
    let type: WatchEvent['type'];
    if (r.type === 'DELETED') {
      if (!w.matches(r.object)) return;
      type = 'DELETED';
    } else if (now) type = before ? 'MODIFIED' : 'ADDED';
    else if (before) type = 'DELETED';
    else return;
    this.writeWatchEvent(w, type, r.object);
  }

  private writeWatchEvent(w: Watcher, type: string, object: unknown): void {
    const body = w.table ? this.toTable(w.def, [object], w.includeObject, encodeRv(this.lastPos)) : object;
    w.res.write(`${JSON.stringify({ type, object: shiftTimes(body, this.timeShift()) })}\n`);
  }

  // --- reading ---

  private currentPos(objects: readonly unknown[]): number {
    let pos = this.lastPos;
    for (const obj of objects) pos = Math.max(pos, Number(metaOf(obj).resourceVersion ?? 0));
    return pos;
  }

  private list(def: ResourceDef, namespace: string | undefined): unknown[] {
    const all = def.list(this.simulation.snapshot(), this.simulation);
    return namespace === undefined ? [...all] : all.filter((o) => metaOf(o).namespace === namespace);
  }

  private getObject(def: ResourceDef, namespace: string | undefined, name: string): unknown {
    const found = this.list(def, namespace).find((o) => metaOf(o).name === name);
    if (found === undefined) throw notFound(def.name, def.group, name);
    return found;
  }

  private toTable(
    def: ResourceDef,
    objects: readonly unknown[],
    includeObject: string,
    resourceVersion: string,
  ): Table {
    const table = def.table(objects, this.simulation.now);
    const rows = table.rows.map((row, i) => {
      if (includeObject === 'None') {
        const { object: _o, ...rest } = row;
        return rest;
      }
      if (includeObject === 'Object') return { ...row, object: objects[i] };
      return row;
    });
    return { ...table, metadata: { resourceVersion }, rows: rows as Table['rows'] };
  }

  // --- HTTP ---

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: Buffer;
    try {
      body = await this.readBody(req);
    } catch (error) {
      this.sendStatus(res, toStatusError(error));
      return;
    }
    // From here on everything is synchronous: no state is held across an await.
    try {
      this.route(req, res, body);
    } catch (error) {
      if (res.headersSent) {
        res.end();
        return;
      }
      this.sendStatus(res, toStatusError(error));
    }
  }

  private readBody(req: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > this.maxBody) tooLarge = true;
        else chunks.push(chunk);
      });
      req.on('end', () => {
        if (tooLarge)
          reject(
            new StatusError(
              413,
              'RequestEntityTooLarge',
              `Request entity too large: limit is ${this.maxBody}`,
            ),
          );
        else resolve(Buffer.concat(chunks));
      });
      req.on('error', reject);
    });
  }

  private sendJson(res: ServerResponse, code: number, obj: unknown): void {
    const text = JSON.stringify(
      (obj as { kind?: unknown } | null)?.kind === 'Status' ? obj : shiftTimes(obj, this.timeShift()),
    );
    res.writeHead(code, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-cache, private',
    });
    res.end(text);
  }

  private sendStatus(res: ServerResponse, error: StatusError): void {
    this.sendJson(res, error.status.code, error.status);
  }

  private route(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    const query = url.searchParams;
    if (method === 'GET') {
      switch (path) {
        case '/version':
          return this.sendJson(res, 200, SERVER_VERSION);
        case '/api':
          return this.sendJson(res, 200, apiVersions(this.serverAddress));
        case '/apis':
          return this.sendJson(res, 200, apiGroupList());
        case '/api/v1':
          return this.sendJson(res, 200, apiResourceList(''));
        case '/healthz':
        case '/readyz':
        case '/livez':
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          res.end('ok');
          return;
        case '/daemonsim/v1/time':
          return this.sendJson(res, 200, this.timeInfo());
        case '/openapi/v3':
          return this.sendJson(res, 200, openApiV3Index());
      }
      for (const group of NAMED_GROUPS) {
        if (path === `/apis/${group}`) return this.sendJson(res, 200, apiGroup(group));
        if (path === `/apis/${group}/v1`) return this.sendJson(res, 200, apiResourceList(group));
      }
      if (path.startsWith('/openapi/v3/')) {
        const doc = openApiV3Document(path.slice('/openapi/v3/'.length));
        if (doc !== undefined) return this.sendJson(res, 200, doc);
      }
    }
    if (path === '/daemonsim/v1/advance') {
      if (method !== 'POST')
        throw new StatusError(405, 'MethodNotAllowed', `${method} is not supported on /daemonsim/v1/advance`);
      const text = query.get('duration');
      if (text === null) throw badRequest('duration: Required value: e.g. ?duration=90s');
      let ms: number;
      try {
        ms = parseDuration(text);
      } catch (error) {
        throw badRequest(error instanceof Error ? error.message : String(error));
      }
      this.advance(ms);
      return this.sendJson(res, 200, this.timeInfo());
    }
    const target = this.parseTarget(path);
    if (target === undefined) {
      throw new StatusError(404, 'NotFound', 'the server could not find the requested resource', {
        causes: [{ reason: 'UnexpectedServerResponse', message: '404 page not found', field: '' }],
      });
    }
    const accept = req.headers.accept ?? '';
    const wantsTable = /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
    switch (method) {
      case 'GET':
        return this.get(res, target, query, wantsTable);
      case 'POST':
        return this.create(res, target, body, req.headers['content-type'] ?? '', query);
      case 'PUT':
        return this.replace(res, target, body, req.headers['content-type'] ?? '', query);
      case 'PATCH':
        return this.patch(res, target, body, req.headers['content-type'] ?? '', query);
      case 'DELETE':
        return this.remove(res, target, body, query);
      default:
        throw methodNotSupported(target.def.name, target.def.group, method.toLowerCase());
    }
  }

  private timeInfo(): unknown {
    return {
      now: this.simulation.now,
      time: toTimestamp(this.simulation.now),
      speed: this.speed,
      paused: this.paused,
      eventsProcessed: this.simulation.eventsProcessed,
    };
  }

  private parseTarget(path: string): Target | undefined {
    let group: ApiGroup | undefined;
    let rest = '';
    if (path.startsWith('/api/v1/')) {
      group = '';
      rest = path.slice('/api/v1/'.length);
    } else {
      for (const g of NAMED_GROUPS) {
        if (path.startsWith(`/apis/${g}/v1/`)) {
          group = g;
          rest = path.slice(`/apis/${g}/v1/`.length);
        }
      }
    }
    if (group === undefined) return undefined;
    const parts = rest.split('/').map((p) => decodeURIComponent(p));
    let namespace: string | undefined;
    if (parts[0] === 'namespaces' && parts.length >= 3) {
      namespace = parts[1];
      parts.splice(0, 2);
    }
    const [resource, name, subresource, ...extra] = parts;
    if (resource === undefined || extra.length > 0) return undefined;
    const def = lookupResource(group, resource);
    if (def === undefined) {
      throw new StatusError(404, 'NotFound', 'the server could not find the requested resource', {
        causes: [{ reason: 'UnexpectedServerResponse', message: '404 page not found', field: '' }],
      });
    }
    if (namespace !== undefined && !def.namespaced) return undefined;
    return { def, namespace, name: name === '' ? undefined : name, subresource };
  }

  private get(res: ServerResponse, t: Target, query: URLSearchParams, wantsTable: boolean): void {
    const includeObject = query.get('includeObject') ?? 'Metadata';
    if (t.name !== undefined) {
      const obj = this.getObject(t.def, t.namespace, t.name);
      if (t.subresource === 'log' && t.def.name === 'pods') return this.podLog(res, obj as Pod, query);
      if (t.subresource !== undefined && t.subresource !== 'status')
        throw notFound(`${t.def.name}/${t.subresource}`, t.def.group, t.name);
      if (wantsTable)
        return this.sendJson(
          res,
          200,
          this.toTable(t.def, [obj], includeObject, metaOf(obj).resourceVersion ?? ''),
        );
      return this.sendJson(res, 200, obj);
    }
    const labels: LabelPredicate = parseLabelSelector(query.get('labelSelector'));
    const fields: FieldPredicate = parseFieldSelector(query.get('fieldSelector'), t.def.fields);
    const matches = (o: unknown): boolean =>
      (t.namespace === undefined || metaOf(o).namespace === t.namespace) &&
      labels(metaOf(o).labels) &&
      fields(o);
    const isWatch = query.get('watch') === 'true' || query.get('watch') === '1';
    if (isWatch) return this.watch(res, t, query, matches, wantsTable, includeObject);
    const items = this.list(t.def, t.namespace).filter(matches);
    const rv = encodeRv(this.currentPos(items));
    if (wantsTable) return this.sendJson(res, 200, this.toTable(t.def, items, includeObject, rv));
    const apiVersion = t.def.group === '' ? 'v1' : `${t.def.group}/v1`;
    return this.sendJson(res, 200, {
      kind: `${t.def.kind}List`,
      apiVersion,
      metadata: { resourceVersion: rv },
      items,
    });
  }

  private watch(
    res: ServerResponse,
    t: Target,
    query: URLSearchParams,
    matches: (o: unknown) => boolean,
    table: boolean,
    includeObject: string,
  ): void {
    const rvText = query.get('resourceVersion') ?? '';
    let replay: Recorded[] = [];
    let initial: unknown[] = [];
    if (rvText === '' || rvText === '0') {
      initial = this.list(t.def, t.namespace).filter(matches);
    } else {
      const pos = decodeRv(rvText);
      if (pos === undefined) throw badRequest(`invalid resource version "${rvText}"`);
      if (pos < this.historyStart)
        throw new StatusError(
          410,
          'Expired',
          `too old resource version: ${rvText} (${encodeRv(this.historyStart)})`,
        );
      replay = this.history.filter((r) => r.pos > pos);
    }
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Transfer-Encoding': 'chunked',
      'Cache-Control': 'no-cache, private',
    });
    res.flushHeaders();
    const watcher: Watcher = { res, def: t.def, matches, table, includeObject };
    for (const obj of initial) this.writeWatchEvent(watcher, 'ADDED', obj);
    for (const r of replay) this.deliver(watcher, r);
    this.watchers.add(watcher);
    const done = (): void => {
      this.watchers.delete(watcher);
    };
    res.on('close', done);
    const timeout = Number(query.get('timeoutSeconds') ?? '0');
    if (timeout > 0) {
      const timer = setTimeout(() => {
        done();
        res.end();
      }, timeout * 1000);
      timer.unref();
      res.on('close', () => clearTimeout(timer));
    }
  }

  // --- writing ---

  private parseBody(body: Buffer, contentType: string): Record<string, unknown> {
    const text = body.toString('utf8');
    if (text.trim() === '') throw badRequest('the request body is empty');
    let value: unknown;
    try {
      value = /yaml/i.test(contentType) ? parseYaml(text, { maxAliasCount: 100 }) : JSON.parse(text);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw badRequest(
        /yaml/i.test(contentType)
          ? `error converting YAML to JSON: ${detail}`
          : `the object provided is unrecognized (malformed JSON: ${detail})`,
      );
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw badRequest('the body of the request was in an unknown format: expected a JSON object');
    return shiftTimes(value, -this.timeShift()) as Record<string, unknown>;
  }

  /** Runs a state change as a simulator event at the current simulated time. */
  private submit(event: SimEvent, t?: Target, name?: unknown): void {
    try {
      this.simulation.submit(event);
      this.pumpFollowers();
    } catch (error) {
      if (t === undefined) throw error;
      throw toStatusError(error, {
        ...(typeof name === 'string' ? { name } : {}),
        ...(t.def.group === '' ? {} : { group: t.def.group }),
        kind: t.def.name,
      });
    }
  }

  private checkKind(t: Target, obj: Record<string, unknown>): void {
    const apiVersion = t.def.group === '' ? 'v1' : `${t.def.group}/v1`;
    if (obj.kind !== undefined && obj.kind !== t.def.kind)
      throw badRequest(
        `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${apiVersion}) or kind ${String(obj.kind)} is not ${t.def.kind}`,
      );
    if (obj.apiVersion !== undefined && obj.apiVersion !== apiVersion)
      throw badRequest(
        `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${apiVersion})`,
      );
  }

  /** The manifest to hand the engine: the object without status and server-set metadata. */
  private manifestOf(t: Target, obj: Record<string, unknown>): Record<string, unknown> {
    const meta = { ...((obj.metadata ?? {}) as Record<string, unknown>) };
    if (t.namespace !== undefined) {
      if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== t.namespace) {
        throw badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      meta.namespace = t.namespace;
    }
    for (const k of [
      'resourceVersion',
      'uid',
      'creationTimestamp',
      'managedFields',
      'generation',
      'selfLink',
      'deletionTimestamp',
      'deletionGracePeriodSeconds',
    ])
      delete meta[k];
    const { status: _s, ...rest } = obj;
    return {
      ...rest,
      apiVersion: t.def.group === '' ? 'v1' : `${t.def.group}/v1`,
      kind: t.def.kind,
      metadata: meta,
    };
  }

  private create(
    res: ServerResponse,
    t: Target,
    body: Buffer,
    contentType: string,
    query: URLSearchParams,
  ): void {
    if (t.name !== undefined) {
      if (t.def.name === 'pods' && t.subresource === 'eviction') {
        this.parseBody(body, contentType);
        this.getObject(t.def, t.namespace, t.name);
        this.submit({ type: 'PodDeleted', namespace: t.namespace ?? 'default', name: t.name });
        return this.sendJson(res, 201, {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Success',
          code: 201,
        });
      }
      throw methodNotSupported(t.def.name, t.def.group, 'create');
    }
    if (!t.def.verbs.includes('create')) throw methodNotSupported(t.def.name, t.def.group, 'create');
    const dryRun = isDryRun(query);
    const obj = this.parseBody(body, contentType);
    this.checkKind(t, obj);
    const manifest = this.manifestOf(t, obj);
    const name = (manifest.metadata as { name?: unknown }).name;
    if (
      typeof name === 'string' &&
      name !== '' &&
      this.list(t.def, t.namespace).some((o) => metaOf(o).name === name)
    )
      throw alreadyExists(t.def.name, t.def.group, name);
    if (t.def.name === 'nodes') {
      if (typeof name !== 'string' || name === '')
        throw toStatusError(
          new StatusError(
            422,
            'Invalid',
            'Node "" is invalid: metadata.name: Required value: name or generateName is required',
          ),
        );
    }
    const event: SimEvent =
      t.def.name === 'nodes'
        ? { type: 'NodeAdded', node: nodeInput(manifest) }
        : { type: 'ManifestApplied', manifest };
    if (dryRun) return this.sendJson(res, 201, this.dryRun(event, t, name));
    this.submit(event, t, name);
    const created = typeof name === 'string' ? this.getObject(t.def, t.namespace, name) : undefined;
    return this.sendJson(res, 201, created ?? {});
  }

  private replace(
    res: ServerResponse,
    t: Target,
    body: Buffer,
    contentType: string,
    query: URLSearchParams,
  ): void {
    if (t.name === undefined || t.subresource !== undefined)
      throw methodNotSupported(t.def.name, t.def.group, 'update');
    if (!t.def.verbs.includes('update')) throw methodNotSupported(t.def.name, t.def.group, 'update');
    const obj = this.parseBody(body, contentType);
    this.checkKind(t, obj);
    const existing = this.getObject(t.def, t.namespace, t.name);
    const meta = (obj.metadata ?? {}) as { name?: unknown; resourceVersion?: unknown };
    if (meta.name !== undefined && meta.name !== t.name)
      throw badRequest(
        `the name of the object (${String(meta.name)}) does not match the name on the URL (${t.name})`,
      );
    if (
      typeof meta.resourceVersion === 'string' &&
      meta.resourceVersion !== '' &&
      meta.resourceVersion !== metaOf(existing).resourceVersion
    ) {
      throw new StatusError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${t.def.group === '' ? t.def.name : `${t.def.name}.${t.def.group}`} "${t.name}": the object has been modified; please apply your changes to the latest version and try again`,
        { name: t.name, ...(t.def.group === '' ? {} : { group: t.def.group }), kind: t.def.name },
      );
    }
    const manifest = this.manifestOf(t, { ...obj, metadata: { ...(obj.metadata as object), name: t.name } });
    const event = this.updateEvent(t, existing, manifest);
    if (isDryRun(query))
      return this.sendJson(res, 200, event === undefined ? existing : this.dryRun(event, t, t.name));
    if (event !== undefined) this.submit(event, t, t.name);
    return this.sendJson(res, 200, this.getObject(t.def, t.namespace, t.name));
  }

  /** The simulator event that turns `existing` into `manifest`, or undefined when nothing changes. */
  private updateEvent(t: Target, existing: unknown, manifest: Record<string, unknown>): SimEvent | undefined {
    switch (t.def.name) {
      case 'daemonsets':
        return { type: 'ManifestApplied', manifest };
      case 'nodes': {
        const change = nodeChange(existing as Node, manifest);
        return change === undefined
          ? undefined
          : { type: 'NodeUpdated', name: (existing as Node).metadata.name, change };
      }
      default:
        throw methodNotSupported(t.def.name, t.def.group, 'update');
    }
  }

  /** `?dryRun=All`: the object the event would store, checked by the engine, nothing written. */
  private dryRun(event: SimEvent, t: Target, name: unknown): unknown {
    try {
      return this.simulation.dryRun(event).object ?? {};
    } catch (error) {
      throw toStatusError(error, {
        ...(typeof name === 'string' ? { name } : {}),
        ...(t.def.group === '' ? {} : { group: t.def.group }),
        kind: t.def.name,
      });
    }
  }

  /** The body of a `application/json-patch+json` request: a list of operations. */
  private parseJsonPatch(body: Buffer): unknown[] {
    let value: unknown;
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch (error) {
      throw badRequest(
        `the object provided is unrecognized (malformed JSON: ${error instanceof Error ? error.message : String(error)})`,
      );
    }
    if (!Array.isArray(value))
      throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    return shiftTimes(value, -this.timeShift()) as unknown[];
  }

  private patch(
    res: ServerResponse,
    t: Target,
    body: Buffer,
    contentType: string,
    query: URLSearchParams,
  ): void {
    if (t.name === undefined || (t.subresource !== undefined && t.subresource !== 'status'))
      throw methodNotSupported(t.def.name, t.def.group, 'patch');
    if (!t.def.verbs.includes('patch')) throw methodNotSupported(t.def.name, t.def.group, 'patch');
    const dryRun = isDryRun(query);
    const type = contentType.split(';')[0]!.trim();
    const isApply = type === 'application/apply-patch+yaml' || type === 'application/apply-patch+json';
    const isJsonPatch = type === 'application/json-patch+json';
    if (
      !isApply &&
      !isJsonPatch &&
      type !== 'application/strategic-merge-patch+json' &&
      type !== 'application/merge-patch+json'
    ) {
      throw new StatusError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
      );
    }
    const operations = isJsonPatch ? this.parseJsonPatch(body) : undefined;
    const patchBody = isJsonPatch ? {} : this.parseBody(body, isApply ? 'yaml' : 'json');
    let existing: unknown;
    try {
      existing = this.getObject(t.def, t.namespace, t.name);
    } catch (error) {
      if (!(isApply && error instanceof StatusError && error.status.code === 404)) throw error;
    }
    if (isApply) this.checkKind(t, patchBody);
    if (existing === undefined) {
      const manifest = this.manifestOf(t, {
        ...patchBody,
        metadata: { ...(patchBody.metadata as object), name: t.name },
      });
      const event: SimEvent =
        t.def.name === 'nodes'
          ? { type: 'NodeAdded', node: nodeInput(manifest) }
          : { type: 'ManifestApplied', manifest };
      if (dryRun) return this.sendJson(res, 201, this.dryRun(event, t, t.name));
      this.submit(event, t, t.name);
      return this.sendJson(res, 201, this.getObject(t.def, t.namespace, t.name));
    }
    let merged: Record<string, unknown>;
    if (operations !== undefined) {
      try {
        merged = jsonPatch(existing, operations) as Record<string, unknown>;
      } catch (error) {
        if (error instanceof JsonPatchError) throw new StatusError(422, 'Invalid', error.message);
        throw error;
      }
      if (merged === null || typeof merged !== 'object' || Array.isArray(merged))
        throw new StatusError(422, 'Invalid', 'the patched object is not a JSON object');
    } else {
      merged = (
        type === 'application/merge-patch+json'
          ? jsonMergePatch(existing, patchBody)
          : strategicMergePatch(existing, patchBody)
      ) as Record<string, unknown>;
    }
    const mergedMeta = (merged.metadata ?? {}) as { name?: unknown };
    if (mergedMeta.name !== t.name)
      throw badRequest(
        `the name of the object (${String(mergedMeta.name)}) does not match the name on the URL (${t.name})`,
      );
    const event = this.updateEvent(t, existing, this.manifestOf(t, merged));
    if (dryRun)
      return this.sendJson(res, 200, event === undefined ? existing : this.dryRun(event, t, t.name));
    if (event !== undefined) this.submit(event, t, t.name);
    return this.sendJson(res, 200, this.getObject(t.def, t.namespace, t.name));
  }

  private remove(res: ServerResponse, t: Target, body: Buffer, query: URLSearchParams): void {
    if (t.name === undefined || t.subresource !== undefined)
      throw methodNotSupported(t.def.name, t.def.group, 'deletecollection');
    if (!t.def.verbs.includes('delete')) throw methodNotSupported(t.def.name, t.def.group, 'delete');
    const options =
      body.length > 0 && body.toString('utf8').trim() !== '' ? this.parseBody(body, 'json') : {};
    const dryRun = isDryRun(query) || (Array.isArray(options.dryRun) && options.dryRun.length > 0);
    const existing = this.getObject(t.def, t.namespace, t.name);
    const namespace = t.namespace ?? 'default';
    const graceText = options.gracePeriodSeconds ?? query.get('gracePeriodSeconds') ?? undefined;
    const grace = graceText === undefined || graceText === null ? undefined : Number(graceText);
    if (grace !== undefined && !Number.isInteger(grace))
      throw badRequest(`gracePeriodSeconds: Invalid value: ${JSON.stringify(graceText)}: must be an integer`);
    let event: SimEvent;
    switch (t.def.name) {
      case 'daemonsets': {
        const policy = String(options.propagationPolicy ?? query.get('propagationPolicy') ?? 'Background');
        if (policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan') {
          throw new StatusError(
            422,
            'Invalid',
            `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`,
            {
              causes: [
                {
                  reason: 'FieldValueNotSupported',
                  message: `Unsupported value: "${policy}"`,
                  field: 'propagationPolicy',
                },
              ],
            },
          );
        }
        event = { type: 'DaemonSetDeleted', namespace, name: t.name, propagationPolicy: policy };
        break;
      }
      case 'pods':
        event = {
          type: 'PodDeleted',
          namespace,
          name: t.name,
          ...(grace === undefined ? {} : { gracePeriodSeconds: Math.max(0, grace) }),
        };
        break;
      case 'nodes':
        event = { type: 'NodeRemoved', name: t.name };
        break;
      default:
        throw methodNotSupported(t.def.name, t.def.group, 'delete');
    }
    if (dryRun) {
      this.dryRun(event, t, t.name);
      return this.sendJson(res, 200, existing);
    }
    this.submit(event, t, t.name);
    const still = this.list(t.def, t.namespace).find((o) => metaOf(o).name === t.name);
    if (still !== undefined) return this.sendJson(res, 200, still);
    const meta = metaOf(existing);
    return this.sendJson(res, 200, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: {
        name: t.name,
        ...(t.def.group === '' ? {} : { group: t.def.group }),
        kind: t.def.name,
        ...(meta.uid === undefined ? {} : { uid: meta.uid }),
      },
    } satisfies Omit<Status, 'code'>);
  }
}

/** Whether the request asks for a dry run (`?dryRun=All`, what `--dry-run=server` sends). */
function isDryRun(query: URLSearchParams): boolean {
  const values = query.getAll('dryRun');
  if (values.length === 0) return false;
  for (const v of values)
    if (v !== 'All') throw badRequest(`dryRun: Unsupported value: "${v}": supported values: "All"`);
  return true;
}

/** The number of newline-terminated lines in `text`. */
function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** A node manifest as the engine's `NodeInput`. */
function nodeInput(manifest: Record<string, unknown>): Extract<SimEvent, { type: 'NodeAdded' }>['node'] {
  const meta = (manifest.metadata ?? {}) as {
    name?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  const spec = (manifest.spec ?? {}) as { taints?: Node['spec']['taints']; unschedulable?: boolean };
  const status = (manifest.status ?? {}) as { capacity?: Record<string, string> };
  return {
    name: meta.name ?? '',
    ...(meta.labels === undefined ? {} : { labels: meta.labels }),
    ...(meta.annotations === undefined ? {} : { annotations: meta.annotations }),
    ...(spec.taints === undefined ? {} : { taints: spec.taints }),
    ...(spec.unschedulable === undefined ? {} : { unschedulable: spec.unschedulable }),
    ...(status.capacity === undefined ? {} : { capacity: status.capacity }),
  };
}

/** The `NodeChange` that turns `node` into `manifest` (labels, annotations, taints, cordon), or undefined for none. */
function nodeChange(node: Node, manifest: Record<string, unknown>): NodeChange | undefined {
  const meta = (manifest.metadata ?? {}) as {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  const spec = (manifest.spec ?? {}) as { taints?: Node['spec']['taints']; unschedulable?: boolean };
  const oldAnnotations = node.metadata.annotations ?? {};
  const newAnnotations = meta.annotations ?? {};
  const annotations: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(newAnnotations)) if (oldAnnotations[k] !== v) annotations[k] = v;
  for (const k of Object.keys(oldAnnotations)) if (!(k in newAnnotations)) annotations[k] = null;
  const oldLabels = node.metadata.labels ?? {};
  const newLabels = meta.labels ?? {};
  const labels: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(newLabels)) if (oldLabels[k] !== v) labels[k] = v;
  for (const k of Object.keys(oldLabels)) if (!(k in newLabels)) labels[k] = null;
  const oldTaints = node.spec.taints ?? [];
  const newTaints = spec.taints ?? [];
  const taintsChanged = canonicalJson(oldTaints) !== canonicalJson(newTaints);
  const unschedulable = spec.unschedulable === true;
  const cordonChanged = unschedulable !== (node.spec.unschedulable === true);
  const annotationsChanged = Object.keys(annotations).length > 0;
  if (Object.keys(labels).length === 0 && !annotationsChanged && !taintsChanged && !cordonChanged)
    return undefined;
  return {
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(annotationsChanged ? { annotations } : {}),
    ...(taintsChanged
      ? { removeTaints: oldTaints.map((x) => ({ key: x.key, effect: x.effect })), addTaints: newTaints }
      : {}),
    ...(cordonChanged ? { unschedulable } : {}),
  };
}

/**
 * Serves `simulation` over a Kubernetes-compatible HTTP API that kubectl 1.32 uses unchanged:
 * discovery, get/list/watch with Table output, create/apply/patch/replace/delete mapped to
 * simulator events at the current simulated time, `pods/log`, and `Status` errors. A timer moves
 * the virtual clock `speed` simulated seconds per wall second unless `paused`; `POST
 * /daemonsim/v1/advance?duration=90s` and `GET /daemonsim/v1/time` sit beside the Kubernetes paths.
 * Upstream counterpart: kube-apiserver (with etcd and the controllers played by the simulation).
 * Deletes take `gracePeriodSeconds` (0: at once), every write honours `dryRun=All`, node Leases
 * are served from `kube-node-lease` (coordination.k8s.io/v1) as the engine computes them.
 * Deviations: no authentication, TLS, protobuf or field managers (server-side apply merges
 * as a strategic merge patch); Leases are read-only and not watched.
 */
export async function startApiServer(
  simulation: Simulation,
  options: ApiServerOptions = {},
): Promise<ApiServer> {
  const host = options.host ?? '127.0.0.1';
  const speed = options.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new RangeError(`startApiServer: speed: Invalid value: ${speed}: must be a positive number`);
  const impl = new ApiServerImpl(
    simulation,
    speed * 1,
    options.paused === true,
    options.maxBodyBytes ?? MAX_REQUEST_BODY_BYTES,
    options.tickMs ?? 50,
    options.wallClockTimestamps ?? true,
  );
  const server = createServer((req, res) => {
    void impl.handle(req, res);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  const url = `http://${hostInUrl}:${port}`;
  impl.serverAddress = `${hostInUrl}:${port}`;
  return {
    url,
    port,
    simulation,
    advance: (ms) => impl.advance(ms),
    close: () =>
      new Promise<void>((resolve, reject) => {
        impl.stop();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
    kubeconfig: (path) => {
      const text = kubeconfigYaml(url);
      if (path !== undefined) writeFileSync(path, text, { mode: 0o600 });
      return text;
    },
  };
}
