import type { BenchResults, Phase } from './benchResults.js';
import type { Figure } from './report.js';

const n = (x: number): string => x.toLocaleString('en-US');
const fixed = (x: number | undefined, d = 1): string =>
  x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(d);

/** `a / b`, or null when either is missing or not finite. */
function ratio(a: number | undefined, b: number | undefined): number | null {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0)
    return null;
  return a / b;
}

/** Why a figure is null, from whether its phase ran and its clusters were built in their budgets. */
function whyNull(r: BenchResults, labels: readonly string[]): string {
  const unbuilt = labels.filter((l) => r.builds[l] !== undefined && !r.builds[l]!.quiet);
  return unbuilt.length > 0 ? ` NULL: ${unbuilt.join(', ')} not built within its budget.` : '';
}

/**
 * Every figure of the report, in order, from what the phases measured: the targets of issue 7,
 * then the older figures under their old names so that older runs compare, then figures without
 * a target (start-up time, bytes per pod). Each note says what was measured at which sizes.
 */
export function figures(r: BenchResults): Figure[] {
  const c = r.config;
  const [s0, s1, s2] = c.churnSizes;
  const skip = (p: Phase): { skipped?: true } => (r.ran.has(p) ? {} : { skipped: true });
  const churnAt = (nodes: number) => r.churn?.find((s) => s.nodes === nodes);
  const small = churnAt(s0);
  const mid = churnAt(s1);
  const large = churnAt(s2);
  const churnRatio = ratio(large?.cpuUsPerEvent, small?.cpuUsPerEvent);
  const churnNote =
    `CPU µs per event of node churn at ${n(s2)} nodes over ${n(s0)} nodes (medians of interleaved rounds: ` +
    `${fixed(large?.cpuUsPerEvent, 2)} / ${fixed(small?.cpuUsPerEvent, 2)} µs; 10 DaemonSets, trace off).` +
    whyNull(r, [`churn ${s0}`, `churn ${s2}`]);
  const [roll0, roll1] = r.rollout ?? [];
  const heapLoop = mid?.heapLoopCpuUsPerEvent;
  const api = r.api;
  const apiOk = api?.complete === true;
  const heap = r.heap;
  const projected = c.quick && heap !== undefined;
  const heapMiB =
    heap === undefined
      ? null
      : projected
        ? heap.heapMiB - heap.simHeapMiB + (heap.bytesPerPod * 150_000) / 2 ** 20
        : heap.heapMiB;
  const day = r.day;
  const view = r.view;
  return [
    {
      name: 'churnPerEventRatio50kTo500',
      value: churnRatio,
      unit: 'x',
      target: { op: '<=', value: 1.5 },
      note: churnNote,
      ...skip('churn'),
    },
    {
      name: 'rolloutPerEventRatio5kTo500',
      value: ratio(roll1?.cpuUsPerEvent, roll0?.cpuUsPerEvent),
      unit: 'x',
      target: { op: '<=', value: 1.5 },
      note:
        `CPU µs per event while all 10 DaemonSets roll out, ${n(s1)} nodes over ${n(s0)} (medians of interleaved slices: ` +
        `${fixed(roll1?.cpuUsPerEvent, 2)} / ${fixed(roll0?.cpuUsPerEvent, 2)} µs). ${n(s1)} nodes: ${roll1?.completed ?? 0} rollouts done, ` +
        `${roll1?.updated ?? 0}/${roll1?.desired ?? 0} pods updated in the one in flight; ${n(s0)} nodes: ${roll0?.completed ?? 0} done` +
        `${roll0?.firstRolloutSimSeconds == null ? '' : `, the first in ${fixed(roll0.firstRolloutSimSeconds, 0)} simulated s`}.` +
        whyNull(r, [`churn ${s0}`, `churn ${s1}`]),
      ...skip('rollout'),
    },
    {
      name: 'vsHeapLoop',
      value: ratio(mid?.cpuUsPerEvent, heapLoop),
      unit: 'x',
      target: { op: '<=', value: 10 },
      note:
        `churn at ${n(s1)} nodes per event (${fixed(mid?.cpuUsPerEvent, 2)} µs CPU) over a bare heap loop of the same event ` +
        `count and queue length (${fixed(heapLoop, 3)} µs).` +
        whyNull(r, [`churn ${s1}`]),
      ...skip('churn'),
    },
    {
      name: 'fullVsIncrementalPassDuringRollout',
      value: r.passes?.ratio ?? null,
      unit: 'x',
      target: { op: '>=', value: 100 },
      note:
        `mean wall µs of a whole DaemonSetSync pass under syncMode full over incremental, ${n(c.passNodes)} nodes, all 10 ` +
        `DaemonSets rolling (${fixed(r.passes?.fullUsPerPass, 0)} µs over ${r.passes?.fullPasses ?? 0} passes / ` +
        `${fixed(r.passes?.incrementalUsPerPass, 0)} µs over ${r.passes?.incrementalPasses ?? 0}; one-point latencies on both).` +
        whyNull(r, [`passes incremental ${c.passNodes}`, `passes full ${c.passNodes}`]),
      ...skip('passes'),
    },
    {
      name: 'daySimSecondsPerWallSecond',
      // A day cut before its clock moved (the run's hard stop) measured no rate.
      value: day === undefined || day.simSeconds === 0 ? null : day.simSeconds / (day.wallMs / 1000),
      unit: 'sim s/s',
      target: { op: '>=', value: 17_000 },
      note:
        `a mixed simulated day at ${n(s1)} nodes (churn, label and taint edits, pod deletions, hourly rollouts): ` +
        `${fixed(day?.simSeconds, 0)} of 86,400 simulated s in ${fixed((day?.wallMs ?? NaN) / 1000)} wall s` +
        `${day?.completed === false ? ' (stopped by its budget)' : ''}, ${day?.events ?? 0} events, ` +
        `${fixed(day === undefined ? NaN : (day.cpuMs * 1000) / day.events, 2)} µs CPU per event.` +
        whyNull(r, [`churn ${s1}`]),
      ...skip('day'),
    },
    {
      name: 'heapMiBAt150kPods',
      value: heapMiB,
      unit: 'MiB',
      target: { op: '<=', value: 1024 },
      note:
        (projected
          ? `PROJECTED from ${n(heap.pods)} pods (quick): the process's other heap plus 150,000 × bytes per pod. `
          : `heap in use after GC with 150,000 pods (${n(c.heapNodes)} nodes × 10 DaemonSets) `) +
        `under the CLI's run defaults (RUN_DEFAULTS); the simulation's share ${fixed(heap?.simHeapMiB, 0)} MiB.` +
        whyNull(r, [`api ${c.apiNodes}`, `heap ${c.heapNodes}`]),
      ...skip('heap'),
    },
    {
      name: 'snapshotWriteRatio',
      value: r.snapshot?.ratio ?? null,
      unit: 'x',
      target: { op: '<=', value: 5 },
      note:
        `a node label update right after snapshot() over the same write without one, ${n(c.snapshotNodes)} nodes ` +
        `(medians of ${r.snapshot?.pairs ?? 0} pairs: ${fixed(r.snapshot?.writeAfterSnapshotUs, 0)} / ${fixed(r.snapshot?.plainWriteUs, 1)} µs).` +
        whyNull(r, [`snapshot ${c.snapshotNodes}`]),
      ...skip('snapshot'),
    },
    {
      name: 'listPods50kVsStringify',
      value: apiOk ? Math.max(api.jsonVsStringify, api.tableVsStringify) : null,
      unit: 'x',
      target: { op: '<=', value: 3 },
      note:
        `the worst of a full pod list from the in-process HTTP API server as JSON and as Table, first (no serialization ` +
        `cached) and later (median), over JSON.stringify of the same pods, ${n(c.apiNodes)} nodes / ` +
        `${n(api?.pods ?? c.apiNodes * 10)} pods (JSON ${fixed(api?.jsonFirstListMs, 0)} ms first, ${fixed(api?.jsonListMs, 0)} ms later; ` +
        `Table ${fixed(api?.tableFirstListMs, 0)} ms first, ${fixed(api?.tableListMs, 0)} ms later; ` +
        `${fixed(api?.stringifyMs, 0)} ms stringify; ${api?.rounds ?? 0} rounds)` +
        `${api !== undefined && !api.complete ? ' NULL: a list did not hold every pod.' : '.'}` +
        whyNull(r, [`api ${c.apiNodes}`]),
      ...skip('apiserver'),
    },
    {
      name: 'sweepScaling2Workers',
      value: ratio(r.sweep?.twoWorkers, r.sweep?.oneWorker),
      unit: 'x',
      target: { op: '>=', value: 1.7 },
      note:
        `runs per wall second of daemonsim sweep's pool (randomNodeChurn) with 2 workers over 1 (${r.sweep?.runtime ?? 'n/a'}), medians of ` +
        `${r.sweep?.rounds ?? 0} interleaved rounds of ${r.sweep?.runsPerRound ?? 0} runs (${fixed(r.sweep?.twoWorkers)} / ` +
        `${fixed(r.sweep?.oneWorker)} runs/s; ${fixed(r.sweep?.twoWorkersCpuMsPerRun)} / ${fixed(r.sweep?.oneWorkerCpuMsPerRun)} CPU ms per run); ` +
        `the bench and its workers had ${fixed(r.sweep?.oneWorkerCpuPerWall, 2)} CPU s per wall s in the ` +
        `1-worker rounds (above 1: V8's parallel GC used the second core) and ${fixed(r.sweep?.twoWorkersCpuPerWall, 2)} in the ` +
        `2-worker rounds (below 2: other work on the shared cores took them, and the ratio says little).`,
      ...skip('sweep'),
    },
    {
      name: 'viewFps5000Nodes',
      value: view?.skipped === false ? view.fps : null,
      unit: 'fps',
      target: { op: '>=', value: 30 },
      note:
        view?.skipped === true
          ? `SKIPPED: ${view.reason}.`
          : `frames per wall second the browser view draws while playing ${n(view?.nodes ?? c.viewNodes)} nodes at 10x ` +
            `(headless Chromium via playwright-core, the static build from disk, 1400x900): ${view?.frames ?? 0} frames in ` +
            `${fixed(view?.seconds)} s, ${view?.lanesInView ?? 0} lanes in view, the page built and converged the cluster ` +
            `in ${fixed(view?.loadSeconds)} s and played to ${fixed((view?.simulatedMs ?? NaN) / 1000)} simulated s.`,
      ...(r.ran.has('view') && view?.skipped !== true ? {} : { skipped: true }),
    },
    {
      name: 'sweepRunsPerSecond',
      value: r.sweep?.twoWorkers ?? null,
      unit: 'runs/s',
      note: "randomNodeChurn runs (10 nodes, 20 joins or leaves, invariants checked) per wall second on 2 of daemonsim sweep's workers.",
      ...skip('sweep'),
    },
    {
      name: 'listPodsJsonVsStringify',
      value: apiOk ? api.jsonVsStringify : null,
      unit: 'x',
      note: 'the JSON half of listPods50kVsStringify.',
      ...skip('apiserver'),
    },
    {
      name: 'listPodsTableVsStringify',
      value: apiOk ? api.tableVsStringify : null,
      unit: 'x',
      note: 'the Table half of listPods50kVsStringify.',
      ...skip('apiserver'),
    },
    {
      name: 'listPodsFirstJsonVsStringify',
      value: apiOk ? api.jsonFirstVsStringify : null,
      unit: 'x',
      note: 'the first JSON list, with no serialization cached, over stringify.',
      ...skip('apiserver'),
    },
    {
      name: 'listPodsFirstTableVsStringify',
      value: apiOk ? api.tableFirstVsStringify : null,
      unit: 'x',
      note: 'the first Table list, with no row object cached, over stringify.',
      ...skip('apiserver'),
    },
    {
      name: 'apiServerStartupSeconds',
      value: api?.startupSeconds ?? null,
      unit: 's',
      note: `wall time to build the ${n(c.apiNodes)}-node API server cluster and start the server until it answers /version.${whyNull(r, [`api ${c.apiNodes}`])}`,
      ...skip('apiserver'),
    },
    {
      name: 'bytesPerPod',
      value: heap?.bytesPerPod ?? null,
      unit: 'B',
      note: `the simulation's heap (in use after GC, less the heap before it was created) per pod, at ${n(heap?.pods ?? c.heapNodes * 10)} pods under RUN_DEFAULTS.`,
      ...skip('heap'),
    },
    {
      name: 'perEventRatio50kTo500',
      value: churnRatio,
      unit: 'x',
      note: 'the old name of churnPerEventRatio50kTo500 (same workload; now CPU time of interleaved rounds).',
      ...skip('churn'),
    },
    {
      name: 'incrementalVsFullSync',
      value: r.syncPlan?.ratio ?? null,
      unit: 'x',
      note:
        `the old figure: the plan step alone (syncDaemonSet) of agent-5 on the quiet ${n(s1)}-node cluster, every node over one ` +
        `(${fixed(r.syncPlan?.fullUs, 0)} / ${fixed(r.syncPlan?.incrementalUs, 2)} µs); passes by construction, hence no target.`,
      ...skip('churn'),
    },
    {
      name: 'eventsPerSecond',
      value: mid?.eventsPerSecond ?? null,
      unit: 'events/s',
      note: `the old figure: churn events per wall second at ${n(s1)} nodes (median round).`,
      ...skip('churn'),
    },
  ];
}
