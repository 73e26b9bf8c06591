// The hostile inputs of issue 8, as mutations of one valid DaemonSet manifest, each with the
// answer upstream gives. Shared by the library, scenario YAML and HTTP suites.

/** A valid DaemonSet manifest, fresh on every call. */
export function validDaemonSet(): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'hostile', namespace: 'default', labels: { app: 'hostile' } },
    spec: {
      selector: { matchLabels: { app: 'hostile' } },
      template: {
        metadata: { labels: { app: 'hostile' } },
        spec: {
          containers: [{ name: 'c', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }],
          tolerations: [{ operator: 'Exists' }],
        },
      },
    },
  };
}

/** One hostile input: where it goes, what it is, and upstream's answer. */
export interface HostileCase {
  readonly name: string;
  /** Dotted path into the manifest (`spec.template.spec.containers.0.image`); the last key is set. */
  readonly path: string;
  readonly value: unknown;
  /** `BadRequest` (400 at decode) or `Invalid` (422 at validation). */
  readonly code: 'BadRequest' | 'Invalid';
  /** The error's message, exactly. */
  readonly message: string;
  /** Only where a value survives JSON (not a function, cycle or NaN). */
  readonly json?: boolean;
}

const HANDLED = 'DaemonSet in version "v1" cannot be handled as a DaemonSet: ';
const decode = (field: string, struct: string, value: string, type: string): string =>
  `${HANDLED}json: cannot unmarshal ${value} into Go struct field ${struct}.${field} of type ${type}`;
const PODSPEC = 'spec.template.spec';
const C0 = `${PODSPEC}.containers.0`;

/** Every DaemonSet case of the issue, plus the neighbours a student meets next. */
export const DAEMONSET_CASES: readonly HostileCase[] = [
  {
    name: 'a number as the name',
    path: 'metadata.name',
    value: 42,
    code: 'BadRequest',
    message: decode('metadata.name', 'ObjectMeta', 'number', 'string'),
  },
  {
    name: 'a number as the namespace',
    path: 'metadata.namespace',
    value: 7,
    code: 'BadRequest',
    message: decode('metadata.namespace', 'ObjectMeta', 'number', 'string'),
  },
  {
    name: 'a number as a label value',
    path: 'metadata.labels.app',
    value: 1,
    code: 'BadRequest',
    message: decode('metadata.labels', 'ObjectMeta', 'number', 'string'),
  },
  {
    name: 'matchLabels {app: 1} (the hang)',
    path: 'spec.selector.matchLabels.app',
    value: 1,
    code: 'BadRequest',
    message: decode('spec.selector.matchLabels', 'LabelSelector', 'number', 'string'),
  },
  {
    name: 'a number as a template label value',
    path: 'spec.template.metadata.labels.app',
    value: 1,
    code: 'BadRequest',
    message: decode('spec.template.metadata.labels', 'ObjectMeta', 'number', 'string'),
  },
  {
    name: 'minReadySeconds: "x"',
    path: 'spec.minReadySeconds',
    value: 'x',
    code: 'BadRequest',
    message: decode('spec.minReadySeconds', 'DaemonSetSpec', 'string', 'int32'),
  },
  {
    name: 'revisionHistoryLimit: "x"',
    path: 'spec.revisionHistoryLimit',
    value: 'x',
    code: 'BadRequest',
    message: decode('spec.revisionHistoryLimit', 'DaemonSetSpec', 'string', 'int32'),
  },
  {
    name: 'minReadySeconds past int32',
    path: 'spec.minReadySeconds',
    value: 2 ** 31,
    code: 'BadRequest',
    message: decode('spec.minReadySeconds', 'DaemonSetSpec', 'number 2147483648', 'int32'),
  },
  {
    name: 'minReadySeconds: 1.5',
    path: 'spec.minReadySeconds',
    value: 1.5,
    code: 'BadRequest',
    message: decode('spec.minReadySeconds', 'DaemonSetSpec', 'number 1.5', 'int32'),
  },
  {
    name: 'terminationGracePeriodSeconds: -5',
    path: `${PODSPEC}.terminationGracePeriodSeconds`,
    value: -5,
    code: 'Invalid',
    message: `DaemonSet.apps "hostile" is invalid: ${PODSPEC}.terminationGracePeriodSeconds: Invalid value: -5: must be greater than or equal to 0`,
  },
  {
    name: 'terminationGracePeriodSeconds: "x" (the 500)',
    path: `${PODSPEC}.terminationGracePeriodSeconds`,
    value: 'x',
    code: 'BadRequest',
    message: decode(`${PODSPEC}.terminationGracePeriodSeconds`, 'PodSpec', 'string', 'int64'),
  },
  {
    name: 'maxUnavailable: 1e300',
    path: 'spec.updateStrategy',
    value: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1e300 } },
    code: 'BadRequest',
    message: decode(
      'spec.updateStrategy.rollingUpdate.maxUnavailable',
      'RollingUpdateDaemonSet',
      'number 1e+300',
      'int32',
    ),
  },
  {
    name: 'maxSurge: {}',
    path: 'spec.updateStrategy',
    value: { type: 'RollingUpdate', rollingUpdate: { maxSurge: {} } },
    code: 'BadRequest',
    message: decode(
      'spec.updateStrategy.rollingUpdate.maxSurge',
      'RollingUpdateDaemonSet',
      'object',
      'int32',
    ),
  },
  {
    name: 'updateStrategy.type: 5',
    path: 'spec.updateStrategy',
    value: { type: 5 },
    code: 'BadRequest',
    message: decode('spec.updateStrategy.type', 'DaemonSetUpdateStrategy', 'number', 'string'),
  },
  {
    name: 'nodeSelector: ["x"]',
    path: `${PODSPEC}.nodeSelector`,
    value: ['x'],
    code: 'BadRequest',
    message: decode(`${PODSPEC}.nodeSelector`, 'PodSpec', 'array', 'map[string]string'),
  },
  {
    name: 'image: ["a"]',
    path: `${C0}.image`,
    value: ['a'],
    code: 'BadRequest',
    message: decode(`${PODSPEC}.containers.image`, 'Container', 'array', 'string'),
  },
  {
    name: 'image: 42',
    path: `${C0}.image`,
    value: 42,
    code: 'BadRequest',
    message: decode(`${PODSPEC}.containers.image`, 'Container', 'number', 'string'),
  },
  {
    name: 'a container name of true',
    path: `${C0}.name`,
    value: true,
    code: 'BadRequest',
    message: decode(`${PODSPEC}.containers.name`, 'Container', 'bool', 'string'),
  },
  {
    name: 'containers: {}',
    path: `${PODSPEC}.containers`,
    value: {},
    code: 'BadRequest',
    message: decode(`${PODSPEC}.containers`, 'PodSpec', 'object', '[]v1.Container'),
  },
  {
    name: 'tolerations: {}',
    path: `${PODSPEC}.tolerations`,
    value: {},
    code: 'BadRequest',
    message: decode(`${PODSPEC}.tolerations`, 'PodSpec', 'object', '[]v1.Toleration'),
  },
  {
    name: 'ports: {}',
    path: `${C0}.ports`,
    value: {},
    code: 'BadRequest',
    message: decode(`${PODSPEC}.containers.ports`, 'Container', 'object', '[]v1.ContainerPort'),
  },
  {
    name: 'containerPort: "80"',
    path: `${C0}.ports`,
    value: [{ containerPort: '80' }],
    code: 'BadRequest',
    message: decode(`${PODSPEC}.containers.ports.containerPort`, 'ContainerPort', 'string', 'int32'),
  },
  {
    name: 'hostNetwork: "yes"',
    path: `${PODSPEC}.hostNetwork`,
    value: 'yes',
    code: 'BadRequest',
    message: decode(`${PODSPEC}.hostNetwork`, 'PodSpec', 'string', 'bool'),
  },
  {
    name: 'a cpu limit of garbage',
    path: `${C0}.resources`,
    value: { limits: { cpu: 'garbage' } },
    code: 'BadRequest',
    message: `${HANDLED}quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
  },
  {
    name: 'a memory request of true',
    path: `${C0}.resources`,
    value: { requests: { memory: true } },
    code: 'BadRequest',
    message: `${HANDLED}quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
  },
  {
    name: 'spec: "x"',
    path: 'spec',
    value: 'x',
    code: 'BadRequest',
    message: decode('spec', 'DaemonSet', 'string', 'v1.DaemonSetSpec'),
  },
  {
    name: 'labels: "x"',
    path: 'metadata.labels',
    value: 'x',
    code: 'BadRequest',
    message: decode('metadata.labels', 'ObjectMeta', 'string', 'map[string]string'),
  },
  {
    name: 'matchExpressions: {}',
    path: 'spec.selector.matchExpressions',
    value: {},
    code: 'BadRequest',
    message: decode(
      'spec.selector.matchExpressions',
      'LabelSelector',
      'object',
      '[]v1.LabelSelectorRequirement',
    ),
  },
  {
    name: 'a deletionTimestamp that is no time',
    path: 'metadata.deletionTimestamp',
    value: 'soon',
    code: 'BadRequest',
    message: `${HANDLED}parsing time "soon" as "2006-01-02T15:04:05Z07:00": cannot parse "soon" as "2006"`,
  },
  {
    name: 'the unknown field imagee',
    path: `${C0}.imagee`,
    value: 'x',
    code: 'BadRequest',
    message: `${HANDLED}strict decoding error: unknown field "spec.template.spec.containers[0].imagee"`,
  },
  {
    name: 'two unknown fields',
    path: 'spec.template.spec.nodeSelectr',
    value: { a: 'b' },
    code: 'BadRequest',
    message: `${HANDLED}strict decoding error: unknown field "spec.template.spec.nodeSelectr"`,
  },
  {
    name: 'a selector key of 300 characters',
    path: 'spec.selector.matchLabels',
    value: { [`${'k'.repeat(300)}`]: 'v' },
    code: 'Invalid',
    message: `DaemonSet.apps "hostile" is invalid: spec.selector.matchLabels: Invalid value: "${'k'.repeat(300)}": name part must be no more than 63 bytes`,
  },
];

/** Sets `value` at the dotted `path` of `manifest` (numeric segments index arrays). */
export function setAt(
  manifest: Record<string, unknown>,
  path: string,
  value: unknown,
): Record<string, unknown> {
  const keys = path.split('.');
  let target = manifest as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    let next = target[key];
    if (next === undefined || next === null || typeof next !== 'object') {
      next = {};
      target[key] = next;
    }
    target = next as Record<string, unknown>;
  }
  target[keys[keys.length - 1]!] = value;
  return manifest;
}

/** The manifest of one case. */
export function hostileManifest(c: HostileCase): Record<string, unknown> {
  return setAt(validDaemonSet(), c.path, c.value);
}
