import { writeFileSync } from 'node:fs';
import { toChromeTrace } from '@daemonsim/core';
import { runScenario } from '@daemonsim/scenarios';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { Option } from 'commander';
import { durationArg } from './argParsers.js';
import type { CliIo } from './cliIo.js';
import { resolveScenario } from './libraryScenarios.js';
import { RUN_DEFAULTS } from './runDefaults.js';
import { saveState } from './state.js';
import { TraceStream } from './traceStream.js';

interface RunOptions {
  readonly seed?: string;
  readonly until?: number;
  readonly output: 'text' | 'json';
  readonly save?: string;
  readonly perfetto?: string;
  readonly traceFile?: string;
}

/**
 * Registers `daemonsim run`: a scenario file or library scenario run to its end, its trace and its
 * print steps' views printed (or the final state as JSON), and with `--save` the state written
 * for `get`, `describe`, `logs` and `serve --state`. Upstream has no counterpart.
 */
export function registerRun(program: Command, io: CliIo): void {
  program
    .command('run')
    .description(
      "Run a scenario (a file or a library name); print its trace and its print steps' views (or, with --output json, the final state)",
    )
    .argument('<scenario>', 'scenario YAML file, or a library scenario name (daemonsim scenarios lists them)')
    .option('--seed <n>', 'override the scenario seed')
    .option(
      '--until <duration>',
      'after the steps, run the cluster until this simulated time (e.g. 10m)',
      durationArg,
    )
    .addOption(new Option('-o, --output <format>', 'what to print').choices(['text', 'json']).default('text'))
    .option(
      '--save <file>',
      'write the final state to FILE for daemonsim get/describe/logs and serve --state',
    )
    .option(
      '--perfetto <file>',
      'write the trace as Chrome trace-event JSON to FILE (opens in ui.perfetto.dev)',
    )
    .option('--trace-file <file>', 'also write the trace to FILE as it is recorded, one JSON object per line')
    .action((arg: string, opts: RunOptions) => {
      const scenario = resolveScenario(arg);
      const seed =
        opts.seed === undefined ? undefined : /^-?\d+$/.test(opts.seed) ? Number(opts.seed) : opts.seed;
      const total = scenario.steps.length;
      const bar =
        io.stderrIsTTY && total >= 20
          ? new cliProgress.SingleBar(
              { stream: process.stderr, format: 'steps [{bar}] {value}/{total} | {time}', hideCursor: true },
              cliProgress.Presets.shades_classic,
            )
          : undefined;
      bar?.start(total, 0, { time: '0s' });
      // The trace is printed as it is recorded, not kept (see RUN_DEFAULTS).
      const trace = new TraceStream(opts.output === 'text' ? io.stdout : undefined, opts.traceFile);
      let result;
      try {
        result = runScenario(scenario, {
          // --perfetto converts the whole trace at the end, so only then is it kept.
          simulationDefaults: {
            ...RUN_DEFAULTS,
            ...(opts.perfetto === undefined ? {} : { trace: true }),
            traceSink: trace.sink,
          },
          ...(seed === undefined ? {} : { seed }),
          onStep: (step) => bar?.update(step.index + 1, { time: `${Math.floor(step.finishedAt / 1000)}s` }),
        });
        if (opts.until !== undefined && opts.until > result.simulation.now)
          result.simulation.runUntil(opts.until);
      } finally {
        bar?.stop();
        trace.close();
      }
      const sim = result.simulation;
      const snapshot = sim.snapshot();
      const replay = { scenario, ...(seed === undefined ? {} : { seed }), requests: [] };
      if (opts.save !== undefined) writeFileSync(opts.save, saveState(snapshot, snapshot.time, replay));
      if (opts.perfetto !== undefined) writeFileSync(opts.perfetto, JSON.stringify(toChromeTrace(sim.trace)));
      if (opts.output === 'json') io.stdout(saveState(snapshot, snapshot.time));
      else {
        if (trace.entries === 0) io.stdout('\n');
        // What the scenario's print steps showed follows the trace, as in the golden files.
        if (result.output !== '') io.stdout(`\n--- output ---\n${result.output}`);
      }
    });
}
