import type { PodGCPlan } from '../controllers/podgc/gcPods.js';
import { PODGC_COMPONENT, gcPods } from '../controllers/podgc/gcPods.js';
import { perform } from './writePath.js';
import { expireEvents } from './recordEvent.js';
import type { SimTime } from '../model/time.js';
import type { SimulationCore } from './simulationCore.js';

/** A `PodGCPeriod`: the next period is queued, expired KubeEvents are swept, and PodGC's plan is performed. Upstream counterpart: `PodGCController.gc` on its `gcCheckPeriod`. */
export function runPodGC(core: SimulationCore): void {
  core.pushEvent(core.clock + core.podGCPeriod, { type: 'PodGCPeriod' });
  gcPass(core);
}

/** One PodGC pass without queuing the next period: expired KubeEvents swept, the plan performed and returned. Upstream counterpart: `PodGCController.gc`. */
export function gcPass(core: SimulationCore): PodGCPlan {
  expireEvents(core);
  // The cache finds the candidates; the API server's own store answers the confirming GET.
  const plan = gcPods(
    core.cache,
    core.clock,
    core.podGCQuarantineState,
    core.cache.orphanedNodeNames(),
    { terminatedPodThreshold: core.terminatedPodGCThreshold, quarantine: core.podGCQuarantine },
    (name) => core.store.getNode(name) !== undefined,
  );
  core.podGCQuarantineState = plan.quarantine;
  if (plan.actions.length > 0 && core.keepTrace)
    core.traceLog.record({ entry: 'event', at: core.clock, seq: -1, type: 'PodGCPeriod', detail: '' });
  for (const action of plan.actions) perform(core, action, PODGC_COMPONENT);
  return plan;
}

/**
 * Jumps over PodGC periods due by `until` that cannot do anything, as processing them one by one
 * would leave things: when PodGC's period is the only event queued but the informers' resync
 * (which the jump stops short of) and there is nothing to collect (no orphaned, terminating or
 * surplus terminated pods, no quarantine) and no KubeEvent expires before them. Returns how many periods were jumped over (0 when none could be), so that
 * a long advance of an idle cluster costs O(1) instead of one event per 20 s.
 * Upstream has no counterpart: a real PodGC wakes on its period, and real time is not skipped.
 */
export function skipIdlePodGCPeriods(core: SimulationCore, until: SimTime): number {
  const queue = core.queue;
  const next = queue.peek();
  const resyncs = core.resyncAt === undefined ? 0 : 1;
  if (next === undefined || queue.size !== 1 + resyncs || next.item.type !== 'PodGCPeriod') return 0;
  // A period the clock was set past (`setClock`) runs as it is: the jump never goes back in time.
  if (next.at < core.clock) return 0;
  const store = core.store;
  if (
    core.podGCQuarantineState.size > 0 ||
    store.orphanedNodeNames().length > 0 ||
    store.terminatingPods().length > 0 ||
    (core.terminatedPodGCThreshold > 0 && store.terminatedPodCount() > core.terminatedPodGCThreshold)
  )
    return 0;
  const events = core.eventExpiry;
  const expiry = events.head < events.keys.length ? events.at[events.head]! : Infinity;
  const last = Math.min(until, expiry - 1, (core.resyncAt ?? Infinity) - 1);
  const period = core.podGCPeriod;
  if (last < next.at) return 0;
  const periods = Math.floor((last - next.at) / period) + 1;
  if (periods < 2) return 0;
  queue.pop();
  core.clock = next.at + (periods - 1) * period;
  // Each period would have queued the next one: the queue's numbering goes on as if they had.
  queue.skipSequence(periods - 1);
  core.pushEvent(next.at + periods * period, next.item);
  core.podGCQuarantineState = new Map();
  return periods;
}
