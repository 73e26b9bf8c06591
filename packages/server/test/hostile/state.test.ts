/* eslint-disable @typescript-eslint/no-explicit-any -- saved JSON edited field by field */
// Hostile saved-state files: each rejected on load with an error that names the path.
import { describe, expect, it } from 'vitest';
import { SimulationError } from '@daemonsim/core';
import { loadState, saveState } from '../../src/cli/index.js';
import { nodeMonitoringAgent, runScenario } from '@daemonsim/scenarios';

interface State {
  time: number;
  nodes: Record<string, unknown>;
  pods: Record<string, unknown>;
  daemonSets: Record<string, unknown>;
  controllerRevisions: Record<string, unknown>;
  events: Record<string, unknown>;
  namespaces: Record<string, unknown>;
}

const saved = (): State => {
  const result = runScenario(nodeMonitoringAgent);
  return JSON.parse(saveState(result.snapshot, result.snapshot.time)) as never;
};

function firstKey(state: State, map: Exclude<keyof State, 'time'>): string {
  return Object.keys(state[map]).sort()[0]!;
}

const CASES: readonly {
  name: string;
  edit: (s: ReturnType<typeof saved>) => void;
  path: (s: ReturnType<typeof saved>) => string;
  message: RegExp;
}[] = [
  {
    name: 'a pod whose image is a number',
    edit: (s) => {
      (s.pods[firstKey(s, 'pods')] as any).spec.containers[0].image = 42;
    },
    path: (s) => `pods[${JSON.stringify(firstKey(s, 'pods'))}].spec.containers[0].image`,
    message:
      /: json: cannot unmarshal number into Go struct field Container\.spec\.containers\.image of type string$/,
  },
  {
    name: 'a node whose taints are an object',
    edit: (s) => {
      (s.nodes[firstKey(s, 'nodes')] as any).spec = { taints: {} };
    },
    path: (s) => `nodes[${JSON.stringify(firstKey(s, 'nodes'))}].spec.taints`,
    message: /of type \[\]v1\.Taint$/,
  },
  {
    name: 'a DaemonSet with matchLabels {app: 1}',
    edit: (s) => {
      (s.daemonSets[firstKey(s, 'daemonSets')] as any).spec.selector = { matchLabels: { app: 1 } };
    },
    path: (s) => `daemonSets[${JSON.stringify(firstKey(s, 'daemonSets'))}].spec.selector.matchLabels.app`,
    message: /LabelSelector\.spec\.selector\.matchLabels of type string$/,
  },
  {
    name: 'an unknown field in an event',
    edit: (s) => {
      (s.events[firstKey(s, 'events')] as any).bogus = 1;
    },
    path: (s) => `events[${JSON.stringify(firstKey(s, 'events'))}].bogus`,
    message: /: strict decoding error: unknown field "bogus"$/,
  },
  {
    name: 'an object under another object’s key',
    edit: (s) => {
      const key = firstKey(s, 'namespaces');
      s.namespaces['elsewhere'] = s.namespaces[key]!;
    },
    path: () => 'namespaces["elsewhere"].metadata',
    message: /the object's metadata does not match its key$/,
  },
  {
    name: 'a pod that is a string',
    edit: (s) => {
      s.pods[firstKey(s, 'pods')] = 'pod' as never;
    },
    path: (s) => `pods[${JSON.stringify(firstKey(s, 'pods'))}]`,
    message: /json: cannot unmarshal string into Go value of type v1\.Pod$/,
  },
  {
    name: 'a negative time',
    edit: (s) => {
      s.time = -1;
    },
    path: () => 'time',
    message: /^state: time: Invalid value: -1: must be a non-negative integer of milliseconds$/,
  },
  {
    name: 'a controller revision whose revision is a string',
    edit: (s) => {
      (s.controllerRevisions[firstKey(s, 'controllerRevisions')] as any).revision = 'one';
    },
    path: (s) => `controllerRevisions[${JSON.stringify(firstKey(s, 'controllerRevisions'))}].revision`,
    message: /ControllerRevision\.revision of type int64$/,
  },
  {
    name: 'a namespace list that is an array',
    edit: (s) => {
      (s as any).namespaces = [];
    },
    path: () => 'namespaces',
    message: /^state: namespaces: Required value$/,
  },
];

describe('hostile saved-state files', () => {
  it('a saved state loads back', () => {
    const state = saved();
    expect(loadState(JSON.stringify(state)).snapshot.daemonSets.size).toBe(1);
  });

  it.each(CASES)('$name is rejected with an error naming the path', (c) => {
    const state = saved();
    c.edit(state);
    let caught: unknown;
    try {
      loadState(JSON.stringify(state));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SimulationError);
    expect((caught as SimulationError).code).toBe('BadRequest');
    expect((caught as SimulationError).message).toMatch(c.message);
    expect((caught as SimulationError).path).toBe(c.path(state));
  });
});
