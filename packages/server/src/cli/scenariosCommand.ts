import type { Command } from 'commander';
import type { CliIo } from './cliIo.js';
import { LIBRARY_SCENARIOS } from './libraryScenarios.js';

/**
 * Registers `daemonsim scenarios`: the library's scenarios, one a line, with their step counts and
 * descriptions, for `daemonsim run NAME` and `daemonsim serve NAME`. Upstream has no counterpart.
 */
export function registerScenarios(program: Command, io: CliIo): void {
  program
    .command('scenarios')
    .description('List the library scenarios that run and serve take by name')
    .action(() => {
      const rows = [...LIBRARY_SCENARIOS.values()].map((s) => [
        s.name,
        String(s.steps.length),
        s.description ?? '',
      ]);
      const width = (i: number): number =>
        Math.max(...[['NAME', 'STEPS'][i]!, ...rows.map((r) => r[i]!)].map((c) => c.length));
      const line = (r: readonly string[]): string =>
        `${r[0]!.padEnd(width(0) + 3)}${r[1]!.padEnd(width(1) + 3)}${r[2]!}`.trimEnd();
      io.stdout(`${[line(['NAME', 'STEPS', 'DESCRIPTION']), ...rows.map(line)].join('\n')}\n`);
    });
}
