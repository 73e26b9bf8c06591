import { performance } from 'node:perf_hooks';
import type { Budget } from './budget.js';
import type { BuiltCluster } from './buildCluster.js';
import { median } from './median.js';
import { mulberry32 } from './mulberry32.js';

/** Writes after a snapshot against plain writes. */
export interface SnapshotRun {
  readonly nodes: number;
  readonly pairs: number;
  readonly plainWriteUs: number;
  readonly writeAfterSnapshotUs: number;
  readonly ratio: number;
}

/**
 * `snapshotWriteRatio`: the same write, a node label update submitted as `kubectl label` would,
 * timed right after a `snapshot()` (the snapshot held until the write is done, as the API server
 * holds one for a request) and with no snapshot since the last write, in alternating pairs on
 * random nodes; the ratio of the medians. The cluster has nodes only, so a plain write costs little
 * and whatever the first write after a snapshot copies shows in full.
 */
export function snapshotPhase(cluster: BuiltCluster, budget: Budget, maxPairs: number): SnapshotRun {
  const { sim } = cluster;
  const names = [...cluster.live].map((i) => `node-${i}`);
  const rng = mulberry32(5);
  let tick = 0;
  const write = (): number => {
    const name = names[Math.floor(rng() * names.length)]!;
    const t0 = performance.now();
    sim.submit({ type: 'NodeUpdated', name, change: { labels: { 'bench/tick': String(tick++) } } });
    return performance.now() - t0;
  };
  const plain: number[] = [];
  const after: number[] = [];
  let nodes = 0;
  for (let r = -3; r < maxPairs && !budget.over(); r++) {
    const p = write();
    const snapshot = sim.snapshot();
    const a = write();
    nodes = snapshot.nodes.size; // read after the write, so the snapshot is held through it
    // The first three pairs warm the write path up.
    if (r >= 0) {
      plain.push(p);
      after.push(a);
    }
  }
  const plainUs = median(plain) * 1000;
  const afterUs = median(after) * 1000;
  return {
    nodes,
    pairs: plain.length,
    plainWriteUs: plainUs,
    writeAfterSnapshotUs: afterUs,
    ratio: afterUs / plainUs,
  };
}
