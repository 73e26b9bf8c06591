import { HOUR } from '../packages/core/src/index.js';
import type { Budget } from './budget.js';
import type { BuiltCluster } from './buildCluster.js';
import { median } from './median.js';
import { startMeter } from './meter.js';
import { Progress } from './progress.js';
import { rolloutComplete, startRollout, updatedPods } from './rollout.js';
import type { PassTally } from './stepUntil.js';
import { stepUntil } from './stepUntil.js';

/** One cluster's rollouts as {@link rolloutSlices} ran them. */
export interface RolloutRun {
  readonly slices: number;
  readonly events: number;
  readonly cpuMs: number;
  readonly wallMs: number;
  /** The median over slices of CPU µs per event. */
  readonly cpuUsPerEvent: number;
  /** Rollouts of all 10 DaemonSets that finished, and the simulated seconds the first one took. */
  readonly completed: number;
  readonly firstRolloutSimSeconds: number | null;
  /** Of the rollout in flight when the budget ran out, how many desired pods were updated. */
  readonly updated: number;
  readonly desired: number;
  /** Every DaemonSetSync event, timed on its own. */
  readonly passes: PassTally;
}

/** Simulated time a slice may cover at most; a rollout that is done stops its slice sooner. */
const SLICE_SIM_LIMIT = 24 * HOUR;

/**
 * Rolls out a template change of all 10 DaemonSets on each cluster, in wall-time slices that
 * alternate between the clusters until the budget is spent, so that machine noise hits every
 * cluster alike. When a cluster's rollout is done (as `kubectl rollout status` judges it) the next
 * one starts at once, so a small cluster keeps being measured beside a large one still rolling.
 * The per-event figure is the median over slices; a large cluster may cover only the start of its
 * first rollout, which is as expensive per event as the rest (every DaemonSet is rolling throughout).
 */
export function rolloutSlices(
  label: string,
  clusters: readonly BuiltCluster[],
  budget: Budget,
  sliceMs: number,
): RolloutRun[] {
  const progress = new Progress(label);
  const state = clusters.map((cluster) => {
    cluster.version++;
    startRollout(cluster.sim, cluster.shape, cluster.version);
    return {
      perEvent: [] as number[],
      events: 0,
      cpuMs: 0,
      wallMs: 0,
      completed: 0,
      rolloutStart: cluster.sim.now,
      firstSimSeconds: null as number | null,
      passes: { count: 0, totalMs: 0 },
    };
  });
  let slices = 0;
  while (!budget.over()) {
    for (const [c, cluster] of clusters.entries()) {
      const s = state[c]!;
      const { sim } = cluster;
      const slice = budget.sub(sliceMs);
      const e0 = sim.eventsProcessed;
      const elapsed = startMeter();
      const onCheck = (): boolean => {
        progress.update(() => {
          const u = updatedPods(sim);
          return `cluster ${c + 1}/${clusters.length}: ${u.updated}/${u.desired} pods updated, ${s.completed} rollouts done`;
        });
        return !rolloutComplete(sim, cluster.version);
      };
      stepUntil(sim, sim.now + SLICE_SIM_LIMIT, slice, { passes: s.passes, onCheck });
      const e = elapsed();
      const events = sim.eventsProcessed - e0;
      s.events += events;
      s.cpuMs += e.cpuMs;
      s.wallMs += e.wallMs;
      if (events > 0) s.perEvent.push((e.cpuMs * 1000) / events);
      if (rolloutComplete(sim, cluster.version)) {
        s.completed++;
        s.firstSimSeconds ??= (sim.now - s.rolloutStart) / 1000;
        cluster.version++;
        startRollout(sim, cluster.shape, cluster.version);
      }
    }
    slices++;
  }
  progress.done();
  return clusters.map((cluster, c) => {
    const s = state[c]!;
    const u = updatedPods(cluster.sim);
    return {
      slices,
      events: s.events,
      cpuMs: s.cpuMs,
      wallMs: s.wallMs,
      cpuUsPerEvent: median(s.perEvent),
      completed: s.completed,
      firstRolloutSimSeconds: s.firstSimSeconds,
      updated: u.updated,
      desired: u.desired,
      passes: s.passes,
    };
  });
}
