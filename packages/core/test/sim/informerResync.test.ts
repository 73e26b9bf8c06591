import { describe, expect, it } from 'vitest';
import { SimulationError } from '../../src/errors.js';
import { HOUR } from '../../src/model/time.js';
import { MIN_RESYNC_PERIOD } from '../../src/sim/minResyncPeriod.js';
import type { Simulation } from '../../src/sim/simulation.js';
import { createSimulation } from '../../src/sim/simulation.js';
import type { SimulationOptions } from '../../src/sim/simulationOptions.js';
import type { TraceEntry } from '../../src/sim/trace.js';
import { formatTrace } from '../../src/sim/trace.js';
import { minimalAgentDaemonSet } from './minimalAgentDaemonSet.js';

function cluster(options: SimulationOptions = {}): Simulation {
  const sim = createSimulation({ seed: 5, ...options });
  for (const name of ['node-1', 'node-2']) sim.submit({ type: 'NodeAdded', node: { name } });
  sim.submit({ type: 'ManifestApplied', manifest: minimalAgentDaemonSet('default') });
  sim.runUntilQuiet();
  return sim;
}

const resyncs = (trace: readonly TraceEntry[]): number[] =>
  trace.filter((e) => e.entry === 'event' && e.type === 'InformerResync').map((e) => e.at);

describe("the DaemonSet informer's periodic resync", () => {
  it('comes every min-resync-period times a seeded factor in [1, 2), 12 h by default, and queues every DaemonSet', () => {
    const sim = cluster();
    sim.advance(50 * HOUR);
    const at = resyncs(sim.trace);
    expect(at.length).toBeGreaterThanOrEqual(2);
    const period = at[0]!;
    expect(period).toBeGreaterThanOrEqual(MIN_RESYNC_PERIOD);
    expect(period).toBeLessThan(2 * MIN_RESYNC_PERIOD);
    expect(at[1]).toBe(2 * period);
    const after = sim.trace
      .filter((e) => e.at === period)
      .map((e) => (e.entry === 'event' ? e.type : e.entry));
    expect(after).toEqual(['InformerResync', 'DaemonSetSync']);
  });

  it('draws its period from the seed alone: same seed same period, another seed another', () => {
    const periodOf = (seed: number): number => {
      const sim = cluster({ seed, minResyncPeriod: HOUR });
      sim.advance(2 * HOUR);
      return resyncs(sim.trace)[0]!;
    };
    expect(periodOf(1)).toBe(periodOf(1));
    expect(periodOf(1)).not.toBe(periodOf(2));
  });

  it('writes nothing on a converged cluster and does not keep runUntilQuiet from returning', () => {
    const sim = cluster({ minResyncPeriod: HOUR });
    const quietAt = sim.now;
    expect(sim.runUntilQuiet()).toBe(quietAt);
    const before = sim.trace.length;
    sim.advance(10 * HOUR);
    const since = sim.trace.slice(before);
    expect(resyncs(since).length).toBeGreaterThanOrEqual(5);
    expect(since.filter((e) => e.entry !== 'event')).toEqual([]);
  });

  it('is off with minResyncPeriod 0, and its trace otherwise matches until the first resync', () => {
    const off = cluster({ minResyncPeriod: 0 });
    const on = cluster();
    expect(formatTrace(on.trace)).toBe(formatTrace(off.trace));
    off.advance(100 * HOUR);
    expect(resyncs(off.trace)).toEqual([]);
    expect(off.pendingEvents).toBe(1);
  });

  it('starts again with a new period when the controller restarts', () => {
    const unrestarted = cluster({ minResyncPeriod: HOUR });
    unrestarted.advance(2 * HOUR);
    const due = resyncs(unrestarted.trace)[0]!;
    const sim = cluster({ minResyncPeriod: HOUR });
    sim.advance(due - 1 - sim.now);
    sim.crashController('daemonset');
    sim.advance(3 * HOUR);
    const first = resyncs(sim.trace)[0]!;
    expect(first).toBeGreaterThanOrEqual(due - 1 + HOUR);
    expect(first).toBeLessThan(due - 1 + 2 * HOUR);
  });

  it('rejects a minResyncPeriod that is not a whole non-negative number of milliseconds, naming the field', () => {
    for (const bad of [-1, 1.5, '12h', Number.NaN])
      expect(() => createSimulation({ minResyncPeriod: bad as number })).toThrow(
        new SimulationError(
          'BadRequest',
          `createSimulation: minResyncPeriod: Invalid value: ${JSON.stringify(bad) ?? String(bad)}: must be greater than or equal to 0`,
          { path: 'minResyncPeriod' },
        ),
      );
  });
});
