import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isPodReady } from '@daemonsim/core';
import type { Scenario } from '../../src/index.js';
import { parseScenario } from '../../src/index.js';
import {
  eventuallyStableViolations,
  incrementalEqualsFullViolations,
  noDuplicateDaemonPodsViolations,
  rolloutConvergenceViolations,
  sameEndStateViolations,
  watchedRun,
} from '../../src/testing/index.js';

// Counterexamples of the built-in properties, committed as their failing run printed them
// (scenario file and seed), one folder per property: each must now hold. A same-spec pair is
// two files, path-a and path-b, of one seed.
const folder = fileURLToPath(new URL('./regressions/', import.meta.url));
const read = (dir: string, file: string): Scenario =>
  parseScenario(readFileSync(`${folder}${dir}/${file}`, 'utf8'));
const yamlFiles = (dir: string): string[] =>
  readdirSync(`${folder}${dir}`)
    .filter((f) => f.endsWith('.yaml'))
    .sort();

const SINGLE: Readonly<Record<string, (scenario: Scenario) => string[]>> = {
  'eventually-stable': eventuallyStableViolations,
  'incremental-equals-full': incrementalEqualsFullViolations,
  'no-duplicate-daemon-pods': noDuplicateDaemonPodsViolations,
};

describe('committed counterexamples', () => {
  for (const [dir, violations] of Object.entries(SINGLE)) {
    let files: string[] = [];
    try {
      files = yamlFiles(dir);
    } catch {
      // No counterexample of this property committed yet.
    }
    for (const file of files)
      it(`${dir}/${file} holds its property`, () => {
        expect(violations(read(dir, file))).toEqual([]);
      });
  }

  it('every folder names a property', () => {
    const dirs = readdirSync(folder, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    for (const dir of dirs) expect([...Object.keys(SINGLE), 'same-spec-same-end-state']).toContain(dir);
  });

  it('same-spec pairs reach equivalent end states', () => {
    let files: string[] = [];
    try {
      files = yamlFiles('same-spec-same-end-state');
    } catch {
      return;
    }
    for (const a of files.filter((f) => f.includes('-path-a-')))
      expect(
        sameEndStateViolations(
          read('same-spec-same-end-state', a),
          read('same-spec-same-end-state', a.replace('-path-a-', '-path-b-')),
        ),
      ).toEqual([]);
  });

  // See the file's header: upstream's gap, which only its informers' resync recovers from.
  it('a surge rollout stalled until the informer resync recovers alike in incremental and full passes', () => {
    const scenario = read('eventually-stable', 'surge-min-ready-seconds-seed-0.yaml');
    expect(incrementalEqualsFullViolations(scenario)).toEqual([]);
  });

  it('a surge rollout with minReadySeconds that stalls with two pods on one node stays stalled without the informer resync', () => {
    const scenario = read('eventually-stable', 'surge-min-ready-seconds-seed-0.yaml');
    expect(eventuallyStableViolations({ ...scenario, options: { minResyncPeriod: 0 } })).toEqual([
      'converged at 86410380 ms: kube-system/node-agent: node node-001 should run exactly one daemon pod, has 2',
      'converged at 86410380 ms: kube-system/node-agent: converged pass still plans deletePod',
      'after the window, at 87010380 ms: kube-system/node-agent: node node-001 should run exactly one daemon pod, has 2',
      'after the window, at 87010380 ms: kube-system/node-agent: converged pass still plans deletePod',
    ]);
  });

  // See the file's header: upstream's stuck surge, accepted by the placement invariant.
  it("a surge pod created on a node as it is tainted NoSchedule stays Pending beside the ready old pod, and eventuallyStable accepts it as upstream's #118823 stall", () => {
    const { simulation } = watchedRun(read('eventually-stable', 'surge-onto-tainted-node-seed-0.yaml'));
    const onNode = [...simulation.view.podsOnNode('node-000')]
      .filter((p) => p.metadata.name!.startsWith('log-collector-'))
      .map((p) => `${p.status.phase} ${p.spec.nodeName ?? '<unbound>'} ready=${isPodReady(p)}`);
    expect(onNode.sort()).toEqual(['Pending <unbound> ready=false', 'Running node-000 ready=true']);
    expect(rolloutConvergenceViolations(simulation.view, 'default/log-collector')).not.toEqual([]);
  });
});
