import { MINUTE } from '../packages/core/src/index.js';
import type { SimEvent } from '../packages/core/src/index.js';
import type { Budget } from './budget.js';
import type { BuiltCluster } from './buildCluster.js';
import { expectedPods, nodeInput } from './clusterShape.js';
import { medianHeapLoopMs } from './heapLoop.js';
import { median } from './median.js';
import { startMeter } from './meter.js';
import { mulberry32 } from './mulberry32.js';
import { Progress } from './progress.js';
import { stepUntil } from './stepUntil.js';

/** Node events in one churn round, as a fraction of N (the old bench's `BENCH_CHURN`). */
const CHURN_FRACTION = 0.2;
/** Node events per simulated minute, as a fraction of N. */
const CHURN_RATE = 1 / 100;
/** After the node events, time for PodGC to collect the pods of removed nodes and for new nodes' pods to become ready. */
const DRAIN_MINUTES = 3;

/** One churn round as it ran. */
export interface ChurnRound {
  readonly events: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly meanPending: number;
  readonly simMs: number;
  /** False when the phase's budget stopped it part way: its figures are then those of the events it did process. */
  readonly complete: boolean;
}

/** One size's churn figures: those of its median round by CPU µs per event. */
export interface ChurnSize {
  readonly nodes: number;
  readonly rounds: number;
  readonly completeRounds: number;
  readonly events: number;
  readonly cpuUsPerEvent: number;
  readonly wallUsPerEvent: number;
  readonly eventsPerSecond: number;
  readonly meanPending: number;
  /** The cluster at the end matched the shape: every expected pod, all ready. */
  readonly endOk: boolean;
  readonly endPods: number;
  readonly expectedPods: number;
  /** CPU µs per event of the bare heap loop of the median round's event count; measured at one size only. */
  readonly heapLoopCpuUsPerEvent?: number;
}

/**
 * One churn round on a settled cluster: nodes leave and join alternately at N/100 per simulated
 * minute, 0.2·N node events in all (who leaves is a seeded draw), then DRAIN_MINUTES. The
 * workload scales with N, so per-event cost is the figure that should not grow with N.
 */
function churnRound(cluster: BuiltCluster, seed: number, budget: Budget, progress: Progress): ChurnRound {
  const { sim, live } = cluster;
  const n = live.size;
  const rng = mulberry32(seed);
  const nodeEvents = Math.max(2, Math.round(CHURN_FRACTION * n));
  const interval = MINUTE / Math.max(1, n * CHURN_RATE);
  // Only nodes that exist now can leave: a round cut short by its budget (here or in an earlier
  // phase) leaves NodeAdded events queued for nodes `live` already counts.
  const order = [...live].filter((i) => sim.view.getNode(`node-${i}`) !== undefined).sort((a, b) => a - b);
  const events: { at: number; event: SimEvent }[] = [];
  const start = sim.now;
  for (let k = 0; k < nodeEvents; k++) {
    const at = start + Math.round((k + 1) * interval);
    if (k % 2 === 0) {
      // A seeded partial shuffle of the live nodes picks who leaves.
      const j = k / 2 + Math.floor(rng() * (order.length - k / 2));
      [order[k / 2], order[j]] = [order[j]!, order[k / 2]!];
      const i = order[k / 2]!;
      events.push({ at, event: { type: 'NodeRemoved', name: `node-${i}` } });
    } else {
      events.push({ at, event: { type: 'NodeAdded', node: nodeInput(cluster.nextIndex++, cluster.shape) } });
    }
  }
  for (const { at, event } of events) {
    sim.schedule(event, at);
    if (event.type === 'NodeRemoved') live.delete(Number(event.name.slice(5)));
    else if (event.type === 'NodeAdded') live.add(Number(event.node.name.slice(5)));
  }
  const end = start + Math.round(nodeEvents * interval) + DRAIN_MINUTES * MINUTE;
  let pendingSum = 0;
  let samples = 0;
  const e0 = sim.eventsProcessed;
  const elapsed = startMeter();
  const onCheck = (): void =>
    progress.update(() => `${n} nodes, ${sim.eventsProcessed - e0} events of this round`);
  let complete = true;
  // A simulated minute at a time, sampling the queue's length for the heap loop's comparison.
  for (let t = start + MINUTE; ; t += MINUTE) {
    const until = Math.min(t, end);
    if (!stepUntil(sim, until, budget, { onCheck })) {
      complete = false;
      break;
    }
    pendingSum += sim.pendingEvents;
    samples++;
    if (until === end) break;
  }
  const e = elapsed();
  return {
    events: sim.eventsProcessed - e0,
    wallMs: e.wallMs,
    cpuMs: e.cpuMs,
    meanPending: samples === 0 ? sim.pendingEvents : pendingSum / samples,
    simMs: sim.now - start,
    complete,
  };
}

/** Whether the cluster holds the pods its live nodes should run, all ready. */
function endCheck(cluster: BuiltCluster): { ok: boolean; pods: number; expected: number } {
  let expected = 0;
  for (const i of cluster.live) expected += expectedPods(i, cluster.shape);
  // The live view, not a snapshot: a first snapshot would make every later write of this
  // cluster (the rollout and the day run on it) note its key for the next one.
  const view = cluster.sim.view;
  const pods = view.allPods();
  let ok = view.nodeCount() === cluster.live.size && pods.length === expected;
  for (const pod of pods)
    if (
      pod.status.phase !== 'Running' ||
      pod.metadata.deletionTimestamp !== undefined ||
      !(pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
    )
      ok = false;
  return { ok, pods: pods.length, expected };
}

/**
 * The churn phase over clusters of several sizes, interleaved in cycles (three rounds of the
 * smallest, one of each other size) so that machine noise hits every size alike. In the first
 * cycle each round may take at most its fair share of what is left of the budget, so that every
 * size gets measured; a round cut short by the budget counts only when its size has no complete one.
 * `heapLoopAt` names the size whose median round is also run as a bare heap loop (`vsHeapLoop`).
 */
export function churnPhase(
  sized: readonly { readonly nodes: number; readonly cluster: BuiltCluster }[],
  budget: Budget,
  heapLoopAt: number,
): ChurnSize[] {
  const clusters = sized.map((s) => s.cluster);
  const rounds = clusters.map((): ChurnRound[] => []);
  const cycle = clusters.flatMap((_, c) => (c === 0 ? [0, 0, 0] : [c]));
  const progress = new Progress('churn');
  let seed = 1;
  // A round cut short leaves its later node events queued while `live` already counts them: a
  // next round on that cluster could pick a node whose NodeAdded is still queued and remove it
  // before it exists (a NotFound that ended the phase). Such a cluster runs no more rounds.
  const cut = new Set<number>();
  for (let pass = 0; !budget.over() && cut.size < clusters.length; pass++) {
    for (const [k, c] of cycle.entries()) {
      if (budget.over()) break;
      if (cut.has(c)) continue;
      const round = pass === 0 ? budget.sub(budget.leftMs() / (cycle.length - k)) : budget;
      const r = churnRound(clusters[c]!, seed++, round, progress);
      rounds[c]!.push(r);
      if (!r.complete) cut.add(c);
    }
  }
  progress.done();
  return sized.map(({ nodes, cluster }, c) => {
    const all = rounds[c]!;
    const complete = all.filter((r) => r.complete);
    const pool = (complete.length > 0 ? complete : all).filter((r) => r.events > 0);
    const perEvent = median(pool.map((r) => (r.cpuMs * 1000) / r.events));
    const chosen = pool.find((r) => (r.cpuMs * 1000) / r.events === perEvent);
    const end = endCheck(cluster);
    const base: ChurnSize = {
      nodes,
      rounds: all.length,
      completeRounds: complete.length,
      events: chosen?.events ?? 0,
      cpuUsPerEvent: perEvent,
      wallUsPerEvent: chosen === undefined ? NaN : (chosen.wallMs * 1000) / chosen.events,
      eventsPerSecond: chosen === undefined ? NaN : (chosen.events * 1000) / chosen.wallMs,
      meanPending: chosen?.meanPending ?? NaN,
      endOk: end.ok,
      endPods: end.pods,
      expectedPods: end.expected,
    };
    if (chosen === undefined || nodes !== heapLoopAt) return base;
    const meanDelay = chosen.simMs / Math.max(1, chosen.events / Math.max(1, chosen.meanPending));
    const heapMs = medianHeapLoopMs(chosen.events, Math.max(1, Math.round(chosen.meanPending)), meanDelay);
    return { ...base, heapLoopCpuUsPerEvent: (heapMs * 1000) / chosen.events };
  });
}
