import { SimulationError } from '@daemonsim/core';
import * as library from '../library/index.js';
import { randomNodeChurn } from '../library/randomNodeChurn.js';
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

/** The library's scenario generators that take their seed: one scenario per seed. */
const GENERATORS: Readonly<Record<string, (seed: number) => Scenario>> = {
  randomNodeChurn: (seed) => randomNodeChurn({ seed }),
};

function isScenario(value: unknown): value is Scenario {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { name?: unknown }).name === 'string' &&
    Array.isArray((value as { steps?: unknown }).steps)
  );
}

/** Every library scenario a sweep runs by name, under its export name and its scenario name, sorted. */
function libraryTargets(): Map<string, (seed: number) => Scenario> {
  const out = new Map<string, (seed: number) => Scenario>();
  for (const [name, make] of Object.entries(GENERATORS)) {
    out.set(name, make);
    out.set(make(0).name.replace(/-0$/, ''), make);
  }
  for (const [name, value] of Object.entries(library)) {
    if (!isScenario(value)) continue;
    out.set(name, () => value);
    out.set(value.name, () => value);
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The names `daemonsim sweep` accepts besides a scenario file, sorted: library scenarios by
 * scenario name (their export names work too), then `property:NAME`.
 */
export function sweepTargetNames(): string[] {
  return [
    ...[...libraryTargets().keys()].filter((name) => name.includes('-') || name === name.toLowerCase()),
    ...[...SWEEP_PROPERTIES.keys()].map((p) => `property:${p}`),
  ];
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
  const make = libraryTargets().get(ref);
  return make === undefined ? undefined : { ref, kind: 'scenario', scenarioFor: make };
}

/** A sweep target of one scenario (read from a file): every seed reruns it under that seed. */
export function scenarioSweepTarget(ref: string, scenario: Scenario): SweepTarget {
  return { ref, kind: 'scenario', scenarioFor: () => scenario };
}
