import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/sim/simulation.js';
import type { SimulationOptions } from '../../src/sim/simulationOptions.js';
import { formatTrace } from '../../src/sim/trace.js';
import { minimalAgentDaemonSet } from './minimalAgentDaemonSet.js';

function run(options: SimulationOptions) {
  const sim = createSimulation({ seed: 3, observation: 'informer', ...options });
  sim.submit({ type: 'NodeAdded', node: { name: 'node-1' } });
  sim.submit({ type: 'ManifestApplied', manifest: minimalAgentDaemonSet('default') });
  sim.runUntilQuiet();
  return sim.trace;
}

describe('the traceWatchDeliveries option', () => {
  it('leaves watch deliveries out of the trace by default', () => {
    expect(run({}).some((e) => e.entry === 'event' && e.type === 'WatchDelivered')).toBe(false);
  });

  it('adds each delivery to the cache, and only that, to the trace', () => {
    const plain = run({});
    const traced = run({ traceWatchDeliveries: true });
    const deliveries = traced.filter((e) => e.entry === 'event' && e.type === 'WatchDelivered');
    expect(formatTrace(traced.filter((e) => !deliveries.includes(e)))).toBe(formatTrace(plain));
    expect(formatTrace(deliveries)).toContain('WatchDelivered Node node-1 ADDED written=00:00:00.000');
    expect(formatTrace(deliveries)).toMatch(/WatchDelivered Pod default\/agent-\w+ MODIFIED written=/);
  });
});
