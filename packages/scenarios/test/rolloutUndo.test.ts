import { describe, expect, it } from 'vitest';
import { SimulationError } from '@daemonsim/core';
import type { Scenario, Step } from '../src/index.js';
import { nodeExporterManifest, runScenario, ScenarioStepError, validateScenario } from '../src/index.js';

const V1 = 'quay.io/prometheus/node-exporter:v1.8.2';
const V2 = 'quay.io/prometheus/node-exporter:v1.9.1';
const V3 = 'quay.io/prometheus/node-exporter:v1.9.2';

function scenario(images: readonly string[], ...more: Step[]): Scenario {
  return {
    name: 'undo',
    steps: [
      { kind: 'addNodes', count: 2 },
      ...images.flatMap((image): Step[] => [
        { kind: 'apply', manifests: nodeExporterManifest(image) },
        { kind: 'runUntilQuiet' },
      ]),
      ...more,
    ],
  };
}

function thrown(fn: () => unknown): ScenarioStepError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScenarioStepError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioStepError');
}

const images = (result: ReturnType<typeof runScenario>): string[] =>
  [...result.snapshot.pods.values()].map((p) => p.spec.containers[0]!.image ?? '').sort();

describe('the rolloutUndo step', () => {
  // kubectl rollout undo: the previous revision's template comes back; the controller renumbers it.
  it('goes back to the previous revision, which becomes current with the next revision number', () => {
    const result = runScenario(
      scenario(
        [V1, V2],
        { kind: 'rolloutUndo', name: 'node-exporter', namespace: 'kube-system' },
        { kind: 'runUntilQuiet' },
        {
          kind: 'expect',
          daemonSet: {
            name: 'node-exporter',
            namespace: 'kube-system',
            revisions: [2, 3],
            status: { updatedNumberScheduled: 2 },
          },
        },
      ),
    );
    expect(images(result)).toEqual([V1, V1]);
    const ds = result.snapshot.daemonSets.get('kube-system/node-exporter')!;
    expect(ds.spec.template.spec!.containers[0]!.image).toBe(V1);
    expect(ds.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('3');
    expect(JSON.stringify(ds.spec.template)).not.toContain('$patch');
  });

  // kubectl rollout undo --to-revision=N
  it('goes back to a given revision', () => {
    const result = runScenario(
      scenario(
        [V1, V2, V3],
        { kind: 'rolloutUndo', name: 'node-exporter', namespace: 'kube-system', toRevision: 1 },
        { kind: 'runUntilQuiet' },
      ),
    );
    expect(images(result)).toEqual([V1, V1]);
    const revisions = [...result.snapshot.controllerRevisions.values()].map((r) => r.revision).sort();
    expect(revisions).toEqual([2, 3, 4]);
  });

  // DaemonSetRollbacker: undoing to the template already in place changes nothing.
  it('changes nothing when the chosen revision is already current', () => {
    const result = runScenario(
      scenario(
        [V1, V2],
        { kind: 'rolloutUndo', name: 'node-exporter', namespace: 'kube-system', toRevision: 2 },
        { kind: 'runUntilQuiet' },
      ),
    );
    expect(result.snapshot.daemonSets.get('kube-system/node-exporter')!.metadata.generation).toBe(2);
    expect(images(result)).toEqual([V2, V2]);
  });

  // rollback.go: "no last revision to roll back to", "unable to find specified revision N in history".
  it('fails with kubectl’s words when there is nothing to go back to, the revision is unknown, or the DaemonSet is missing', () => {
    const none = thrown(() =>
      runScenario(scenario([V1], { kind: 'rolloutUndo', name: 'node-exporter', namespace: 'kube-system' })),
    );
    expect(none.message).toBe('steps[3] (rolloutUndo): no last revision to roll back to');
    expect(none.cause).toBeInstanceOf(SimulationError);
    const unknown = thrown(() =>
      runScenario(
        scenario([V1, V2], {
          kind: 'rolloutUndo',
          name: 'node-exporter',
          namespace: 'kube-system',
          toRevision: 7,
        }),
      ),
    );
    expect(unknown).toMatchObject({
      code: 'NotFound',
      path: 'toRevision',
      stepIndex: 5,
      stepKind: 'rolloutUndo',
    });
    expect(unknown.message).toBe('steps[5] (rolloutUndo): unable to find specified revision 7 in history');
    const missing = thrown(() => runScenario(scenario([], { kind: 'rolloutUndo', name: 'nope' })));
    expect(missing.message).toBe('steps[1] (rolloutUndo): daemonsets.apps "nope" not found');
  });

  it('is validated: a name is required and toRevision is a non-negative integer', () => {
    expect(() => validateScenario({ name: 'x', steps: [{ kind: 'rolloutUndo' }] })).toThrow(
      'steps[0].name: Required value',
    );
    expect(() =>
      validateScenario({ name: 'x', steps: [{ kind: 'rolloutUndo', name: 'a', toRevision: -1 }] }),
    ).toThrow('steps[0].toRevision: Invalid value: -1: must be greater than or equal to 0');
    expect(() =>
      validateScenario({ name: 'x', steps: [{ kind: 'rolloutUndo', name: 'a', toRevision: 1.5 }] }),
    ).toThrow('steps[0].toRevision: Invalid value');
    expect(() =>
      validateScenario({ name: 'x', steps: [{ kind: 'rolloutUndo', name: 'a', image: 'b' }] }),
    ).toThrow('steps[0].image: Forbidden');
  });

  // kubectl get controllerrevisions: one row per stored template, the renumbered one included.
  it('prints the ControllerRevisions with their controller and revision numbers', () => {
    const result = runScenario(
      scenario(
        [V1, V2],
        { kind: 'rolloutUndo', name: 'node-exporter', namespace: 'kube-system' },
        { kind: 'print', resource: 'controllerrevisions', namespace: 'kube-system' },
      ),
    );
    const lines = result.output.trimEnd().split('\n');
    expect(lines[0]).toBe('$ kubectl get controllerrevisions -n kube-system');
    expect(lines[1]).toMatch(/^NAME +CONTROLLER +REVISION +AGE$/);
    expect(
      lines
        .slice(2)
        .map((l) => l.split(/ +/).slice(1, 3).join(' '))
        .sort(),
    ).toEqual(['daemonset.apps/node-exporter 2', 'daemonset.apps/node-exporter 3']);
  });
});
