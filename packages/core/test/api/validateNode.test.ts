import { describe, expect, it } from 'vitest';
import { assertValidNode, validateNode } from '../../src/api/validateNode.js';
import { formatFieldError } from '../../src/api/fieldError.js';
import { validateObjectMetaName } from '../../src/api/validateName.js';

describe('validateNode', () => {
  it('accepts a node with distinct taints', () => {
    const node = {
      metadata: { name: 'node-1' },
      spec: {
        taints: [
          { key: 'a', effect: 'NoSchedule' },
          { key: 'a', effect: 'NoExecute' },
        ],
      },
    };
    expect(validateNode(node)).toEqual([]);
  });

  it('rejects a namespace on a node', () => {
    expect(validateNode({ metadata: { name: 'n', namespace: 'default' } }).map(formatFieldError)).toEqual([
      'metadata.namespace: Forbidden: not allowed on this type',
    ]);
  });

  it('rejects an unknown taint effect and a missing one', () => {
    const node = {
      metadata: { name: 'n' },
      spec: {
        taints: [
          { key: 'a', effect: 'NoAdmit' },
          { key: 'b', effect: '' },
        ],
      },
    };
    expect(validateNode(node).map(formatFieldError)).toEqual([
      'spec.taints[0].effect: Unsupported value: "NoAdmit": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      'spec.taints[1].effect: Required value',
    ]);
  });

  it('rejects a taint key that is not a qualified name', () => {
    const errs = validateNode({
      metadata: { name: 'n' },
      spec: { taints: [{ key: 'a/b/c', effect: 'NoSchedule' }] },
    });
    expect(errs.map(formatFieldError)).toEqual([
      `spec.taints[0].key: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ]);
  });

  it('rejects taints that repeat a key and effect pair', () => {
    const node = {
      metadata: { name: 'n' },
      spec: {
        taints: [
          { key: 'a', value: '1', effect: 'NoSchedule' },
          { key: 'a', value: '2', effect: 'NoSchedule' },
        ],
      },
    };
    expect(validateNode(node).map(formatFieldError)).toEqual([
      'spec.taints[1]: Duplicate value: core.Taint{Key:"a", Value:"2", Effect:"NoSchedule", TimeAdded:<nil>}: taints must be unique by key and effect pair',
    ]);
  });

  it('throws with the Node kind and no group', () => {
    expect(() => assertValidNode({ metadata: { name: 'Bad' } })).toThrow(
      /^Node "Bad" is invalid: metadata\.name: Invalid value: "Bad": a lowercase RFC 1123 subdomain/,
    );
  });
});

describe('validateObjectMetaName', () => {
  it('rejects names longer than 253 characters', () => {
    expect(validateObjectMetaName('a'.repeat(254), 'metadata.name').map((e) => e.detail)).toEqual([
      'must be no more than 253 bytes',
    ]);
  });
});
