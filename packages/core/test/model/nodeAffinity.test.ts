import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  Affinity,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  PodSpec,
} from 'kubernetes-types/core/v1.js';
import {
  getTargetNodeName,
  nodeSelectorRequirementsMatch,
  replaceDaemonSetPodNodeNameNodeAffinity,
  requiredNodeAffinityMatches,
} from '../../src/model/nodeAffinity.js';
import { newNode, newPod } from './fixtures.js';

function withTerms(...nodeSelectorTerms: NodeSelectorTerm[]): PodSpec {
  return {
    containers: [],
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } },
  };
}
const expr = (key: string, operator: string, values?: string[]): NodeSelectorRequirement => ({
  key,
  operator,
  ...(values ? { values } : {}),
});
const nameIs = (name: string): NodeSelectorRequirement => ({
  key: 'metadata.name',
  operator: 'In',
  values: [name],
});

describe('requiredNodeAffinityMatches', () => {
  // Ported from TestPodMatchesNodeSelectorAndAffinityTerms (component-helpers nodeaffinity_test.go).
  it.each<[string, PodSpec, Record<string, string>, string, boolean]>([
    ['a pod without selector fits any node', { containers: [] }, {}, 'n', true],
    [
      'a nodeSelector fails on a node missing the label',
      { containers: [], nodeSelector: { foo: 'bar' } },
      {},
      'n',
      false,
    ],
    [
      'a nodeSelector fits a node with the same labels',
      { containers: [], nodeSelector: { foo: 'bar' } },
      { foo: 'bar' },
      'n',
      true,
    ],
    [
      'a nodeSelector fits a node whose labels are a superset',
      { containers: [], nodeSelector: { foo: 'bar' } },
      { foo: 'bar', baz: 'blah' },
      'n',
      true,
    ],
    [
      'a nodeSelector fails on a node whose labels are a subset',
      { containers: [], nodeSelector: { foo: 'bar', baz: 'blah' } },
      { foo: 'bar' },
      'n',
      false,
    ],
    [
      'In matches a node carrying one of the values',
      withTerms({ matchExpressions: [expr('foo', 'In', ['bar', 'value2'])] }),
      { foo: 'bar' },
      'n',
      true,
    ],
    [
      'Gt compares integers, leading zeros and all',
      withTerms({ matchExpressions: [expr('kernel-version', 'Gt', ['0204'])] }),
      { 'kernel-version': '0206' },
      'n',
      true,
    ],
    [
      'NotIn matches a node with another value',
      withTerms({ matchExpressions: [expr('mem-type', 'NotIn', ['DDR', 'DDR2'])] }),
      { 'mem-type': 'DDR3' },
      'n',
      true,
    ],
    [
      'Exists matches a node carrying the label',
      withTerms({ matchExpressions: [expr('GPU', 'Exists')] }),
      { GPU: 'NVIDIA-GRID-K1' },
      'n',
      true,
    ],
    [
      'In fails on a node with another value',
      withTerms({ matchExpressions: [expr('foo', 'In', ['value1', 'value2'])] }),
      { foo: 'bar' },
      'n',
      false,
    ],
    ['an empty term list matches no node', withTerms(), { foo: 'bar' }, 'n', false],
    [
      'a term with empty matchExpressions matches no node',
      withTerms({ matchExpressions: [] }),
      { foo: 'bar' },
      'n',
      false,
    ],
    [
      'an affinity without required terms fits any node',
      { containers: [], affinity: { nodeAffinity: {} } },
      { foo: 'bar' },
      'n',
      true,
    ],
    [
      'expressions in one term are ANDed (match)',
      withTerms({ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'NotIn', ['AMD', 'INTER'])] }),
      { GPU: 'NVIDIA-GRID-K1' },
      'n',
      true,
    ],
    [
      'expressions in one term are ANDed (no match)',
      withTerms({ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'In', ['AMD', 'INTER'])] }),
      { GPU: 'NVIDIA-GRID-K1' },
      'n',
      false,
    ],
    [
      'terms are ORed',
      withTerms(
        { matchExpressions: [expr('foo', 'In', ['bar', 'value2'])] },
        { matchExpressions: [expr('diffkey', 'In', ['wrong', 'value2'])] },
      ),
      { foo: 'bar' },
      'n',
      true,
    ],
    [
      'nodeSelector and affinity both satisfied',
      { ...withTerms({ matchExpressions: [expr('foo', 'Exists')] }), nodeSelector: { foo: 'bar' } },
      { foo: 'bar' },
      'n',
      true,
    ],
    [
      'affinity satisfied but nodeSelector not',
      { ...withTerms({ matchExpressions: [expr('foo', 'Exists')] }), nodeSelector: { foo: 'bar' } },
      { foo: 'barrrrrr' },
      'n',
      false,
    ],
    [
      'an invalid value in a term makes it match nothing',
      withTerms({ matchExpressions: [expr('foo', 'NotIn', ['invalid value: ___@#$%^'])] }),
      { foo: 'bar' },
      'n',
      false,
    ],
    [
      'matchFields In matches the named node',
      withTerms({ matchFields: [nameIs('node_1')] }),
      {},
      'node_1',
      true,
    ],
    [
      'matchFields In fails on another node',
      withTerms({ matchFields: [nameIs('node_1')] }),
      {},
      'node_2',
      false,
    ],
    [
      'a failing fields term and a matching expressions term still match',
      withTerms({ matchFields: [nameIs('node_1')] }, { matchExpressions: [expr('foo', 'In', ['bar'])] }),
      { foo: 'bar' },
      'node_2',
      true,
    ],
    [
      'one term with failing fields and matching expressions fails',
      withTerms({ matchFields: [nameIs('node_1')], matchExpressions: [expr('foo', 'In', ['bar'])] }),
      { foo: 'bar' },
      'node_2',
      false,
    ],
    [
      'one term with both fields and expressions matching matches',
      withTerms({ matchFields: [nameIs('node_1')], matchExpressions: [expr('foo', 'In', ['bar'])] }),
      { foo: 'bar' },
      'node_1',
      true,
    ],
    [
      'two terms both failing fail',
      withTerms(
        { matchFields: [nameIs('node_1')] },
        { matchExpressions: [expr('foo', 'In', ['not-match-to-bar'])] },
      ),
      { foo: 'bar' },
      'node_2',
      false,
    ],
  ])('%s', (_name, spec, labels, nodeName, want) => {
    expect(requiredNodeAffinityMatches(spec, newNode(nodeName, labels))).toBe(want);
  });

  it('a matchFields In with two values fails to parse and matches nothing', () => {
    expect(
      requiredNodeAffinityMatches(
        withTerms({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }] }),
        newNode('a'),
      ),
    ).toBe(false);
  });

  it('matchFields NotIn excludes only the named node', () => {
    const spec = withTerms({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['a'] }] });
    expect(requiredNodeAffinityMatches(spec, newNode('a'))).toBe(false);
    expect(requiredNodeAffinityMatches(spec, newNode('b'))).toBe(true);
  });

  it('matchFields on an unknown field reads it as the empty string', () => {
    expect(
      requiredNodeAffinityMatches(
        withTerms({ matchFields: [{ key: 'spec.foo', operator: 'In', values: [''] }] }),
        newNode('a'),
      ),
    ).toBe(true);
    expect(
      requiredNodeAffinityMatches(
        withTerms({ matchFields: [{ key: 'spec.foo', operator: 'In', values: ['a'] }] }),
        newNode('a'),
      ),
    ).toBe(false);
  });

  it('matchFields with an unsupported operator fails to parse', () => {
    expect(
      requiredNodeAffinityMatches(
        withTerms({ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }),
        newNode('a'),
      ),
    ).toBe(false);
  });

  it('a term whose expressions fail to parse does not match even if another part would', () => {
    const spec = withTerms({ matchExpressions: [expr('foo', 'Exists'), expr('foo', 'Bogus')] });
    expect(requiredNodeAffinityMatches(spec, newNode('a', { foo: 'x' }))).toBe(false);
  });
});

describe('nodeSelectorRequirementsMatch', () => {
  it.each<[string, NodeSelectorRequirement, Record<string, string>, boolean]>([
    ['Gt holds for a larger label', expr('n', 'Gt', ['5']), { n: '6' }, true],
    ['Gt fails for an equal label', expr('n', 'Gt', ['5']), { n: '5' }, false],
    ['Lt holds for a smaller label', expr('n', 'Lt', ['5']), { n: '-3' }, true],
    ['Gt fails for a label that is not an integer', expr('n', 'Gt', ['5']), { n: 'six' }, false],
    ['Gt fails for an absent label', expr('n', 'Gt', ['5']), {}, false],
    [
      'Gt compares beyond double precision exactly',
      expr('n', 'Gt', ['9007199254740993']),
      { n: '9007199254740994' },
      true,
    ],
    ['Gt fails for a label outside int64', expr('n', 'Lt', ['5']), { n: '-9223372036854775809' }, false],
    ['NotIn holds for an absent label', expr('n', 'NotIn', ['a']), {}, true],
    ['DoesNotExist holds for an absent label', expr('n', 'DoesNotExist'), {}, true],
  ])('%s', (_name, requirement, labels, want) => {
    expect(nodeSelectorRequirementsMatch([requirement], labels)).toBe(want);
  });

  it.each<[string, NodeSelectorRequirement]>([
    ['Gt with a non-integer value', expr('n', 'Gt', ['1.5'])],
    ['Gt with two values', expr('n', 'Gt', ['1', '2'])],
    ['Exists with values', expr('n', 'Exists', ['bar', 'baz'])],
    ['In without values', expr('n', 'In', [])],
    ['an unknown operator', expr('n', 'Equals', ['x'])],
    ['an invalid key', expr('invalid key', 'Exists')],
  ])('a requirement with %s matches nothing', (_name, requirement) => {
    expect(nodeSelectorRequirementsMatch([requirement], { n: '1' })).toBe(false);
    expect(nodeSelectorRequirementsMatch([requirement], {})).toBe(false);
  });

  it('an empty requirement list matches nothing', () => {
    expect(nodeSelectorRequirementsMatch([], { a: 'b' })).toBe(false);
  });
});

describe('replaceDaemonSetPodNodeNameNodeAffinity', () => {
  const pinned = { nodeSelectorTerms: [{ matchFields: [nameIs('node-1')] }] };

  it('creates the node affinity when there is none', () => {
    expect(replaceDaemonSetPodNodeNameNodeAffinity(undefined, 'node-1')).toEqual({
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: pinned },
    });
    expect(replaceDaemonSetPodNodeNameNodeAffinity({}, 'node-1')).toEqual({
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: pinned },
    });
  });

  it('replaces required terms but keeps preferred terms and pod (anti-)affinity', () => {
    const affinity: Affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [expr('zone', 'In', ['a'])] }],
        },
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 1, preference: { matchExpressions: [expr('ssd', 'Exists')] } },
        ],
      },
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname' }],
      },
    };
    const before = structuredClone(affinity);
    const result = replaceDaemonSetPodNodeNameNodeAffinity(affinity, 'node-1');
    expect(affinity).toEqual(before);
    expect(result).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: pinned,
        preferredDuringSchedulingIgnoredDuringExecution:
          before.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution,
      },
      podAntiAffinity: before.podAntiAffinity,
    });
  });

  it('pins a pod to exactly the named node, which getTargetNodeName then reads back', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9]([a-z0-9.-]{0,10}[a-z0-9])?$/),
        fc.stringMatching(/^[a-z0-9]{1,6}$/),
        (nodeName, other) => {
          const affinity = replaceDaemonSetPodNodeNameNodeAffinity(undefined, nodeName);
          const spec: PodSpec = { containers: [], affinity };
          expect(requiredNodeAffinityMatches(spec, newNode(nodeName))).toBe(true);
          expect(requiredNodeAffinityMatches(spec, newNode(other))).toBe(other === nodeName);
          expect(getTargetNodeName(newPod(spec))).toBe(nodeName);
        },
      ),
    );
  });
});

describe('getTargetNodeName', () => {
  it('prefers spec.nodeName', () => {
    expect(
      getTargetNodeName(newPod({ ...withTerms({ matchFields: [nameIs('other')] }), nodeName: 'bound' })),
    ).toBe('bound');
  });
  it('reads the matchFields metadata.name In value of an unscheduled pod', () => {
    expect(
      getTargetNodeName(
        newPod(withTerms({ matchExpressions: [expr('a', 'Exists')] }, { matchFields: [nameIs('target')] })),
      ),
    ).toBe('target');
  });
  it('has no target without nodeName and node affinity', () => {
    expect(getTargetNodeName(newPod())).toBeUndefined();
    expect(getTargetNodeName(newPod(withTerms()))).toBeUndefined();
    expect(getTargetNodeName(newPod(withTerms({ matchExpressions: [expr('a', 'Exists')] })))).toBeUndefined();
  });
  it('has no target when the first metadata.name In requirement has several values', () => {
    expect(
      getTargetNodeName(
        newPod(
          withTerms(
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }] },
            { matchFields: [nameIs('c')] },
          ),
        ),
      ),
    ).toBeUndefined();
  });
});
