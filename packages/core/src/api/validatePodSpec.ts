import type * as core from 'kubernetes-types/core/v1.js';
import type { FieldError } from '../errors.js';
import { canonicalJson } from './canonicalJson.js';
import { duplicate, GoValue, goQuote, invalid, notSupported, required } from './fieldError.js';
import { isDNS1123Label, isDNS1123Subdomain, isValidLabelValue } from './stringFormats.js';
import { validateAnnotations, validateLabelName, validateLabels } from './validateLabels.js';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
// Go builds these lists from sets and prints them sorted.
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const TOLERATION_OPERATORS = ['Equal', 'Exists'];

/**
 * Errors for a pod template: its labels and annotations, then its pod spec.
 * Mirrors `ValidatePodTemplateSpec` (pkg/apis/core/validation/validation.go).
 * Deviation: validates the subset {@link validatePodSpec} covers.
 */
export function validatePodTemplateSpec(
  template: core.PodTemplateSpec | undefined,
  path: string,
): FieldError[] {
  const t = template ?? {};
  return [
    ...validateLabels(t.metadata?.labels, `${path}.labels`),
    ...validateAnnotations(t.metadata?.annotations, `${path}.annotations`),
    ...validatePodSpec(t.spec, `${path}.spec`),
  ];
}

/**
 * Errors for the parts of a pod spec the simulator acts on: containers (names, images, pull and
 * termination-message policies, ports), restart policy, node selector, node name and tolerations.
 * Mirrors the corresponding parts of `ValidatePodSpec` (pkg/apis/core/validation/validation.go).
 * Deviation: volumes, probes, resources, security contexts, affinity, DNS and the many other
 * fields the simulator ignores are not validated. Values left out are not reported as required,
 * since the simulator validates defaulted objects, where they are set.
 */
export function validatePodSpec(spec: core.PodSpec | undefined, path: string): FieldError[] {
  const s: Partial<core.PodSpec> = spec ?? {};
  const errs: FieldError[] = [];
  const names = new Set<string>();
  errs.push(...validateContainers(s.containers ?? [], `${path}.containers`, names, true));
  if (s.initContainers !== undefined && s.initContainers.length > 0) {
    errs.push(...validateContainers(s.initContainers, `${path}.initContainers`, names, false));
  }
  if (s.restartPolicy !== undefined) {
    if (s.restartPolicy === '') errs.push(required(`${path}.restartPolicy`));
    else if (!RESTART_POLICIES.includes(s.restartPolicy))
      errs.push(notSupported(`${path}.restartPolicy`, s.restartPolicy, RESTART_POLICIES));
  }
  errs.push(...validateLabels(s.nodeSelector, `${path}.nodeSelector`));
  if (s.nodeName !== undefined && s.nodeName !== '') {
    const nodeName = s.nodeName;
    errs.push(...isDNS1123Subdomain(nodeName).map((msg) => invalid(`${path}.nodeName`, nodeName, msg)));
  }
  errs.push(...validateTolerations(s.tolerations ?? [], `${path}.tolerations`));
  // ValidateNonnegativeField with apimachinery's IsNegativeErrorMsg.
  if (s.terminationGracePeriodSeconds !== undefined && s.terminationGracePeriodSeconds < 0)
    errs.push(
      invalid(
        `${path}.terminationGracePeriodSeconds`,
        s.terminationGracePeriodSeconds,
        'must be greater than or equal to 0',
      ),
    );
  return errs;
}

function validateContainers(
  containers: readonly core.Container[],
  path: string,
  names: Set<string>,
  requireOne: boolean,
): FieldError[] {
  if (requireOne && containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  containers.forEach((ctr, i) => {
    const idx = `${path}[${i}]`;
    const name = ctr.name ?? '';
    if (name === '') errs.push(required(`${idx}.name`));
    else errs.push(...isDNS1123Label(name).map((msg) => invalid(`${idx}.name`, name, msg)));
    if (names.has(name)) errs.push(duplicate(`${idx}.name`, name));
    else names.add(name);
    if (ctr.image === undefined || ctr.image === '') errs.push(required(`${idx}.image`));
    errs.push(...validateEnum(ctr.imagePullPolicy, `${idx}.imagePullPolicy`, PULL_POLICIES));
    errs.push(
      ...validateEnum(
        ctr.terminationMessagePolicy,
        `${idx}.terminationMessagePolicy`,
        TERMINATION_MESSAGE_POLICIES,
      ),
    );
    (ctr.ports ?? []).forEach((port, j) => {
      const portPath = `${idx}.ports[${j}]`;
      if (port.containerPort === undefined || port.containerPort === 0)
        errs.push(required(`${portPath}.containerPort`));
      else if (!isPortNumber(port.containerPort))
        errs.push(
          invalid(`${portPath}.containerPort`, port.containerPort, 'must be between 1 and 65535, inclusive'),
        );
      if (port.hostPort !== undefined && port.hostPort !== 0 && !isPortNumber(port.hostPort)) {
        errs.push(invalid(`${portPath}.hostPort`, port.hostPort, 'must be between 1 and 65535, inclusive'));
      }
      errs.push(...validateEnum(port.protocol, `${portPath}.protocol`, PORT_PROTOCOLS));
    });
  });
  return errs;
}

function validateEnum(value: string | undefined, path: string, supported: readonly string[]): FieldError[] {
  if (value === undefined) return [];
  if (value === '') return [required(path)];
  return supported.includes(value) ? [] : [notSupported(path, value, supported)];
}

function isPortNumber(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

/**
 * Errors for tolerations: key syntax, `Exists` when the key is empty, `tolerationSeconds` only with
 * `NoExecute`, operator values and the empty value `Exists` needs, effect values.
 * Mirrors `ValidateTolerations` (pkg/apis/core/validation/validation.go).
 * Deviation: a toleration with `tolerationSeconds` prints as canonical JSON where Go prints a pointer address.
 */
export function validateTolerations(tolerations: readonly core.Toleration[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((t, i) => {
    const idx = `${path}[${i}]`;
    const key = t.key ?? '';
    const operator = t.operator ?? '';
    const value = t.value ?? '';
    const effect = t.effect ?? '';
    if (key.length > 0) errs.push(...validateLabelName(key, `${idx}.key`));
    if (key.length === 0 && operator !== 'Exists') {
      errs.push(
        invalid(
          `${idx}.operator`,
          operator,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (t.tolerationSeconds !== undefined && effect !== 'NoExecute') {
      errs.push(
        invalid(`${idx}.effect`, effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"),
      );
    }
    switch (operator) {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(value);
        if (msgs.length > 0) errs.push(invalid(`${idx}.operator`, value, msgs.join(';')));
        break;
      }
      case 'Exists':
        if (value.length > 0)
          errs.push(
            invalid(`${idx}.operator`, tolerationValue(t), "value must be empty when `operator` is 'Exists'"),
          );
        break;
      default:
        errs.push(notSupported(`${idx}.operator`, operator, TOLERATION_OPERATORS));
    }
    if (effect.length > 0) errs.push(...validateTaintEffect(effect, true, `${idx}.effect`));
  });
  return errs;
}

function tolerationValue(t: core.Toleration): GoValue {
  if (t.tolerationSeconds !== undefined) return new GoValue(t, canonicalJson(t));
  const fields = [
    `Key:${goQuote(t.key ?? '')}`,
    `Operator:${goQuote(t.operator ?? '')}`,
    `Value:${goQuote(t.value ?? '')}`,
    `Effect:${goQuote(t.effect ?? '')}`,
  ];
  return new GoValue(t, `core.Toleration{${fields.join(', ')}, TolerationSeconds:(*int64)(nil)}`);
}

/**
 * Errors for a taint or toleration effect: one of NoSchedule, PreferNoSchedule, NoExecute
 * (empty allowed only for tolerations, where it means "all effects").
 * Mirrors `validateTaintEffect` (pkg/apis/core/validation/validation.go).
 */
export function validateTaintEffect(effect: string, allowEmpty: boolean, path: string): FieldError[] {
  if (!allowEmpty && effect.length === 0) return [required(path)];
  return TAINT_EFFECTS.includes(effect) ? [] : [notSupported(path, effect, TAINT_EFFECTS)];
}
