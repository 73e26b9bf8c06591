import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lostPodDelete, runScenario } from '../../src/index.js';

const golden = (name: string): string =>
  fileURLToPath(new URL(`./__golden__/${name}.trace.txt`, import.meta.url));

describe('a pod delete lost on a broken watch', () => {
  it(`${lostPodDelete.name} passes its expectations and matches its golden trace`, () => {
    const result = runScenario(lostPodDelete);
    const text = `${result.traceText}\n--- output ---\n${result.output}`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden(lostPodDelete.name), text);
    expect(text).toBe(readFileSync(golden(lostPodDelete.name), 'utf8'));
  });

  it('is healed by the relist: the terminating pod reaches the cache only then, and its replacement after it', () => {
    const { simulation } = runScenario(lostPodDelete);
    const trace = simulation.trace;
    const dropped = trace.filter((e) => e.entry === 'event' && e.type === 'WatchEventDropped');
    expect(dropped.map((e) => e.entry === 'event' && e.detail)).toEqual([
      expect.stringMatching(/^Pod default\/agent-gfll5 MODIFIED rv=\d+ \[fault pod-watch\]$/),
    ]);
    const relisted = trace.find((e) => e.entry === 'event' && e.type === 'WatchRelisted')!;
    expect(relisted.entry === 'event' && relisted.detail).toBe('Pod updated=default/agent-gfll5');
    const creates = trace.filter(
      (e) => e.entry === 'write' && e.verb === 'create' && e.kind === 'Pod' && e.at > dropped[0]!.at,
    );
    expect(creates).toHaveLength(1);
    expect(creates[0]!.at).toBeGreaterThan(relisted.at);
  });
});
