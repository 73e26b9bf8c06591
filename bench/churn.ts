// `pnpm bench`: node churn at 500, 5,000 and 50,000 nodes with 10 DaemonSets, against a bare
// heap loop of the same event count, plus one full DaemonSet pass against one incremental pass.
// A benchmark, not a test: it prints a table, and as its last line one JSON object.
//
// Each size: build the cluster (N nodes, 10 DaemonSets) and run it to quiescence (timed apart as
// "setup"); then the timed churn phase: nodes leave and join at N/100 node events per simulated
// minute, CHURN_FRACTION·N node events in all, then DRAIN_MINUTES for PodGC to collect the pods
// of removed nodes and for new nodes' pods to become ready. trace: false throughout.

import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { EventQueue, MINUTE, SECOND, createSimulation, syncDaemonSet } from '../packages/core/src/index.js';
import type { NodeInput, SimEvent, Simulation } from '../packages/core/src/index.js';

const SIZES = parseSizes(process.env.BENCH_SIZES) ?? [500, 5_000, 50_000];
/** Node events in the churn phase, as a fraction of N. */
const CHURN_FRACTION = Number(process.env.BENCH_CHURN ?? 0.2);
/** Node events per simulated minute, as a fraction of N. */
const CHURN_RATE = 1 / 100;
const DRAIN_MINUTES = 3;
const DAEMONSETS = 10;
const NAMESPACE = 'kube-system';
/** Upper bound on simulated setup time before we give up on quiescence. */
const SETUP_LIMIT = 60 * MINUTE;
/** Nodes joining per simulated second in the `join` setup. */
const JOIN_RATE = 200;
/** Wall-time budget of one size's setup; past it the size is reported as not set up, with no churn figures. */
const SETUP_BUDGET_S = Number(process.env.BENCH_SETUP_BUDGET_S ?? 300);
const SETUP_MODE: 'join' | 'rollout' = process.env.BENCH_SETUP === 'rollout' ? 'rollout' : 'join';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

// --- workload ---

/** mulberry32: the bench's own seeded RNG, for picking which nodes leave. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Node i: every even node carries `bench/pool=a`; every tenth (i % 10 == 5) a NoSchedule taint. */
function nodeInput(i: number): NodeInput {
  return {
    name: `node-${i}`,
    ...(i % 2 === 0 ? { labels: { 'bench/pool': 'a' } } : {}),
    ...(i % 10 === 5 ? { taints: [{ key: 'bench/dedicated', value: 'infra', effect: 'NoSchedule' }] } : {}),
  };
}

/** DaemonSets 0-2 select `bench/pool=a`, 3 tolerates the taint, 4-9 are plain. */
function daemonSetManifest(d: number): unknown {
  const name = `agent-${d}`;
  const labels = { app: name };
  const spec: Record<string, unknown> = {
    containers: [{ name: 'agent', image: `registry.example/agent-${d}:1.0` }],
  };
  if (d < 3) spec.nodeSelector = { 'bench/pool': 'a' };
  if (d === 3) spec.tolerations = [{ key: 'bench/dedicated', operator: 'Exists', effect: 'NoSchedule' }];
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: NAMESPACE },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec } },
  };
}

/** Pods a node of index i should run: 10 on pool-a nodes, 7 on other untainted ones, 1 on tainted ones. */
function expectedPods(i: number): number {
  if (i % 10 === 5) return 1;
  return i % 2 === 0 ? 10 : 7;
}

/**
 * Runs until only PodGC's period is pending, in 10 s steps of simulated time, then confirms
 * with runUntilQuiet (which is O(pending) per step, so it is only called once the queue is empty).
 */
function settle(sim: Simulation, limit: number, wallBudgetMs: number): boolean {
  const deadline = sim.now + limit;
  const wallDeadline = performance.now() + wallBudgetMs;
  while (sim.now < deadline && performance.now() < wallDeadline) {
    sim.advance(10 * SECOND);
    if (sim.pendingEvents <= 1) {
      sim.runUntilQuiet(MINUTE);
      return true;
    }
  }
  return false;
}

interface ClusterCheck {
  readonly nodes: number;
  readonly pods: number;
  readonly expectedPods: number;
  readonly allReady: boolean;
}

function checkCluster(sim: Simulation, liveIndexes: Iterable<number>): ClusterCheck {
  let expected = 0;
  let nodes = 0;
  for (const i of liveIndexes) {
    expected += expectedPods(i);
    nodes++;
  }
  const snap = sim.snapshot();
  let allReady = true;
  for (const pod of snap.pods.values()) {
    if (pod.status.phase !== 'Running' || pod.metadata.deletionTimestamp !== undefined) allReady = false;
    else if (!(pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'))
      allReady = false;
  }
  for (const ds of snap.daemonSets.values()) {
    const s = ds.status;
    if (
      s.desiredNumberScheduled !== s.numberReady ||
      s.currentNumberScheduled !== s.desiredNumberScheduled ||
      s.numberMisscheduled !== 0
    )
      allReady = false;
  }
  if (snap.nodes.size !== nodes) allReady = false;
  return { nodes: snap.nodes.size, pods: snap.pods.size, expectedPods: expected, allReady };
}

// --- measurements ---

interface SizeResult {
  readonly nodes: number;
  readonly setupMs: number;
  readonly setupEvents: number;
  readonly setupQuiet: boolean;
  readonly heapUsedPerNodeBytes: number;
  readonly churnRounds: number;
  readonly churnNodeEvents: number;
  readonly churnSimMinutes: number;
  readonly churnEvents: number;
  readonly churnMs: number;
  readonly usPerEvent: number;
  readonly eventsPerSecond: number;
  readonly meanPending: number;
  readonly maxPending: number;
  readonly heapLoopMs: number;
  readonly heapLoopUsPerEvent: number;
  readonly vsHeapLoop: number;
  readonly endCheck: ClusterCheck;
  readonly sync?: SyncResult;
}

interface SyncResult {
  readonly daemonSet: string;
  readonly fullUs: number;
  readonly incrementalUs: number;
  readonly ratio: number;
  readonly fullActions: number;
  readonly incrementalActions: number;
}

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * Setup. `join` (default): the 10 DaemonSets first, then the N nodes join at JOIN_RATE per
 * simulated second, each getting its pods as it joins. `rollout`: the N nodes first, then the
 * DaemonSets are applied to the existing cluster (each controller then rolls out N pods in
 * bursts of 250).
 */
function buildCluster(
  n: number,
  mode: 'join' | 'rollout',
): { sim: Simulation; setupMs: number; setupEvents: number; quiet: boolean; heapPerNode: number } {
  const before = heapUsed();
  const t0 = performance.now();
  const sim = createSimulation({ seed: 42, trace: false });
  const dsAt = mode === 'join' ? 0 : SECOND;
  for (let d = 0; d < DAEMONSETS; d++)
    sim.schedule({ type: 'ManifestApplied', manifest: daemonSetManifest(d) }, dsAt);
  for (let i = 0; i < n; i++)
    sim.schedule(
      { type: 'NodeAdded', node: nodeInput(i) },
      mode === 'join' ? SECOND + Math.floor((i * SECOND) / JOIN_RATE) : 0,
    );
  const quiet = settle(sim, SETUP_LIMIT, SETUP_BUDGET_S * 1000);
  const setupMs = performance.now() - t0;
  const heapPerNode = (heapUsed() - before) / n;
  return { sim, setupMs, setupEvents: sim.eventsProcessed, quiet, heapPerNode };
}

/** The churn phase: returns wall time, events and pending-queue samples. */
/** Which node indexes are in the cluster, and the index the next joining node gets. */
interface Membership {
  readonly live: Set<number>;
  nextIndex: number;
}

/** One churn round: returns wall time, events and pending-queue samples; updates `members`. */
function churn(
  sim: Simulation,
  n: number,
  seed: number,
  members: Membership,
): {
  ms: number;
  events: number;
  nodeEvents: number;
  simMinutes: number;
  meanPending: number;
  maxPending: number;
} {
  const rng = mulberry32(seed);
  const nodeEvents = Math.max(2, Math.round(CHURN_FRACTION * n));
  const perMinute = Math.max(1, n * CHURN_RATE);
  const interval = MINUTE / perMinute;
  // Which nodes leave: a seeded partial shuffle of the live ones, chosen up front.
  const order = [...members.live].sort((a, b) => a - b);
  const leaving: number[] = [];
  for (let k = 0; k < Math.ceil(nodeEvents / 2); k++) {
    const j = k + Math.floor(rng() * (order.length - k));
    [order[k], order[j]] = [order[j]!, order[k]!];
    leaving.push(order[k]!);
  }
  const events: { at: number; event: SimEvent }[] = [];
  const start = sim.now;
  for (let k = 0; k < nodeEvents; k++) {
    const at = start + Math.round((k + 1) * interval);
    if (k % 2 === 0) {
      const i = leaving[k / 2]!;
      events.push({ at, event: { type: 'NodeRemoved', name: `node-${i}` } });
      members.live.delete(i);
    } else {
      const i = members.nextIndex++;
      events.push({ at, event: { type: 'NodeAdded', node: nodeInput(i) } });
      members.live.add(i);
    }
  }
  const end = start + Math.round(nodeEvents * interval) + DRAIN_MINUTES * MINUTE;
  let pendingSum = 0;
  let pendingSamples = 0;
  let maxPending = 0;
  const e0 = sim.eventsProcessed;
  const t0 = performance.now();
  // One simulated minute at a time: queue that minute's node events, run it, sample the queue.
  let next = 0;
  for (let t = start + MINUTE; ; t += MINUTE) {
    const until = Math.min(t, end);
    while (next < events.length && events[next]!.at <= until) {
      sim.schedule(events[next]!.event, events[next]!.at);
      next++;
    }
    sim.runUntil(until);
    const p = sim.pendingEvents;
    pendingSum += p;
    pendingSamples++;
    if (p > maxPending) maxPending = p;
    if (until === end) break;
  }
  const ms = performance.now() - t0;
  return {
    ms,
    events: sim.eventsProcessed - e0,
    nodeEvents,
    simMinutes: (end - start) / MINUTE,
    meanPending: pendingSum / pendingSamples,
    maxPending,
  };
}

/**
 * The bare heap loop: the core EventQueue pre-filled to `pending` entries, then `events` times
 * pop one and push one a random delay after it ("hold"). Delays are drawn up front.
 */
function heapLoop(events: number, pending: number, meanDelay: number): number {
  const q = new EventQueue<{ readonly type: string }>();
  const payload = { type: 'Hold' };
  const rng = mulberry32(7);
  const delays = new Float64Array(1 << 16);
  for (let i = 0; i < delays.length; i++) delays[i] = Math.round(rng() * 2 * meanDelay);
  for (let i = 0; i < pending; i++) q.push(Math.round(rng() * 2 * meanDelay), payload);
  const mask = delays.length - 1;
  const t0 = performance.now();
  for (let i = 0; i < events; i++) {
    const top = q.pop()!;
    q.push(top.at + delays[i & mask]!, top.item);
  }
  return performance.now() - t0;
}

/** Wall ms of one heap loop of `events` events: the median of 5 rounds, each repeating it until 50 ms. */
function medianHeapLoop(events: number, pending: number, meanDelay: number): number {
  heapLoop(Math.min(events, 200_000), pending, meanDelay);
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    let ms = 0;
    let reps = 0;
    while (ms < 50) {
      ms += heapLoop(events, pending, meanDelay);
      reps++;
    }
    rounds.push(ms / reps);
  }
  return rounds.sort((a, b) => a - b)[2]!;
}

/** µs per call of `fn`, repeated until at least `minMs` of wall time, after a warm-up. */
function timePerCall(fn: () => unknown, minMs: number, minReps: number): number {
  for (let i = 0; i < Math.max(3, minReps); i++) fn();
  let reps = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (reps < minReps || elapsed < minMs) {
    fn();
    reps++;
    elapsed = performance.now() - t0;
  }
  return (elapsed * 1000) / reps;
}

function measureSync(sim: Simulation): SyncResult {
  const view = sim.view;
  const key = `${NAMESPACE}/agent-5`; // a plain DaemonSet: it runs on 90% of the nodes
  const nodeNames = view.nodeNames();
  const oneNode = nodeNames[Math.floor(nodeNames.length / 2)]!;
  const now = sim.now;
  const full = syncDaemonSet(view, key, now);
  const incremental = syncDaemonSet(view, key, now, { nodes: [oneNode] });
  const fullUs = timePerCall(() => syncDaemonSet(view, key, now), 500, 10);
  const incrementalUs = timePerCall(() => syncDaemonSet(view, key, now, { nodes: [oneNode] }), 300, 1000);
  return {
    daemonSet: key,
    fullUs,
    incrementalUs,
    ratio: fullUs / incrementalUs,
    fullActions: full.actions.length,
    incrementalActions: incremental.actions.length,
  };
}

/**
 * Churn rounds per size: small clusters run few events per round, so they run several rounds
 * one after the other and report the median, which keeps one noisy round from setting the ratio.
 */
function churnRounds(n: number): number {
  return n <= 1_000 ? 9 : n <= 10_000 ? 3 : 1;
}

/** A size whose setup did not reach quiescence within the budget: no churn figures (NaN, null in JSON). */
function notSetUp(n: number, built: ReturnType<typeof buildCluster>): SizeResult {
  const snap = built.sim.snapshot();
  return {
    nodes: n,
    setupMs: built.setupMs,
    setupEvents: built.setupEvents,
    setupQuiet: false,
    heapUsedPerNodeBytes: built.heapPerNode,
    churnRounds: 0,
    churnNodeEvents: 0,
    churnSimMinutes: 0,
    churnEvents: 0,
    churnMs: NaN,
    usPerEvent: NaN,
    eventsPerSecond: NaN,
    meanPending: NaN,
    maxPending: NaN,
    heapLoopMs: NaN,
    heapLoopUsPerEvent: NaN,
    vsHeapLoop: NaN,
    endCheck: { nodes: snap.nodes.size, pods: snap.pods.size, expectedPods: NaN, allReady: false },
  };
}

/** With BENCH_CPU_PROFILE=<dir>, the setup and churn phases of each size are profiled apart. */
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE;
let session: Session | undefined;

async function profiled<T>(name: string, fn: () => T): Promise<T> {
  if (session === undefined || PROFILE_DIR === undefined) return fn();
  await session.post('Profiler.start');
  try {
    return fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
  }
}

async function runSize(n: number, withSync: boolean, profile: boolean): Promise<SizeResult> {
  const built = await (profile
    ? profiled(`setup-${n}`, () => buildCluster(n, SETUP_MODE))
    : buildCluster(n, SETUP_MODE));
  const { sim } = built;
  if (!built.quiet) return notSetUp(n, built);
  const members: Membership = { live: new Set(Array.from({ length: n }, (_, i) => i)), nextIndex: n };
  const rounds: ReturnType<typeof churn>[] = [];
  const runRounds = (): void => {
    for (let r = 0; r < churnRounds(n); r++) rounds.push(churn(sim, n, n + r, members));
  };
  await (profile ? profiled(`churn-${n}`, runRounds) : runRounds());
  // The round with the median µs/event stands for the size; events and pending are its own.
  const ch = [...rounds].sort((a, b) => a.ms / a.events - b.ms / b.events)[(rounds.length - 1) >> 1]!;
  const endCheck = checkCluster(sim, members.live);
  const sync = withSync ? measureSync(sim) : undefined;
  const meanDelay = (ch.simMinutes * MINUTE) / Math.max(1, ch.events / Math.max(1, ch.meanPending));
  const heapMs = medianHeapLoop(ch.events, Math.max(1, Math.round(ch.meanPending)), meanDelay);
  const usPerEvent = (ch.ms * 1000) / ch.events;
  return {
    nodes: n,
    setupMs: built.setupMs,
    setupEvents: built.setupEvents,
    setupQuiet: built.quiet,
    heapUsedPerNodeBytes: built.heapPerNode,
    churnRounds: rounds.length,
    churnNodeEvents: ch.nodeEvents,
    churnSimMinutes: ch.simMinutes,
    churnEvents: ch.events,
    churnMs: ch.ms,
    usPerEvent,
    eventsPerSecond: (ch.events * 1000) / ch.ms,
    meanPending: ch.meanPending,
    maxPending: ch.maxPending,
    heapLoopMs: heapMs,
    heapLoopUsPerEvent: (heapMs * 1000) / ch.events,
    vsHeapLoop: ch.ms / heapMs,
    endCheck,
    ...(sync === undefined ? {} : { sync }),
  };
}

// --- output ---

function parseSizes(s: string | undefined): number[] | undefined {
  if (s === undefined || s.trim() === '') return undefined;
  return s.split(',').map((x) => Number(x.replace(/_/g, '')));
}

function fmt(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return 'n/a';
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function int(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  return Math.round(x).toLocaleString('en-US');
}

function printTable(rows: readonly (readonly string[])[]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const [i, r] of rows.entries()) {
    console.log(
      r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '),
    );
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

async function main(): Promise<void> {
  const wall0 = performance.now();
  if (PROFILE_DIR !== undefined) {
    mkdirSync(PROFILE_DIR, { recursive: true });
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
  }
  console.log(
    `daemonsim bench: node churn, ${DAEMONSETS} DaemonSets, churn ${CHURN_FRACTION}·N node events at N/100 per simulated minute, drain ${DRAIN_MINUTES} min, trace off; per-size figures are the median churn round`,
  );
  console.log(`node ${process.version}, sizes ${SIZES.join(', ')}`);
  // JIT warm-up on a small cluster, discarded.
  await runSize(300, false, false);
  const results: SizeResult[] = [];
  for (const n of SIZES) {
    const r = await runSize(n, n === 5_000, true);
    results.push(r);
    console.log(
      `  ${int(n)} nodes: setup ${fmt(r.setupMs / 1000)} s (${int(r.setupEvents)} events${r.setupQuiet ? '' : `, NOT QUIET after the ${SETUP_BUDGET_S} s budget: no churn measured`}), churn ${fmt(r.churnMs / 1000)} s, ` +
        `end ${int(r.endCheck.nodes)} nodes ${int(r.endCheck.pods)}/${int(r.endCheck.expectedPods)} pods ${r.endCheck.allReady ? 'all ready' : 'NOT all ready'}`,
    );
  }
  console.log('');
  printTable([
    [
      'nodes',
      'setup s',
      'setup ev',
      'heap B/node',
      'rounds',
      'node ev/round',
      'sim min',
      'events',
      'churn ms',
      'µs/event',
      'events/s',
      'pending avg',
      'pending max',
      'heap-loop µs/ev',
      'vs heap loop',
      'end state',
    ],
    ...results.map((r) => [
      int(r.nodes),
      fmt(r.setupMs / 1000),
      int(r.setupEvents),
      int(r.heapUsedPerNodeBytes),
      int(r.churnRounds),
      int(r.churnNodeEvents),
      fmt(r.churnSimMinutes, 0),
      int(r.churnEvents),
      fmt(r.churnMs, 0),
      fmt(r.usPerEvent),
      int(r.eventsPerSecond),
      int(r.meanPending),
      int(r.maxPending),
      fmt(r.heapLoopUsPerEvent, 3),
      fmt(r.vsHeapLoop, 1),
      `${r.endCheck.allReady ? 'ok' : 'NOT OK'} ${int(r.endCheck.pods)}/${int(r.endCheck.expectedPods)} pods`,
    ]),
  ]);
  const r500 = results.find((r) => r.nodes === 500);
  const r5k = results.find((r) => r.nodes === 5_000);
  const r50k = results.find((r) => r.nodes === 50_000);
  const sync = r5k?.sync;
  if (sync !== undefined) {
    console.log('');
    console.log(
      `DaemonSet sync at 5,000 nodes (${sync.daemonSet}, quiesced): full pass ${fmt(sync.fullUs, 1)} µs (${sync.fullActions} actions), incremental pass on 1 node ${fmt(sync.incrementalUs, 2)} µs (${sync.incrementalActions} actions), ratio ${fmt(sync.ratio, 0)}`,
    );
  }
  const wallS = (performance.now() - wall0) / 1000;
  console.log(`total wall time ${fmt(wallS, 1)} s`);
  const summary = {
    eventsPerSecond: r5k === undefined ? null : Math.round(r5k.eventsPerSecond),
    perEventRatio50kTo500:
      r500 === undefined || r50k === undefined ? null : round(r50k.usPerEvent / r500.usPerEvent, 3),
    vsHeapLoop: r5k === undefined ? null : round(r5k.vsHeapLoop, 2),
    incrementalVsFullSync: sync === undefined ? null : round(sync.ratio, 1),
    targets: { perEventRatio50kTo500: '<= 1.5', vsHeapLoop: '<= 10', incrementalVsFullSync: '>= 100' },
    fullSyncUs5k: sync === undefined ? null : round(sync.fullUs, 1),
    incrementalSyncUs5k: sync === undefined ? null : round(sync.incrementalUs, 3),
    sizes: results.map((r) => ({
      nodes: r.nodes,
      setupMs: Math.round(r.setupMs),
      setupEvents: r.setupEvents,
      setupQuiet: r.setupQuiet,
      heapUsedPerNodeBytes: Math.round(r.heapUsedPerNodeBytes),
      churnRounds: r.churnRounds,
      churnNodeEvents: r.churnNodeEvents,
      churnSimMinutes: r.churnSimMinutes,
      churnEvents: r.churnEvents,
      churnMs: Math.round(r.churnMs),
      usPerEvent: round(r.usPerEvent, 3),
      eventsPerSecond: Math.round(r.eventsPerSecond),
      meanPending: Math.round(r.meanPending),
      maxPending: r.maxPending,
      heapLoopUsPerEvent: round(r.heapLoopUsPerEvent, 4),
      vsHeapLoop: round(r.vsHeapLoop, 2),
      endNodes: r.endCheck.nodes,
      endPods: r.endCheck.pods,
      expectedPods: r.endCheck.expectedPods,
      endAllReady: r.endCheck.allReady,
    })),
    node: process.version,
    wallSeconds: round(wallS, 1),
  };
  console.log(JSON.stringify(summary));
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

await main();
