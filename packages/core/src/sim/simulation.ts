import type { ImageBehaviour } from '../controllers/kubelet/imageBehaviour.js';
import { imageBehaviourOf } from '../controllers/kubelet/imageBehaviour.js';
import type { LogOptions } from '../controllers/kubelet/containerLogs.js';
import { containerLogs } from '../controllers/kubelet/containerLogs.js';
import { SimulationError } from '../errors.js';
import type { Namespace, Node } from '../model/objects.js';
import type { SimTime } from '../model/time.js';
import { SECOND, toTimestamp } from '../model/time.js';
import type { RngState } from '../random/rng.js';
import type { ClusterSnapshot } from './clusterStore.js';
import type { ClusterView } from './clusterView.js';
import type { NodeLease } from './nodeLease.js';
import { nodeLease } from './nodeLease.js';
import { reportedNodeStatus } from './nodeStatusReport.js';
import { skipIdlePodGCPeriods } from './podGCRunner.js';
import { startInformerResync } from './informerResync.js';
import type { SimEvent } from './simEvent.js';
import type { SimulationOptions } from './simulationOptions.js';
import type { WatchEvent } from './watchEvent.js';
import { SimulationCore } from './simulationCore.js';
import { checkDuration, checkInstant } from './timeArgument.js';
import { LivelockGuard } from './livelockGuard.js';
import type { PassResult, QueuedKey } from './controlPass.js';
import { daemonSetQueue, podGCOnce, syncDaemonSetOnce, takeQueuedKey } from './controlPass.js';
import type { DaemonSetSyncPlan } from '../controllers/daemonset/syncDaemonSet.js';
import type { PodGCPlan } from '../controllers/podgc/gcPods.js';
import { loadFixture } from './loadFixture.js';
import type { CrashableController, CrashOptions } from './crashController.js';
import { crashController } from './crashController.js';
import { switchFaultRule } from './faultInjector.js';
import { decodeRequestEvent } from './decodeRequestEvent.js';
import type { DryRunResult } from './dryRunEvent.js';
import { dryRunEvent } from './dryRunEvent.js';
import { runEvent } from './runEvent.js';
import type { FieldValidation } from '../api/decodeObject.js';
import type { TraceEntry } from './trace.js';

const INITIAL_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/**
 * A simulated cluster: the store, the virtual clock, the event queue, the seeded RNG and the
 * controllers, advanced one event at a time. The only writer of cluster state.
 * Upstream has no counterpart: this plays the API server, etcd, kube-controller-manager's
 * DaemonSet, PodGC and garbage-collector controllers, the scheduler and every kubelet.
 */
export class Simulation {
  /** Everything the simulation's parts share: configuration, store, cache, clock, queue, RNG, counters. */
  private readonly core: SimulationCore;
  private readonly guard: LivelockGuard;
  private processed = 0;
  private readonly fieldValidation: Exclude<FieldValidation, 'Warn'>;

  constructor(options: SimulationOptions = {}) {
    this.guard = new LivelockGuard(options.livelock);
    const core = new SimulationCore(options);
    this.core = core;
    this.fieldValidation = options.fieldValidation ?? 'Strict';
    for (const name of INITIAL_NAMESPACES) {
      const ns: Namespace = {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name,
          uid: core.context.nextUid(),
          resourceVersion: core.context.nextResourceVersion(),
          creationTimestamp: toTimestamp(0),
          labels: { 'kubernetes.io/metadata.name': name },
        },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      };
      core.store.putNamespace(ns);
      if (core.cache !== core.store) core.cache.putNamespace(ns);
    }
    core.pushEvent(core.podGCPeriod, { type: 'PodGCPeriod' });
    startInformerResync(core);
    if (options.fixture !== undefined) loadFixture(core, options.fixture);
  }

  // --- public API ---

  /** The current simulated time. */
  get now(): SimTime {
    return this.core.clock;
  }

  /** How many events have been processed. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** How many events are waiting. */
  get pendingEvents(): number {
    return this.core.queue.size;
  }

  /**
   * Whether nothing is left to do but background upkeep (PodGC's period, the informer's resync,
   * back-off and probe loops): the state {@link runUntilQuiet} stops at. Tools that step on their
   * own read it rather than counting pending events, which upkeep never lets reach zero.
   */
  get quiet(): boolean {
    return this.isQuiet();
  }

  /**
   * The time and type of the event {@link step} would process next, or undefined when the
   * queue is empty. Read-only: for benchmarks and tools that time or stop at one kind of event.
   */
  peek(): { readonly at: SimTime; readonly type: SimEvent['type'] } | undefined {
    const next = this.core.queue.peek();
    return next === undefined ? undefined : { at: next.at, type: next.item.type };
  }

  /** The live state, read-only: what the API server stores now. */
  get view(): ClusterView {
    return this.core.store;
  }

  /** What the controllers see: the live state under instant observation, a lagging cache under informer observation. */
  get controllerView(): ClusterView {
    return this.core.cache;
  }

  /** The trace so far: every processed event and write. */
  get trace(): readonly TraceEntry[] {
    return this.core.traceLog.entries();
  }

  /** How many trace entries were recorded but dropped by {@link SimulationOptions.traceLimit}. */
  get traceDropped(): number {
    return this.core.traceLog.dropped;
  }

  /**
   * Calls `listener` after every write of a Node, Pod, DaemonSet, ControllerRevision, Event or
   * Namespace to the store, as a Kubernetes watch would report it (a deletion carries a fresh
   * resourceVersion); returns the function that unsubscribes.
   * For API servers and UIs: the listener must not write to the simulation.
   */
  watch(listener: (event: WatchEvent) => void): () => void {
    this.core.watchers.add(listener);
    return () => this.core.watchers.delete(listener);
  }

  /**
   * What `kubectl logs <pod> [-c container] [--previous] [--since-time] [--tail] [--timestamps]`
   * prints for a pod now, `podKey` being `namespace/name`. Pure: reading logs changes nothing.
   * Throws `SimulationError('NotFound')` for a missing pod and `BadRequest` as the kubelet answers
   * (container name required, container waiting to start, no previous container).
   */
  logs(podKey: string, container?: string, options: LogOptions = {}): string {
    const pod = this.core.store.getPod(podKey);
    if (pod === undefined)
      throw new SimulationError('NotFound', `pods "${podKey.slice(podKey.indexOf('/') + 1)}" not found`, {
        path: 'metadata.name',
      });
    const node = pod.spec.nodeName === undefined ? undefined : this.core.store.getNode(pod.spec.nodeName);
    return containerLogs(pod, node, this.core.images, this.core.clock, container, options);
  }

  /** The behaviour configured for an image (see {@link SimulationOptions.images}); `{}` for unlisted images. */
  imageBehaviour(image: string): ImageBehaviour {
    return imageBehaviourOf(this.core.images, image);
  }

  /** Whether the node's kubelet has stopped posting status (`NodeHeartbeatsStopped`). */
  heartbeatsStopped(nodeName: string): boolean {
    return this.core.kubeletDown.has(nodeName);
  }

  /**
   * The heartbeat Lease of node `name` in `kube-node-lease` as it reads now, or undefined for
   * no such node; computed from the node and its heartbeat state (see {@link nodeLease}).
   */
  nodeLease(name: string): NodeLease | undefined {
    const node = this.core.store.getNode(name);
    return node === undefined ? undefined : nodeLease(node, this.core.clock, this.core.kubeletDown.get(name));
  }

  /** `node` (one of this cluster's) with its conditions' heartbeats at its kubelet's latest status report (see {@link reportedNodeStatus}). */
  reportedNode(node: Node): Node {
    return reportedNodeStatus(node, this.core.clock, this.core.kubeletDown.get(node.metadata.name));
  }

  /** Every node's heartbeat Lease in `kube-node-lease`, sorted by name. */
  nodeLeases(): readonly NodeLease[] {
    return this.core.store.nodeNames().map((n) => this.nodeLease(n)!);
  }

  /**
   * Checks a request event without applying it, as `--dry-run=server` does: the same lookups,
   * admission, defaulting and validation, throwing the same `SimulationError`s, and returns the
   * object that would be stored. Pure: no state, counter or RNG changes, nothing traced.
   * Deviation: the returned object's uid and resourceVersion are placeholders (`''`), and a
   * generated pod name is drawn from a copy of the RNG; only request events (node, manifest and
   * delete events) are accepted, others throw `BadRequest`.
   */
  dryRun(event: SimEvent): DryRunResult {
    return dryRunEvent(this.core, decodeRequestEvent(event, this.fieldValidation));
  }

  /**
   * Runs exactly one pass of the DaemonSet controller for `key` (`namespace/name`) and returns its
   * plan and the writes it made, as upstream's unit tests call `syncHandler(ctx, key)`: nothing
   * else runs, the clock stays, the work queue is not touched (see {@link takeQueuedKey}).
   * Throws `BadRequest` for a malformed key, and a pass that throws as {@link step} does.
   */
  syncDaemonSet(key: string): PassResult<DaemonSetSyncPlan> {
    return syncDaemonSetOnce(this.core, key);
  }

  /** Runs exactly one PodGC pass (`PodGCController.gc`) and returns its plan and writes; its periods stay as queued. */
  podGC(): PassResult<PodGCPlan> {
    return podGCOnce(this.core);
  }

  /** The DaemonSet keys ready in the controller's work queue (due now or earlier), in the order they will run. */
  queuedDaemonSetKeys(): readonly string[] {
    return daemonSetQueue(this.core).ready.map((q) => q.key);
  }

  /** The DaemonSet keys waiting among the work queue's delayed adds (`AddAfter`, rate-limited re-queues), with when each is due. */
  delayedDaemonSetKeys(): readonly QueuedKey[] {
    return daemonSetQueue(this.core).delayed;
  }

  /**
   * Takes the first ready DaemonSet key off the work queue without running it (`queue.Get`),
   * returning it, or undefined when none is ready; pair it with {@link syncDaemonSet}.
   */
  takeQueuedKey(): string | undefined {
    return takeQueuedKey(this.core);
  }

  /**
   * Moves the clock to `at` without running the events due by then, as a unit test steps a fake
   * clock; they run, at `at`, on the next {@link step}. Throws `BadRequest` for an `at` that is
   * not a whole number of milliseconds and `TimeInPast` for one before now.
   */
  setClock(at: SimTime): void {
    this.core.clock = checkInstant('setClock', 'at', at, this.core.clock);
  }

  /**
   * Switches fault rule `rule` (see {@link SimulationOptions.faults}) on from now; traced as a
   * `FaultEnabled` line. Throws `SimulationError('NotFound')` for a rule the simulation does not have.
   */
  enableFault(rule: string): void {
    switchFaultRule(this.core, rule, true);
  }

  /** Switches fault rule `rule` off from now; traced as `FaultDisabled`. Throws `NotFound` for an unknown rule. */
  disableFault(rule: string): void {
    switchFaultRule(this.core, rule, false);
  }

  /** Whether fault rule `rule` is enabled now (false for a rule the simulation does not have). */
  faultEnabled(rule: string): boolean {
    return (this.core.faults?.isEnabled(rule) ?? false) || (this.core.watchFaults?.isEnabled(rule) ?? false);
  }

  /**
   * Crashes `controller` (only `daemonset`) and restarts it: now, between two passes, or, with
   * `afterWrites`, once it has sent that many more requests, in the middle of a pass if it comes
   * to that. The restarted controller has lost its expectations, failed-pod backoff, work queue
   * and rate limiter, and its informers list again, `fresh` or `stale` (see {@link CrashOptions}).
   * Traced as `ControllerCrashed` / `ControllerRestarted`. Throws `BadRequest` naming the field
   * for bad arguments.
   */
  crashController(controller: CrashableController, options: CrashOptions = {}): void {
    crashController(this.core, controller, options);
  }

  /** The RNG's state, to show that it is carried in the simulation. */
  get rngState(): RngState {
    return this.core.rng.state();
  }

  /**
   * The cluster's objects now, as read-only maps that later steps never change. They share
   * structure with the live store: the first snapshot is O(n) once, each later one
   * O(k log n) for the k objects written since the previous one (see `SnapshotMap` in sim/snapshotMap.ts).
   */
  snapshot(): ClusterSnapshot & { readonly time: SimTime } {
    return { time: this.core.clock, ...this.core.store.snapshot() };
  }

  /**
   * Queues `event` at time `at` (default: now). Throws `SimulationError('TimeInPast')` for a
   * time before now and `BadRequest` for a time that is not a whole number of milliseconds (see
   * {@link checkInstant}), and decodes a request event at once (`decodeRequestEvent`: typed against
   * upstream's schema, unknown fields per `fieldValidation`) so a hostile one never waits in the queue.
   */
  schedule(event: SimEvent, at: SimTime = this.core.clock): void {
    checkInstant('schedule', 'at', at, this.core.clock);
    event = decodeRequestEvent(event, this.fieldValidation);
    this.core.pushEvent(at, event);
  }

  /**
   * Queues `event` now and processes it, then what the components do in reaction at the same
   * instant, as events of their own; rethrows the error that rejected the request. A component
   * that fails in reaction does not fail the request: its writes are taken back, it is retried
   * with backoff, and it is traced and recorded as a Warning KubeEvent (see {@link step}). The
   * usual way to act on the simulation.
   */
  submit(event: SimEvent): void {
    this.schedule(event);
    const now = this.core.clock;
    for (;;) {
      const next = this.core.queue.peek();
      if (next === undefined || next.at > now) break;
      this.next();
    }
  }

  /**
   * Processes the next event; returns false when the queue is empty. Each event is atomic: one
   * that throws leaves no write behind. A request's rejection is rethrown. A component's failure
   * (an exception, `ControllerPanic`) or a component caught keeping the clock still (`Livelock`,
   * see {@link SimulationOptions.livelock}) is recovered: the item is re-queued with the work
   * queue's backoff, traced and recorded as a Warning KubeEvent, and then thrown as that
   * `SimulationError`, with the state consistent and the simulation ready for the next call.
   */
  step(): boolean {
    const outcome = this.next();
    if (typeof outcome === 'boolean') return outcome;
    throw outcome;
  }

  /**
   * Processes every event due at or before `at`, then sets the clock to `at`. Throws
   * `BadRequest` for an `at` that is not a whole number of milliseconds and `TimeInPast` for
   * one before now (see {@link checkInstant}); once at `at`, throws the first component failure
   * recovered on the way (`ControllerPanic` or `Livelock`, see {@link step}), if any.
   */
  runUntil(at: SimTime): void {
    checkInstant('runUntil', 'at', at, this.core.clock);
    const incidents: SimulationError[] = [];
    for (;;) {
      const next = this.core.queue.peek();
      if (next === undefined || next.at > at) break;
      const skipped = skipIdlePodGCPeriods(this.core, at);
      if (skipped > 0) {
        this.processed += skipped;
        continue;
      }
      const outcome = this.next();
      if (outcome instanceof SimulationError) incidents.push(outcome);
    }
    this.core.clock = at;
    if (incidents.length > 0) throw incidentsError(incidents);
  }

  /**
   * Advances the clock by `duration` milliseconds, processing what falls due. Throws
   * `BadRequest` for a duration that is not a non-negative whole number (see {@link checkDuration}).
   */
  advance(duration: number): void {
    this.runUntil(this.core.clock + checkDuration('advance', 'duration', duration, this.core.clock));
  }

  /**
   * Runs until nothing is left to do but PodGC's idle periods; returns the time reached.
   * Throws `SimulationError('ExpectationFailed')` if the cluster is still busy after `limit`
   * milliseconds of simulated time or after `maxSteps` events, and `BadRequest` for a `limit`
   * that is not a non-negative whole number or a `maxSteps` that is not a positive one. Stops
   * at the first component failure and throws it, recovered, as {@link step} does.
   */
  runUntilQuiet(limit: number = 24 * 60 * 60 * SECOND, maxSteps?: number): SimTime {
    const deadline = this.core.clock + checkDuration('runUntilQuiet', 'limit', limit, this.core.clock);
    if (
      maxSteps !== undefined &&
      (typeof maxSteps !== 'number' || !Number.isSafeInteger(maxSteps) || maxSteps < 1)
    )
      throw new SimulationError(
        'BadRequest',
        `runUntilQuiet: maxSteps: Invalid value: ${String(maxSteps)}: must be a positive integer`,
        { path: 'maxSteps' },
      );
    let steps = 0;
    for (;;) {
      const next = this.core.queue.peek();
      if (next === undefined) return this.core.clock;
      if (this.isQuiet()) return this.core.clock;
      if (next.at > deadline) break;
      if (maxSteps !== undefined && steps >= maxSteps)
        throw new SimulationError(
          'ExpectationFailed',
          `runUntilQuiet: the cluster was still busy after ${maxSteps} steps`,
          { path: 'maxSteps' },
        );
      // A failing component keeps the cluster from ever being quiet: report it at once.
      this.step();
      steps++;
    }
    throw new SimulationError(
      'ExpectationFailed',
      `runUntilQuiet: the cluster was still busy after ${limit} ms of simulated time`,
    );
  }

  private isQuiet(): boolean {
    if (this.core.podGCQuarantineState.size > 0) return false;
    // Pods bound to a missing node still await PodGC; unbound ones that nobody owns wait forever, as in a real cluster.
    for (const nodeName of this.core.store.orphanedNodeNames()) {
      for (const pod of this.core.store.podsOnNode(nodeName))
        if (pod.spec.nodeName === nodeName) return false;
    }
    return this.core.busyEvents === 0;
  }

  /** {@link step}'s work: true when an event ran, false for an empty queue, or the recovered failure it ended in. */
  private next(): boolean | SimulationError {
    const core = this.core;
    const next = core.queue.pop();
    if (next === undefined) return false;
    this.processed++;
    return runEvent(core, this.guard, next);
  }
}

/** One error for the failures a run call recovered from: the first, and how many more the trace shows. */
function incidentsError(incidents: readonly SimulationError[]): SimulationError {
  const first = incidents[0]!;
  if (incidents.length === 1) return first;
  return new SimulationError(
    first.code,
    `${first.message} (and ${incidents.length - 1} more failures in this call: see the trace)`,
    first.path === undefined ? {} : { path: first.path },
  );
}

/** Creates a simulated cluster with the four initial namespaces and PodGC running. */
export function createSimulation(options: SimulationOptions = {}): Simulation {
  return new Simulation(options);
}
