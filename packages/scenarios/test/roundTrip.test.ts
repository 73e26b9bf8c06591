import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { Scenario, ScenarioTaint, Step } from '../src/index.js';
import { formatDuration, parseScenario, stringifyScenario } from '../src/index.js';
import { MONITORING_DAEMON } from './fixtures.js';

const tricky = fc.constantFrom(
  'yes',
  'no',
  'on',
  'null',
  '~',
  '010',
  '0x1F',
  '1e3',
  'true',
  ' lead',
  'a: b',
  '#hash',
  '- dash',
  '"q"',
  "'s'",
  'ünï',
  '',
);
const text = fc.oneof(fc.string({ maxLength: 12 }), tricky);
const name = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), fc.constantFrom('yes', 'null', '010'));
const labels = fc.dictionary(
  fc.oneof(
    fc.stringMatching(/^[a-z][a-z0-9./-]{0,8}$/),
    tricky.filter((s) => s !== ''),
  ),
  text,
  { maxKeys: 3 },
);
const duration = fc.oneof(fc.nat({ max: 10_000_000 }), fc.nat({ max: 10_000_000 }).map(formatDuration));
const effect = fc.constantFrom<ScenarioTaint['effect']>('NoSchedule', 'PreferNoSchedule', 'NoExecute');
const taint = fc.record({ key: name, value: text, effect }, { requiredKeys: ['key', 'effect'] });
const base = { at: duration, description: text };
const optional = { requiredKeys: ['kind'] as ['kind'] };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record(
    {
      kind: fc.constant('addNodes' as const),
      ...base,
      names: fc.array(name, { minLength: 1, maxLength: 3 }),
      labels,
      taints: fc.array(taint, { minLength: 1, maxLength: 2 }),
      capacity: fc.dictionary(name, fc.constantFrom('4', '16Gi', '110')),
      unschedulable: fc.boolean(),
    },
    { requiredKeys: ['kind', 'names'] },
  ),
  fc.record(
    {
      kind: fc.constant('addNodes' as const),
      ...base,
      count: fc.integer({ min: 1, max: 5 }),
      namePrefix: name,
    },
    { requiredKeys: ['kind', 'count'] },
  ),
  fc.record(
    {
      kind: fc.constant('removeNodes' as const),
      ...base,
      names: fc.array(name, { minLength: 1, maxLength: 3 }),
    },
    { requiredKeys: ['kind', 'names'] },
  ),
  fc.record(
    {
      kind: fc.constant('labelNode' as const),
      ...base,
      node: name,
      labels: fc.dictionary(name, fc.option(text, { nil: null })),
    },
    { requiredKeys: ['kind', 'node', 'labels'] },
  ),
  fc.record(
    {
      kind: fc.constant('taintNode' as const),
      ...base,
      node: name,
      taints: fc.array(taint, { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: ['kind', 'node', 'taints'] },
  ),
  fc.record(
    {
      kind: fc.constant('untaintNode' as const),
      ...base,
      node: name,
      taints: fc.array(fc.record({ key: name, effect }, { requiredKeys: ['key'] }), {
        minLength: 1,
        maxLength: 2,
      }),
    },
    { requiredKeys: ['kind', 'node', 'taints'] },
  ),
  fc.record(
    { kind: fc.constantFrom('cordon' as const, 'uncordon' as const), ...base, node: name },
    { requiredKeys: ['kind', 'node'] },
  ),
  fc.record(
    {
      kind: fc.constant('apply' as const),
      ...base,
      manifests: fc.oneof(
        fc.constant(MONITORING_DAEMON),
        fc.constant({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } }),
        fc.array(
          fc.record({
            apiVersion: fc.constant('v1'),
            kind: fc.constant('Namespace'),
            metadata: fc.record({ name, labels }),
          }),
          { maxLength: 2 },
        ),
      ),
    },
    { requiredKeys: ['kind', 'manifests'] },
  ),
  fc.record(
    {
      kind: fc.constant('deleteDaemonSet' as const),
      ...base,
      name,
      namespace: name,
      propagationPolicy: fc.constantFrom('Background' as const, 'Foreground' as const, 'Orphan' as const),
    },
    { requiredKeys: ['kind', 'name'] },
  ),
  fc.record(
    { kind: fc.constant('deletePod' as const), ...base, name, namespace: name },
    { requiredKeys: ['kind', 'name'] },
  ),
  fc.record(
    { kind: fc.constant('advance' as const), ...base, duration },
    { requiredKeys: ['kind', 'duration'] },
  ),
  fc.record({ kind: fc.constant('runUntilQuiet' as const), ...base, limit: duration }, optional),
  fc.record(
    {
      kind: fc.constant('expect' as const),
      ...base,
      daemonSet: fc.record(
        {
          name,
          namespace: name,
          nodes: fc.array(name, { maxLength: 3 }),
          nodeCount: fc.nat(5),
          notOnNodes: fc.array(name, { maxLength: 2 }),
          readyPods: fc.nat(5),
          status: fc.record(
            { numberReady: fc.nat(9), desiredNumberScheduled: fc.nat(9), numberUnavailable: fc.nat(9) },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: ['name'] },
      ),
      pods: fc.record(
        {
          namespace: name,
          labels,
          matchExpressions: fc.array(
            fc.oneof(
              fc.record({
                key: name,
                operator: fc.constantFrom('In' as const, 'NotIn' as const),
                values: fc.array(text, { minLength: 1, maxLength: 2 }),
              }),
              fc.record({ key: name, operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
            ),
            { maxLength: 2 },
          ),
          phase: fc.constantFrom('Pending' as const, 'Running' as const),
          node: name,
          ready: fc.boolean(),
          includeTerminating: fc.boolean(),
          count: fc.nat(9),
        },
        { requiredKeys: ['count'] },
      ),
    },
    { requiredKeys: ['kind', 'daemonSet'] },
  ),
  fc.record(
    {
      kind: fc.constant('print' as const),
      ...base,
      resource: fc.constantFrom('daemonsets' as const, 'pods' as const, 'nodes' as const),
      namespace: name,
      wide: fc.boolean(),
    },
    { requiredKeys: ['kind', 'resource'] },
  ),
);

const scenario: fc.Arbitrary<Scenario> = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: 20 }),
    description: text,
    seed: fc.oneof(fc.integer(), text),
    steps: fc.array(step, { maxLength: 8 }),
  },
  { requiredKeys: ['name', 'steps'] },
);

describe('YAML scenario files', () => {
  it('parse back equal to random scenarios serialised with stringifyScenario', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(parseScenario(stringifyScenario(s))).toEqual(s);
      }),
    );
  });

  it('parse back equal to random scenarios serialised by the yaml package directly', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(parseScenario(stringify(s))).toEqual(s);
      }),
    );
  });
});
