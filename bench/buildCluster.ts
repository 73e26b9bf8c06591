import { createSimulation, SECOND } from '../packages/core/src/index.js';
import type { Simulation, SimulationOptions } from '../packages/core/src/index.js';
import type { Budget } from './budget.js';
import type { ClusterShape } from './clusterShape.js';
import { DAEMONSETS, daemonSetManifest, nodeInput } from './clusterShape.js';
import type { Elapsed } from './meter.js';
import { startMeter } from './meter.js';
import { Progress } from './progress.js';
import { stepUntil } from './stepUntil.js';

/** How nodes arrive: `join` 200 per simulated second (a fleet scaling up), `instant` all at one millisecond. */
export type Arrival = 'join' | 'instant';

/** What {@link buildCluster} is asked for. */
export interface ClusterSpec {
  readonly label: string;
  readonly nodes: number;
  readonly shape: ClusterShape;
  /** Whether DaemonSets run at all (the snapshot cluster has none). */
  readonly daemonSets: boolean;
  readonly arrival: Arrival;
  readonly options: SimulationOptions;
  /** Node indexes start here: a cluster grown in two stages numbers its second stage after the first. */
  readonly firstIndex?: number;
}

/** A cluster as {@link buildCluster} left it. */
export interface BuiltCluster {
  readonly sim: Simulation;
  /** Indexes of the nodes in the cluster, kept current by the workloads that add and remove nodes. */
  readonly live: Set<number>;
  /** The index the next joining node gets. */
  nextIndex: number;
  /** The DaemonSets' latest template version; each rollout takes the next one. */
  version: number;
  readonly shape: ClusterShape;
  /** Whether it reached quiescence (only PodGC's period pending) within the wall budget. */
  readonly quiet: boolean;
  readonly setup: Elapsed;
  readonly setupEvents: number;
}

const JOIN_RATE = 200;

/**
 * Builds (or, given `into`, grows) a cluster through the engine's own paths: DaemonSets applied
 * first, then nodes joining, each getting its pods as it joins; then runs to quiescence. Stops at
 * the end of its `budget` with `quiet: false`: a cluster that could not be
 * built in its budget gives no figures, rather than figures of a half-built cluster.
 */
export function buildCluster(spec: ClusterSpec, budget: Budget, into?: BuiltCluster): BuiltCluster {
  const elapsed = startMeter();
  const sim = into?.sim ?? createSimulation(spec.options);
  const e0 = sim.eventsProcessed;
  const start = sim.now;
  if (into === undefined && spec.daemonSets)
    for (let d = 0; d < DAEMONSETS; d++)
      sim.schedule({ type: 'ManifestApplied', manifest: daemonSetManifest(d, 0, spec.shape) }, start);
  const live = into?.live ?? new Set<number>();
  const first = spec.firstIndex ?? 0;
  for (let k = 0; k < spec.nodes; k++) {
    const i = first + k;
    const at = start + SECOND + (spec.arrival === 'join' ? Math.floor((k * SECOND) / JOIN_RATE) : 0);
    sim.schedule({ type: 'NodeAdded', node: nodeInput(i, spec.shape) }, at);
    live.add(i);
  }
  const progress = new Progress(`build ${spec.label}`);
  const onCheck = (): void =>
    progress.update(
      () => `${sim.view.nodeCount()} nodes, ${sim.eventsProcessed - e0} events, sim ${sim.now / 1000} s`,
    );
  let quiet = false;
  // Background upkeep (PodGC's period, the informer's resync) is always pending; `quiet` ignores it.
  while (!budget.over()) {
    if (!stepUntil(sim, sim.now + 10 * SECOND, budget, { onCheck })) break;
    if (sim.quiet) {
      quiet = true;
      break;
    }
  }
  progress.done();
  return {
    sim,
    live,
    nextIndex: first + spec.nodes,
    version: into?.version ?? 0,
    shape: spec.shape,
    quiet,
    setup: elapsed(),
    setupEvents: sim.eventsProcessed - e0,
  };
}
