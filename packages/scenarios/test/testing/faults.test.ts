import { describe, expect, it } from 'vitest';
import { createSimulation, formatTrace } from '@daemonsim/core';
import type { FaultRule, SimulationOptions, TraceEntry } from '@daemonsim/core';
import { parseScenario, runScenario } from '../../src/index.js';
import { addNodes, newDaemonSet } from '../../src/testing/index.js';
import { thrown } from '../thrown.js';

/** `nodes` nodes and DaemonSet `default/foo`, nothing run yet. */
function cluster(nodes: number, options: SimulationOptions = {}) {
  const list: unknown[] = [];
  addNodes(list, 0, nodes);
  return createSimulation({ ...options, fixture: { nodes: list, daemonSets: [newDaemonSet('foo')] } });
}

const created = (writes: readonly TraceEntry[]) =>
  writes.filter((w) => w.entry === 'write' && w.verb === 'create' && w.kind === 'Pod').length;
const rejected = (writes: readonly TraceEntry[]) => writes.filter((w) => w.entry === 'rejected');
const failCreate = (extra: Partial<FaultRule> = {}): FaultRule => ({
  rule: 'creates',
  verb: 'create',
  resource: 'pods',
  error: 'InternalError',
  ...extra,
});

describe('API faults: pod creates that fail', () => {
  it('stop slow start after the first failed batch and lower expectations for the skipped creates', () => {
    const sim = cluster(10, { faults: [failCreate({ nth: 2 })] });
    sim.takeQueuedKey();
    const { plan, writes } = sim.syncDaemonSet('default/foo');
    // Batch 1 (one create) succeeds, batch 2 (two) has the failure, the other 7 are skipped.
    expect(plan.expectations).toEqual({ add: 10, del: 0 });
    expect(created(writes)).toBe(2);
    expect(rejected(writes)).toHaveLength(1);
    // 10 expected, 2 observed, 1 failed (CreationObserved), 7 skipped (LowerExpectations).
    expect(sim.controllerView.daemonSetMemory('default/foo').expectations).toMatchObject({ add: 0, del: 0 });
  });

  it('make slowStartInitialBatchSize take effect: the first batch is that large', () => {
    const sim = cluster(10, { faults: [failCreate({ nth: 1 })], slowStartInitialBatchSize: 4 });
    sim.takeQueuedKey();
    const { writes } = sim.syncDaemonSet('default/foo');
    expect([created(writes), rejected(writes).length]).toEqual([3, 1]);
  });

  it('are traced with the rule and the API server answer, then retried with rate-limited backoff', () => {
    const sim = cluster(1, { faults: [failCreate()] });
    sim.takeQueuedKey();
    const { writes } = sim.syncDaemonSet('default/foo');
    expect(formatTrace(rejected(writes))).toBe(
      '  x rejected create pods default/foo-<generated> node=node-0 [daemonset-controller]: InternalError (500): Internal error occurred: injected fault creates [fault creates]\n',
    );
    expect(sim.delayedDaemonSetKeys()).toEqual([{ key: 'default/foo', at: 5 }]);
    // The pass's own status write wakes it once more at 0 (updateDaemonset); from then on each
    // failure in a row doubles the delay: 5 (kept: the earliest), 20, 40 ms.
    sim.runUntil(80);
    const retries = sim.trace
      .filter((e) => e.entry === 'event' && e.type === 'DaemonSetSync')
      .map((e) => e.at);
    expect(retries).toEqual([0, 0, 5, 25, 65]);
  });

  it('wait at least Retry-After when the answer is 429 TooManyRequests', () => {
    const sim = cluster(1, { faults: [failCreate({ error: 'TooManyRequests', retryAfterSeconds: 3 })] });
    sim.takeQueuedKey();
    const { writes } = sim.syncDaemonSet('default/foo');
    expect(rejected(writes)[0]).toMatchObject({
      message:
        'TooManyRequests (429): Too many requests: please try again later (Retry-After: 3) [fault creates]',
    });
    expect(sim.delayedDaemonSetKeys()).toEqual([{ key: 'default/foo', at: 3000 }]);
  });

  it('stop once the rule is disabled, and the cluster converges with one pod per node', () => {
    const sim = cluster(5, { seed: 7, faults: [failCreate({ probability: 0.5 })] });
    sim.advance(2000);
    sim.disableFault('creates');
    sim.runUntilQuiet();
    const nodes = sim.view.allPods().map((p) => p.spec.nodeName);
    expect(nodes.sort()).toEqual(['node-0', 'node-1', 'node-2', 'node-3', 'node-4']);
    expect(formatTrace(sim.trace)).toContain('FaultDisabled creates');
  });
});

describe('API faults: other requests of the DaemonSet controller', () => {
  it('a failed status update is retried once after a GET', () => {
    const rule: FaultRule = {
      rule: 's',
      verb: 'update',
      resource: 'daemonsets/status',
      error: 'Conflict',
      nth: 1,
    };
    const sim = cluster(1, { faults: [rule] });
    sim.takeQueuedKey();
    const { writes } = sim.syncDaemonSet('default/foo');
    expect(rejected(writes).map((w) => w.entry === 'rejected' && w.message)).toEqual([
      'Conflict (409): Operation cannot be fulfilled on daemonsets.apps "foo": the object has been modified; please apply your changes to the latest version and try again [fault s]',
    ]);
    expect(writes.filter((w) => w.entry === 'write' && w.verb === 'status')).toHaveLength(1);
    expect(sim.delayedDaemonSetKeys()).toEqual([]);
  });

  it('a failed GET ends the status retry with its own error, and the key is re-queued', () => {
    const sim = cluster(1, {
      faults: [
        { rule: 's', verb: 'update', resource: 'daemonsets/status', error: 'Conflict', nth: 1 },
        { rule: 'g', verb: 'get', resource: 'daemonsets', error: 'Timeout' },
      ],
    });
    sim.takeQueuedKey();
    const { writes } = sim.syncDaemonSet('default/foo');
    expect(rejected(writes).map((w) => w.entry === 'rejected' && w.type)).toEqual([
      'update daemonsets/status default/foo [daemonset-controller]',
      'get daemonsets default/foo [daemonset-controller]',
    ]);
    expect(writes.filter((w) => w.entry === 'write' && w.verb === 'status')).toHaveLength(0);
    expect(sim.delayedDaemonSetKeys()).toEqual([{ key: 'default/foo', at: 5 }]);
  });

  it('a failed ControllerRevision create ends the pass before any pod or status write', () => {
    const sim = cluster(2, {
      faults: [
        { rule: 'h', verb: 'create', resource: 'controllerrevisions', error: 'ServerTimeout', nth: 1 },
      ],
    });
    sim.takeQueuedKey();
    const { writes } = sim.syncDaemonSet('default/foo');
    expect(writes.map((w) => w.entry)).toEqual(['rejected']);
    expect(sim.controllerView.daemonSetMemory('default/foo').expectations).toBeUndefined();
    sim.runUntilQuiet();
    expect(sim.view.allPods()).toHaveLength(2);
  });

  it('a failed pod delete lowers the expected deletes, so the next pass is not held back', () => {
    const sim = cluster(2, {
      faults: [{ rule: 'd', verb: 'delete', resource: 'pods', error: 'InternalError', nth: 1 }],
    });
    sim.runUntilQuiet();
    sim.submit({ type: 'NodeUpdated', name: 'node-0', change: { labels: { x: 'y' } } });
    const ds = newDaemonSet('foo');
    ds.spec!.template.spec!.nodeSelector = { x: 'y' };
    sim.submit({ type: 'ManifestApplied', manifest: ds });
    // Within a second, not after the expectations' 5-minute timeout.
    sim.advance(1000);
    expect(formatTrace(sim.trace)).toMatch(
      /x rejected delete pods default\/foo-\w+ \[daemonset-controller\]: InternalError/,
    );
    expect(
      sim.view
        .allPods()
        .filter((p) => p.metadata.deletionTimestamp === undefined)
        .map((p) => p.spec.nodeName),
    ).toEqual(['node-0']);
  });
});

describe('API faults: switching and determinism', () => {
  it('rules that never match leave the trace byte-identical to a run without faults', () => {
    const run = (faults?: FaultRule[]) => {
      const sim = cluster(3, { seed: 3, ...(faults === undefined ? {} : { faults }) });
      sim.runUntilQuiet();
      return formatTrace(sim.trace);
    };
    expect(
      run([
        failCreate({ namespace: 'elsewhere', probability: 0.5 }),
        failCreate({ rule: 'off', enabled: false }),
      ]),
    ).toBe(run());
  });

  it('the same seed and rules give the same trace', () => {
    const run = () => {
      const sim = cluster(6, { seed: 11, faults: [failCreate({ probability: 0.4 })] });
      sim.advance(3000);
      return formatTrace(sim.trace);
    };
    expect(run()).toBe(run());
  });

  it('enableFault and disableFault switch a rule by name; an unknown one is NotFound', () => {
    const sim = cluster(1, { faults: [failCreate({ enabled: false })] });
    expect(sim.faultEnabled('creates')).toBe(false);
    sim.enableFault('creates');
    expect(sim.faultEnabled('creates')).toBe(true);
    expect(thrown(() => sim.disableFault('nope'))).toMatchObject({
      code: 'NotFound',
      message: 'disableFault: rule: Not found: "nope"',
    });
    expect(thrown(() => cluster(1).enableFault('x'))).toMatchObject({ code: 'NotFound' });
  });

  it('a bad rule is refused at construction in the API server words', () => {
    expect(
      thrown(() => cluster(1, { faults: [{ ...failCreate(), error: 'Oops' } as unknown as FaultRule] }))
        .message,
    ).toBe(
      'createSimulation: faults[0].error: Unsupported value: "Oops": supported values: "Conflict", "ServerTimeout", "Timeout", "TooManyRequests", "InternalError"',
    );
    expect(thrown(() => cluster(1, { faults: [failCreate({ probability: 2 })] })).message).toBe(
      'createSimulation: faults[0].probability: Invalid value: 2: must be a number between 0 and 1',
    );
    expect(thrown(() => cluster(1, { faults: [failCreate({ nth: 1, probability: 0.5 })] })).message).toBe(
      'createSimulation: faults[0].nth: Forbidden: may not be set together with probability',
    );
  });
});

describe('API faults in scenarios', () => {
  const text = `
name: flaky-creates
seed: 5
faults:
  - rule: flaky
    verb: create
    resource: pods
    probability: 0.5
    error: ServerTimeout
steps:
  - kind: addNodes
    count: 4
  - kind: apply
    manifests: |
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec: {containers: [{name: a, image: agent}]}
  - kind: advance
    duration: 1s
  - kind: disableFault
    rule: flaky
  - kind: runUntilQuiet
  - kind: expect
    daemonSet: {name: agent, nodeCount: 4}
`;

  it('a faults section and a disableFault step: failures traced, then convergence', () => {
    const result = runScenario(parseScenario(text));
    expect(result.traceText).toContain('[fault flaky]');
    expect(result.traceText).toContain('FaultDisabled flaky');
  });

  it('a bad rule or a step naming no rule is refused with a field error', () => {
    expect(thrown(() => parseScenario(text.replace('error: ServerTimeout', 'error: 504'))).message).toBe(
      'faults[0].error: Unsupported value: 504: supported values: "Conflict", "ServerTimeout", "Timeout", "TooManyRequests", "InternalError"',
    );
    expect(
      thrown(() =>
        parseScenario(text.replace('    rule: flaky\n  - kind: run', '    rule: flakey\n  - kind: run')),
      ).message,
    ).toBe('steps[3].rule: Not found: "flakey": no rule of that name in faults');
  });
});
