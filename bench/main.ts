// `pnpm bench [--quick] [--only churn,rollout,day,passes,snapshot,apiserver,heap,sweep,view]`: the
// benchmark of the paths users take, the expensive ones included. Prints a progress line on
// stderr for long phases, then a table of every figure with its target and verdict, and as its
// very last stdout line one JSON object. Exits 1 when a figure misses its target or is null.
// A benchmark, not a test: speed is measured here and never in a timed test.

import { performance } from 'node:perf_hooks';
import { RUN_DEFAULTS } from '../packages/server/src/cli/runDefaults.js';
import { apiServerPhase } from './apiServerPhase.js';
import type { BenchConfig } from './benchConfig.js';
import { FULL, QUICK } from './benchConfig.js';
import type { BuiltCluster, ClusterSpec } from './buildCluster.js';
import { buildCluster } from './buildCluster.js';
import { BudgetPlan } from './budget.js';
import type { Budget } from './budget.js';
import { churnPhase } from './churnPhase.js';
import { FIXED_LATENCIES } from './clusterShape.js';
import { collectGarbage, heapUsedBytes } from './collectGarbage.js';
import { CpuProfiler } from './cpuProfiler.js';
import { dayPhase } from './dayPhase.js';
import { exitCode, reportTable, round, summaryJson } from './report.js';
import { rolloutSlices } from './rolloutSlices.js';
import { snapshotPhase } from './snapshotPhase.js';
import { sweepPhase } from './sweepPhase.js';
import { syncPassPhase } from './syncPassPhase.js';
import { syncPlanFigure } from './syncPlanFigure.js';
import { viewPhase } from './viewPhase.js';
import { figures } from './figures.js';
import { startMeter } from './meter.js';
import type { BenchResults, Phase } from './benchResults.js';
import { PHASES } from './benchResults.js';

function parseArgs(argv: readonly string[]): { config: BenchConfig; only: Set<Phase> } {
  let only: Set<Phase> = new Set(PHASES);
  let quick = false;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === '--quick') quick = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const list = a === '--only' ? (argv[++k] ?? '') : a.slice('--only='.length);
      const names = list.split(',').filter((s) => s !== '');
      for (const n of names)
        if (!(PHASES as readonly string[]).includes(n))
          throw new Error(`--only: unknown phase "${n}"; phases: ${PHASES.join(', ')}`);
      only = new Set(names as Phase[]);
    } else if (a !== '--')
      throw new Error(`unknown argument "${a}"; usage: pnpm bench [--quick] [--only phases]`);
  }
  return { config: quick ? QUICK : FULL, only };
}

async function main(): Promise<void> {
  const { config, only } = parseArgs(process.argv.slice(2));
  const profiler = new CpuProfiler(process.env.BENCH_CPU_PROFILE);
  await profiler.start();
  const wall0 = performance.now();
  const runs = (...phases: Phase[]): boolean => phases.some((p) => only.has(p));
  const b = config.budget;
  // The view phase measures the browser, not the engine: it needs no JIT warm-up of its own.
  const engine = runs('churn', 'rollout', 'day', 'passes', 'snapshot', 'apiserver', 'heap', 'sweep');
  const plan = new BudgetPlan(
    (engine ? 2 * b.warmUp : 0) +
      (runs('churn', 'rollout', 'day') ? b.churnBuild[0] + b.churnBuild[1] : 0) +
      (runs('churn') ? b.churnBuild[2] + b.churn : 0) +
      (runs('rollout') ? b.rollout : 0) +
      (runs('day') ? b.day : 0) +
      (runs('passes') ? b.passBuild[0] + b.passBuild[1] + b.passes : 0) +
      (runs('snapshot') ? b.snapshotBuild + b.snapshot : 0) +
      (runs('apiserver') ? b.apiBuild + b.list : 0) +
      (runs('heap') ? b.heapBuild : 0) +
      (runs('sweep') ? b.sweep : 0),
    wall0 + config.totalSeconds * 1000,
  );
  /** The next phase's budget (see {@link BudgetPlan}). */
  const budget = (seconds: number): Budget => plan.next(seconds);
  const results: BenchResults = { config, ran: only, builds: {} };
  /** Wall and CPU seconds of each measured phase, so a slow run shows where its time went. */
  const phaseTimes: Record<string, { wallS: number; cpuS: number }> = {};
  const phase = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const elapsed = startMeter();
    try {
      return await profiler.profiled(name, fn);
    } finally {
      const e = elapsed();
      phaseTimes[name] = { wallS: round(e.wallMs / 1000, 1)!, cpuS: round(e.cpuMs / 1000, 1)! };
      process.stderr.write(`[bench] ${name}: ${(e.wallMs / 1000).toFixed(1)} s\n`);
    }
  };
  const build = (spec: ClusterSpec, seconds: number, into?: BuiltCluster): BuiltCluster => {
    collectGarbage();
    const c = buildCluster(spec, budget(seconds), into);
    results.builds[spec.label] = {
      nodes: c.live.size,
      quiet: c.quiet,
      wallS: round(c.setup.wallMs / 1000, 2)!,
      cpuS: round(c.setup.cpuMs / 1000, 2)!,
      events: c.setupEvents,
    };
    process.stderr.write(
      `[bench] built ${spec.label}: ${c.quiet ? '' : 'NOT QUIET within budget, '}${(c.setup.wallMs / 1000).toFixed(1)} s, ${c.setupEvents} events\n`,
    );
    return c;
  };
  // The churn, rollout, day, pass and snapshot clusters run with the trace off, as the old bench
  // did: they measure what an event costs the engine. The trace's cost is judged apart, by
  // heapMiBAt150kPods under the CLI's own defaults (RUN_DEFAULTS).
  const churnOptions = { seed: 42, trace: false } as const;
  console.log(
    `daemonsim bench${config.quick ? ' --quick (reduced sizes: not the sizes the targets are stated for)' : ''}; node ${process.version}`,
  );

  // The heap and API server clusters run under the CLI's own defaults, as `daemonsim run` would.
  const cliCluster = (label: string, nodes: number): ClusterSpec => ({
    label,
    nodes,
    shape: 'uniform',
    daemonSets: true,
    arrival: 'join',
    options: { seed: 42, ...RUN_DEFAULTS },
  });

  // The heap figure comes first, in a process that holds nothing else yet: a later phase would
  // count what the earlier ones still hold (an async function's closures keep their clusters).
  if (runs('heap')) {
    const baseline = heapUsedBytes();
    const heap = build(cliCluster(`heap ${config.heapNodes}`, config.heapNodes), config.budget.heapBuild);
    const pods = heap.sim.view.allPods().length;
    if (heap.quiet && pods === config.heapNodes * 10) {
      const used = heapUsedBytes();
      results.heap = {
        pods,
        heapMiB: used / 2 ** 20,
        simHeapMiB: (used - baseline) / 2 ** 20,
        bytesPerPod: (used - baseline) / pods,
      };
    }
  }

  // JIT warm-up, discarded: a small cluster's churn and rollout run through the same code.
  if (engine) {
    const warm = build(
      {
        label: 'warm-up',
        nodes: 300,
        shape: 'mixed',
        daemonSets: true,
        arrival: 'join',
        options: churnOptions,
      },
      config.budget.warmUp,
    );
    churnPhase([{ nodes: 300, cluster: warm }], budget(config.budget.warmUp / 2), -1);
    rolloutSlices('warm-up rollout', [warm], budget(config.budget.warmUp / 2), 500);
  }

  if (runs('churn', 'rollout', 'day')) {
    const [s0, s1, s2] = config.churnSizes;
    const mixed = (label: string, nodes: number): ClusterSpec => ({
      label,
      nodes,
      shape: 'mixed',
      daemonSets: true,
      arrival: 'join',
      options: churnOptions,
    });
    const small = build(mixed(`churn ${s0}`, s0), config.budget.churnBuild[0]);
    const mid = build(mixed(`churn ${s1}`, s1), config.budget.churnBuild[1]);
    if (runs('churn')) {
      const large = build(mixed(`churn ${s2}`, s2), config.budget.churnBuild[2]);
      const sized = [
        { nodes: s0, cluster: small },
        { nodes: s1, cluster: mid },
        { nodes: s2, cluster: large },
      ].filter((s) => s.cluster.quiet);
      collectGarbage();
      results.churn = await phase('churn', () => churnPhase(sized, budget(config.budget.churn), s1));
      if (mid.quiet) results.syncPlan = syncPlanFigure(mid.sim);
    }
    if (runs('rollout') && small.quiet && mid.quiet) {
      collectGarbage();
      results.rollout = await phase('rollout', () =>
        rolloutSlices(
          'rollout',
          [small, mid],
          budget(config.budget.rollout),
          config.budget.rolloutSlice * 1000,
        ),
      );
    } else if (runs('rollout')) plan.forgo(b.rollout);
    if (runs('day') && mid.quiet) {
      collectGarbage();
      results.day = await phase('day', () => dayPhase(mid, budget(config.budget.day)));
    } else if (runs('day')) plan.forgo(b.day);
  }

  if (runs('passes')) {
    const pair = (syncMode: 'incremental' | 'full', seconds: number): BuiltCluster =>
      build(
        {
          label: `passes ${syncMode} ${config.passNodes}`,
          nodes: config.passNodes,
          shape: 'mixed',
          daemonSets: true,
          arrival: 'instant',
          options: { seed: 42, trace: false, syncMode, latencies: FIXED_LATENCIES },
        },
        seconds,
      );
    const inc = pair('incremental', config.budget.passBuild[0]);
    const full = inc.quiet ? pair('full', config.budget.passBuild[1]) : undefined;
    if (full?.quiet === true) {
      collectGarbage();
      results.passes = await phase('passes', () =>
        syncPassPhase(inc, full, budget(config.budget.passes), config.budget.rolloutSlice * 1000),
      );
    } else plan.forgo((full === undefined ? b.passBuild[1] : 0) + b.passes);
  }

  if (runs('snapshot')) {
    const nodesOnly = build(
      {
        label: `snapshot ${config.snapshotNodes}`,
        nodes: config.snapshotNodes,
        shape: 'uniform',
        daemonSets: false,
        arrival: 'join',
        options: churnOptions,
      },
      config.budget.snapshotBuild,
    );
    if (nodesOnly.quiet) {
      collectGarbage();
      results.snapshot = await phase('snapshot', () =>
        snapshotPhase(nodesOnly, budget(config.budget.snapshot), 41),
      );
    } else plan.forgo(b.snapshot);
  }

  if (runs('apiserver')) {
    const api = build(cliCluster(`api ${config.apiNodes}`, config.apiNodes), config.budget.apiBuild);
    if (api.quiet)
      results.api = await phase('apiserver', () => apiServerPhase(api, budget(config.budget.list)));
    else plan.forgo(b.list);
  }

  if (runs('sweep')) {
    collectGarbage();
    results.sweep = await phase('sweep', () => sweepPhase(budget(config.budget.sweep)));
    // The workers' child processes spent CPU that this process's clock does not show.
    const times = phaseTimes.sweep;
    if (times !== undefined) times.cpuS = round(times.cpuS + results.sweep.childProcessCpuS, 1)!;
  }

  if (runs('view')) {
    results.view = await phase('view', () => viewPhase(config.viewNodes, config.viewSeconds));
    if (results.view.skipped) console.log(`view: skipped, ${results.view.reason}`);
  }

  const all = figures(results);
  // A figure its phase skipped for a reason (the view without Chromium) stays in the table.
  const shown = all.filter(
    (f) => f.skipped !== true || only.size === PHASES.length || f.note.startsWith('SKIPPED: '),
  );
  console.log('');
  console.log(reportTable(shown));
  const wallSeconds = (performance.now() - wall0) / 1000;
  console.log('');
  console.log(`total wall time ${wallSeconds.toFixed(1)} s`);
  console.log(
    summaryJson(all, {
      mode: config.quick ? 'quick' : 'full',
      only: [...only],
      details: {
        sizes: {
          churn: config.churnSizes,
          passes: config.passNodes,
          snapshot: config.snapshotNodes,
          api: config.apiNodes,
          heap: config.heapNodes,
          view: config.viewNodes,
        },
        builds: results.builds,
        phases: phaseTimes,
        churn: results.churn,
        syncPlan: results.syncPlan,
        rollout: results.rollout,
        day: results.day,
        passes: results.passes,
        snapshot: results.snapshot,
        api: results.api,
        heap: results.heap,
        sweep: results.sweep,
        view: results.view,
      },
      node: process.version,
      wallSeconds: round(wallSeconds, 1),
    }),
  );
  process.exitCode = exitCode(all);
}

await main();
