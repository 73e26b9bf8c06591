import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatQuantity, parseExactQuantity } from '../../src/kubectl/quantityString.js';
import { toJson } from '../../src/kubectl/toJson.js';
import { toYaml } from '../../src/kubectl/toYaml.js';

describe('formatQuantity', () => {
  it('prints quantities in canonical form as Quantity.String does', () => {
    const cases: [string, string][] = [
      ['100m', '100m'],
      ['0.1', '100m'],
      ['1000m', '1'],
      ['1500m', '1500m'],
      ['2000', '2k'],
      ['1500', '1500'],
      ['1Gi', '1Gi'],
      ['1024Mi', '1Gi'],
      ['1536Mi', '1536Mi'],
      ['0.5Ki', '512'],
      ['1e3', '1e3'],
      ['0', '0'],
      ['1n', '1n'],
      ['0.1n', '1n'],
    ];
    for (const [input, expected] of cases) expect(formatQuantity(input), input).toBe(expected);
  });

  it('parses what it prints back to the same value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom('', 'm', 'k', 'Mi', 'Gi', 'e3'),
        (n, suffix) => {
          const q = parseExactQuantity(`${n}${suffix}`);
          if (q === undefined) return false;
          return parseExactQuantity(formatQuantity(q))?.nanos === q.nanos;
        },
      ),
    );
  });
});

describe('toJson', () => {
  it('sorts keys, indents by four spaces and escapes HTML characters as Go does', () => {
    expect(
      toJson({ spec: { b: [], a: {} }, apiVersion: 'v1', kind: 'Pod', metadata: { name: '<none> & co' } }),
    ).toBe(
      '{\n' +
        '    "apiVersion": "v1",\n' +
        '    "kind": "Pod",\n' +
        '    "metadata": {\n' +
        '        "name": "\\u003cnone\\u003e \\u0026 co"\n' +
        '    },\n' +
        '    "spec": {\n' +
        '        "a": {},\n' +
        '        "b": []\n' +
        '    }\n' +
        '}\n',
    );
  });

  it('gives back the same data when parsed', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(toJson(value))).toEqual(JSON.parse(JSON.stringify(value) ?? 'null'));
      }),
    );
  });
});

describe('toYaml', () => {
  it('prints a DaemonSet as kubectl -o yaml does', () => {
    const ds = {
      kind: 'DaemonSet',
      apiVersion: 'apps/v1',
      metadata: {
        name: 'foo',
        namespace: 'default',
        creationTimestamp: '2026-01-01T00:00:00Z',
        generation: 1,
        annotations: { 'deprecated.daemonset.template.generation': '1', note: 'line1\nline2\n' },
      },
      spec: {
        selector: { matchLabels: { app: 'foo' } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'foo' } },
          spec: {
            containers: [
              {
                name: 'foo',
                image: 'foo:1',
                args: ['--port', '8080', ''],
                ports: [{ containerPort: 80, protocol: 'TCP' }],
              },
            ],
            tolerations: [],
          },
        },
      },
      status: {},
    };
    expect(toYaml(ds)).toBe(
      [
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata:',
        '  annotations:',
        '    deprecated.daemonset.template.generation: "1"',
        '    note: |',
        '      line1',
        '      line2',
        '  creationTimestamp: "2026-01-01T00:00:00Z"',
        '  generation: 1',
        '  name: foo',
        '  namespace: default',
        'spec:',
        '  selector:',
        '    matchLabels:',
        '      app: foo',
        '  template:',
        '    metadata:',
        '      creationTimestamp: null',
        '      labels:',
        '        app: foo',
        '    spec:',
        '      containers:',
        '      - args:',
        '        - --port',
        '        - "8080"',
        '        - ""',
        '        image: foo:1',
        '        name: foo',
        '        ports:',
        '        - containerPort: 80',
        '          protocol: TCP',
        '      tolerations: []',
        'status: {}',
        '',
      ].join('\n'),
    );
  });

  it('quotes strings YAML would read as something else or that plain style cannot hold', () => {
    expect(
      toYaml({
        a: 'true',
        b: 'yes',
        c: '1.5',
        d: '- x',
        e: 'a: b',
        f: ' lead',
        g: 'tab\there',
        h: "it's",
        i: '~',
      }),
    ).toBe(
      'a: "true"\nb: "yes"\nc: "1.5"\nd: \'- x\'\ne: \'a: b\'\nf: \' lead\'\ng: "tab\\there"\nh: it\'s\ni: "~"\n',
    );
  });
});
