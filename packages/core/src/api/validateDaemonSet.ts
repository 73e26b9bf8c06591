import type * as apps from 'kubernetes-types/apps/v1.js';
import type * as meta from 'kubernetes-types/meta/v1.js';
import { SimulationError } from '../errors.js';
import type { FieldError } from '../errors.js';
import { canonicalJson } from './canonicalJson.js';
import { defaultDaemonSet } from './defaultDaemonSet.js';
import {
  formatInvalidError,
  forbidden,
  GoValue,
  goQuote,
  intOrStringValue,
  invalid,
  notSupported,
  required,
  stringMapValue,
} from './fieldError.js';
import { isValidPercent } from './stringFormats.js';
import { isValidLabelSelector, labelSelectorMatches } from '../model/labelSelector.js';
import { validateLabelSelector } from './validateLabels.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './validateName.js';
import { validatePodTemplateSpec } from './validatePodSpec.js';

export { formatInvalidError } from './fieldError.js';

/** The parts of a DaemonSet that validation reads. */
export interface DaemonSetInput {
  readonly metadata?: meta.ObjectMeta | undefined;
  readonly spec?: apps.DaemonSetSpec | undefined;
}

const NON_NEGATIVE = 'must be greater than or equal to 0';

/**
 * Errors that make the API server reject a DaemonSet on create: metadata, selector (required,
 * non-empty, valid, matching the template labels), pod template, restart policy `Always`, no
 * `activeDeadlineSeconds`, non-negative `minReadySeconds` / `revisionHistoryLimit`, update strategy.
 * Mirrors `ValidateDaemonSet` / `ValidateDaemonSetSpec` (pkg/apis/apps/validation/validation.go).
 * Deviations: the spec is defaulted first (`SetDefaults_DaemonSet` is idempotent, so a defaulted
 * input is unchanged), because the API server always defaults before it validates; a missing
 * selector adds `spec.selector: Required value` (upstream reports only the label mismatch); pod
 * template validation covers the subset in `validatePodSpec`.
 */
export function validateDaemonSet(ds: DaemonSetInput): FieldError[] {
  const spec = defaultDaemonSet(ds.spec ?? ({} as apps.DaemonSetSpec));
  const errs = validateObjectMeta(ds.metadata, true);
  const selector = spec.selector as meta.LabelSelector | undefined;
  const templateLabels = spec.template?.metadata?.labels;

  if (selector === undefined) errs.push(required('spec.selector'));
  errs.push(...validateLabelSelector(selector, 'spec.selector'));
  // Upstream compares only a selector that converts (`LabelSelectorAsSelector`); nil selects nothing.
  if (
    (selector === undefined || isValidLabelSelector(selector)) &&
    !labelSelectorMatches(selector, templateLabels)
  ) {
    errs.push(
      invalid(
        'spec.template.metadata.labels',
        stringMapValue(templateLabels),
        '`selector` does not match template `labels`',
      ),
    );
  }
  if (
    selector !== undefined &&
    (selector.matchLabels === undefined || Object.keys(selector.matchLabels).length === 0) &&
    (selector.matchExpressions ?? []).length === 0
  ) {
    errs.push(
      invalid('spec.selector', labelSelectorValue(selector), 'empty selector is invalid for daemonset'),
    );
  }

  errs.push(...validatePodTemplateSpec(spec.template, 'spec.template'));
  const podSpec = spec.template?.spec;
  const restartPolicy = podSpec?.restartPolicy ?? '';
  if (restartPolicy !== 'Always')
    errs.push(notSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']));
  if (podSpec?.activeDeadlineSeconds !== undefined) {
    errs.push(
      forbidden(
        'spec.template.spec.activeDeadlineSeconds',
        'activeDeadlineSeconds in DaemonSet is not Supported',
      ),
    );
  }
  errs.push(...nonNegative(spec.minReadySeconds ?? 0, 'spec.minReadySeconds'));
  errs.push(...validateDaemonSetUpdateStrategy(spec.updateStrategy, 'spec.updateStrategy'));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  return errs;
}

/**
 * Errors that make the API server reject a DaemonSet update: everything {@link validateDaemonSet}
 * checks on the new object, plus immutable metadata and an immutable `spec.selector` (apps/v1).
 * Mirrors `daemonSetStrategy.ValidateUpdate` (pkg/registry/apps/daemonset/strategy.go) with
 * `ValidateDaemonSetUpdate` (pkg/apis/apps/validation/validation.go).
 * Deviation: the template-generation checks are left out because the simulator, like the API
 * server's PrepareForUpdate, manages the template generation itself, so they cannot fail.
 */
export function validateDaemonSetUpdate(next: DaemonSetInput, previous: DaemonSetInput): FieldError[] {
  const errs = [...validateObjectMetaUpdate(next.metadata, previous.metadata), ...validateDaemonSet(next)];
  const nextSelector = next.spec?.selector;
  if (canonicalJson(nextSelector ?? null) !== canonicalJson(previous.spec?.selector ?? null)) {
    errs.push(
      invalid(
        'spec.selector',
        nextSelector === undefined ? null : labelSelectorValue(nextSelector),
        'field is immutable',
      ),
    );
  }
  return errs;
}

/**
 * Errors for a DaemonSet status write: every counter non-negative, `collisionCount` never decremented.
 * Mirrors `ValidateDaemonSetStatusUpdate` (pkg/apis/apps/validation/validation.go).
 * Deviation: metadata immutability is left to the caller ({@link validateDaemonSetUpdate} covers it).
 */
export function validateDaemonSetStatusUpdate(
  next: apps.DaemonSetStatus,
  previous: apps.DaemonSetStatus | undefined,
): FieldError[] {
  const errs: FieldError[] = [];
  const counters = [
    'currentNumberScheduled',
    'numberMisscheduled',
    'desiredNumberScheduled',
    'numberReady',
    'observedGeneration',
    'updatedNumberScheduled',
    'numberAvailable',
    'numberUnavailable',
    'collisionCount',
  ] as const;
  for (const key of counters) errs.push(...nonNegative(next[key], `status.${key}`));
  const before = previous?.collisionCount;
  if (before !== undefined && (next.collisionCount === undefined || next.collisionCount < before)) {
    errs.push(invalid('status.collisionCount', next.collisionCount ?? 0, 'cannot be decremented'));
  }
  return errs;
}

/**
 * Errors for the update strategy: type RollingUpdate (with its parameters) or OnDelete.
 * Mirrors `ValidateDaemonSetUpdateStrategy` (pkg/apis/apps/validation/validation.go), which reports
 * an unknown type on `spec.updateStrategy` with the whole strategy as the bad value.
 */
export function validateDaemonSetUpdateStrategy(
  strategy: apps.DaemonSetUpdateStrategy | undefined,
  path: string,
): FieldError[] {
  const type = strategy?.type ?? '';
  if (type === 'OnDelete') return [];
  if (type === 'RollingUpdate') {
    if (strategy?.rollingUpdate === undefined) return [required(`${path}.rollingUpdate`)];
    return validateRollingUpdateDaemonSet(strategy.rollingUpdate, `${path}.rollingUpdate`);
  }
  return [notSupported(path, updateStrategyValue(strategy ?? {}), ['RollingUpdate', 'OnDelete'])];
}

/**
 * Errors for `maxUnavailable` / `maxSurge`: each a non-negative integer or a percentage of at most
 * 100%, and exactly one of them non-zero.
 * Mirrors `ValidateRollingUpdateDaemonSet` (pkg/apis/apps/validation/validation.go).
 * Deviation: an absent value counts as 0 (Go's zero `IntOrString`); the simulator validates
 * defaulted objects, where both are set.
 */
export function validateRollingUpdateDaemonSet(
  rollingUpdate: apps.RollingUpdateDaemonSet,
  path: string,
): FieldError[] {
  const maxUnavailable = rollingUpdate.maxUnavailable ?? 0;
  const maxSurge = rollingUpdate.maxSurge ?? 0;
  const errs = [
    ...validatePositiveIntOrPercent(maxUnavailable, `${path}.maxUnavailable`),
    ...validatePositiveIntOrPercent(maxSurge, `${path}.maxSurge`),
    ...isNotMoreThan100Percent(maxUnavailable, `${path}.maxUnavailable`),
    ...isNotMoreThan100Percent(maxSurge, `${path}.maxSurge`),
  ];
  const hasUnavailable = intOrPercentValue(maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(maxSurge) !== 0;
  if (hasUnavailable && hasSurge) {
    errs.push(
      invalid(
        `${path}.maxSurge`,
        intOrStringValue(maxSurge),
        'may not be set when maxUnavailable is non-zero',
      ),
    );
  } else if (!hasUnavailable && !hasSurge) {
    errs.push(required(`${path}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  }
  return errs;
}

/**
 * Errors for an int-or-percent field: a percentage string, or a non-negative integer.
 * Mirrors `ValidatePositiveIntOrPercent` (pkg/apis/apps/validation/validation.go).
 */
export function validatePositiveIntOrPercent(value: unknown, path: string): FieldError[] {
  if (typeof value === 'string')
    return isValidPercent(value).map((msg) => invalid(path, intOrStringValue(value), msg));
  if (typeof value === 'number' && Number.isInteger(value)) return nonNegative(value, path);
  // Go decodes only ints and strings into IntOrString; the doubled % is upstream's literal text.
  return [invalid(path, value, "must be an integer or percentage (e.g '5%%')")];
}

function isNotMoreThan100Percent(value: number | string, path: string): FieldError[] {
  const percent = percentValue(value);
  if (percent === undefined || percent <= 100) return [];
  return [invalid(path, intOrStringValue(value), 'must not be greater than 100%')];
}

function percentValue(value: number | string): number | undefined {
  if (typeof value !== 'string' || isValidPercent(value).length > 0) return undefined;
  return Number.parseInt(value.slice(0, -1), 10);
}

// Mirrors getIntOrPercentValue: a non-percent string goes through strconv.Atoi, 0 on failure.
function intOrPercentValue(value: number | string): number {
  const percent = percentValue(value);
  if (percent !== undefined) return percent;
  if (typeof value === 'number') return value;
  return /^[+-]?\d+$/.test(value) ? Number.parseInt(value, 10) : 0;
}

/**
 * Wraps a label selector so that it prints as Go's `%#v` of `metav1.LabelSelector`.
 * Mirrors `fmt`'s `%#v` as used by `field.Error.ErrorBody` (apimachinery/pkg/util/validation/field/errors.go).
 */
export function labelSelectorValue(selector: meta.LabelSelector): GoValue {
  const matchLabels = stringMapValue(selector.matchLabels).text;
  const expressions = selector.matchExpressions;
  const matchExpressions =
    expressions === undefined
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${expressions
          .map((r) => {
            const values =
              r.values === undefined ? '[]string(nil)' : `[]string{${r.values.map(goQuote).join(', ')}}`;
            return `v1.LabelSelectorRequirement{Key:${goQuote(r.key)}, Operator:${goQuote(r.operator)}, Values:${values}}`;
          })
          .join(', ')}}`;
  return new GoValue(
    selector,
    `v1.LabelSelector{MatchLabels:${matchLabels}, MatchExpressions:${matchExpressions}}`,
  );
}

// Go prints a non-nil pointer field as its address, which cannot be reproduced; JSON stands in then.
function updateStrategyValue(strategy: apps.DaemonSetUpdateStrategy): GoValue {
  if (strategy.rollingUpdate !== undefined) return new GoValue(strategy, canonicalJson(strategy));
  return new GoValue(
    strategy,
    `apps.DaemonSetUpdateStrategy{Type:${goQuote(strategy.type ?? '')}, RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}`,
  );
}

function nonNegative(value: number | undefined, path: string): FieldError[] {
  return value !== undefined && value < 0 ? [invalid(path, value, NON_NEGATIVE)] : [];
}

/**
 * Throws the API server's `Invalid` error when {@link validateDaemonSet} finds problems.
 * Mirrors the create path of `genericregistry.Store` (apiserver/pkg/registry/generic/registry/store.go),
 * which turns validation errors into `errors.NewInvalid`.
 */
export function assertValidDaemonSet(ds: DaemonSetInput): void {
  throwIfInvalid(validateDaemonSet(ds), ds.metadata?.name ?? '');
}

/**
 * Throws the API server's `Invalid` error when {@link validateDaemonSetUpdate} finds problems.
 * Mirrors the update path of `genericregistry.Store` (apiserver/pkg/registry/generic/registry/store.go).
 */
export function assertValidDaemonSetUpdate(next: DaemonSetInput, previous: DaemonSetInput): void {
  throwIfInvalid(validateDaemonSetUpdate(next, previous), next.metadata?.name ?? '');
}

function throwIfInvalid(causes: FieldError[], name: string): void {
  if (causes.length === 0) return;
  throw new SimulationError('Invalid', formatInvalidError('DaemonSet', 'apps', name, causes), { causes });
}
