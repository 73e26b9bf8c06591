import type { SimTime } from '../model/time.js';
import type { TraceEntry, TraceWriteEntry } from '../sim/trace.js';

/**
 * The phases a pod is drawn in: the API's `status.phase` refined as kubectl's STATUS column
 * reads (`ContainerCreating` once bound, `Ready` once the Ready condition holds, `Terminating`
 * once a deletion is requested).
 */
export type TimelinePodPhase =
  'Pending' | 'ContainerCreating' | 'Running' | 'Ready' | 'Terminating' | 'Failed' | 'Succeeded';

/** One stretch of a pod's life in one phase; `to` is undefined while it lasts. */
export interface PodSegment {
  readonly phase: TimelinePodPhase;
  readonly from: SimTime;
  to: SimTime | undefined;
}

/** One pod from its create to its delete (a name used again is a new history). */
export interface PodHistory {
  /** Position in {@link TraceTimeline.pods}, a stable id for this pod. */
  readonly id: number;
  readonly key: string;
  /** The node it is bound to or meant for, undefined while it has none. */
  node: string | undefined;
  readonly createdAt: SimTime;
  deletedAt: SimTime | undefined;
  readonly createdBy: string;
  restarts: number;
  readonly segments: PodSegment[];
}

/** One node from its create to its delete, with the times it was cordoned or tainted. */
export interface NodeHistory {
  readonly name: string;
  readonly addedAt: SimTime;
  removedAt: SimTime | undefined;
  /** The latest `taints=...` detail written for it and since when. */
  readonly states: { readonly at: SimTime; readonly taints: string; readonly unschedulable: boolean }[];
}

/** A recorded KubeEvent, placed on the node of the object it is about when there is one. */
export interface EventMark {
  readonly at: SimTime;
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  /** `namespace/name` of the involved object as the event's key names it. */
  readonly involved: string;
  readonly by: string;
  readonly node: string | undefined;
}

/** A DaemonSet's status counters as one status write left them. */
export interface CounterSample {
  readonly at: SimTime;
  readonly desired: number;
  readonly current: number;
  readonly ready: number;
  readonly available: number;
  readonly updated: number;
  readonly misscheduled: number;
}

/** A simulator event, as the trace names it. */
export interface SimEventMark {
  readonly at: SimTime;
  readonly type: string;
  readonly detail: string;
}

function field(detail: string, name: string): string | undefined {
  const prefix = `${name}=`;
  for (const part of detail.split(' ')) if (part.startsWith(prefix)) return part.slice(prefix.length);
  return undefined;
}

function counters(at: SimTime, detail: string): CounterSample {
  const n = (name: string): number => Number(field(detail, name) ?? 0);
  return {
    at,
    desired: n('desired'),
    current: n('current'),
    ready: n('ready'),
    available: n('available'),
    updated: n('updated'),
    misscheduled: n('misscheduled'),
  };
}

/**
 * Pod, node, KubeEvent and DaemonSet-status histories read from a trace, entry by entry, so a
 * view can follow a running simulation (through `traceSink`) and still see every past moment.
 * Only the trace is read, never the store: what it shows is what the trace recorded.
 * Upstream has no counterpart; it plays the part of a timeline over the audit log.
 */
export class TraceTimeline {
  readonly pods: PodHistory[] = [];
  readonly nodes = new Map<string, NodeHistory>();
  readonly events: EventMark[] = [];
  readonly simEvents: SimEventMark[] = [];
  /** DaemonSet `namespace/name` to its status samples, in time order. */
  readonly counters = new Map<string, CounterSample[]>();
  /** The time of the latest entry read. */
  end: SimTime = 0;
  private readonly livePods = new Map<string, PodHistory>();

  /** Reads entries in trace order. */
  append(entries: Iterable<TraceEntry>): void {
    for (const e of entries) this.add(e);
  }

  /** Reads one entry. */
  add(e: TraceEntry): void {
    if (e.at > this.end) this.end = e.at;
    if (e.entry === 'event') this.simEvents.push({ at: e.at, type: e.type, detail: e.detail });
    if (e.entry !== 'write') return;
    switch (e.kind) {
      case 'Pod':
        this.podWrite(e);
        break;
      case 'Node':
        this.nodeWrite(e);
        break;
      case 'Event':
        if (e.verb === 'record') this.eventWrite(e);
        break;
      case 'DaemonSet':
        if (e.verb === 'status') {
          let samples = this.counters.get(e.key);
          if (samples === undefined) this.counters.set(e.key, (samples = []));
          samples.push(counters(e.at, e.detail));
        }
        break;
    }
  }

  /** The pods alive at `at` (created at or before it and not yet deleted). */
  podsAt(at: SimTime): PodHistory[] {
    return this.pods.filter((p) => p.createdAt <= at && (p.deletedAt === undefined || p.deletedAt > at));
  }

  /** The pod's phase at `at`, undefined outside its life. */
  static phaseAt(pod: PodHistory, at: SimTime): TimelinePodPhase | undefined {
    for (let i = pod.segments.length - 1; i >= 0; i--) {
      const s = pod.segments[i] as PodSegment;
      if (s.from <= at) return s.to === undefined || s.to > at ? s.phase : undefined;
    }
    return undefined;
  }

  /** The DaemonSet's latest counters at or before `at`. */
  countersAt(daemonSet: string, at: SimTime): CounterSample | undefined {
    const samples = this.counters.get(daemonSet) ?? [];
    let found: CounterSample | undefined;
    for (const s of samples) {
      if (s.at > at) break;
      found = s;
    }
    return found;
  }

  private enter(pod: PodHistory, phase: TimelinePodPhase, at: SimTime): void {
    const last = pod.segments[pod.segments.length - 1];
    if (last !== undefined) {
      if (last.phase === phase) return;
      // Once a deletion is asked for the pod stays Terminating, whatever the kubelet reports.
      if (last.phase === 'Terminating' && phase !== 'Failed' && phase !== 'Succeeded') return;
      last.to = at;
    }
    pod.segments.push({ phase, from: at, to: undefined });
  }

  private podWrite(e: TraceWriteEntry): void {
    if (e.verb === 'create') {
      const node = field(e.detail, 'node');
      const pod: PodHistory = {
        id: this.pods.length,
        key: e.key,
        node: node === undefined || node === '<none>' ? undefined : node,
        createdAt: e.at,
        deletedAt: undefined,
        createdBy: e.by,
        restarts: 0,
        segments: [],
      };
      this.enter(pod, 'Pending', e.at);
      this.pods.push(pod);
      this.livePods.set(e.key, pod);
      return;
    }
    const pod = this.livePods.get(e.key);
    if (pod === undefined) return;
    const d = e.detail;
    switch (e.verb) {
      case 'bind':
        pod.node = field(d, 'node') ?? pod.node;
        this.enter(pod, 'ContainerCreating', e.at);
        return;
      case 'delete': {
        const last = pod.segments[pod.segments.length - 1];
        if (last !== undefined) last.to = e.at;
        pod.deletedAt = e.at;
        this.livePods.delete(e.key);
        return;
      }
      case 'update':
        if (d.startsWith('terminating')) this.enter(pod, 'Terminating', e.at);
        else if (d === 'mark Failed') this.enter(pod, 'Failed', e.at);
        return;
      case 'status': {
        const phase = field(d, 'phase');
        const ready = field(d, 'ready');
        const restarts = field(d, 'restartCount');
        if (restarts !== undefined) pod.restarts = Number(restarts);
        if (phase === 'Failed' || phase === 'Succeeded' || phase === 'Running') this.enter(pod, phase, e.at);
        else if (phase === 'Pending') this.enter(pod, 'ContainerCreating', e.at);
        else if (ready === 'true') this.enter(pod, 'Ready', e.at);
        else if (ready === 'false' || d.includes(' exited ')) this.enter(pod, 'Running', e.at);
        return;
      }
      default:
        return;
    }
  }

  private nodeWrite(e: TraceWriteEntry): void {
    if (e.verb === 'delete') {
      const node = this.nodes.get(e.key);
      if (node !== undefined) node.removedAt = e.at;
      return;
    }
    const state = {
      at: e.at,
      taints: field(e.detail, 'taints') ?? '<none>',
      unschedulable: e.detail.endsWith(' unschedulable'),
    };
    const node = this.nodes.get(e.key);
    if (e.verb === 'create' || node === undefined || node.removedAt !== undefined) {
      this.nodes.set(e.key, { name: e.key, addedAt: e.at, removedAt: undefined, states: [state] });
      return;
    }
    const last = node.states[node.states.length - 1];
    if (last?.taints !== state.taints || last.unschedulable !== state.unschedulable) node.states.push(state);
  }

  private eventWrite(e: TraceWriteEntry): void {
    const space = e.detail.indexOf(' ');
    const second = e.detail.indexOf(' ', space + 1);
    const type = e.detail.slice(0, space);
    const reason = e.detail.slice(space + 1, second);
    const raw = e.detail.slice(second + 1);
    let message = raw;
    try {
      message = JSON.parse(raw) as string;
    } catch {
      // A message that is not a JSON string is shown as written.
    }
    // An event's name is `<involved name>.<hex suffix>`.
    const involved = e.key.slice(0, e.key.lastIndexOf('.'));
    const name = involved.slice(involved.indexOf('/') + 1);
    const pod = this.livePods.get(involved);
    const node = pod?.node ?? (this.nodes.has(name) ? name : undefined);
    this.events.push({ at: e.at, type, reason, message, involved, by: e.by, node });
  }
}
