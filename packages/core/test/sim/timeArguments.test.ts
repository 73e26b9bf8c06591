import { describe, expect, it } from 'vitest';
import { SimulationError } from '../../src/errors.js';
import { SECOND } from '../../src/model/time.js';
import type { Simulation } from '../../src/sim/simulation.js';
import { createSimulation } from '../../src/sim/simulation.js';
import { formatTrace } from '../../src/sim/trace.js';
import { minimalAgentDaemonSet } from './minimalAgentDaemonSet.js';

function cluster(): Simulation {
  const sim = createSimulation({ seed: 7 });
  sim.submit({ type: 'NodeAdded', node: { name: 'node-1' } });
  sim.submit({ type: 'ManifestApplied', manifest: minimalAgentDaemonSet('kube-system') });
  sim.advance(1500);
  return sim;
}

/** Everything a rejected call must leave as it was. */
function observable(sim: Simulation) {
  const snap = sim.snapshot();
  return {
    now: sim.now,
    pending: sim.pendingEvents,
    processed: sim.eventsProcessed,
    rng: JSON.stringify(sim.rngState),
    trace: formatTrace(sim.trace),
    nodes: [...snap.nodes.values()],
    pods: [...snap.pods.values()],
    daemonSets: [...snap.daemonSets.values()],
    events: [...snap.events.values()],
  };
}

type Call = (sim: Simulation) => unknown;
const later = (sim: Simulation) => sim.now + SECOND;

const rejected: readonly (readonly [string, Call, SimulationError['code'], RegExp])[] = [
  [
    'advance(NaN)',
    (s) => s.advance(Number.NaN),
    'BadRequest',
    /^advance: duration: Invalid value: NaN: must be a non-negative integer number of milliseconds$/,
  ],
  [
    'advance(Infinity)',
    (s) => s.advance(Number.POSITIVE_INFINITY),
    'BadRequest',
    /^advance: duration: Invalid value: Infinity: /,
  ],
  [
    'advance(-Infinity)',
    (s) => s.advance(Number.NEGATIVE_INFINITY),
    'BadRequest',
    /^advance: duration: Invalid value: -Infinity: /,
  ],
  ['advance(-1)', (s) => s.advance(-1), 'BadRequest', /^advance: duration: Invalid value: -1: /],
  ['advance(0.5)', (s) => s.advance(0.5), 'BadRequest', /^advance: duration: Invalid value: 0.5: /],
  [
    'advance("90s")',
    (s) => s.advance('90s' as never),
    'BadRequest',
    /^advance: duration: Invalid value: "90s": .*Go duration strings are for scenarios/,
  ],
  [
    'advance(null)',
    (s) => s.advance(null as never),
    'BadRequest',
    /^advance: duration: Invalid value: null: /,
  ],
  [
    'advance(undefined)',
    (s) => s.advance(undefined as never),
    'BadRequest',
    /^advance: duration: Invalid value: undefined: /,
  ],
  ['advance(10n)', (s) => s.advance(10n as never), 'BadRequest', /^advance: duration: Invalid value: 10n: /],
  ['advance({})', (s) => s.advance({} as never), 'BadRequest', /^advance: duration: Invalid value: object: /],
  [
    'advance(2^53)',
    (s) => s.advance(2 ** 53),
    'BadRequest',
    /^advance: duration: Invalid value: 9007199254740992: /,
  ],
  [
    'advance(MAX_SAFE_INTEGER)',
    (s) => s.advance(Number.MAX_SAFE_INTEGER),
    'BadRequest',
    /^advance: duration: Invalid value: 9007199254740991: takes the clock past 9007199254740991 ms$/,
  ],
  ['runUntil(NaN)', (s) => s.runUntil(Number.NaN), 'BadRequest', /^runUntil: at: Invalid value: NaN: /],
  [
    'runUntil(Infinity)',
    (s) => s.runUntil(Number.POSITIVE_INFINITY),
    'BadRequest',
    /^runUntil: at: Invalid value: Infinity: /,
  ],
  [
    'runUntil(now + 0.5)',
    (s) => s.runUntil(s.now + 0.5),
    'BadRequest',
    /^runUntil: at: Invalid value: 1500.5: /,
  ],
  ['runUntil("2s")', (s) => s.runUntil('2s' as never), 'BadRequest', /^runUntil: at: Invalid value: "2s": /],
  [
    'runUntil(now - 1)',
    (s) => s.runUntil(s.now - 1),
    'TimeInPast',
    /^runUntil: at: Invalid value: 1499: must be an integer number of milliseconds not before the current time 1500$/,
  ],
  [
    'runUntilQuiet(NaN)',
    (s) => s.runUntilQuiet(Number.NaN),
    'BadRequest',
    /^runUntilQuiet: limit: Invalid value: NaN: /,
  ],
  [
    'runUntilQuiet(Infinity)',
    (s) => s.runUntilQuiet(Number.POSITIVE_INFINITY),
    'BadRequest',
    /^runUntilQuiet: limit: Invalid value: Infinity: /,
  ],
  [
    'runUntilQuiet(-5)',
    (s) => s.runUntilQuiet(-5),
    'BadRequest',
    /^runUntilQuiet: limit: Invalid value: -5: /,
  ],
  [
    'runUntilQuiet("1h")',
    (s) => s.runUntilQuiet('1h' as never),
    'BadRequest',
    /^runUntilQuiet: limit: Invalid value: "1h": /,
  ],
  [
    'runUntilQuiet(limit, 0 steps)',
    (s) => s.runUntilQuiet(SECOND, 0),
    'BadRequest',
    /^runUntilQuiet: maxSteps: Invalid value: 0: must be a positive integer$/,
  ],
  [
    'runUntilQuiet(limit, 1.5 steps)',
    (s) => s.runUntilQuiet(SECOND, 1.5),
    'BadRequest',
    /^runUntilQuiet: maxSteps: Invalid value: 1.5: /,
  ],
  [
    'schedule(e, NaN)',
    (s) => s.schedule({ type: 'NodeAdded', node: { name: 'x' } }, Number.NaN),
    'BadRequest',
    /^schedule: at: Invalid value: NaN: /,
  ],
  [
    'schedule(e, Infinity)',
    (s) => s.schedule({ type: 'NodeAdded', node: { name: 'x' } }, Number.POSITIVE_INFINITY),
    'BadRequest',
    /^schedule: at: Invalid value: Infinity: /,
  ],
  [
    'schedule(e, now + 0.5)',
    (s) => s.schedule({ type: 'NodeAdded', node: { name: 'x' } }, s.now + 0.5),
    'BadRequest',
    /^schedule: at: Invalid value: 1500.5: /,
  ],
  [
    'schedule(e, "90s")',
    (s) => s.schedule({ type: 'NodeAdded', node: { name: 'x' } }, '90s' as never),
    'BadRequest',
    /^schedule: at: Invalid value: "90s": /,
  ],
  [
    'schedule(e, now - 1)',
    (s) => s.schedule({ type: 'NodeAdded', node: { name: 'x' } }, s.now - 1),
    'TimeInPast',
    /^schedule: at: Invalid value: 1499: must be an integer number of milliseconds not before the current time 1500$/,
  ],
];

describe('time arguments of the simulation calls', () => {
  it.each(rejected)(
    'rejects %s with a SimulationError naming the argument, changing nothing',
    (_, call, code, message) => {
      const sim = cluster();
      const before = observable(sim);
      let thrown: unknown;
      try {
        call(sim);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(SimulationError);
      expect((thrown as SimulationError).code).toBe(code);
      expect((thrown as SimulationError).message).toMatch(message);
      expect(observable(sim)).toEqual(before);
    },
  );

  it('keeps the simulation usable after each rejected call: a later submit and advance work as if it never happened', () => {
    const reference = cluster();
    reference.submit({ type: 'NodeAdded', node: { name: 'node-2' } });
    reference.advance(10 * SECOND);
    for (const [, call] of rejected) {
      const sim = cluster();
      expect(() => call(sim)).toThrow(SimulationError);
      sim.submit({ type: 'NodeAdded', node: { name: 'node-2' } });
      sim.advance(10 * SECOND);
      expect(observable(sim)).toEqual(observable(reference));
    }
  });

  it('accepts zero and whole milliseconds, and schedules at now or later', () => {
    const sim = cluster();
    sim.advance(0);
    expect(sim.now).toBe(1500);
    sim.runUntil(later(sim));
    expect(sim.now).toBe(2500);
    sim.schedule({ type: 'NodeAdded', node: { name: 'node-2' } }, sim.now);
    sim.schedule({ type: 'NodeAdded', node: { name: 'node-3' } }, sim.now + 1);
    sim.advance(1);
    expect(sim.view.nodeNames()).toEqual(['node-1', 'node-2', 'node-3']);
  });

  it('stops runUntilQuiet after its step budget with ExpectationFailed, the state consistent and the run resumable', () => {
    const sim = createSimulation({ seed: 7 });
    for (let i = 1; i <= 3; i++) sim.submit({ type: 'NodeAdded', node: { name: `node-${i}` } });
    sim.schedule({ type: 'ManifestApplied', manifest: minimalAgentDaemonSet('kube-system') });
    const processed = sim.eventsProcessed;
    expect(() => sim.runUntilQuiet(undefined, 3)).toThrow(
      new SimulationError('ExpectationFailed', 'runUntilQuiet: the cluster was still busy after 3 steps', {
        path: 'maxSteps',
      }),
    );
    expect(sim.eventsProcessed).toBe(processed + 3);
    sim.runUntilQuiet();
    expect(sim.view.allPods().filter((p) => p.status.phase === 'Running')).toHaveLength(3);
  });

  it("advances an idle cluster by Go's longest duration (2562047h) at once, jumping over PodGC's idle periods", () => {
    const sim = cluster();
    sim.runUntilQuiet();
    const hours = 2_562_047 * 3_600_000;
    sim.advance(hours);
    expect(sim.now).toBeGreaterThan(hours);
    expect(sim.view.allPods().every((p) => p.status.phase === 'Running')).toBe(true);
  });

  it('ends a jump over idle PodGC periods exactly where processing them one by one ends', () => {
    const jumped = cluster();
    const stepped = cluster();
    jumped.runUntilQuiet();
    stepped.runUntilQuiet();
    const target = jumped.now + 3 * 3_600_000 + 7;
    jumped.runUntil(target);
    // An idle cluster queues nothing but PodGC's period: step until the next one is past the target.
    while (stepped.now + 20 * SECOND <= target) stepped.step();
    stepped.runUntil(target);
    expect(observable(jumped)).toEqual(observable(stepped));
    for (const sim of [jumped, stepped]) {
      sim.submit({ type: 'NodeAdded', node: { name: 'node-2' } });
      sim.advance(10 * SECOND);
    }
    expect(JSON.stringify(jumped.trace)).toBe(JSON.stringify(stepped.trace));
    expect(observable(jumped)).toEqual(observable(stepped));
  });
});
