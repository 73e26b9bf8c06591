import type { ClusterSnapshot, DaemonSet, SimEvent, Simulation, SimTime } from '@daemonsim/core';
import { TraceTimeline } from '@daemonsim/core';
import type { RecordedRequest, Scenario } from '@daemonsim/scenarios';
import { applyRecordedRequests, runReplayTo, runScenario } from '@daemonsim/scenarios';
import { WatchDeliveries } from './watchDeliveries.js';

/** A snapshot and the simulated time it was taken at. */
export type TimedSnapshot = ClusterSnapshot & { readonly time: SimTime };

/**
 * What the page shows, kept apart from the DOM: a simulation run in the page, the timeline its
 * trace feeds (through `traceSink`, entry by entry) and a snapshot after every step, so any past
 * moment can be shown and two compared. Actions become simulator events on the same simulation.
 * Upstream has no counterpart.
 */
export class ViewModel {
  readonly timeline = new TraceTimeline();
  /** The informer model's watch deliveries (none under instant observation). */
  readonly deliveries = new WatchDeliveries();
  readonly snapshots: TimedSnapshot[] = [];
  readonly simulation: Simulation;

  /**
   * Runs `scenario` (under `seed` when given). A model that follows a server starts as the server
   * started; the server keeps no trace (`RUN_DEFAULTS`) and the page keeps one and streams it into
   * the timeline, which changes nothing the simulation does; under informer observation watch
   * deliveries are traced too (`traceWatchDeliveries`, which changes only the trace) for the
   * informer lanes.
   */
  constructor(scenario: Scenario, seed?: string | number) {
    // Under instant observation there is nothing to deliver, so writes need not be kept for pairing.
    const informer = scenario.options?.observation === 'informer';
    const result = runScenario(scenario, {
      simulationDefaults: {
        traceWatchDeliveries: informer,
        traceSink: informer
          ? (entry) => {
              this.timeline.add(entry);
              this.deliveries.add(entry);
            }
          : (entry) => this.timeline.add(entry),
      },
      onStep: ({ simulation }) => this.snapshots.push(simulation.snapshot()),
      ...(seed === undefined ? {} : { seed }),
    });
    this.simulation = result.simulation;
    if (this.snapshots.length === 0) this.snapshots.push(result.snapshot);
  }

  /** The simulated time the simulation has reached. */
  get now(): SimTime {
    return this.simulation.now;
  }

  /** Every node name the trace has seen, sorted: one lane each. */
  nodeNames(): string[] {
    return [...this.timeline.nodes.keys()].sort();
  }

  /** DaemonSet keys (`namespace/name`) in the latest snapshot, sorted. */
  daemonSetKeys(): string[] {
    return [...this.latest().daemonSets.keys()].sort();
  }

  latest(): TimedSnapshot {
    return this.snapshots[this.snapshots.length - 1] as TimedSnapshot;
  }

  /** The last snapshot taken at or before `at` (the first one for an earlier time). */
  snapshotAt(at: SimTime): TimedSnapshot {
    let lo = 0;
    let hi = this.snapshots.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.snapshots[mid] as TimedSnapshot).time <= at) lo = mid;
      else hi = mid - 1;
    }
    return this.snapshots[lo] as TimedSnapshot;
  }

  daemonSetAt(key: string, at: SimTime): DaemonSet | undefined {
    return this.snapshotAt(at).daemonSets.get(key);
  }

  /** Submits a simulator event now, as the CLI and kubectl would, then snapshots. */
  submit(event: SimEvent): void {
    this.simulation.submit(event);
    this.snapshots.push(this.simulation.snapshot());
  }

  /**
   * Catches up with a followed server: its requests since the last call submitted at their times,
   * a snapshot after each, and the clock run to the server's `now`.
   */
  follow(requests: readonly RecordedRequest[], now: SimTime): void {
    applyRecordedRequests(this.simulation, requests, () => this.snapshots.push(this.simulation.snapshot()));
    if (now > this.simulation.now) {
      runReplayTo(this.simulation, now);
      this.snapshots.push(this.simulation.snapshot());
    }
  }

  /** Moves the virtual clock forward, then snapshots. */
  advance(duration: number): void {
    this.simulation.advance(Math.max(1, Math.round(duration)));
    this.snapshots.push(this.simulation.snapshot());
  }
}
