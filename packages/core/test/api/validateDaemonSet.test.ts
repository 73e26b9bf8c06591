import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type * as apps from 'kubernetes-types/apps/v1.js';
import { SimulationError } from '../../src/errors.js';
import {
  assertValidDaemonSet,
  assertValidDaemonSetUpdate,
  formatInvalidError,
  validateDaemonSet,
  validateDaemonSetStatusUpdate,
  validateDaemonSetUpdate,
} from '../../src/api/validateDaemonSet.js';
import { formatFieldError } from '../../src/api/fieldError.js';

const validSelector = { a: 'b' };

function validSpec(): apps.DaemonSetSpec {
  return {
    selector: { matchLabels: { ...validSelector } },
    template: {
      metadata: { labels: { ...validSelector } },
      spec: {
        containers: [
          { name: 'abc', image: 'image', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' },
        ],
      },
    },
    updateStrategy: { type: 'OnDelete' },
  };
}

function ds(spec: apps.DaemonSetSpec = validSpec(), name = 'abc') {
  return { metadata: { name, namespace: 'default' }, spec };
}

function messages(input: Parameters<typeof validateDaemonSet>[0]): string[] {
  return validateDaemonSet(input).map(formatFieldError);
}

describe('validateDaemonSet', () => {
  it('accepts the upstream success cases', () => {
    expect(validateDaemonSet(ds())).toEqual([]);
    expect(validateDaemonSet(ds(validSpec(), 'abc-123'))).toEqual([]);
    const hostNet = validSpec();
    hostNet.template.spec = {
      hostNetwork: true,
      containers: [{ name: 'abc', image: 'image', ports: [{ containerPort: 12345, protocol: 'TCP' }] }],
    };
    expect(validateDaemonSet(ds(hostNet, 'hostnet'))).toEqual([]);
  });

  it('requires a name', () => {
    expect(messages(ds(validSpec(), ''))).toEqual([
      'metadata.name: Required value: name or generateName is required',
    ]);
  });

  it('requires a namespace', () => {
    expect(messages({ metadata: { name: 'abc-123' }, spec: validSpec() })).toEqual([
      'metadata.namespace: Required value',
    ]);
  });

  it('rejects a name that is not a DNS subdomain with the upstream wording', () => {
    expect(messages(ds(validSpec(), 'Bad_Name'))).toEqual([
      `metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ]);
  });

  it('rejects a selector that does not match the template labels', () => {
    const spec = validSpec();
    spec.selector = { matchLabels: { foo: 'bar' } };
    expect(messages(ds(spec))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"a":"b"}: `selector` does not match template `labels`',
    ]);
  });

  it('rejects an empty selector', () => {
    const spec = validSpec();
    spec.selector = {};
    expect(messages(ds(spec))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset',
    ]);
  });

  it('requires a selector and reports that nothing matches the template labels', () => {
    const spec = validSpec() as Partial<apps.DaemonSetSpec>;
    delete spec.selector;
    expect(messages(ds(spec as apps.DaemonSetSpec))).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"a":"b"}: `selector` does not match template `labels`',
    ]);
  });

  it('matches selectors with expressions', () => {
    const spec = validSpec();
    spec.selector = {
      matchExpressions: [
        { key: 'a', operator: 'In', values: ['b', 'c'] },
        { key: 'x', operator: 'DoesNotExist' },
      ],
    };
    expect(validateDaemonSet(ds(spec))).toEqual([]);
    spec.selector = { matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['b'] }] };
    expect(messages(ds(spec))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"a":"b"}: `selector` does not match template `labels`',
    ]);
  });

  it('rejects an invalid selector operator without also reporting a mismatch', () => {
    const spec = validSpec();
    spec.selector = { matchExpressions: [{ key: 'a', operator: 'Near', values: ['b'] }] };
    expect(messages(ds(spec))).toEqual([
      'spec.selector.matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator',
    ]);
  });

  it('requires at least one container in the template', () => {
    const spec = validSpec();
    spec.template = { metadata: { labels: { ...validSelector } } };
    expect(messages(ds(spec))).toEqual(['spec.template.spec.containers: Required value']);
  });

  it('rejects invalid and duplicate container names and a missing image', () => {
    const spec = validSpec();
    spec.template.spec = {
      containers: [{ name: 'abc', image: 'x' }, { name: 'abc' }, { name: 'Bad', image: 'y' }],
    };
    expect(messages(ds(spec))).toEqual([
      'spec.template.spec.containers[1].name: Duplicate value: "abc"',
      'spec.template.spec.containers[1].image: Required value',
      `spec.template.spec.containers[2].name: Invalid value: "Bad": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ]);
  });

  it('rejects a label key with an equals sign on the object and on the template', () => {
    const input = {
      metadata: {
        name: 'abc-123',
        namespace: 'default',
        labels: { 'NoUppercaseOrSpecialCharsLike=Equals': 'bar' },
      },
      spec: validSpec(),
    };
    const msgs = messages(input);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(
      /^metadata\.labels: Invalid value: "NoUppercaseOrSpecialCharsLike=Equals": name part must consist of alphanumeric characters/,
    );
  });

  it('rejects an annotation key that is not a qualified name', () => {
    const input = {
      metadata: {
        name: 'abc-123',
        namespace: 'default',
        annotations: { 'NoUppercaseOrSpecialCharsLike=Equals': 'bar' },
      },
      spec: validSpec(),
    };
    expect(messages(input)[0]).toMatch(
      /^metadata\.annotations: Invalid value: "NoUppercaseOrSpecialCharsLike=Equals"/,
    );
  });

  it('rejects restart policies other than Always', () => {
    for (const policy of ['OnFailure', 'Never']) {
      const spec = validSpec();
      spec.template.spec = { ...spec.template.spec!, restartPolicy: policy };
      expect(messages(ds(spec))).toEqual([
        `spec.template.spec.restartPolicy: Unsupported value: "${policy}": supported values: "Always"`,
      ]);
    }
  });

  it('forbids activeDeadlineSeconds', () => {
    const spec = validSpec();
    spec.template.spec = { ...spec.template.spec!, activeDeadlineSeconds: 10 };
    expect(messages(ds(spec))).toEqual([
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported',
    ]);
  });

  it('rejects negative minReadySeconds and revisionHistoryLimit but allows a limit of 0', () => {
    const spec = { ...validSpec(), minReadySeconds: -1, revisionHistoryLimit: -2 };
    expect(messages(ds(spec))).toEqual([
      'spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0',
    ]);
    expect(validateDaemonSet(ds({ ...validSpec(), revisionHistoryLimit: 0 }))).toEqual([]);
  });

  it('rejects an unknown update strategy type', () => {
    const spec = { ...validSpec(), updateStrategy: { type: 'Recreate' } };
    expect(messages(ds(spec))).toEqual([
      'spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Recreate", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"',
    ]);
  });

  it('accepts a defaulted rolling update and a surge-only rolling update', () => {
    expect(validateDaemonSet(ds({ ...validSpec(), updateStrategy: { type: 'RollingUpdate' } }))).toEqual([]);
    expect(
      validateDaemonSet(
        ds({
          ...validSpec(),
          updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
        }),
      ),
    ).toEqual([]);
  });

  it('rejects maxSurge when maxUnavailable is non-zero', () => {
    const spec = {
      ...validSpec(),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
    };
    expect(messages(ds(spec))).toEqual([
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero',
    ]);
  });

  it('rejects a rolling update where both maxUnavailable and maxSurge are 0', () => {
    const spec = {
      ...validSpec(),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '0%', maxUnavailable: 0 } },
    };
    expect(messages(ds(spec))).toEqual([
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    ]);
  });

  it('rejects malformed, negative and over-100% rolling update values', () => {
    const spec = {
      ...validSpec(),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '20Percent', maxSurge: -1 } },
    };
    expect(messages(ds(spec))).toEqual([
      "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 20Percent: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0',
    ]);
    const over = {
      ...validSpec(),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '110%' } },
    };
    expect(messages(ds(over))).toEqual([
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 110%: must not be greater than 100%',
    ]);
  });

  it('rejects invalid tolerations and node selector values', () => {
    const spec = validSpec();
    spec.template.spec = {
      ...spec.template.spec!,
      nodeSelector: { zone: 'bad value' },
      tolerations: [
        { operator: 'Equal', value: 'x' },
        { key: 'k', operator: 'Gt' },
        { key: 'k', operator: 'Exists', effect: 'Sometimes' },
        { key: 'k', operator: 'Exists', value: 'v' },
      ],
    };
    const msgs = messages(ds(spec));
    expect(msgs[0]).toMatch(
      /^spec\.template\.spec\.nodeSelector: Invalid value: "bad value": a valid label must be an empty string/,
    );
    expect(msgs.slice(1)).toEqual([
      'spec.template.spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      'spec.template.spec.tolerations[1].operator: Unsupported value: "Gt": supported values: "Equal", "Exists"',
      'spec.template.spec.tolerations[2].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      'spec.template.spec.tolerations[3].operator: Invalid value: core.Toleration{Key:"k", Operator:"Exists", Value:"v", Effect:"", TolerationSeconds:(*int64)(nil)}: value must be empty when `operator` is \'Exists\'',
    ]);
  });

  it('does not change its input', () => {
    const input = ds({ ...validSpec(), updateStrategy: { type: 'RollingUpdate' } });
    const before = structuredClone(input);
    validateDaemonSet(input);
    expect(input).toEqual(before);
  });
});

describe('validateDaemonSetUpdate', () => {
  it('accepts a template change', () => {
    const next = validSpec();
    next.template.spec!.containers[0]!.image = 'image:v2';
    expect(validateDaemonSetUpdate(ds(next), ds())).toEqual([]);
  });

  it('rejects a changed selector as immutable', () => {
    const next = validSpec();
    next.selector = { matchLabels: { a: 'b', c: 'd' } };
    next.template.metadata!.labels = { a: 'b', c: 'd' };
    expect(validateDaemonSetUpdate(ds(next), ds()).map(formatFieldError)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b", "c":"d"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it('rejects a renamed object and an invalid new spec', () => {
    const next = { ...validSpec(), updateStrategy: { type: 'Never' } };
    expect(validateDaemonSetUpdate(ds(next, 'other'), ds()).map((e) => e.field)).toEqual([
      'metadata.name',
      'spec.updateStrategy',
    ]);
  });

  it('rejects a decremented collisionCount and negative counters in a status write', () => {
    const status = {
      currentNumberScheduled: 0,
      desiredNumberScheduled: -1,
      numberMisscheduled: 0,
      numberReady: 0,
      collisionCount: 1,
    };
    expect(
      validateDaemonSetStatusUpdate(status, { ...status, desiredNumberScheduled: 0, collisionCount: 2 }).map(
        formatFieldError,
      ),
    ).toEqual([
      'status.desiredNumberScheduled: Invalid value: -1: must be greater than or equal to 0',
      'status.collisionCount: Invalid value: 1: cannot be decremented',
    ]);
  });
});

describe('formatInvalidError and the assert functions', () => {
  it('formats one cause without brackets and several inside brackets, dropping duplicates', () => {
    const one = [{ type: 'FieldValueRequired' as const, field: 'spec.selector', badValue: '', detail: '' }];
    expect(formatInvalidError('DaemonSet', 'apps', 'foo', one)).toBe(
      'DaemonSet.apps "foo" is invalid: spec.selector: Required value',
    );
    const two = [
      ...one,
      { type: 'FieldValueForbidden' as const, field: 'spec.x', badValue: '', detail: 'no' },
      ...one,
    ];
    expect(formatInvalidError('Node', '', 'n1', two)).toBe(
      'Node "n1" is invalid: [spec.selector: Required value, spec.x: Forbidden: no]',
    );
  });

  it('throws an Invalid SimulationError with the causes and the first field as path', () => {
    const spec = validSpec();
    spec.selector = { matchLabels: { foo: 'bar' } };
    let caught: unknown;
    try {
      assertValidDaemonSet(ds(spec, 'foo'));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SimulationError);
    const err = caught as SimulationError;
    expect(err.code).toBe('Invalid');
    expect(err.path).toBe('spec.template.metadata.labels');
    expect(err.causes).toHaveLength(1);
    expect(err.message).toBe(
      'DaemonSet.apps "foo" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"a":"b"}: `selector` does not match template `labels`',
    );
  });

  it('does not throw for valid objects and updates', () => {
    expect(() => assertValidDaemonSet(ds())).not.toThrow();
    expect(() => assertValidDaemonSetUpdate(ds(), ds())).not.toThrow();
  });

  it('accepts any non-negative integer maxUnavailable with a zero maxSurge', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.boolean(), (n, asPercent) => {
        const maxUnavailable = asPercent ? `${Math.min(n, 100)}%` : n;
        return (
          validateDaemonSet(
            ds({
              ...validSpec(),
              updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable, maxSurge: 0 } },
            }),
          ).length === 0
        );
      }),
    );
  });
});
