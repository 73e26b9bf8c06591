import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rollingUpdateMaxSurge, runScenario } from '../../src/index.js';
import type { SweepProperty } from '../../src/sweep/index.js';
import {
  applyVariant,
  formatSweepLine,
  mergeSweepFiles,
  parseVary,
  percentile,
  replayCommand,
  runProperty,
  runSweepRecord,
  sweepSummary,
  sweepTargetByName,
  sweepVariants,
  variantLabel,
} from '../../src/sweep/index.js';

const ROLLING = 'steps.*.manifests.spec.updateStrategy.rollingUpdate';
const SURGE = `${ROLLING}.maxSurge`;

describe('sweep variants', () => {
  it('a --vary axis reads numbers as numbers and percentages as strings, and axes multiply, the first slowest', () => {
    expect(parseVary(`${SURGE}=1,10%`)).toEqual({ path: SURGE, values: [1, '10%'] });
    expect(sweepVariants([parseVary('a=1,2'), parseVary('b=x,y')])).toEqual([
      [
        ['a', 1],
        ['b', 'x'],
      ],
      [
        ['a', 1],
        ['b', 'y'],
      ],
      [
        ['a', 2],
        ['b', 'x'],
      ],
      [
        ['a', 2],
        ['b', 'y'],
      ],
    ]);
  });

  it('a --vary value in braces or brackets is JSON, its commas inside it, so fields that must change together can', () => {
    const axis = parseVary(
      `${ROLLING}={"maxSurge":0,"maxUnavailable":1},{"maxSurge":"10%","maxUnavailable":0},[1,"a,b"],x`,
    );
    expect(axis.values).toEqual([
      { maxSurge: 0, maxUnavailable: 1 },
      { maxSurge: '10%', maxUnavailable: 0 },
      [1, 'a,b'],
      'x',
    ]);
    expect(variantLabel([[ROLLING, axis.values[0]!]])).toBe(`${ROLLING}={"maxSurge":0,"maxUnavailable":1}`);
    expect(() => parseVary(`${ROLLING}={"maxSurge":0`)).toThrow(/"maxSurge":0 is not JSON/);
  });

  it('a JSON value replaces the part at each place its path reaches, a copy at each, and replays as JSON', () => {
    const varied = applyVariant(rollingUpdateMaxSurge, [[ROLLING, { maxSurge: 0, maxUnavailable: 1 }]]);
    const rolling = varied.steps.flatMap((s) =>
      s.kind === 'apply'
        ? [
            (s.manifests as { spec: { updateStrategy: { rollingUpdate: unknown } } }).spec.updateStrategy
              .rollingUpdate,
          ]
        : [],
    );
    expect(rolling).toEqual([
      { maxSurge: 0, maxUnavailable: 1 },
      { maxSurge: 0, maxUnavailable: 1 },
    ]);
    expect(rolling[0]).not.toBe(rolling[1]);
    const surge = sweepTargetByName('rolling-update-max-surge')!;
    // maxSurge 0 passes validation only with a non-zero maxUnavailable, which the same value sets.
    expect(runSweepRecord(surge, 1, 0, [[ROLLING, { maxSurge: 0, maxUnavailable: 1 }]]).outcome).not.toBe(
      'error',
    );
    expect(runSweepRecord(surge, 1, 0, [[SURGE, 0]]).outcome).toBe('error');
    expect(
      replayCommand({ scenario: 's', seed: 1, variant: 0, vary: { [ROLLING]: { maxSurge: '10%' } } }),
    ).toBe(`daemonsim sweep replay s --seed 1 --vary '${ROLLING}={"maxSurge":"10%"}'`);
  });

  it('refuses a --vary without values, with repeated values or a path varied twice, naming the rule', () => {
    expect(() => parseVary('maxSurge')).toThrow(/--vary: Invalid value: "maxSurge": must be path=value/);
    expect(() => parseVary('a=1,1')).toThrow(/values must be distinct/);
    expect(() => sweepVariants([parseVary('a=1'), parseVary('a=2')])).toThrow(/each path may be varied once/);
  });

  it('sets a value at every step a wildcard path reaches and leaves the scenario itself alone', () => {
    const varied = applyVariant(rollingUpdateMaxSurge, [[SURGE, '25%']]);
    const surges = varied.steps.flatMap((s) =>
      s.kind === 'apply' ? [(s.manifests as { spec: { updateStrategy: unknown } }).spec.updateStrategy] : [],
    );
    expect(surges).toEqual([
      { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
    ]);
    expect(JSON.stringify(rollingUpdateMaxSurge)).toContain('"maxSurge":1');
  });

  it('refuses a path that reaches nothing, naming it and the scenario', () => {
    expect(() => applyVariant(rollingUpdateMaxSurge, [['steps.*.nope.x', 1]])).toThrow(
      '--vary: Invalid value: "steps.*.nope.x": reaches nothing in scenario "rolling-update-max-surge"',
    );
  });
});

describe('a sweep run', () => {
  it('collects every failed expect instead of stopping at the first when asked to', () => {
    const varied = applyVariant(rollingUpdateMaxSurge, [[SURGE, '100%']]);
    expect(() => runScenario(varied)).toThrow(/steps\[6\] \(expect\) failed/);
    const result = runScenario(varied, { expectations: 'collect' });
    expect(result.failedExpectations.map((f) => f.index)).toEqual([6]);
    expect(result.steps).toHaveLength(varied.steps.length);
  });

  it('gives the same line for the same target, seed and variant, and another for another seed', () => {
    const churn = sweepTargetByName('randomNodeChurn')!;
    const line = formatSweepLine(runSweepRecord(churn, 5, 0, []));
    expect(formatSweepLine(runSweepRecord(churn, 5, 0, []))).toBe(line);
    expect(formatSweepLine(runSweepRecord(churn, 6, 0, []))).not.toBe(line);
    const record = JSON.parse(line);
    expect(record).toMatchObject({ scenario: 'randomNodeChurn', seed: 5, outcome: 'pass', quiet: true });
    expect(record.figures.podsCreated).toBeGreaterThan(0);
    expect(record.figures.timeToConvergeMs).toBeGreaterThan(0);
  });

  it('measures a rollout: a wider maxSurge converges faster and a failed expect makes the run fail', () => {
    const surge = sweepTargetByName('rolling-update-max-surge')!;
    const narrow = runSweepRecord(surge, 1, 0, [[SURGE, 1]]);
    const wide = runSweepRecord(surge, 1, 1, [[SURGE, '100%']]);
    expect(narrow.outcome).toBe('pass');
    expect(wide.outcome).toBe('fail');
    expect(wide.failedExpects[0]!.failures[0]).toMatch(/expected 6, found \d+/);
    expect(wide.figures.timeToConvergeMs!).toBeLessThan(narrow.figures.timeToConvergeMs!);
    expect(narrow.figures.maxUnavailableDuringRollout).toBe(0);
  });

  it('records a step the simulation rejects as an error with its message', () => {
    const surge = sweepTargetByName('rolling-update-max-surge')!;
    const record = runSweepRecord(surge, 1, 0, [[SURGE, 0]]);
    expect(record.outcome).toBe('error');
    expect(record.error).toMatch(/steps\[1\] \(apply\).*maxSurge/s);
  });

  it('shrinks a failing property to its smallest counterexample, deterministically for a seed', () => {
    // A deliberately false property: no history adds three nodes.
    const fewNodes: SweepProperty<{ op: string }[]> = {
      name: 'few-nodes',
      description: 'test',
      arbitrary: SWEEP_OPS,
      check: (ops) => (ops.filter((o) => o.op === 'addNode').length >= 3 ? ['three nodes'] : []),
    };
    const seed = findFailingSeed(fewNodes);
    const run = runProperty(fewNodes as SweepProperty, seed, () => {});
    expect(run.violations).toEqual(['three nodes']);
    expect(run.counterexample!.violations).toEqual(['three nodes']);
    expect((run.counterexample!.value as { op: string }[]).filter((o) => o.op === 'addNode')).toHaveLength(3);
    expect(runProperty(fewNodes as SweepProperty, seed, () => {})).toEqual(run);
  });
});

const SWEEP_OPS = fc.array(fc.record({ op: fc.constantFrom('addNode', 'removeNode') }), { maxLength: 12 });

function findFailingSeed(property: SweepProperty<{ op: string }[]>): number {
  for (let seed = 1; ; seed++) {
    const [value] = fc.sample(property.arbitrary, { seed });
    if (property.check(value!, () => {}).length > 0) return seed;
  }
}

describe('merging sweep files', () => {
  const line = (seed: number, variant: number, outcome = 'pass', vary: object = { a: variant }): string =>
    JSON.stringify({
      scenario: 's',
      seed,
      variant,
      vary,
      outcome,
      failedExpects: [],
      violations: outcome === 'pass' ? [] : ['broken'],
      error: null,
      quiet: true,
      figures: { timeToConvergeMs: seed * 10, podsCreated: seed },
    });

  it('sorts by variant then seed and keeps a line found in two files once', () => {
    const merged = mergeSweepFiles([
      { name: 'b', text: `${line(2, 1)}\n${line(1, 0)}\n` },
      { name: 'a', text: `${line(1, 0)}\n${line(1, 1)}\n` },
    ]);
    expect(merged.lines).toEqual([line(1, 0), line(1, 1), line(2, 1)]);
  });

  it('refuses two different lines for one run, and a malformed line, naming file and line', () => {
    expect(() =>
      mergeSweepFiles([
        { name: 'a', text: line(1, 0) },
        { name: 'b', text: `\n${line(1, 0, 'fail')}` },
      ]),
    ).toThrow('b:2: differs from a:1 for the same scenario, variant and seed');
    expect(() => mergeSweepFiles([{ name: 'c', text: '{"scenario":1}' }])).toThrow(
      'c:1: scenario: Required value: must be a string',
    );
    expect(() =>
      mergeSweepFiles([{ name: 'd', text: `${line(1, 0)}\n${line(2, 0, 'pass', { a: 9 })}` }]),
    ).toThrow(/d:2: variant 0 is \{"a":9\} here but \{"a":0\} at d:1/);
  });

  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(values, 50), percentile(values, 90), percentile(values, 99)]).toEqual([50, 90, 99]);
    expect(percentile([7], 99)).toBe(7);
  });

  it('summarises each variant and lists each failure with the command that replays it', () => {
    const { records } = mergeSweepFiles([
      { name: 'a', text: [line(1, 0), line(2, 0, 'fail'), line(3, 1)].join('\n') },
    ]);
    const text = sweepSummary(records);
    expect(text).toContain('== s variant 0: a=0 (seeds 1..2)');
    expect(text).toMatch(/runs {2}pass {2}fail {2}error {2}pass rate\n {3}2 {5}1 {5}1 {6}0 {6}50\.0%/);
    expect(text).toMatch(/timeToConvergeMs +2 +10 +20 +20 +20/);
    expect(text).toContain(
      'failures: 1 of 3 runs\n- s variant 0 seed 2: fail: broken\n  replay: daemonsim sweep replay s --seed 2 --vary a=0',
    );
    expect(replayCommand({ scenario: 'x y', seed: 1, variant: 2, vary: { 'steps.*.m': '10%' } })).toBe(
      "daemonsim sweep replay 'x y' --seed 1 --variant 2 --vary 'steps.*.m=10%'",
    );
  });
});
