import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTrace } from '@daemonsim/core';
import type { ScenarioOptions } from '../../src/index.js';
import { parseScenario, runScenario, stringifyScenario } from '../../src/index.js';
import {
  clusterCaseArbitrary,
  eventuallyStable,
  eventuallyStableViolations,
  findCounterexample,
  incrementalEqualsFull,
  incrementalEqualsFullViolations,
  noDuplicateDaemonPods,
  noDuplicateDaemonPodsViolations,
  PropertyViolation,
  recordedRun,
  sameEndStateViolations,
  sameSpecSameEndState,
} from '../../src/testing/index.js';

const informer: ScenarioOptions = { observation: 'informer', latencies: { informer: { min: 1, max: 300 } } };

describe('the built-in properties', () => {
  it('no node runs two live pods of one DaemonSet outside a surge, under lagging caches too', () => {
    fc.assert(noDuplicateDaemonPods({ maxLength: 15, options: informer }));
  });

  it('without expectations the duplicate property fails, and its printed scenario and seed replay the same duplicates and trace', () => {
    const found = findCounterexample(
      noDuplicateDaemonPods({ maxLength: 15, options: { ...informer, expectations: false } }),
    );
    expect(found?.violations[0]).toMatch(/node node-\d+ runs node-agent-\w+ and node-agent-\w+/);
    const [file] = found!.files;
    expect(found!.replay).toEqual([`daemonsim run ${file!.file} --seed ${found!.seed}`]);
    const scenario = parseScenario(file!.yaml);
    expect(scenario.options?.expectations).toBe(false);
    expect(noDuplicateDaemonPodsViolations(scenario)).toEqual(found!.violations);
    const trace = (seed?: number) => runScenario(scenario, seed === undefined ? {} : { seed }).traceText;
    expect(trace(found!.seed)).toBe(trace());
  });

  it('a failing property throws a PropertyViolation whose message is the scenario file fast-check reports', () => {
    const failing = noDuplicateDaemonPods({ maxLength: 15, options: { ...informer, expectations: false } });
    const details = fc.check(failing);
    expect(details.errorInstance).toBeInstanceOf(PropertyViolation);
    const message = (details.errorInstance as PropertyViolation).message;
    expect(message).toMatch(/^property no-duplicate-daemon-pods failed with seed \d+:\n {2}- from \d+ ms: /);
    expect(message).toContain('# no-duplicate-daemon-pods-seed-');
    expect(message).toContain('name: no-duplicate-daemon-pods\n');
  });

  it('incremental and full passes give byte-identical traces on random states with rollouts, surge, OnDelete and history cleanup', () => {
    fc.assert(incrementalEqualsFull({ maxLength: 20 }));
  });

  it('a full run that differs (one create per pass) fails the incremental-equals-full property at the first differing trace line, and both files replay it', () => {
    const found = findCounterexample(
      incrementalEqualsFull({ maxLength: 20, fullOptions: { burstReplicas: 1 } }),
    );
    expect(found?.violations).toEqual([expect.stringMatching(/^traces differ at line \d+ /)]);
    const [incremental, full] = found!.files.map((f) => parseScenario(f.yaml));
    expect(incremental!.options?.syncMode).toBe('incremental');
    expect(full!.options).toMatchObject({ syncMode: 'full', burstReplicas: 1 });
    expect(runScenario(incremental!).traceText).not.toBe(runScenario(full!).traceText);
    // Without the broken option the same case passes.
    expect(incrementalEqualsFullViolations(incremental!)).toEqual([]);
  });

  it('after node churn and DaemonSet edits stop, the cluster converges and nothing writes for ten more minutes, under lagging caches too', () => {
    fc.assert(eventuallyStable({ rollouts: false, maxLength: 15, options: informer }));
  });

  it('a cluster kept from converging fails the eventually-stable property, and its printed scenario replays the same verdict', () => {
    // Without expectations a lagging cache still converges, but a 1 ms limit leaves no time to.
    const found = findCounterexample(
      eventuallyStable({ rollouts: false, maxLength: 15, options: informer, convergeWithin: '1ms' }),
    );
    expect(found?.violations).toEqual([
      expect.stringMatching(/^did not converge: steps\[\d+\] \(runUntilQuiet\): /),
    ]);
    expect(eventuallyStableViolations(parseScenario(found!.files[0]!.yaml))).toEqual(found!.violations);
  });

  it('the same final spec reached by different paths of spec changes gives an equivalent end state, under lagging caches too', () => {
    fc.assert(sameSpecSameEndState({ options: informer }));
  });

  it('a final OnDelete spec keeps the pods of earlier specs, so two paths end differently: the property fails and both printed paths replay the difference', () => {
    const found = findCounterexample(
      sameSpecSameEndState({ finalStrategy: fc.constant({ type: 'OnDelete' as const }) }),
    );
    expect(found?.violations[0]).toMatch(/^end states differ: path A .* \| path B /);
    expect(found!.files.map((f) => f.file)).toEqual([
      `same-spec-same-end-state-path-a-seed-${found!.seed}.yaml`,
      `same-spec-same-end-state-path-b-seed-${found!.seed}.yaml`,
    ]);
    const [a, b] = found!.files.map((f) => parseScenario(f.yaml));
    expect(sameEndStateViolations(a!, b!)).toEqual(found!.violations);
  });

  it('a recorded case, written as a scenario file and run again, gives the same trace byte for byte', () => {
    fc.assert(
      fc.property(clusterCaseArbitrary({ maxLength: 12 }), (c) => {
        const run = recordedRun(
          { name: 'replay', options: informer },
          c,
          [{ kind: 'runUntilQuiet' }],
          {},
          true,
        );
        const replayed = runScenario(parseScenario(stringifyScenario(run.scenario)));
        expect(replayed.traceText).toBe(formatTrace(run.simulation.trace));
      }),
    );
  });
});
