import type { TraceEntry } from '../sim/trace.js';
import type { PodHistory } from './traceTimeline.js';
import { TraceTimeline } from './traceTimeline.js';

/** One event of the Chrome trace-event format (the subset this exporter writes). */
export interface ChromeTraceEvent {
  readonly name: string;
  readonly ph: 'X' | 'i' | 'C' | 'M';
  readonly pid: number;
  readonly tid?: number;
  /** Microseconds. */
  readonly ts?: number;
  readonly dur?: number;
  readonly s?: 't' | 'p' | 'g';
  readonly cat?: string;
  readonly args?: Readonly<Record<string, string | number>>;
}

/** A Chrome trace-event JSON object, as Perfetto and chrome://tracing open it. */
export interface ChromeTrace {
  readonly traceEvents: readonly ChromeTraceEvent[];
  readonly displayTimeUnit: 'ms';
  readonly metadata: Readonly<Record<string, string>>;
}

const SIMULATOR_PID = 1;
const UNSCHEDULED_PID = 2;
const FIRST_NODE_PID = 10;
const US_PER_MS = 1000;

/**
 * A trace as Chrome trace-event JSON: one process per node (sorted by name) with one thread per
 * pod that was on it, each pod a slice over its life with its phases as nested slices; KubeEvents
 * as instants on their node's `events` thread (or the simulator's when they involve no node);
 * simulator events as instants of a `simulator` process; each DaemonSet's status counters as
 * counter tracks. Times are the simulated clock in microseconds; pods still alive end at the
 * trace's last entry. The output is deterministic: the same trace gives the same JSON.
 * Upstream has no counterpart; the format is Chrome's Trace Event Format (JSON object form).
 */
export function toChromeTrace(trace: Iterable<TraceEntry>): ChromeTrace {
  const timeline = new TraceTimeline();
  timeline.append(trace);
  const end = timeline.end;
  const out: ChromeTraceEvent[] = [];
  const processName = (pid: number, name: string, sort: number): void => {
    out.push({ name: 'process_name', ph: 'M', pid, args: { name } });
    out.push({ name: 'process_sort_index', ph: 'M', pid, args: { sort_index: sort } });
  };
  const threadName = (pid: number, tid: number, name: string): void => {
    out.push({ name: 'thread_name', ph: 'M', pid, tid, args: { name } });
  };

  const nodeNames = new Set<string>(timeline.nodes.keys());
  for (const pod of timeline.pods) if (pod.node !== undefined) nodeNames.add(pod.node);
  const sortedNodes = [...nodeNames].sort();
  const pidOf = new Map(sortedNodes.map((name, i) => [name, FIRST_NODE_PID + i]));

  processName(SIMULATOR_PID, 'simulator', 0);
  threadName(SIMULATOR_PID, 0, 'events');
  threadName(SIMULATOR_PID, 1, 'kube events');
  for (const e of timeline.simEvents)
    out.push({
      name: e.type,
      ph: 'i',
      s: 't',
      pid: SIMULATOR_PID,
      tid: 0,
      ts: e.at * US_PER_MS,
      cat: 'simulator',
      args: { detail: e.detail },
    });
  for (const [daemonSet, samples] of [...timeline.counters].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    for (const s of samples)
      out.push({
        name: daemonSet,
        ph: 'C',
        pid: SIMULATOR_PID,
        ts: s.at * US_PER_MS,
        args: {
          desired: s.desired,
          current: s.current,
          ready: s.ready,
          'up-to-date': s.updated,
          available: s.available,
        },
      });

  const byPid = new Map<number, PodHistory[]>();
  for (const pod of timeline.pods) {
    const pid = pod.node === undefined ? UNSCHEDULED_PID : (pidOf.get(pod.node) as number);
    let list = byPid.get(pid);
    if (list === undefined) byPid.set(pid, (list = []));
    list.push(pod);
  }
  if (byPid.has(UNSCHEDULED_PID)) processName(UNSCHEDULED_PID, 'unscheduled pods', 1);
  sortedNodes.forEach((name, i) => {
    const pid = FIRST_NODE_PID + i;
    processName(pid, name, 2 + i);
    threadName(pid, 0, 'events');
    const history = timeline.nodes.get(name);
    if (history !== undefined) {
      const removed = history.removedAt ?? end;
      out.push({
        name: 'node',
        ph: 'X',
        pid,
        tid: 0,
        ts: history.addedAt * US_PER_MS,
        dur: (removed - history.addedAt) * US_PER_MS,
        cat: 'node',
        args: { taints: history.states[history.states.length - 1]?.taints ?? '<none>' },
      });
    }
  });
  for (const [pid, pods] of byPid) {
    pods.forEach((pod, i) => {
      const tid = i + 1;
      const until = pod.deletedAt ?? end;
      threadName(pid, tid, pod.key);
      out.push({
        name: pod.key.slice(pod.key.indexOf('/') + 1),
        ph: 'X',
        pid,
        tid,
        ts: pod.createdAt * US_PER_MS,
        dur: (until - pod.createdAt) * US_PER_MS,
        cat: 'pod',
        args: { key: pod.key, createdBy: pod.createdBy, restarts: pod.restarts },
      });
      for (const s of pod.segments) {
        const to = s.to ?? until;
        out.push({
          name: s.phase,
          ph: 'X',
          pid,
          tid,
          ts: s.from * US_PER_MS,
          dur: (to - s.from) * US_PER_MS,
          cat: 'phase',
        });
      }
    });
  }
  for (const e of timeline.events) {
    const pid = e.node === undefined ? undefined : pidOf.get(e.node);
    out.push({
      name: e.reason,
      ph: 'i',
      s: 't',
      pid: pid ?? SIMULATOR_PID,
      tid: pid === undefined ? 1 : 0,
      ts: e.at * US_PER_MS,
      cat: `kubeevent,${e.type}`,
      args: { type: e.type, object: e.involved, message: e.message, source: e.by },
    });
  }
  return {
    traceEvents: out,
    displayTimeUnit: 'ms',
    metadata: { 'clock-domain': 'daemonsim simulated time' },
  };
}
