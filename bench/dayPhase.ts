import { HOUR, SECOND, SimulationError } from '../packages/core/src/index.js';
import type { SimEvent } from '../packages/core/src/index.js';
import type { Budget } from './budget.js';
import type { BuiltCluster } from './buildCluster.js';
import { DAEMONSETS, DEDICATED_TAINT, POOL_LABEL, nodeInput } from './clusterShape.js';
import { startMeter } from './meter.js';
import { mulberry32 } from './mulberry32.js';
import { Progress } from './progress.js';
import { startRollout } from './rollout.js';
import { stepUntil } from './stepUntil.js';

/** A simulated day. */
const DAY_SECONDS = 86_400;

type OpKind = 'leave' | 'join' | 'label' | 'taint' | 'deletePod' | 'rollout';

/**
 * Operations per simulated hour, as a fraction of N: a fleet that replaces 1 % of its nodes an
 * hour, relabels 2 % (moving them in and out of the pool three DaemonSets select), taints or
 * untaints 0.5 %, and has 1 % as many pod deletions as nodes (`kubectl delete pod`, evictions);
 * plus one rollout an hour, of `agent-<h mod 10>`.
 */
const PER_HOUR: readonly (readonly [OpKind, number])[] = [
  ['leave', 0.01],
  ['join', 0.01],
  ['label', 0.02],
  ['taint', 0.005],
  ['deletePod', 0.01],
];

/** What the day did. */
export interface DayRun {
  readonly nodes: number;
  readonly simSeconds: number;
  readonly completed: boolean;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly events: number;
  readonly ops: number;
  readonly rejectedOps: number;
  readonly rollouts: number;
}

/** The day's operations in time order, with kinds and times drawn up front; their targets are drawn when they run. */
function dayPlan(start: number, n: number, rng: () => number): { at: number; kind: OpKind }[] {
  const ops: { at: number; kind: OpKind }[] = [];
  for (let h = 0; h < DAY_SECONDS / 3600; h++) {
    const hourStart = start + h * HOUR;
    ops.push({ at: hourStart, kind: 'rollout' });
    for (const [kind, fraction] of PER_HOUR) {
      const count = Math.max(1, Math.round(fraction * n));
      for (let k = 0; k < count; k++) ops.push({ at: hourStart + Math.floor(rng() * HOUR), kind });
    }
  }
  return ops.sort((a, b) => a.at - b.at);
}

/**
 * The mixed simulated day on a settled cluster: 86,400 simulated seconds of node joins and
 * leaves, label and taint edits, pod deletions and hourly rollouts, each requested the moment it
 * falls due, as an API client would. Stopped by the budget, it reports how far
 * it got: simulated seconds per wall second is a rate, so a partial day measures it honestly.
 * Hourly rollouts of a 5,000-node DaemonSet with `maxUnavailable: 1` outlast the hour, so
 * several DaemonSets are rolling at once for most of the day, as in a busy real fleet.
 */
export function dayPhase(cluster: BuiltCluster, budget: Budget): DayRun {
  const { sim, live } = cluster;
  const n = live.size;
  const rng = mulberry32(86_400);
  const start = sim.now;
  const end = start + DAY_SECONDS * SECOND;
  const plan = dayPlan(start, n, rng);
  const nodes = [...live].sort((a, b) => a - b);
  const pick = (): number => Math.floor(rng() * nodes.length);
  const progress = new Progress('day');
  const e0 = sim.eventsProcessed;
  const elapsed = startMeter();
  const onCheck = (): void =>
    progress.update(
      () =>
        `sim ${((sim.now - start) / 1000).toFixed(0)} of ${DAY_SECONDS} s, ${sim.eventsProcessed - e0} events`,
    );
  let ops = 0;
  let rejected = 0;
  let rollouts = 0;
  let completed = false;
  // Operations are queued now and processed by the budgeted stepping, so that the passes they
  // cause count against the budget; one the simulation rejects is counted and the day goes on.
  const submit = (event: SimEvent): void => sim.schedule(event);
  const runUntil = (until: number): boolean => {
    for (;;) {
      try {
        return stepUntil(sim, until, budget, { onCheck });
      } catch (error) {
        if (!(error instanceof SimulationError)) throw error;
        rejected++;
      }
    }
  };
  for (const op of plan) {
    if (!runUntil(op.at)) break;
    ops++;
    switch (op.kind) {
      case 'rollout':
        cluster.version++;
        startRollout(sim, cluster.shape, cluster.version, rollouts++ % DAEMONSETS);
        break;
      case 'leave': {
        const k = pick();
        const i = nodes[k]!;
        nodes[k] = nodes[nodes.length - 1]!;
        nodes.pop();
        live.delete(i);
        submit({ type: 'NodeRemoved', name: `node-${i}` });
        break;
      }
      case 'join': {
        const i = cluster.nextIndex++;
        nodes.push(i);
        live.add(i);
        submit({ type: 'NodeAdded', node: nodeInput(i, cluster.shape) });
        break;
      }
      case 'label': {
        const name = `node-${nodes[pick()]!}`;
        const inPool = sim.view.getNode(name)?.metadata.labels?.[POOL_LABEL] === 'a';
        submit({ type: 'NodeUpdated', name, change: { labels: { [POOL_LABEL]: inPool ? null : 'a' } } });
        break;
      }
      case 'taint': {
        const name = `node-${nodes[pick()]!}`;
        const tainted = (sim.view.getNode(name)?.spec.taints ?? []).some(
          (t) => t.key === DEDICATED_TAINT.key,
        );
        submit({
          type: 'NodeUpdated',
          name,
          change: tainted
            ? { removeTaints: [{ key: DEDICATED_TAINT.key }] }
            : { addTaints: [{ ...DEDICATED_TAINT }] },
        });
        break;
      }
      case 'deletePod': {
        const name = `node-${nodes[pick()]!}`;
        const pods = [...sim.view.podsOnNode(name)]
          .filter((p) => p.metadata.deletionTimestamp === undefined)
          .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
        const pod = pods[Math.floor(rng() * pods.length)];
        if (pod !== undefined)
          submit({ type: 'PodDeleted', namespace: pod.metadata.namespace, name: pod.metadata.name });
        break;
      }
    }
  }
  if (ops === plan.length) completed = runUntil(end);
  progress.done();
  const e = elapsed();
  return {
    nodes: n,
    simSeconds: (sim.now - start) / 1000,
    completed,
    wallMs: e.wallMs,
    cpuMs: e.cpuMs,
    events: sim.eventsProcessed - e0,
    ops,
    rejectedOps: rejected,
    rollouts,
  };
}
