import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScenario, surgeOntoTaintedNode } from '../../src/index.js';
import { placementViolations, rolloutConvergenceViolations } from '../../src/testing/index.js';

const golden = fileURLToPath(new URL('./__golden__/surge-onto-tainted-node.trace.txt', import.meta.url));

describe('kubernetes/kubernetes#118823 left open: a surge pod whose node is tainted before it binds', () => {
  it('surge-onto-tainted-node passes its expectations and matches its golden trace', () => {
    const result = runScenario(surgeOntoTaintedNode);
    const text = `${result.traceText}\n--- output ---\n${result.output}`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });

  it('the new pod is never bound, the rollout never finishes, and after the scheduler gives up only events are recorded', () => {
    const { simulation } = runScenario(surgeOntoTaintedNode);
    const pending = simulation.view.allPods().filter((p) => p.status.phase === 'Pending');
    expect(pending.map((p) => p.spec.nodeName ?? '<unbound>')).toEqual(['<unbound>']);
    expect(rolloutConvergenceViolations(simulation.view, 'default/agent')).toHaveLength(3);
    const objectWrites = simulation.trace.filter(
      (e) => e.entry === 'write' && !(e.verb === 'record' && e.kind === 'Event'),
    );
    expect(objectWrites.at(-1)!.at).toBeLessThan(6_000);
  });

  it("the placement invariant accepts the stuck pair as upstream's stall", () => {
    const { simulation } = runScenario(surgeOntoTaintedNode);
    expect(placementViolations(simulation.view)).toEqual([]);
  });
});
