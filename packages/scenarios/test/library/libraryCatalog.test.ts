import { describe, expect, it } from 'vitest';
import { eksWalkthrough, LIBRARY_CATALOG, libraryScenarioByName, randomNodeChurn } from '../../src/index.js';

describe('the library catalog', () => {
  it('lists each ready scenario once, sorted by its kebab-case name', () => {
    const names = LIBRARY_CATALOG.map((e) => e.name);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(names).toContain('eks-walkthrough');
    expect(names).toContain('random-node-churn');
  });

  it('names a scenario by its scenario name or export name, in any case, with or without dashes', () => {
    for (const name of ['eks-walkthrough', 'eksWalkthrough', 'EKS_Walkthrough', 'ekswalkthrough'])
      expect(libraryScenarioByName(name)?.scenarioFor()).toBe(eksWalkthrough);
  });

  it('draws a generator scenario from the seed, and its options default without one', () => {
    const churn = libraryScenarioByName('randomNodeChurn')!;
    expect(churn.generator).toBe(true);
    expect(churn.scenarioFor(7)).toEqual(randomNodeChurn({ seed: 7 }));
    expect(churn.scenarioFor()).toEqual(randomNodeChurn());
    expect(churn.scenarioFor(7)).not.toEqual(churn.scenarioFor(8));
  });

  it('gives a fixed scenario whatever the seed, and nothing for a name it does not know', () => {
    const walkthrough = libraryScenarioByName('eks-walkthrough')!;
    expect(walkthrough.generator).toBe(false);
    expect(walkthrough.scenarioFor(3)).toBe(walkthrough.scenarioFor(4));
    expect(libraryScenarioByName('eks-walk')).toBeUndefined();
    expect(libraryScenarioByName('')).toBeUndefined();
  });
});
