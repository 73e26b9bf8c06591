import { describe, expect, it } from 'vitest';
import { createSimulation, formatTrace } from '@daemonsim/core';
import type { SimulationOptions, TraceEntry } from '@daemonsim/core';
import { parseScenario } from '../../src/index.js';
import { addNodes, duplicateDaemonPodViolations, newDaemonSet } from '../../src/testing/index.js';
import { thrown } from '../thrown.js';

function cluster(nodes: number, options: SimulationOptions = {}) {
  const list: unknown[] = [];
  addNodes(list, 0, nodes);
  return createSimulation({ ...options, fixture: { nodes: list, daemonSets: [newDaemonSet('foo')] } });
}

const podCreates = (writes: readonly TraceEntry[]) =>
  writes.filter((w) => w.entry === 'write' && w.verb === 'create' && w.kind === 'Pod').length;

describe('a DaemonSet controller crash and restart', () => {
  it('between two writes of one pass: the writes sent stay, the rest of the pass is never sent', () => {
    const sim = cluster(5);
    sim.crashController('daemonset', { afterWrites: 2 });
    sim.takeQueuedKey();
    const { writes } = sim.syncDaemonSet('default/foo');
    // The revision and one pod went out; the crash came before the second pod and the status write.
    expect(podCreates(writes)).toBe(1);
    expect(writes.some((w) => w.entry === 'write' && w.verb === 'status')).toBe(false);
    expect(formatTrace(sim.trace)).toContain('ControllerCrashed daemonset-controller after 2 requests');
    // Restarted: memory gone, the DaemonSet queued again by its informer's initial list.
    expect(sim.controllerView.daemonSetMemory('default/foo').expectations).toBeUndefined();
    expect(sim.queuedDaemonSetKeys()).toEqual(['default/foo']);
    sim.runUntilQuiet();
    expect(sim.view.allPods()).toHaveLength(5);
  });

  it('between passes: expectations, failed-pod backoff and queued work are lost, and every DaemonSet is queued again', () => {
    const sim = cluster(2, { observation: 'informer' });
    sim.takeQueuedKey();
    sim.syncDaemonSet('default/foo');
    expect(sim.controllerView.daemonSetMemory('default/foo').expectations).toMatchObject({ add: 2 });
    sim.crashController('daemonset');
    expect(sim.controllerView.daemonSetMemory('default/foo').expectations).toBeUndefined();
    expect(sim.queuedDaemonSetKeys()).toEqual(['default/foo']);
    expect(sim.delayedDaemonSetKeys()).toEqual([]);
  });

  it('a fresh relist shows the restarted controller its own writes: no duplicate pod', () => {
    const sim = cluster(4, { observation: 'informer', latencies: { informer: { min: 200, max: 400 } } });
    sim.takeQueuedKey();
    sim.syncDaemonSet('default/foo');
    sim.crashController('daemonset', { relist: 'fresh' });
    sim.takeQueuedKey();
    expect(podCreates(sim.syncDaemonSet('default/foo').writes)).toBe(0);
    sim.runUntilQuiet();
    expect(duplicateDaemonPodViolations(sim.view)).toEqual([]);
  });

  it('a stale relist does not, and the lost expectations let it create a duplicate (kubernetes/kubernetes#54096)', () => {
    const sim = cluster(4, { observation: 'informer', latencies: { informer: { min: 200, max: 400 } } });
    sim.takeQueuedKey();
    sim.syncDaemonSet('default/foo');
    sim.crashController('daemonset', { relist: 'stale' });
    sim.takeQueuedKey();
    expect(podCreates(sim.syncDaemonSet('default/foo').writes)).toBe(4);
  });

  it('is refused with a field error for another controller or a bad count', () => {
    const sim = cluster(1);
    expect(thrown(() => sim.crashController('podgc' as 'daemonset')).message).toBe(
      'crashController: controller: Unsupported value: "podgc": supported values: "daemonset"',
    );
    expect(thrown(() => sim.crashController('daemonset', { afterWrites: -1 })).message).toBe(
      'crashController: afterWrites: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  it('a scenario step crashController is validated in the API server words', () => {
    const text = (step: string) => `name: c\nsteps:\n  - kind: crashController\n${step}`;
    expect(
      parseScenario(text('    controller: daemonset\n    afterWrites: 2\n    relist: stale\n')).steps,
    ).toHaveLength(1);
    expect(thrown(() => parseScenario(text('    controller: kubelet\n'))).message).toBe(
      'steps[0].controller: Unsupported value: "kubelet": supported values: "daemonset"',
    );
    expect(thrown(() => parseScenario(text('    controller: daemonset\n    relist: old\n'))).message).toBe(
      'steps[0].relist: Unsupported value: "old": supported values: "fresh", "stale"',
    );
  });
});
