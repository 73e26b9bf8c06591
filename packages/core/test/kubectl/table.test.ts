import { describe, expect, it } from 'vitest';
import {
  AGE_COLUMN,
  NAME_COLUMN,
  column,
  makeTable,
  noResourcesFound,
  partialObjectMetadata,
  printTable,
  type Table,
} from '../../src/kubectl/table.js';

function sample(): Table {
  return makeTable(
    [NAME_COLUMN, column('Count', 'integer', ''), AGE_COLUMN, column('Extra', 'string', '', 1)],
    [
      {
        cells: ['alpha', 3, '5m', 'wide-a'],
        object: partialObjectMetadata({ name: 'alpha', namespace: 'default', labels: { app: 'a' } }),
      },
      {
        cells: ['beta', 12, '2d', 'line one\nline two'],
        object: partialObjectMetadata({ name: 'beta', namespace: 'kube-system' }),
      },
    ],
  );
}

describe('printTable', () => {
  it('upper-cases headers, prints numbers in decimal and hides priority columns', () => {
    expect(printTable(sample())).toBe('NAME    COUNT   AGE\nalpha   3       5m\nbeta    12      2d\n');
  });

  it('shows priority columns with wide and cuts multi-line cells at the first newline', () => {
    expect(printTable(sample(), { wide: true })).toBe(
      'NAME    COUNT   AGE   EXTRA\nalpha   3       5m    wide-a\nbeta    12      2d    line one...\n',
    );
  });

  it('adds a leading NAMESPACE column with -A, from the given namespaces or the row metadata', () => {
    const expected =
      'NAMESPACE     NAME    COUNT   AGE\ndefault       alpha   3       5m\nkube-system   beta    12      2d\n';
    expect(printTable(sample(), { namespaceColumn: ['default', 'kube-system'] })).toBe(expected);
    expect(printTable(sample(), { withNamespace: true })).toBe(expected);
  });

  it('omits the header line with --no-headers', () => {
    expect(printTable(sample(), { noHeaders: true })).toBe('alpha   3     5m\nbeta    12    2d\n');
  });

  it('appends a LABELS column with --show-labels', () => {
    expect(printTable(sample(), { showLabels: true })).toBe(
      'NAME    COUNT   AGE   LABELS\nalpha   3       5m    app=a\nbeta    12      2d    <none>\n',
    );
  });

  it('prints nothing for an empty table', () => {
    expect(printTable(makeTable([NAME_COLUMN], []))).toBe('');
  });
});

describe('noResourcesFound', () => {
  it('names the namespace, or says nothing more with -A', () => {
    expect(noResourcesFound('default')).toBe('No resources found in default namespace.');
    expect(noResourcesFound()).toBe('No resources found');
  });
});

describe('makeTable', () => {
  it('produces the meta.k8s.io/v1 Table shape with every column field present', () => {
    const table = makeTable([column('Ready', 'string', 'd')], []);
    expect(table).toEqual({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: {},
      columnDefinitions: [{ name: 'Ready', type: 'string', format: '', description: 'd', priority: 0 }],
      rows: [],
    });
  });
});
