import { existsSync } from 'node:fs';
import { SimulationError } from '@daemonsim/core';
import type { Scenario } from '@daemonsim/scenarios';
import { LIBRARY_CATALOG, libraryScenarioByName, parseScenario } from '@daemonsim/scenarios';
import { defaultClusterScenario } from '../apiserver/defaultCluster.js';
import { CliError } from './cliIo.js';
import { readText } from './readInputFile.js';

/**
 * The ready scenarios by their names (`eks-walkthrough`), sorted: the library's catalog (the
 * random node churn with its default seed) and the cluster `daemonsim serve` starts by default.
 * Upstream has no counterpart.
 */
export const LIBRARY_SCENARIOS: ReadonlyMap<string, Scenario> = new Map(
  [
    ...LIBRARY_CATALOG.map((e) => [e.name, e.scenarioFor()] as const),
    [defaultClusterScenario().name, defaultClusterScenario()] as const,
  ].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
);

/**
 * The scenario a command line names: a YAML file if one exists at that path, else a library
 * scenario by its name or its export name (`eks-walkthrough`, `eksWalkthrough`), or the cluster
 * `serve` starts by default (`eks-two-nodes`). A
 * {@link CliError} listing the library for anything else. Upstream has no counterpart.
 */
export function resolveScenario(arg: string): Scenario {
  if (existsSync(arg)) {
    try {
      return parseScenario(readText(arg));
    } catch (error) {
      if (!(error instanceof SimulationError)) throw error;
      throw new CliError(
        `${arg}: ${error.message}`,
        'a scenario is YAML with name and steps (see @daemonsim/scenarios); daemonsim scenarios lists ready ones',
      );
    }
  }
  const entry = libraryScenarioByName(arg);
  if (entry !== undefined) return entry.scenarioFor();
  const serveDefault = defaultClusterScenario();
  if (arg === serveDefault.name) return serveDefault;
  throw new CliError(
    `${arg}: no such file, and no library scenario of that name`,
    `name a scenario YAML file, or one of: ${[...LIBRARY_SCENARIOS.keys()].join(', ')} (daemonsim scenarios lists them)`,
  );
}
