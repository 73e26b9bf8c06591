import { describe, expect, it } from 'vitest';
import { createSimulation, formatTrace, SimulationError } from '@daemonsim/core';
import type { SimulationOptions } from '@daemonsim/core';
import { parseScenario, runScenario, validateScenario } from '../../src/index.js';
import {
  addFailedPods,
  addNodes,
  newDaemonSet,
  newPod,
  SIMPLE_DAEMONSET_LABEL,
} from '../../src/testing/index.js';
import { thrown } from '../thrown.js';

/** A cluster of `nodes` nodes and DaemonSet `default/foo` (upstream's newDaemonSet), nothing run yet. */
function cluster(nodes: number, options: SimulationOptions = {}, pods: unknown[] = []) {
  const list: unknown[] = [];
  addNodes(list, 0, nodes);
  const ds = newDaemonSet('foo');
  return { sim: createSimulation({ ...options, fixture: { nodes: list, daemonSets: [ds], pods } }) };
}

const createdPods = (writes: readonly { entry: string }[]) =>
  writes.filter((w) => 'verb' in w && w.verb === 'create' && 'kind' in w && w.kind === 'Pod').length;

describe('one-pass control of the DaemonSet controller', () => {
  it('takes the queued key and runs exactly one pass, returning its plan and the writes it made', () => {
    const { sim } = cluster(3);
    expect(sim.queuedDaemonSetKeys()).toEqual(['default/foo']);
    expect(sim.takeQueuedKey()).toBe('default/foo');
    expect(sim.queuedDaemonSetKeys()).toEqual([]);
    expect(sim.takeQueuedKey()).toBeUndefined();

    const { plan, writes } = sim.syncDaemonSet('default/foo');

    expect(plan.expectations).toEqual({ add: 3, del: 0 });
    expect(createdPods(writes)).toBe(3);
    // Nothing else ran: the scheduler has not bound any of them.
    expect(sim.view.allPods().every((p) => p.spec.nodeName === undefined)).toBe(true);
    expect(sim.eventsProcessed).toBe(0);
  });

  it('does not act again while its creates are unobserved, only refreshes status (expectations)', () => {
    const { sim } = cluster(2, { observation: 'informer' });
    sim.syncDaemonSet('default/foo');
    const second = sim.syncDaemonSet('default/foo');
    expect(second.plan.managed).toBe(false);
    expect(createdPods(second.writes)).toBe(0);
  });

  it('moves the clock without running due events; they run at the new time on the next step', () => {
    const { sim } = cluster(1);
    sim.setClock(5000);
    expect([sim.now, sim.eventsProcessed, sim.view.allPods().length]).toEqual([5000, 0, 0]);
    sim.step();
    expect(sim.now).toBe(5000);
    expect(formatTrace(sim.trace)).toMatch(/^00:00:05\.000 DaemonSetSync default\/foo/);
    expect(thrown(() => sim.setClock(10))).toMatchObject({ code: 'TimeInPast' });
    expect(thrown(() => sim.setClock(1.5))).toMatchObject({ code: 'BadRequest' });
  });

  it('lists a failed pod backoff re-queue among the delayed keys, after the configured first delay', () => {
    for (const [options, delay] of [
      [{}, 1000],
      [{ failedPodsBackoff: { initial: 50, max: 500 } }, 50],
    ] as const) {
      const pods: unknown[] = [];
      addFailedPods(pods, 'node-0', SIMPLE_DAEMONSET_LABEL, newDaemonSet('foo'), 2);
      const { sim } = cluster(1, options, pods);
      sim.takeQueuedKey();
      const { plan } = sim.syncDaemonSet('default/foo');
      expect(plan.requeueAfter).toBe(delay);
      expect(sim.delayedDaemonSetKeys()).toEqual([{ key: 'default/foo', at: delay }]);
    }
  });

  it('creates at most burstReplicas pods in one pass', () => {
    const { sim } = cluster(5, { burstReplicas: 2 });
    expect(createdPods(sim.syncDaemonSet('default/foo').writes)).toBe(2);
  });

  it('rejects a malformed key and bad controller settings naming the option', () => {
    const { sim } = cluster(1);
    expect(thrown(() => sim.syncDaemonSet('foo')).message).toBe(
      'syncDaemonSet: key: Invalid value: "foo": must be namespace/name',
    );
    expect(thrown(() => createSimulation({ burstReplicas: 0 })).message).toBe(
      'createSimulation: burstReplicas: Invalid value: 0: must be a positive integer',
    );
    expect(thrown(() => createSimulation({ slowStartInitialBatchSize: 1.5 })).message).toBe(
      'createSimulation: slowStartInitialBatchSize: Invalid value: 1.5: must be a positive integer',
    );
    expect(thrown(() => createSimulation({ failedPodsBackoff: { initial: 2000, max: 1000 } })).message).toBe(
      'createSimulation: failedPodsBackoff.max: Invalid value: 1000: must be at least failedPodsBackoff.initial (2000)',
    );
    expect(thrown(() => createSimulation({ burstReplicas: 0 }))).toBeInstanceOf(SimulationError);
  });
});

describe('one-pass control of PodGC', () => {
  it('runs one gc pass over the terminated-pod threshold, oldest first, and leaves its period queued', () => {
    const failed = (name: string, at: string) => ({
      ...newPod('p-', 'node-0', {}),
      metadata: { name, namespace: 'default', creationTimestamp: at },
      status: { phase: 'Failed' },
    });
    const sim = createSimulation({
      terminatedPodGCThreshold: 1,
      fixture: {
        nodes: [{ metadata: { name: 'node-0' } }],
        pods: [
          failed('c', '2026-01-01T00:00:03Z'),
          failed('a', '2026-01-01T00:00:01Z'),
          failed('b', '2026-01-01T00:00:02Z'),
        ],
      },
    });
    const pending = sim.pendingEvents;
    const { writes } = sim.podGC();
    const deleted = writes
      .filter((w) => w.entry === 'write' && w.verb === 'delete')
      .map((w) => 'key' in w && w.key);
    expect(deleted).toEqual(['default/a', 'default/b']);
    expect(sim.pendingEvents).toBe(pending);
  });
});

describe('controller settings in scenario YAML', () => {
  const yaml = (options: string) => `
name: burst
options:
${options}
steps:
  - kind: addNodes
    count: 3
  - kind: apply
    manifests: |
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: { name: d }
      spec:
        selector: { matchLabels: { app: d } }
        template:
          metadata: { labels: { app: d } }
          spec: { containers: [{ name: c, image: nginx }] }
  - kind: runUntilQuiet
`;

  it('honours burstReplicas: each pass creates one pod', () => {
    const { traceText } = runScenario(parseScenario(yaml('  burstReplicas: 1')));
    const firstPass = traceText.split('DaemonSetSync default/d')[1]!.split(/\n\S/)[0]!;
    expect(firstPass.match(/create Pod/g)).toHaveLength(1);
  });

  it('honours minResyncPeriod: the DaemonSet informer resyncs between one and two periods in', () => {
    const run = (options: string) =>
      runScenario(
        parseScenario(
          yaml(options).replace('  - kind: runUntilQuiet\n', '  - kind: advance\n    duration: 2h\n'),
        ),
      );
    const resyncs = run('  minResyncPeriod: 30m').traceText.match(/^\S+(?= InformerResync daemonsets$)/gm);
    expect(resyncs?.length).toBe(2);
    expect(resyncs?.[0]).toMatch(/^00:[345]\d:/);
    expect(run('  minResyncPeriod: 0').traceText).not.toContain('InformerResync');
  });

  it('rejects bad values with field errors', () => {
    for (const [options, message] of [
      ['  burstReplicas: 0', 'options.burstReplicas: Invalid value: 0: must be greater than or equal to 1'],
      [
        "  slowStartInitialBatchSize: 'x'",
        'options.slowStartInitialBatchSize: Invalid value: "x": must be an integer',
      ],
      [
        '  failedPodsBackoff: { initial: 2s, max: 1s }',
        'options.failedPodsBackoff.max: Invalid value: "1s": must not be less than initial',
      ],
      [
        '  failedPodsBackoff: { initial: 0 }',
        'options.failedPodsBackoff.initial: Invalid value: 0: must be greater than 0',
      ],
      ['  failedPodsBackoff: { start: 1s }', 'options.failedPodsBackoff.start'],
      ['  minResyncPeriod: -1h', 'options.minResyncPeriod: Invalid value: "-1h"'],
    ] as const)
      expect(thrown(() => validateScenario(parseScenario(yaml(options)))).message).toContain(message);
  });
});
