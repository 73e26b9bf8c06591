import type { ServerResponse } from 'node:http';
import type { Simulation, StoredKind, WatchEvent } from '@daemonsim/core';
import type { ResourceDef } from './resources.js';
import { metaOf } from './resources.js';
import { badRequest, StatusError } from './status.js';
import { toTable } from './toTable.js';
import { TimestampShifter } from './wallClock.js';

/** A write the watch history keeps, with the position a `resourceVersion` names. */
interface Recorded {
  readonly pos: number;
  readonly kind: StoredKind;
  readonly type: WatchEvent['type'];
  readonly object: unknown;
  readonly prev: unknown;
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
export function encodeRv(pos: number): string {
  return String(pos);
}

function decodeRv(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * The watch side of the API server: a bounded history of writes with the `resourceVersion` of
 * each, and the open watches it feeds (ADDED/MODIFIED/DELETED as seen through each filter).
 * Mirrors the watch cache (`cacher.Cacher`) in front of etcd.
 * Deviation: the history keeps the last 20,000 writes; an older `resourceVersion` is 410 Expired.
 */
export class WatchHub {
  private readonly watchers = new Set<Watcher>();
  private readonly history: Recorded[] = [];
  private historyStart = 0;
  private lastPos = 0;
  private readonly lastSeen = new Map<string, unknown>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly simulation: Simulation,
    private readonly timeShift: () => number,
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
  }

  /** The list `resourceVersion` of `objects`: the latest write seen, or later. */
  currentPos(objects: readonly unknown[]): number {
    let pos = this.lastPos;
    for (const obj of objects) pos = Math.max(pos, Number(metaOf(obj).resourceVersion ?? 0));
    return pos;
  }

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
    const body = w.table
      ? toTable(w.def, [object], w.includeObject, encodeRv(this.lastPos), this.simulation.now)
      : object;
    w.res.write(`${new TimestampShifter(this.timeShift()).stringify({ type, object: body })}\n`);
  }

  /**
   * Opens a watch on `res`: from `resourceVersion` on when the query gives one (replayed from
   * the history, 410 Expired when it is older), else `initial()` as ADDED events first.
   */
  watch(
    res: ServerResponse,
    def: ResourceDef,
    query: URLSearchParams,
    matches: (o: unknown) => boolean,
    table: boolean,
    includeObject: string,
    initial: () => readonly unknown[],
  ): void {
    const rvText = query.get('resourceVersion') ?? '';
    let replay: Recorded[] = [];
    let first: readonly unknown[] = [];
    if (rvText === '' || rvText === '0') {
      first = initial();
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
    const watcher: Watcher = { res, def, matches, table, includeObject };
    for (const obj of first) this.writeWatchEvent(watcher, 'ADDED', obj);
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

  /** Stops following the simulation and ends every open watch. */
  stop(): void {
    this.unsubscribe();
    for (const w of this.watchers) w.res.end();
    this.watchers.clear();
  }
}
