import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../src/index.js';
import { createSimulation, HOUR, MINUTE, SECOND, SIM_EPOCH_MS, toTimestamp } from '../../src/index.js';

function cluster(): Simulation {
  const sim = createSimulation({ seed: 1 });
  sim.submit({ type: 'NodeAdded', node: { name: 'n1' } });
  sim.runUntilQuiet();
  return sim;
}

const conditions = (sim: Simulation) => sim.reportedNode(sim.view.getNode('n1')!).status.conditions!;
const at = (text: string | undefined): number => Date.parse(text!) - SIM_EPOCH_MS;

describe("a node's kubelet status reports", () => {
  it('stamp every condition’s heartbeat at the last 5-minute report while the transitions stay when they happened', () => {
    const sim = cluster();
    const created = at(sim.view.getNode('n1')!.metadata.creationTimestamp);
    sim.advance(3 * MINUTE);
    expect(conditions(sim).map((c) => at(c.lastHeartbeatTime))).toEqual([created, created, created, created]);
    sim.advance(3 * HOUR);
    const reported = conditions(sim);
    for (const c of reported) {
      expect(at(c.lastTransitionTime)).toBe(created);
      const heartbeat = at(c.lastHeartbeatTime);
      expect(sim.now - heartbeat).toBeGreaterThanOrEqual(0);
      expect(sim.now - heartbeat).toBeLessThan(5 * MINUTE);
      // On the kubelet's 10-second status loop, counted from registration.
      expect((heartbeat - created) % (10 * SECOND)).toBe(0);
    }
    // Stored, the node is as its last write left it: the reports are computed where it is read.
    expect(at(sim.view.getNode('n1')!.status.conditions![0]!.lastHeartbeatTime)).toBe(created);
  });

  it('stop when the kubelet stops: the heartbeat is the last report before it, kept when the conditions turn Unknown', () => {
    const sim = cluster();
    sim.advance(HOUR + 2 * MINUTE);
    sim.submit({ type: 'NodeHeartbeatsStopped', name: 'n1' });
    const stopped = sim.now;
    sim.advance(HOUR);
    const reported = conditions(sim);
    expect(reported.map((c) => c.status)).toEqual(['Unknown', 'Unknown', 'Unknown', 'Unknown']);
    for (const c of reported) {
      const heartbeat = at(c.lastHeartbeatTime);
      expect(stopped - heartbeat).toBeGreaterThanOrEqual(0);
      expect(stopped - heartbeat).toBeLessThan(5 * MINUTE);
      expect(at(c.lastTransitionTime)).toBeGreaterThan(stopped);
    }
  });

  it('start again from the write of a changed condition, and leave a node read within five minutes of its last write as it is', () => {
    const sim = cluster();
    sim.advance(HOUR);
    sim.submit({
      type: 'NodeConditionSet',
      name: 'n1',
      condition: { type: 'MemoryPressure', status: 'True' },
    });
    sim.runUntilQuiet();
    const written = sim.now;
    sim.advance(MINUTE);
    const node = sim.view.getNode('n1')!;
    const reported = sim.reportedNode(node);
    expect(reported.status.conditions!.map((c) => c.lastHeartbeatTime)).toEqual([
      toTimestamp(written),
      toTimestamp(written),
      toTimestamp(written),
      toTimestamp(written),
    ]);
    const fresh = cluster();
    fresh.advance(4 * MINUTE);
    const stored = fresh.view.getNode('n1')!;
    expect(fresh.reportedNode(stored)).toBe(stored);
  });
});
