import { describe, expect, it } from 'vitest';
import { formatLabelSelector, formatLabels } from '../../src/model/labelSelector.js';

describe('formatLabels', () => {
  it('shows <none> for no labels', () => {
    expect(formatLabels(undefined)).toBe('<none>');
    expect(formatLabels({})).toBe('<none>');
  });

  it('joins sorted k=v pairs with commas', () => {
    expect(formatLabels({ zone: 'a', disk: 'ssd' })).toBe('disk=ssd,zone=a');
  });

  it('sorts the rendered pairs, so a dotted key sorts before its prefix as in Go', () => {
    expect(formatLabels({ a: '1', 'a.b': '2' })).toBe('a.b=2,a=1');
  });
});

describe('formatLabelSelector', () => {
  it('shows <none> for a nil or empty selector', () => {
    expect(formatLabelSelector(undefined)).toBe('<none>');
    expect(formatLabelSelector({})).toBe('<none>');
  });

  it('renders matchLabels and every expression operator, sorted by key', () => {
    expect(
      formatLabelSelector({
        matchLabels: { name: 'simple-daemon', type: 'production' },
        matchExpressions: [
          { key: 'tier', operator: 'NotIn', values: ['web', 'cache'] },
          { key: 'env', operator: 'In', values: ['prod', 'dev'] },
          { key: 'gpu', operator: 'Exists' },
          { key: 'arm', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('!arm,env in (dev,prod),gpu,name=simple-daemon,tier notin (cache,web),type=production');
  });

  it('shows <error> for a selector that does not convert', () => {
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toBe(
      '<error>',
    );
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] })).toBe(
      '<error>',
    );
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })).toBe(
      '<error>',
    );
    expect(formatLabelSelector({ matchLabels: { 'bad key!': 'x' } })).toBe('<error>');
  });

  it('accepts prefixed keys', () => {
    expect(formatLabelSelector({ matchLabels: { 'app.kubernetes.io/name': 'agent' } })).toBe(
      'app.kubernetes.io/name=agent',
    );
  });
});
