import type { SimTime } from '../model/time.js';
import { Rng } from '../random/rng.js';
import { enqueueDaemonSet } from './enqueueDaemonSet.js';
import type { SimulationCore } from './simulationCore.js';

/**
 * The resync period of the informer factory that kube-controller-manager's `generation`-th start
 * builds: `minResyncPeriod` times a factor in [1, 2), drawn from a stream of its own (seed and
 * start), so no other draw of the simulation moves. Mirrors `ResyncPeriod(s)()`
 * (cmd/kube-controller-manager/app/controllermanager.go), which draws with `rand.Float64`.
 */
export function resyncPeriod(core: SimulationCore, generation: number): number {
  const factor = Rng.fromSeed(`informer-resync/${String(core.seed)}/${generation}`).next() + 1;
  return Math.floor(core.minResyncPeriod * factor);
}

/**
 * Starts the DaemonSet informer's resync timer of a new informer factory (at construction and
 * at each controller restart): the previous start's pending resync is dropped and the first of
 * the new one is queued a period from now. Nothing is queued when the resync is off.
 * Upstream counterpart: `sharedIndexInformer.Run` starting its reflector's resync loop.
 */
export function startInformerResync(core: SimulationCore): void {
  if (core.minResyncPeriod === 0) return;
  if (core.resyncAt !== undefined) core.queue.removeWhere((e) => e.item.type === 'InformerResync');
  core.resyncGeneration++;
  core.resyncEvery = resyncPeriod(core, core.resyncGeneration);
  queueResync(core, core.clock + core.resyncEvery);
}

/**
 * An `InformerResync`: the DaemonSet informer hands every cached DaemonSet to its update handler
 * with old and new the same object, and queues the next resync a period later. `updateDaemonset`
 * enqueues on every update, so each DaemonSet gets a pass; `updatePod` and `updateHistory`
 * return early on an unchanged resourceVersion and `updateNode` on an unchanged node, so those
 * informers' resyncs wake nothing and are not modelled (nor are other components' resyncs). Mirrors the reflector's `resyncChan` calling `DeltaFIFO.Resync` and
 * `processorListener` delivering `updateNotification{old, new}` to `updateDaemonset`
 * (pkg/controller/daemon/daemon_controller.go).
 * Deviation: like a status-only update, the wake marks no node dirty; an incremental pass still
 * looks at the nodes whose pods turned available with time, so it decides as a full pass.
 */
export function runInformerResync(core: SimulationCore): void {
  queueResync(core, core.clock + core.resyncEvery);
  for (const key of core.cache.daemonSetKeys()) enqueueDaemonSet(core, key, []);
}

function queueResync(core: SimulationCore, at: SimTime): void {
  core.resyncAt = at;
  core.pushEvent(at, { type: 'InformerResync' });
}
