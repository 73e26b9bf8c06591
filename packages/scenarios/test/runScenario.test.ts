import { describe, expect, it } from 'vitest';
import { SimulationError } from '@daemonsim/core';
import type { Scenario } from '../src/index.js';
import { parseScenario, runScenario, ScenarioExpectationError, ScenarioStepError } from '../src/index.js';
import { MONITORING_DAEMON, MONITORING_YAML, monitoringScenario } from './fixtures.js';

function thrownBy<E>(fn: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    fn();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected ${type.name}`);
}

function podNames(result: ReturnType<typeof runScenario>): string[] {
  return [...result.snapshot.pods.values()].map((p) => p.metadata.name).sort();
}

describe('runScenario', () => {
  it('applies the seed manifest verbatim and lands one pod on every node', () => {
    const result = runScenario({
      name: 'seed',
      steps: [
        { kind: 'addNodes', count: 4 },
        { kind: 'apply', manifests: MONITORING_DAEMON },
        { kind: 'runUntilQuiet' },
      ],
    });
    const pods = [...result.snapshot.pods.values()];
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(['node-1', 'node-2', 'node-3', 'node-4']);
    expect(
      pods.every((p) => p.metadata.name.startsWith('monitoring-daemon-') && p.status.phase === 'Running'),
    ).toBe(true);
    expect(result.snapshot.daemonSets.get('default/monitoring-daemon')?.status).toMatchObject({
      desiredNumberScheduled: 4,
      numberReady: 4,
      numberAvailable: 4,
    });
  });

  it('gives byte-identical traces for a scenario written in TypeScript and in YAML', () => {
    const fromTs = runScenario(monitoringScenario);
    const fromYaml = runScenario(parseScenario(MONITORING_YAML));
    expect(fromYaml.traceText).toBe(fromTs.traceText);
    expect(fromYaml.output).toBe(fromTs.output);
    expect(fromTs.traceText).toContain('NodeRemoved node-2');
  });

  it('runs every step and collects the kubectl views it prints', () => {
    const result = runScenario(monitoringScenario);
    expect(result.steps.map((s) => s.kind)).toEqual(monitoringScenario.steps.map((s) => s.kind));
    expect(result.steps[5]).toMatchObject({ kind: 'removeNodes', finishedAt: 120_000 });
    expect(result.simulation.now).toBe(210_000);
    expect(result.output).toMatch(
      /^\$ kubectl get ds -n default\nNAME +DESIRED +CURRENT +READY +UP-TO-DATE +AVAILABLE +NODE SELECTOR +AGE\nmonitoring-daemon +3 +3 +3 +3 +3 +<none> +\d+s\n/,
    );
    expect(result.output).toContain('$ kubectl get pods -n default -o wide\nNAME ');
    expect(result.output).not.toContain('node-2');
  });

  it('calls onStep after each step with the simulation', () => {
    const seen: string[] = [];
    runScenario(monitoringScenario, {
      onStep: ({ index, kind, simulation }) => seen.push(`${index}:${kind}@${simulation.now}`),
    });
    expect(seen).toHaveLength(monitoringScenario.steps.length);
    expect(seen[6]).toBe('6:advance@210000');
  });

  it('gives the same trace for the same seed and different pod names for another seed', () => {
    const a = runScenario(monitoringScenario);
    const b = runScenario(monitoringScenario);
    const c = runScenario(monitoringScenario, { seed: 'another seed' });
    expect(b.traceText).toBe(a.traceText);
    expect(podNames(c)).not.toEqual(podNames(a));
  });

  it('names nodes by count from the smallest free number', () => {
    const result = runScenario({
      name: 'n',
      steps: [
        { kind: 'addNodes', names: ['node-2'] },
        { kind: 'addNodes', count: 2 },
        { kind: 'addNodes', count: 1, namePrefix: 'gpu-' },
      ],
    });
    expect([...result.snapshot.nodes.keys()].sort()).toEqual(['gpu-1', 'node-1', 'node-2', 'node-3']);
  });

  it('rejects a step whose at is before the current time, naming the step', () => {
    const error = thrownBy(
      () =>
        runScenario({
          name: 'p',
          steps: [
            { kind: 'advance', duration: '1m' },
            { kind: 'addNodes', at: '30s', names: ['a'] },
          ],
        }),
      ScenarioStepError,
    );
    expect(error.code).toBe('TimeInPast');
    expect(error.path).toBe('steps[1].at');
    expect(error.stepIndex).toBe(1);
    expect(error.message).toBe(
      'steps[1] (addNodes): steps[1].at: Invalid value: "30s": 00:00:30.000 is before the current time 00:01:00.000',
    );
  });

  it('wraps a rejection from the simulation with the step, keeping code and path', () => {
    const bad = MONITORING_DAEMON.replace('app: monitoring-agent\n    spec', 'app: other\n    spec');
    const error = thrownBy(
      () =>
        runScenario({
          name: 'bad',
          steps: [
            { kind: 'addNodes', count: 1 },
            { kind: 'apply', manifests: bad },
          ],
        }),
      ScenarioStepError,
    );
    expect(error.stepKind).toBe('apply');
    expect(error.code).toBe('Invalid');
    expect(error.path).toBe('spec.template.metadata.labels');
    expect(error.message).toMatch(
      /^steps\[1\] \(apply\): DaemonSet\.apps "monitoring-daemon" is invalid: spec\.template\.metadata\.labels: Invalid value/,
    );
    expect(error.cause).toBeInstanceOf(SimulationError);
  });

  it('wraps unknown objects', () => {
    const error = thrownBy(
      () => runScenario({ name: 'gone', steps: [{ kind: 'deleteDaemonSet', name: 'nope' }] }),
      ScenarioStepError,
    );
    expect(error.code).toBe('NotFound');
    expect(error.message).toBe('steps[0] (deleteDaemonSet): daemonsets.apps "nope" not found');
  });

  it('rejects hostile YAML naming the field and leaves no state', () => {
    const hostile = `${MONITORING_DAEMON}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: evil\n  labels:\n    __proto__:\n      admin: "true"\n`;
    const scenario: Scenario = {
      name: 'hostile',
      steps: [
        { kind: 'addNodes', count: 1 },
        { kind: 'apply', manifests: hostile },
      ],
    };
    let stepsRun = 0;
    const error = thrownBy(() => runScenario(scenario, { onStep: () => stepsRun++ }), SimulationError);
    expect(error.code).toBe('BadRequest');
    expect(error.path).toBe('steps[1].manifests.metadata.labels.__proto__');
    expect(error.message).toBe(
      'steps[1].manifests: metadata.labels.__proto__: Forbidden: key is not allowed',
    );
    // The whole scenario is checked before the first step runs: no node was added, no prototype touched.
    expect(stepsRun).toBe(0);
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });

  it('leaves the simulation as it was when a manifest object with a __proto__ key is submitted', () => {
    const { simulation } = runScenario({ name: 'ok', steps: [{ kind: 'addNodes', count: 1 }] });
    const before = simulation.trace.length;
    const manifest: unknown = JSON.parse(
      '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"evil","labels":{"__proto__":{"admin":"true"}}}}',
    );
    expect(() => simulation.submit({ type: 'ManifestApplied', manifest })).toThrow(
      'metadata.labels.__proto__: Forbidden',
    );
    expect(simulation.snapshot().namespaces.has('evil')).toBe(false);
    expect(simulation.trace.length).toBe(before);
  });

  it('fails an expect by naming the step, the expectation, what was found, and showing state', () => {
    const scenario: Scenario = {
      name: 'wrong',
      steps: [
        { kind: 'addNodes', count: 2 },
        { kind: 'apply', manifests: MONITORING_DAEMON },
        { kind: 'runUntilQuiet' },
        {
          kind: 'expect',
          daemonSet: {
            name: 'monitoring-daemon',
            nodes: ['node-1', 'node-2', 'node-3'],
            status: { numberReady: 3 },
          },
        },
      ],
    };
    const error = thrownBy(() => runScenario(scenario), ScenarioExpectationError);
    expect(error.stepIndex).toBe(3);
    expect(error.failures).toEqual([
      'daemonSet default/monitoring-daemon: expected daemon pods on exactly [node-1, node-2, node-3], found them on [node-1, node-2] (missing: [node-3])',
      'daemonSet default/monitoring-daemon: expected status.numberReady = 3, found 2',
    ]);
    expect(error.message).toMatch(
      /^steps\[3\] \(expect\) failed at 00:00:\d\d\.\d{3}:\n {2}- daemonSet default\/monitoring-daemon: expected daemon pods/,
    );
    expect(error.message).toContain('$ kubectl get ds -n default\nNAME ');
    expect(error.message).toContain('$ kubectl get pods -n default -l app=monitoring-agent -o wide\nNAME ');
    expect(error.message).toMatch(/monitoring-daemon-[a-z0-9]{5} +1\/1 +Running +0 +\d+s +[\d.]+ +node-1/);
    expect(error.message).toContain('$ kubectl get nodes\nNAME ');
  });

  it('checks pod counts by namespace, labels, phase, node and readiness', () => {
    const base: Scenario['steps'] = [
      { kind: 'addNodes', count: 2 },
      { kind: 'apply', manifests: MONITORING_DAEMON },
      { kind: 'runUntilQuiet' },
    ];
    const ok = (pods: NonNullable<Extract<Scenario['steps'][number], { kind: 'expect' }>['pods']>) => () =>
      runScenario({ name: 'c', steps: [...base, { kind: 'expect', pods }] });
    expect(
      ok({ labels: { app: 'monitoring-agent' }, phase: 'Running', ready: true, count: 2 }),
    ).not.toThrow();
    expect(ok({ node: 'node-1', count: 1 })).not.toThrow();
    expect(
      ok({ matchExpressions: [{ key: 'app', operator: 'In', values: ['monitoring-agent'] }], count: 2 }),
    ).not.toThrow();
    expect(ok({ namespace: 'kube-system', count: 0 })).not.toThrow();
    expect(ok({ allNamespaces: true, count: 2 })).not.toThrow();
    const error = thrownBy(
      ok({ labels: { app: 'monitoring-agent' }, phase: 'Pending', count: 2 }),
      ScenarioExpectationError,
    );
    expect(error.failures).toEqual([
      'pods in namespace default, matching app=monitoring-agent, in phase Pending: expected 2, found 0',
    ]);
  });

  it('sees a deleted DaemonSet go and its pods with it', () => {
    const result = runScenario({
      name: 'delete',
      steps: [
        { kind: 'addNodes', count: 2 },
        { kind: 'apply', manifests: MONITORING_DAEMON },
        { kind: 'runUntilQuiet' },
        { kind: 'deleteDaemonSet', name: 'monitoring-daemon', propagationPolicy: 'Foreground' },
        { kind: 'runUntilQuiet' },
        {
          kind: 'expect',
          daemonSet: { name: 'monitoring-daemon', exists: false },
          pods: { count: 0, includeTerminating: true },
        },
        { kind: 'print', resource: 'daemonsets' },
      ],
    });
    expect(result.output).toBe('$ kubectl get ds -n default\nNo resources found in default namespace.\n');
  });

  it('edits nodes: labels, taints and cordons change where daemon pods run', () => {
    const selective = MONITORING_DAEMON.replace(
      '    spec:\n      containers:',
      '    spec:\n      nodeSelector:\n        monitor: "true"\n      containers:',
    );
    const result = runScenario({
      name: 'edits',
      steps: [
        { kind: 'addNodes', count: 3, labels: { monitor: 'true' } },
        { kind: 'apply', manifests: selective },
        { kind: 'runUntilQuiet' },
        { kind: 'labelNode', node: 'node-2', labels: { monitor: null } },
        {
          kind: 'taintNode',
          node: 'node-3',
          taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }],
        },
        { kind: 'runUntilQuiet' },
        {
          kind: 'expect',
          daemonSet: { name: 'monitoring-daemon', nodes: ['node-1'], status: { desiredNumberScheduled: 1 } },
        },
        { kind: 'untaintNode', node: 'node-3', taints: [{ key: 'dedicated' }] },
        { kind: 'cordon', node: 'node-1' },
        { kind: 'runUntilQuiet' },
        {
          kind: 'expect',
          daemonSet: { name: 'monitoring-daemon', nodes: ['node-1', 'node-3'], readyPods: 2 },
        },
        { kind: 'uncordon', node: 'node-1' },
        { kind: 'print', resource: 'nodes' },
      ],
    });
    expect(result.output).toMatch(
      /^\$ kubectl get nodes\nNAME +STATUS +ROLES +AGE +VERSION\nnode-1 +Ready +<none>/,
    );
  });

  it('applies manifest objects, honours simulation options and deletes pods', () => {
    const manifest = parseScenario(
      `name: x\nsteps:\n  - kind: apply\n    manifests: {apiVersion: v1, kind: Namespace, metadata: {name: m}}\n`,
    ).steps[0];
    const result = runScenario({
      name: 'objects',
      options: { latencies: { containerStart: { min: '10s', max: '10s' }, readiness: { min: 0, max: 0 } } },
      steps: [
        manifest!,
        { kind: 'addNodes', count: 1 },
        {
          kind: 'apply',
          manifests: [
            {
              apiVersion: 'v1',
              kind: 'Pod',
              metadata: { name: 'solo', namespace: 'm' },
              spec: { containers: [{ name: 'c', image: 'c' }] },
            },
          ],
        },
        { kind: 'advance', duration: '9s' },
        { kind: 'expect', pods: { namespace: 'm', phase: 'Pending', count: 1 } },
        { kind: 'advance', duration: '2s' },
        { kind: 'expect', pods: { namespace: 'm', phase: 'Running', ready: true, count: 1 } },
        { kind: 'deletePod', namespace: 'm', name: 'solo' },
        { kind: 'runUntilQuiet' },
        { kind: 'expect', pods: { namespace: 'm', count: 0, includeTerminating: true } },
      ],
    });
    expect(result.traceText).toContain('PodDeleted m/solo');
  });

  it('validates a TypeScript scenario as strictly as a YAML one', () => {
    const bad = { name: 'x', steps: [{ kind: 'frobnicate' }] } as unknown as Scenario;
    expect(() => runScenario(bad)).toThrow('steps[0].kind: Unsupported value: "frobnicate"');
  });
});
