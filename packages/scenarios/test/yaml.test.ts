import { describe, expect, it } from 'vitest';
import { SimulationError } from '@daemonsim/core';
import { parseManifests, parseScenario, STEP_KINDS } from '../src/index.js';
import { MONITORING_DAEMON, MONITORING_YAML, monitoringScenario } from './fixtures.js';

function thrown(fn: () => unknown): SimulationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SimulationError) return error;
    throw error;
  }
  throw new Error('expected a SimulationError');
}

describe('parseManifests', () => {
  it('reads every document of a multi-document stream and skips empty ones', () => {
    const docs = parseManifests(
      `${MONITORING_DAEMON}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n---\n`,
    );
    expect(docs).toHaveLength(2);
    expect(docs[0]).toMatchObject({ kind: 'DaemonSet', metadata: { name: 'monitoring-daemon' } });
    expect(docs[1]).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring' } });
  });

  it('rejects a __proto__ key naming the field', () => {
    const error = thrown(() =>
      parseManifests(
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n  labels:\n    __proto__:\n      polluted: "yes"\n',
      ),
    );
    expect(error.code).toBe('BadRequest');
    expect(error.path).toBe('metadata.labels.__proto__');
    expect(error.message).toBe('metadata.labels.__proto__: Forbidden: key is not allowed');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('rejects a constructor key', () => {
    expect(() => parseManifests('constructor: 1\n')).toThrow('constructor: Forbidden: key is not allowed');
  });

  it('reports a syntax error with its document index, line and column', () => {
    const error = thrown(() => parseManifests(`${MONITORING_DAEMON}---\nkind: Pod\nmetadata: [a,\n`));
    expect(error.code).toBe('BadRequest');
    expect(error.path).toBe('documents[1]');
    expect(error.message).toMatch(/^yaml: document 1: line 2\d, column \d+: /);
  });

  it('rejects duplicate keys', () => {
    expect(() => parseManifests('a: 1\na: 2\n')).toThrow(
      /^yaml: document 0: line 2, column 1: Map keys must be unique/,
    );
  });

  it('refuses alias expansion bombs', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
    ].join('\n');
    expect(() => parseManifests(bomb)).toThrow(SimulationError);
  });
});

describe('parseScenario', () => {
  it('reads a scenario file into the same data as the TypeScript literal', () => {
    expect(parseScenario(MONITORING_YAML)).toEqual(monitoringScenario);
  });

  it('names an unknown step kind with the supported values', () => {
    const error = thrown(() =>
      parseScenario(
        'name: x\nsteps:\n  - kind: advance\n    duration: 1s\n  - kind: print\n    resource: pods\n  - kind: cordon\n    node: a\n  - kind: frobnicate\n',
      ),
    );
    expect(error.code).toBe('Invalid');
    expect(error.path).toBe('steps[3].kind');
    expect(error.message).toBe(
      `steps[3].kind: Unsupported value: "frobnicate": supported values: ${STEP_KINDS.map((k) => `"${k}"`).join(', ')}`,
    );
  });

  it('names an unknown field of a step', () => {
    const error = thrown(() =>
      parseScenario('name: x\nsteps:\n  - kind: cordon\n    node: a\n    nodes: [b]\n'),
    );
    expect(error.path).toBe('steps[0].nodes');
    expect(error.message).toBe(
      'steps[0].nodes: Forbidden: unknown field; supported fields: "kind", "at", "description", "node"',
    );
  });

  it('names an unknown top-level field and nested expectation fields', () => {
    expect(() => parseScenario('name: x\nstep: []\n')).toThrow('step: Forbidden: unknown field');
    expect(() =>
      parseScenario('name: x\nsteps:\n  - kind: expect\n    daemonSet: { name: a, status: { ready: 1 } }\n'),
    ).toThrow(
      'steps[0].daemonSet.status: Unsupported value: "ready": supported values: "currentNumberScheduled"',
    );
  });

  it('requires the fields each step needs', () => {
    expect(() => parseScenario('name: x\nsteps:\n  - kind: advance\n')).toThrow(
      'steps[0].duration: Required value',
    );
    expect(() => parseScenario('name: x\nsteps:\n  - {}\n')).toThrow('steps[0].kind: Required value');
    expect(() => parseScenario('steps: []\n')).toThrow('name: Required value');
    expect(() => parseScenario('name: x\nsteps:\n  - kind: expect\n')).toThrow(
      'steps[0].daemonSet: Required value: one of daemonSet or pods is required',
    );
  });

  it('checks value types and enumerations', () => {
    expect(() => parseScenario('name: x\nsteps:\n  - kind: addNodes\n    count: two\n')).toThrow(
      'steps[0].count: Invalid value: "two": must be an integer',
    );
    expect(() =>
      parseScenario(
        'name: x\nsteps:\n  - kind: deleteDaemonSet\n    name: a\n    propagationPolicy: Later\n',
      ),
    ).toThrow(
      'steps[0].propagationPolicy: Unsupported value: "Later": supported values: "Background", "Foreground", "Orphan"',
    );
    expect(() =>
      parseScenario(
        'name: x\nsteps:\n  - kind: taintNode\n    node: a\n    taints: [{ key: k, effect: Sometimes }]\n',
      ),
    ).toThrow('steps[0].taints[0].effect: Unsupported value: "Sometimes"');
    expect(() => parseScenario('name: x\nsteps:\n  - kind: advance\n    duration: 3 days\n')).toThrow(
      'steps[0].duration: Invalid value: "3 days": time: unknown unit " days" in duration "3 days"',
    );
    expect(() => parseScenario('name: x\nsteps: {}\n')).toThrow(
      'steps: Invalid value: map[string]string{}: must be a list of steps',
    );
    expect(() => parseScenario('- a\n')).toThrow('<root>: Invalid value');
  });

  it('rejects hostile keys anywhere in the file', () => {
    const error = thrown(() =>
      parseScenario(
        'name: x\nsteps:\n  - kind: apply\n    manifests:\n      kind: Namespace\n      __proto__: { polluted: true }\n',
      ),
    );
    expect(error.code).toBe('BadRequest');
    expect(error.path).toBe('steps[0].manifests.__proto__');
  });

  it('checks embedded manifest text for YAML errors, naming the step', () => {
    const error = thrown(() => parseScenario('name: x\nsteps:\n  - kind: apply\n    manifests: "a: [1,"\n'));
    expect(error.code).toBe('BadRequest');
    expect(error.path).toBe('steps[0].manifests.documents[0]');
    expect(error.message).toMatch(/^steps\[0\]\.manifests: yaml: document 0: line 1, column \d+: /);
  });

  it('wants exactly one document', () => {
    expect(() => parseScenario('name: a\nsteps: []\n---\nname: b\nsteps: []\n')).toThrow(
      'a scenario file holds exactly one YAML document',
    );
  });
});
