import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import {
  formatLabelSelector,
  formatLabels,
  isEmptyLabelSelector,
  isValidLabelKey,
  isValidLabelSelector,
  isValidLabelValue,
  labelSelectorFromLabels,
  labelSelectorMatches,
} from '../../src/model/labelSelector.js';

const labelName = fc.stringMatching(/^[a-z0-9]([a-z0-9.-]{0,8}[a-z0-9])?$/);
const labelMap = fc.dictionary(labelName, labelName, { maxKeys: 6 });

describe('labelSelectorMatches', () => {
  it('an undefined selector matches nothing', () => {
    expect(labelSelectorMatches(undefined, { a: 'b' })).toBe(false);
    expect(labelSelectorMatches(undefined, undefined)).toBe(false);
  });

  it('an empty selector matches everything, even an object without labels', () => {
    expect(labelSelectorMatches({}, { a: 'b' })).toBe(true);
    expect(labelSelectorMatches({ matchLabels: {}, matchExpressions: [] }, undefined)).toBe(true);
  });

  it('matchLabels needs every label with exactly that value', () => {
    const selector = { matchLabels: { app: 'web', tier: 'fe' } };
    expect(labelSelectorMatches(selector, { app: 'web', tier: 'fe', extra: 'x' })).toBe(true);
    expect(labelSelectorMatches(selector, { app: 'web' })).toBe(false);
    expect(labelSelectorMatches(selector, { app: 'web', tier: 'be' })).toBe(false);
  });

  it.each([
    ['In', ['a', 'b'], { k: 'a' }, true],
    ['In', ['a', 'b'], { k: 'c' }, false],
    ['In', ['a'], {}, false],
    ['NotIn', ['a', 'b'], { k: 'c' }, true],
    ['NotIn', ['a', 'b'], { k: 'a' }, false],
    ['NotIn', ['a'], {}, true],
    ['Exists', undefined, { k: '' }, true],
    ['Exists', undefined, {}, false],
    ['DoesNotExist', undefined, {}, true],
    ['DoesNotExist', undefined, { k: 'x' }, false],
  ] as const)('operator %s with values %j on labels %j gives %s', (operator, values, labels, want) => {
    const selector: LabelSelector = {
      matchExpressions: [{ key: 'k', operator, ...(values ? { values: [...values] } : {}) }],
    };
    expect(labelSelectorMatches(selector, labels)).toBe(want);
  });

  it('matchLabels and matchExpressions must both hold', () => {
    const selector: LabelSelector = {
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }],
    };
    expect(labelSelectorMatches(selector, { app: 'web', env: 'prod' })).toBe(true);
    expect(labelSelectorMatches(selector, { app: 'web', env: 'dev' })).toBe(false);
    expect(labelSelectorMatches(selector, { app: 'db', env: 'prod' })).toBe(false);
  });

  it.each([
    ['an unknown operator', { key: 'k', operator: 'Gt', values: ['1'] }],
    ['In without values', { key: 'k', operator: 'In', values: [] }],
    ['NotIn without values', { key: 'k', operator: 'NotIn' }],
    ['Exists with values', { key: 'k', operator: 'Exists', values: ['a'] }],
    ['an invalid key', { key: 'bad key', operator: 'Exists' }],
    ['an invalid value', { key: 'k', operator: 'NotIn', values: ['invalid value: ___@#$%^'] }],
  ])('a selector with %s matches nothing', (_name, requirement) => {
    const selector: LabelSelector = { matchExpressions: [requirement] };
    expect(isValidLabelSelector(selector)).toBe(false);
    expect(labelSelectorMatches(selector, { k: 'a' })).toBe(false);
    expect(labelSelectorMatches(selector, {})).toBe(false);
  });

  it('an invalid expression makes the selector match nothing even after a failing one', () => {
    const selector: LabelSelector = {
      matchExpressions: [
        { key: 'k', operator: 'DoesNotExist' },
        { key: 'k', operator: 'Bogus' },
      ],
    };
    expect(labelSelectorMatches(selector, {})).toBe(false);
  });

  it('does not mistake Object.prototype members for labels', () => {
    expect(labelSelectorMatches({ matchExpressions: [{ key: 'constructor', operator: 'Exists' }] }, {})).toBe(
      false,
    );
    expect(
      labelSelectorMatches({ matchExpressions: [{ key: 'toString', operator: 'DoesNotExist' }] }, {}),
    ).toBe(true);
  });

  it('a selector built from a label map always matches that map', () => {
    fc.assert(
      fc.property(labelMap, labelMap, (labels, extra) =>
        labelSelectorMatches(labelSelectorFromLabels(labels), { ...extra, ...labels }),
      ),
    );
  });

  it('a DoesNotExist and an Exists on the same key never both match', () => {
    fc.assert(
      fc.property(labelName, labelMap, (key, labels) => {
        const exists = labelSelectorMatches({ matchExpressions: [{ key, operator: 'Exists' }] }, labels);
        const absent = labelSelectorMatches(
          { matchExpressions: [{ key, operator: 'DoesNotExist' }] },
          labels,
        );
        return exists !== absent;
      }),
    );
  });
});

describe('label key and value validation', () => {
  it.each(['a', 'app', 'kubernetes.io/hostname', 'a-b_c.d', 'A1'])('%s is a valid key', (key) => {
    expect(isValidLabelKey(key)).toBe(true);
  });
  it.each(['', '-a', 'a-', 'bad key', '/a', 'a/', 'a/b/c', 'UPPER.io/a', 'x'.repeat(64)])(
    '%j is not a valid key',
    (key) => {
      expect(isValidLabelKey(key)).toBe(false);
    },
  );
  it('accepts an empty value and rejects one longer than 63 characters', () => {
    expect(isValidLabelValue('')).toBe(true);
    expect(isValidLabelValue('x'.repeat(63))).toBe(true);
    expect(isValidLabelValue('x'.repeat(64))).toBe(false);
  });
});

describe('isEmptyLabelSelector', () => {
  it('is true without matchLabels and matchExpressions', () => {
    expect(isEmptyLabelSelector({})).toBe(true);
    expect(isEmptyLabelSelector({ matchLabels: {}, matchExpressions: [] })).toBe(true);
  });
  it('is false for an undefined selector, which selects nothing rather than everything', () => {
    expect(isEmptyLabelSelector(undefined)).toBe(false);
  });
  it('is false when any requirement is present', () => {
    expect(isEmptyLabelSelector({ matchLabels: { a: 'b' } })).toBe(false);
    expect(isEmptyLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists' }] })).toBe(false);
  });
});

describe('formatLabelSelector', () => {
  it.each<[LabelSelector | undefined, string]>([
    [undefined, '<none>'],
    [{}, '<none>'],
    [{ matchLabels: { foo: 'bar' } }, 'foo=bar'],
    [{ matchLabels: { b: '2', a: '1' } }, 'a=1,b=2'],
    [{ matchExpressions: [{ key: 'foo', operator: 'In', values: ['baz', 'bar'] }] }, 'foo in (bar,baz)'],
    [{ matchExpressions: [{ key: 'foo', operator: 'NotIn', values: ['x'] }] }, 'foo notin (x)'],
    [{ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }, 'foo'],
    [{ matchExpressions: [{ key: 'foo', operator: 'DoesNotExist' }] }, '!foo'],
    [
      {
        matchLabels: { z: '1', b: '2' },
        matchExpressions: [
          { key: 'c', operator: 'Exists' },
          { key: 'a', operator: 'DoesNotExist' },
        ],
      },
      '!a,b=2,c,z=1',
    ],
    [{ matchExpressions: [{ key: 'foo', operator: 'Bogus' }] }, '<error>'],
  ])('renders %j as %s', (selector, want) => {
    expect(formatLabelSelector(selector)).toBe(want);
  });

  it('does not reorder the values of the selector it formats', () => {
    const values = ['b', 'a'];
    formatLabelSelector({ matchExpressions: [{ key: 'k', operator: 'In', values }] });
    expect(values).toEqual(['b', 'a']);
  });
});

describe('formatLabels', () => {
  it('prints <none> for no labels', () => {
    expect(formatLabels(undefined)).toBe('<none>');
    expect(formatLabels({})).toBe('<none>');
  });
  it('prints sorted k=v pairs joined by commas', () => {
    expect(formatLabels({ tier: 'fe', app: 'web' })).toBe('app=web,tier=fe');
  });
  it('sorts the k=v strings as upstream does, so a.b=1 precedes a=1', () => {
    expect(formatLabels({ a: '1', 'a.b': '1' })).toBe('a.b=1,a=1');
  });
});
