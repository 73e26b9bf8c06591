import type { DaemonSet, Simulation, SimTime, WatchEvent } from '@daemonsim/core';

/** What one run measured, in simulated milliseconds and counts; null where nothing was measured. */
export interface RunFigures {
  /**
   * The longest time a DaemonSet spent out of convergence (from the write that took it out to
   * the status write that showed it converged again), or null when none converged after a change.
   */
  readonly timeToConvergeMs: number | null;
  /** The largest `status.numberUnavailable` any DaemonSet reported during a rollout, or null without a rollout. */
  readonly maxUnavailableDuringRollout: number | null;
  /** DaemonSets not converged when the run ended. */
  readonly unconverged: number;
  readonly podsCreated: number;
  readonly podsDeleted: number;
  /** Simulator events processed. */
  readonly events: number;
  /** Kubernetes Events recorded (a repeat that bumps an Event's count counts again). */
  readonly kubeEvents: number;
}

/** Whether a DaemonSet's status says its controller has finished with its current spec. */
function converged(ds: DaemonSet): boolean {
  const s = ds.status;
  return (
    s.observedGeneration === ds.metadata.generation &&
    s.currentNumberScheduled === s.desiredNumberScheduled &&
    (s.updatedNumberScheduled ?? 0) === s.desiredNumberScheduled &&
    (s.numberAvailable ?? 0) === s.desiredNumberScheduled &&
    s.numberMisscheduled === 0
  );
}

interface Episode {
  readonly since: SimTime;
  /** Set when a spec change (a generation bump) opened or joined the episode. */
  rollout: boolean;
}

/**
 * Starts measuring a run: watches every write of `simulation` from now on and returns the
 * function that reads the figures. Convergence and unavailability are read from DaemonSet
 * status writes, as `kubectl rollout status` reads them, so they lag the pods by one controller
 * pass; a rollout is a spec change (generation bump) of a DaemonSet that already existed.
 * Upstream has no counterpart.
 */
export function watchRunFigures(simulation: Simulation): () => RunFigures {
  const open = new Map<string, Episode>();
  const generations = new Map<string, number>();
  let timeToConvergeMs: number | null = null;
  let maxUnavailable: number | null = null;
  let podsCreated = 0;
  let podsDeleted = 0;
  let kubeEvents = 0;
  const onDaemonSet = (event: WatchEvent, ds: DaemonSet): void => {
    const key = `${ds.metadata.namespace}/${ds.metadata.name}`;
    if (event.type === 'DELETED') {
      open.delete(key);
      generations.delete(key);
      return;
    }
    const previous = generations.get(key);
    generations.set(key, ds.metadata.generation);
    const bumped = previous !== undefined && ds.metadata.generation > previous;
    let episode = open.get(key);
    if (converged(ds)) {
      if (episode !== undefined) {
        const took = simulation.now - episode.since;
        timeToConvergeMs = Math.max(timeToConvergeMs ?? 0, took);
        open.delete(key);
      }
      return;
    }
    if (episode === undefined) {
      episode = { since: simulation.now, rollout: false };
      open.set(key, episode);
    }
    if (bumped) episode.rollout = true;
    if (episode.rollout) maxUnavailable = Math.max(maxUnavailable ?? 0, ds.status.numberUnavailable ?? 0);
  };
  simulation.watch((event) => {
    switch (event.kind) {
      case 'Pod':
        if (event.type === 'ADDED') podsCreated++;
        else if (event.type === 'DELETED') podsDeleted++;
        return;
      case 'Event':
        if (event.type !== 'DELETED') kubeEvents++;
        return;
      case 'DaemonSet':
        onDaemonSet(event, event.object as DaemonSet);
        return;
      default:
        return;
    }
  });
  const events0 = simulation.eventsProcessed;
  return () => ({
    timeToConvergeMs,
    maxUnavailableDuringRollout: maxUnavailable,
    unconverged: open.size,
    podsCreated,
    podsDeleted,
    events: simulation.eventsProcessed - events0,
    kubeEvents,
  });
}
