import { existsSync } from 'node:fs';
import { SimulationError } from '@daemonsim/core';
import type { Scenario } from '@daemonsim/scenarios';
import * as scenarios from '@daemonsim/scenarios';
import { parseScenario } from '@daemonsim/scenarios';
import { defaultClusterScenario } from '../apiserver/defaultCluster.js';
import { CliError } from './cliIo.js';
import { readText } from './readInputFile.js';

function isScenario(value: unknown): value is Scenario {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { name?: unknown }).name === 'string' &&
    Array.isArray((value as { steps?: unknown }).steps)
  );
}

/** Every library scenario with the name the package exports it by (`eksWalkthrough`). */
const EXPORTED: readonly (readonly [string, Scenario])[] = [
  ...Object.entries(scenarios).filter((e): e is [string, Scenario] => isScenario(e[1])),
  ['randomNodeChurn', scenarios.randomNodeChurn()],
  ['defaultClusterScenario', defaultClusterScenario()],
];

/**
 * The ready scenarios of `@daemonsim/scenarios` by their names (`eks-walkthrough`), sorted: every
 * scenario the package exports, the random node churn with its default options, and the cluster
 * `daemonsim serve` starts by default. Upstream has no counterpart.
 */
export const LIBRARY_SCENARIOS: ReadonlyMap<string, Scenario> = new Map(
  EXPORTED.map(([, s]) => [s.name, s] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
);

/** `eksWalkthrough`, `eks-walkthrough` and `EKS_Walkthrough` all name one scenario. */
function normalised(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

/**
 * The scenario a command line names: a YAML file if one exists at that path, else a library
 * scenario by its name or its export name (`eks-walkthrough`, `eksWalkthrough`). A
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
  for (const [exported, scenario] of EXPORTED)
    if (normalised(scenario.name) === normalised(arg) || normalised(exported) === normalised(arg))
      return scenario;
  throw new CliError(
    `${arg}: no such file, and no library scenario of that name`,
    `name a scenario YAML file, or one of: ${[...LIBRARY_SCENARIOS.keys()].join(', ')} (daemonsim scenarios lists them)`,
  );
}
