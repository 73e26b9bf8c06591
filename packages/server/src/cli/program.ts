import { readFileSync } from 'node:fs';
import { SimulationError } from '@daemonsim/core';
import { ScenarioExpectationError } from '@daemonsim/scenarios';
import { Command, CommanderError } from 'commander';
import { registerAdvance } from './advanceCommand.js';
import type { CliIo } from './cliIo.js';
import { CliError, EXIT_BAD_INPUT, EXIT_EXPECTATION_FAILED } from './cliIo.js';
import { registerDescribe } from './describeCommand.js';
import { registerGet } from './getCommand.js';
import { registerLogs } from './logsCommand.js';
import { registerNode } from './nodeCommand.js';
import { registerRun } from './runCommand.js';
import { registerScenarios } from './scenariosCommand.js';
import { registerServe } from './serveCommand.js';
import { registerSweepCommand } from './sweep/sweepCommand.js';
import { registerUi } from './uiCommand.js';

/** The version of `@daemonsim/server`, from its package.json (two levels up from src/cli and dist/cli). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? '0.0.0';
}

/**
 * Builds the `daemonsim` command: `run`, `scenarios`, `serve`, `advance`, `node`, and
 * `get`/`describe`/`logs` against a saved state, one file per command. Upstream has no
 * counterpart (its `get`/`describe`/`logs` mirror kubectl's).
 */
export function createProgram(io: CliIo): Command {
  const program = new Command('daemonsim');
  program
    .description('A seeded discrete-event Kubernetes cluster simulator with a faithful DaemonSet controller.')
    .version(packageVersion(), '-V, --version', 'print the daemonsim version')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    // An option belongs to the command it follows: `sweep merge FILES --out F` is merge's --out,
    // not sweep's (every command created below inherits this).
    .enablePositionalOptions();
  registerRun(program, io);
  registerScenarios(program, io);
  registerServe(program, io);
  registerAdvance(program, io);
  registerNode(program, io);
  registerGet(program, io);
  registerDescribe(program, io);
  registerLogs(program, io);
  registerSweepCommand(program, io);
  registerUi(program, io);
  return program;
}

/** The command words of `argv` (`node add`), for the usage hint of a bad command line. */
function commandWords(program: Command, argv: readonly string[]): string[] {
  const words: string[] = [];
  let command = program;
  for (const arg of argv) {
    const sub = command.commands.find((c) => c.name() === arg);
    if (sub === undefined) break;
    words.push(arg);
    command = sub;
  }
  return words;
}

/**
 * Runs the `daemonsim` command line (`argv` without `node` and the script) and returns its exit
 * code: 0, 1 for a failed `expect`, 2 for bad input or a rejected request. Every error is printed
 * as `error: <message>` and a `hint:` line saying what to do.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  const usage = `run 'daemonsim ${[...commandWords(program, argv), '--help'].join(' ')}' for usage`;
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.help' ||
        error.code === 'commander.version'
      )
        return 0;
      // Commander has printed its own parse errors; an InvalidArgumentError from an action it has not.
      if (error.code === 'commander.invalidArgument' && !error.message.startsWith('error:'))
        io.stderr(`error: ${error.message}\n`);
      io.stderr(`hint: ${usage}\n`);
      return EXIT_BAD_INPUT;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`error: ${message}\n`);
    if (error instanceof CliError) {
      io.stderr(`hint: ${error.hint}\n`);
      return error.exitCode;
    }
    if (error instanceof ScenarioExpectationError) {
      io.stderr(
        'hint: the scenario ran, and one of its expect steps does not hold; the trace shows what happened\n',
      );
      return EXIT_EXPECTATION_FAILED;
    }
    io.stderr(
      `hint: ${error instanceof SimulationError ? `the simulation refused it (${error.code}); ` : ''}${usage}\n`,
    );
    return EXIT_BAD_INPUT;
  }
}
