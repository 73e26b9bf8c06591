import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { SimulationError, formatTrace } from '@daemonsim/core';
import { parseScenario, runScenario } from '@daemonsim/scenarios';
import type { VaryAxis } from '@daemonsim/scenarios/sweep';
import {
  applyVariant,
  compareSweepRuns,
  mergeSweepFiles,
  parseVary,
  sweepSummary,
  sweepTargetByName,
  sweepTargetNames,
  sweepVariants,
} from '@daemonsim/scenarios/sweep';
import type { CliIo } from '../cliIo.js';
import { CliError } from '../cliIo.js';
import { defaultWorkers, runSweep, shardTasks } from './runSweep.js';
import type { SweepShard } from './sweepShard.js';
import { SHARD_COUNT_ENV, SHARD_INDEX_ENV, seedsArg, shardArg, sweepShard } from './sweepShard.js';
import type { SweepTargetSpec, SweepTask } from './sweepTask.js';
import { resolveSweepTarget, runSweepTask } from './sweepTask.js';

const USAGE = "run 'daemonsim sweep --help' for usage";

/** Bad input found once the command runs (after commander's own checks), with what to do about it. */
const badInput = (message: string, hint = USAGE): CliError => new CliError(message, hint);

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new SimulationError(
      'BadRequest',
      `${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The target a command-line word names: a library scenario, `property:NAME`, or a scenario file. */
function targetSpec(ref: string): SweepTargetSpec {
  let named;
  try {
    named = sweepTargetByName(ref);
  } catch (error) {
    // An unknown property name: the message lists the properties there are.
    if (error instanceof SimulationError)
      throw badInput(error.message, 'name one of the properties listed, as property:NAME');
    throw error;
  }
  if (named !== undefined) return { ref };
  if (!/[./\\]/.test(ref))
    throw badInput(
      `${JSON.stringify(ref)} is neither a scenario file nor a library name`,
      `name a scenario YAML file, a library scenario or a property: ${sweepTargetNames().join(', ')}`,
    );
  const yaml = readText(ref);
  parseScenario(yaml);
  return { ref, yaml };
}

function positive(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

function varyOption(): Option {
  return new Option(
    '--vary <path=v1,v2,...>',
    'run every value at a path of the scenario (repeatable: every combination)',
  )
    .argParser((text: string, previous: VaryAxis[] | undefined) => [...(previous ?? []), parseVary(text)])
    .default([]);
}

/** Every task of a sweep in its lines' order (variant, then seed), before sharding. */
function sweepTasks(
  target: SweepTargetSpec,
  seeds: { from: number; to: number },
  axes: readonly VaryAxis[],
): SweepTask[] {
  const resolved = resolveSweepTarget(target);
  if (resolved.kind === 'property' && axes.length > 0)
    throw badInput(`--vary: a property (${target.ref}) has no scenario to vary`);
  const variants = sweepVariants(axes);
  // A path that reaches nothing fails here, once, rather than in every run.
  if (resolved.kind === 'scenario')
    for (const v of variants) applyVariant(resolved.scenarioFor(seeds.from), v);
  const tasks: SweepTask[] = [];
  variants.forEach((vary, variant) => {
    for (let seed = seeds.from; seed <= seeds.to; seed++) tasks.push({ target, seed, variant, vary });
  });
  return tasks.sort((a, b) =>
    compareSweepRuns({ scenario: a.target.ref, ...a }, { scenario: b.target.ref, ...b }),
  );
}

/**
 * Refuses `sweep`'s own options written before a subcommand (`sweep --out F merge FILES`): with
 * positional options they would be parsed as sweep's and silently ignored by the subcommand.
 */
function refuseSweepOptions(sweep: Command, sub: string): void {
  const given = sweep.options.filter((o) => sweep.getOptionValueSource(o.attributeName()) === 'cli');
  if (given.length === 0) return;
  const flags = given.map((o) => o.long ?? o.flags);
  throw badInput(
    `sweep ${sub}: ${flags.join(', ')} ${given.length === 1 ? 'is an option' : 'are options'} of sweep itself, written before '${sub}'`,
    `write the options of 'sweep ${sub}' after its name (run 'daemonsim sweep ${sub} --help' for them)`,
  );
}

/**
 * Adds `daemonsim sweep` (run a target over seeds and variants on a pool of worker processes, one
 * NDJSON line per run), `sweep merge` (one table per variant from shards' files) and `sweep
 * replay` (one run again, with its trace). Upstream has no counterpart.
 */
export function registerSweepCommand(program: Command, io: CliIo): void {
  const sweep = program
    .command('sweep')
    .description(
      'Run a scenario file, library scenario or property:NAME for every seed and variant on every core; one NDJSON line per run',
    )
    .argument('[scenario]', 'scenario file, library scenario name (randomNodeChurn) or property:NAME')
    .option('--seeds <A..B>', 'the seeds, inclusive', seedsArg)
    .addOption(varyOption())
    .option('--workers <n>', 'worker processes (default: one per core)', positive)
    .option(
      '--shard <I/N>',
      `run only the I-th of N shares of the runs (default: ${SHARD_INDEX_ENV} and ${SHARD_COUNT_ENV} when set)`,
      shardArg,
    )
    .option('--out <file>', 'the NDJSON file to write (- for stdout)')
    // Options stop at a subcommand's name: whatever follows `merge` or `replay` is theirs.
    .enablePositionalOptions()
    .hook('preSubcommand', (command, sub) => refuseSweepOptions(command, sub.name()))
    .action(
      async (
        ref: string | undefined,
        opts: {
          seeds?: { from: number; to: number };
          vary: VaryAxis[];
          workers?: number;
          shard?: SweepShard;
          out?: string;
        },
      ) => {
        if (ref === undefined)
          throw badInput('sweep: a scenario is required (or: sweep merge, sweep replay)');
        if (opts.seeds === undefined) throw badInput("sweep: required option '--seeds <A..B>' not specified");
        if (opts.out === undefined) throw badInput("sweep: required option '--out <file>' not specified");
        const shard = sweepShard(opts.shard, io.env ?? process.env);
        const tasks = shardTasks(sweepTasks(targetSpec(ref), opts.seeds, opts.vary), shard);
        const run = await runSweep(tasks, {
          workers: opts.workers ?? defaultWorkers(),
          out: opts.out,
          writeStdout: io.stdout,
          io,
        });
        io.stderr(
          `sweep: ${run.runs} runs${shard.count > 1 ? ` (shard ${shard.index}/${shard.count})` : ''}, ${run.failed} not passed, ` +
            `${(run.wallMs / 1000).toFixed(1)} s on ${run.workers} worker${run.workers === 1 ? '' : 's'}` +
            `${opts.out === '-' ? '' : ` -> ${opts.out}`}\n`,
        );
      },
    );

  sweep
    .command('merge')
    .description('Merge sweep NDJSON files (shards, or several sweeps): a table per variant and the failures')
    .argument('<files...>', 'NDJSON files written by daemonsim sweep')
    .option('--out <file>', 'also write the merged, sorted lines here')
    .option('--max-failures <n>', 'list at most N failures in full', positive, 50)
    .action((files: string[], opts: { out?: string; maxFailures: number }) => {
      const { lines, records } = mergeSweepFiles(files.map((name) => ({ name, text: readText(name) })));
      if (opts.out !== undefined) writeFileSync(opts.out, lines.map((l) => `${l}\n`).join(''));
      io.stdout(sweepSummary(records, { maxFailures: opts.maxFailures }));
    });

  sweep
    .command('replay')
    .description('Run one run of a sweep again: its trace (scenarios) and its NDJSON line')
    .argument('<scenario>', 'as given to daemonsim sweep')
    .requiredOption('--seed <n>', 'the seed', (t) => seedsArg(t).from)
    .addOption(varyOption())
    .option(
      '--variant <n>',
      "the variant's number in its sweep (as its line says)",
      (t) => seedsArg(t).from,
      0,
    )
    .action((ref: string, opts: { seed: number; vary: VaryAxis[]; variant: number }) => {
      const target = targetSpec(ref);
      const several = opts.vary.find((a) => a.values.length > 1);
      if (several !== undefined) throw badInput(`--vary ${several.path}: a replay takes one value per path`);
      const vary = sweepVariants(opts.vary)[0]!;
      const resolved = resolveSweepTarget(target);
      if (resolved.kind === 'scenario') {
        const result = runScenario(applyVariant(resolved.scenarioFor(opts.seed), vary), {
          seed: opts.seed,
          expectations: 'collect',
        });
        io.stdout(formatTrace(result.trace));
        if (result.output !== '') io.stdout(`\n--- output ---\n${result.output}`);
        io.stdout('\n--- record ---\n');
      }
      io.stdout(`${runSweepTask({ target, seed: opts.seed, variant: opts.variant, vary })}\n`);
    });
}
