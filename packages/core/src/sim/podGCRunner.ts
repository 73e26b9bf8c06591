import { PODGC_COMPONENT, gcPods } from '../controllers/podgc/gcPods.js';
import { perform } from './writePath.js';
import { expireEvents } from './recordEvent.js';
import type { SimulationCore } from './simulationCore.js';

/** A `PodGCPeriod`: the next period is queued, expired KubeEvents are swept, and PodGC's plan is performed. Upstream counterpart: `PodGCController.gc` on its `gcCheckPeriod`. */
export function runPodGC(core: SimulationCore): void {
  core.pushEvent(core.clock + core.podGCPeriod, { type: 'PodGCPeriod' });
  expireEvents(core);
  const plan = gcPods(core.cache, core.clock, core.podGCQuarantineState, core.cache.orphanedNodeNames(), {
    terminatedPodThreshold: core.terminatedPodGCThreshold,
    quarantine: core.podGCQuarantine,
  });
  core.podGCQuarantineState = plan.quarantine;
  if (plan.actions.length > 0 && core.keepTrace)
    core.traceLog.record({ entry: 'event', at: core.clock, seq: -1, type: 'PodGCPeriod', detail: '' });
  for (const action of plan.actions) perform(core, action, PODGC_COMPONENT);
}
