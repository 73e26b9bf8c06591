// Hostile manifests in scenario YAML: the apply step fails with upstream's words, and the same
// YAML parsed and submitted leaves snapshot, RNG, queue and clock unchanged.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { SimulationError } from '@daemonsim/core';
import { Simulation } from '@daemonsim/core';
import { parseManifests, parseScenario, runScenario } from '../../src/index.js';
import { DAEMONSET_CASES, hostileManifest } from './hostileCases.js';
import { fingerprint } from './fingerprint.js';

const yamlCases = DAEMONSET_CASES.filter((c) => c.json !== false);

function scenarioText(manifestYaml: string): string {
  return stringify(
    {
      name: 'hostile',
      seed: 3,
      steps: [
        { kind: 'addNodes', count: 1 },
        { kind: 'apply', manifests: manifestYaml },
        { kind: 'runUntilQuiet' },
      ],
    },
    { lineWidth: 0 },
  );
}

describe('hostile manifests in scenario YAML', () => {
  it.each(yamlCases)('an apply step with $name fails with upstream’s words', (c) => {
    const scenario = parseScenario(scenarioText(stringify(hostileManifest(c), { lineWidth: 0 })));
    expect(() => runScenario(scenario)).toThrow(`steps[1] (apply): ${c.message}`);
  });

  it.each(yamlCases)('the YAML of $name, parsed and submitted, changes nothing', (c) => {
    const sim = new Simulation({ seed: 3 });
    sim.submit({ type: 'NodeAdded', node: { name: 'node-1' } });
    sim.runUntilQuiet();
    const [manifest] = parseManifests(stringify(hostileManifest(c), { lineWidth: 0 }));
    const before = fingerprint(sim);
    let caught: unknown;
    try {
      sim.submit({ type: 'ManifestApplied', manifest });
    } catch (error) {
      caught = error;
    }
    expect(fingerprint(sim)).toBe(before);
    expect((caught as SimulationError).message).toBe(c.message);
  });

  it('unquoted app: 1 in YAML is the number it parses to, and answered at decode', () => {
    const text = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: one, namespace: default}
spec:
  selector:
    matchLabels:
      app: 1
  template:
    metadata:
      labels:
        app: 1
    spec:
      containers: [{name: c, image: nginx}]
`;
    expect(() => runScenario(parseScenario(scenarioText(text)))).toThrow(
      'json: cannot unmarshal number into Go struct field LabelSelector.spec.selector.matchLabels of type string',
    );
  });

  it('options.fieldValidation: Ignore lets a scenario drop unknown fields', () => {
    const text = scenarioText(
      stringify(hostileManifest(DAEMONSET_CASES.find((c) => c.name === 'the unknown field imagee')!)),
    ).replace('name: hostile\n', 'name: hostile\noptions:\n  fieldValidation: Ignore\n');
    const result = runScenario(parseScenario(text));
    expect(result.snapshot.daemonSets.has('default/hostile')).toBe(true);
  });
});
