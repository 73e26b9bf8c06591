import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { restartWithStaleCache, restartWithStaleCacheChecked, runScenario } from '../../src/index.js';

const golden = (name: string): string =>
  fileURLToPath(new URL(`./__golden__/${name}.trace.txt`, import.meta.url));

describe('kubernetes/kubernetes#54096: a DaemonSet controller restarted onto a stale cache', () => {
  for (const scenario of [restartWithStaleCache, restartWithStaleCacheChecked]) {
    it(`${scenario.name} passes its expectations and matches its golden trace`, () => {
      const result = runScenario(scenario);
      const text = `${result.traceText}\n--- output ---\n${result.output}`;
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden(scenario.name), text);
      expect(text).toBe(readFileSync(golden(scenario.name), 'utf8'));
    });
  }

  it('without the staleness check, the restarted controller creates a second pod on every node', () => {
    const { traceText } = runScenario(restartWithStaleCache);
    const creates =
      traceText.match(/\+ create Pod default\/agent-\w+ \[daemonset-controller\] node=node-\d/g) ?? [];
    expect(creates.map((l) => l.slice(-6)).sort()).toEqual([
      'node-1',
      'node-1',
      'node-2',
      'node-2',
      'node-3',
      'node-3',
    ]);
  });

  it("with KEP-5647's check, it defers its sync until its cache has caught up and never duplicates", () => {
    const { traceText } = runScenario(restartWithStaleCacheChecked);
    expect(traceText.match(/\+ create Pod /g)).toHaveLength(3);
    expect(traceText).toContain('stale cache: observed resourceVersion');
  });
});
