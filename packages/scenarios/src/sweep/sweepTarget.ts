import { SimulationError } from '@daemonsim/core';
import { LIBRARY_CATALOG, libraryScenarioByName } from '../library/libraryCatalog.js';
import type { Scenario } from '../scenario.js';
import type { SweepProperty } from './sweepProperty.js';
import { SWEEP_PROPERTIES } from './sweepProperty.js';

/**
 * What a sweep runs once per seed: a scenario (the seed overrides its simulation seed, and a
 * generator such as randomNodeChurn also draws the scenario itself from it) or a property of
 * the testing kit. `ref` is the name or file as the command line gave it, which replays it.
 */
export type SweepTarget =
  | { readonly ref: string; readonly kind: 'scenario'; readonly scenarioFor: (seed: number) => Scenario }
  | { readonly ref: string; readonly kind: 'property'; readonly property: SweepProperty };

/**
 * The names `daemonsim sweep` accepts besides a scenario file, sorted: library scenarios by
 * scenario name (their export names work too), then `property:NAME`.
 */
export function sweepTargetNames(): string[] {
  return [...LIBRARY_CATALOG.map((e) => e.name), ...[...SWEEP_PROPERTIES.keys()].map((p) => `property:${p}`)];
}

/**
 * The sweep target a name stands for: `property:NAME` for a testing-kit property, or a library
 * scenario by export name (`randomNodeChurn`) or scenario name (`random-node-churn`); undefined
 * for anything else (a file, for the caller to read). Upstream has no counterpart.
 */
export function sweepTargetByName(ref: string): SweepTarget | undefined {
  if (ref.startsWith('property:')) {
    const property = SWEEP_PROPERTIES.get(ref.slice('property:'.length));
    if (property === undefined)
      throw new SimulationError(
        'BadRequest',
        `sweep: unknown property ${JSON.stringify(ref)}; properties: ${[...SWEEP_PROPERTIES.keys()].map((p) => `property:${p}`).join(', ')}`,
        { path: 'scenario' },
      );
    return { ref, kind: 'property', property };
  }
  const entry = libraryScenarioByName(ref);
  return entry === undefined
    ? undefined
    : { ref, kind: 'scenario', scenarioFor: (seed) => entry.scenarioFor(seed) };
}

/** A sweep target of one scenario (read from a file): every seed reruns it under that seed. */
export function scenarioSweepTarget(ref: string, scenario: Scenario): SweepTarget {
  return { ref, kind: 'scenario', scenarioFor: () => scenario };
}
