import { SimulationError } from '@daemonsim/core';
import { stringify } from 'yaml';
import { parseManifests } from './parseManifests.js';
import type { Scenario } from './scenario.js';
import type { ScenarioLimits } from './scenarioLimits.js';
import { validateScenario } from './validateScenario.js';

/**
 * Parses a scenario file: one YAML document with `name`, optional `description`, `seed` and
 * `options`, and `steps`, each step an object with a `kind` (see {@link Step}).
 * Throws `SimulationError('BadRequest')` for bad YAML or prototype keys and
 * `SimulationError('Invalid')` naming the first bad field, e.g.
 * `steps[3].kind: Unsupported value: "frobnicate": supported values: "addNodes", ...`, or a
 * step past one of `limits`.
 */
export function parseScenario(text: string, limits?: ScenarioLimits): Scenario {
  const documents = parseManifests(text);
  if (documents.length !== 1)
    throw new SimulationError(
      'BadRequest',
      `parseScenario: Invalid value: ${documents.length}: a scenario file holds exactly one YAML document`,
    );
  return validateScenario(documents[0], limits);
}

/**
 * Renders a scenario as a YAML scenario file that {@link parseScenario} reads back equal.
 * Multi-line manifest texts become block literals.
 */
export function stringifyScenario(scenario: Scenario): string {
  return stringify(validateScenario(scenario), { lineWidth: 0 });
}
