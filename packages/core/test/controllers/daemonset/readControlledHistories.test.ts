import { describe, expect, it } from 'vitest';
import {
  FAILED_PODS_BACKOFF_INITIAL,
  FAILED_PODS_BACKOFF_MAX,
  createSimulation,
  isInBackOffSinceUpdate,
  nextBackoff,
  readControlledHistories,
} from '../../../src/index.js';

const agent = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'kube-system' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
  },
};

describe('the upstream-named pieces a test author reaches for, from the barrel', () => {
  it('readControlledHistories lists the revisions a DaemonSet controls and changes nothing', () => {
    const sim = createSimulation({ seed: 1 });
    sim.submit({ type: 'NodeAdded', node: { name: 'node-1' } });
    sim.submit({ type: 'ManifestApplied', manifest: agent });
    sim.runUntilQuiet();
    const traced = sim.trace.length;
    const ds = sim.view.getDaemonSet('kube-system/agent')!;
    const { histories, actions } = readControlledHistories(sim.view, ds);
    expect(histories.map((h) => h.revision)).toEqual([1]);
    expect(actions).toEqual([]);
    expect(sim.trace.length).toBe(traced);
  });

  it('the failed-pod backoff starts at 1 s, doubles, and stops at 15 min', () => {
    expect([FAILED_PODS_BACKOFF_INITIAL, FAILED_PODS_BACKOFF_MAX]).toEqual([1000, 900_000]);
    let entry = nextBackoff(undefined, 0);
    expect(isInBackOffSinceUpdate(entry, 999)).toBe(true);
    expect(isInBackOffSinceUpdate(entry, 1000)).toBe(false);
    for (let i = 0; i < 20; i++) entry = nextBackoff(entry, 0);
    expect(entry.delay).toBe(FAILED_PODS_BACKOFF_MAX);
  });
});
