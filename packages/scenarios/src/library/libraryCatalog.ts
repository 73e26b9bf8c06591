import * as library from './index.js';
import { randomNodeChurn } from './randomNodeChurn.js';
import type { Scenario } from '../scenario.js';

/** One ready scenario of the library, under the names a command line or a page may give it. */
export interface LibraryEntry {
  /** The scenario's own name, kebab-case (`eks-walkthrough`); generators drop their seed suffix. */
  readonly name: string;
  /** The name the package exports it by (`eksWalkthrough`). */
  readonly exportName: string;
  readonly description: string | undefined;
  /** The scenario for a seed: a generator draws the scenario itself from it; a fixed scenario ignores it. */
  readonly scenarioFor: (seed?: number) => Scenario;
  /** Whether the seed changes the steps (a generator) or only the simulation's seed. */
  readonly generator: boolean;
}

function isScenario(value: unknown): value is Scenario {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { name?: unknown }).name === 'string' &&
    Array.isArray((value as { steps?: unknown }).steps)
  );
}

const byName = (a: LibraryEntry, b: LibraryEntry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Every ready scenario of `@daemonsim/scenarios`, sorted by name: each exported scenario, and
 * the generators that take a seed (randomNodeChurn, whose default seed is its options' default).
 * The CLI's `run`, `serve`, `scenarios` and `sweep` and the browser view all read this one list.
 * Upstream has no counterpart.
 */
export const LIBRARY_CATALOG: readonly LibraryEntry[] = [
  ...Object.entries(library)
    .filter((e): e is [string, Scenario] => isScenario(e[1]))
    .map(([exportName, scenario]) => ({
      name: scenario.name,
      exportName,
      description: scenario.description,
      scenarioFor: () => scenario,
      generator: false,
    })),
  {
    name: 'random-node-churn',
    exportName: 'randomNodeChurn',
    description: randomNodeChurn().description,
    scenarioFor: (seed?: number) => randomNodeChurn(seed === undefined ? {} : { seed }),
    generator: true,
  },
].sort(byName);

/** `eksWalkthrough`, `eks-walkthrough` and `EKS_Walkthrough` all name one scenario. */
function normalised(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

/**
 * The library scenario a name stands for, by scenario name or export name in any case, with or
 * without dashes and underscores; undefined for any other name. Upstream has no counterpart.
 */
export function libraryScenarioByName(name: string): LibraryEntry | undefined {
  const wanted = normalised(name);
  return LIBRARY_CATALOG.find((e) => normalised(e.name) === wanted || normalised(e.exportName) === wanted);
}
