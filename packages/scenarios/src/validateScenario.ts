import { SimulationError, toPlainData, validateFaultRules } from '@daemonsim/core';
import { forbiddenField, invalidField, requiredField, unsupportedField } from './fieldErrors.js';
import type { Scenario } from './scenario.js';
import type { Step, StepKind } from './steps.js';
import { DAEMONSET_STATUS_FIELDS, STEP_KINDS } from './steps.js';
import { parseManifests } from './parseManifests.js';
import type { ScenarioLimits } from './scenarioLimits.js';
import { checkScenarioLimits } from './scenarioLimits.js';
import type { Obj } from './fieldChecks.js';
import {
  allowOnly,
  boolean,
  duration,
  integer,
  object,
  oneOf,
  string,
  stringList,
  stringMap,
} from './fieldChecks.js';
import { validateOptions } from './validateOptions.js';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
const PROPAGATION_POLICIES = ['Background', 'Foreground', 'Orphan'] as const;
const POD_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;
const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;
const PRINT_RESOURCES = ['daemonsets', 'pods', 'nodes', 'controllerrevisions'] as const;
const COMMON = ['kind', 'at', 'description'];

/** The fields each step kind accepts besides `kind`, `at` and `description`. */
const STEP_FIELDS: Readonly<Record<StepKind, readonly string[]>> = {
  addNodes: ['names', 'count', 'namePrefix', 'labels', 'taints', 'capacity', 'unschedulable'],
  removeNodes: ['names'],
  labelNode: ['node', 'labels'],
  taintNode: ['node', 'taints'],
  untaintNode: ['node', 'taints'],
  cordon: ['node'],
  uncordon: ['node'],
  failNode: ['node'],
  recoverNode: ['node'],
  setNodeCondition: ['node', 'type', 'status', 'reason', 'message'],
  drain: ['node', 'force'],
  apply: ['manifests'],
  deleteDaemonSet: ['name', 'namespace', 'propagationPolicy'],
  deletePod: ['name', 'namespace'],
  rolloutUndo: ['name', 'namespace', 'toRevision'],
  enableFault: ['rule'],
  disableFault: ['rule'],
  crashController: ['controller', 'afterWrites', 'relist'],
  advance: ['duration'],
  runUntilQuiet: ['limit'],
  expect: ['daemonSet', 'pods'],
  print: ['resource', 'namespace', 'allNamespaces', 'wide'],
};

/**
 * Checks that `value` is a well-formed {@link Scenario} and returns a plain-data copy of it,
 * equal to the input when the input is valid: defaults are applied when the scenario runs, not here.
 * Throws `SimulationError('BadRequest')` for prototype keys and non-JSON data, and
 * `SimulationError('Invalid')` naming the first bad field (`steps[3].kind: Unsupported value: ...`)
 * or the first step past one of `limits` (see {@link ScenarioLimits}).
 * Upstream has no counterpart; the wording is the API server's `field.Error`.
 */
export function validateScenario(value: unknown, limits?: ScenarioLimits): Scenario {
  const plain = toPlainData(value);
  const root = object(plain, '<root>');
  allowOnly(root, '', ['name', 'description', 'seed', 'options', 'faults', 'steps']);
  string(root, 'name', '', true);
  string(root, 'description', '', false);
  const seed = root['seed'];
  if (seed !== undefined && typeof seed !== 'string' && typeof seed !== 'number')
    invalidField('seed', seed, 'must be a string or a number');
  if (root['options'] !== undefined) validateOptions(object(root['options'], 'options'));
  const steps = root['steps'];
  if (steps === undefined) requiredField('steps');
  if (!Array.isArray(steps)) invalidField('steps', steps, 'must be a list of steps');
  steps.forEach((step, i) => validateStep(step, `steps[${i}]`));
  const rules = root['faults'] === undefined ? [] : validateFaultRules(root['faults'], 'faults');
  (steps as Obj[]).forEach((step, i) => {
    if (step['kind'] !== 'enableFault' && step['kind'] !== 'disableFault') return;
    if (!rules.some((r) => r.rule === step['rule']))
      throw new SimulationError(
        'Invalid',
        `steps[${i}].rule: Not found: ${JSON.stringify(step['rule'])}: no rule of that name in faults`,
        { path: `steps[${i}].rule` },
      );
  });
  checkScenarioLimits(steps as Obj[], limits);
  return plain as Scenario;
}

/** Checks one step (see {@link validateScenario}) at `path`, such as `steps[3]`; returns it typed. */
export function validateStep(value: unknown, path: string): Step {
  const step = object(value, path);
  const kind = step['kind'];
  if (kind === undefined) requiredField(`${path}.kind`);
  if (typeof kind !== 'string' || !(STEP_KINDS as readonly string[]).includes(kind))
    unsupportedField(`${path}.kind`, kind, STEP_KINDS);
  const k = kind as StepKind;
  allowOnly(step, path, [...COMMON, ...STEP_FIELDS[k]]);
  if (step['at'] !== undefined) duration(step['at'], `${path}.at`);
  string(step, 'description', path, false);
  switch (k) {
    case 'addNodes': {
      const names = step['names'];
      const count = step['count'];
      if (names === undefined && count === undefined)
        requiredField(`${path}.names`, 'one of names or count is required');
      if (names !== undefined && count !== undefined)
        forbiddenField(`${path}.count`, 'may not be set together with names');
      if (names !== undefined) stringList(names, `${path}.names`, true);
      if (count !== undefined) integer(count, `${path}.count`, 1);
      if (step['namePrefix'] !== undefined && names !== undefined)
        forbiddenField(`${path}.namePrefix`, 'may only be set together with count');
      string(step, 'namePrefix', path, false);
      stringMap(step['labels'], `${path}.labels`, false);
      stringMap(step['capacity'], `${path}.capacity`, false);
      if (step['taints'] !== undefined) taints(step['taints'], `${path}.taints`, true);
      boolean(step, 'unschedulable', path);
      break;
    }
    case 'removeNodes':
      if (step['names'] === undefined) requiredField(`${path}.names`);
      stringList(step['names'], `${path}.names`, true);
      break;
    case 'labelNode':
      string(step, 'node', path, true);
      if (step['labels'] === undefined) requiredField(`${path}.labels`);
      stringMap(step['labels'], `${path}.labels`, true);
      break;
    case 'taintNode':
    case 'untaintNode':
      string(step, 'node', path, true);
      if (step['taints'] === undefined) requiredField(`${path}.taints`);
      taints(step['taints'], `${path}.taints`, k === 'taintNode');
      break;
    case 'cordon':
    case 'uncordon':
    case 'failNode':
    case 'recoverNode':
      string(step, 'node', path, true);
      break;
    case 'setNodeCondition':
      string(step, 'node', path, true);
      string(step, 'type', path, true);
      if (step['status'] === undefined) requiredField(`${path}.status`);
      oneOf(step['status'], `${path}.status`, ['True', 'False', 'Unknown']);
      string(step, 'reason', path, false);
      string(step, 'message', path, false);
      break;
    case 'drain':
      string(step, 'node', path, true);
      boolean(step, 'force', path);
      break;
    case 'apply':
      manifests(step['manifests'], `${path}.manifests`);
      break;
    case 'deleteDaemonSet':
      string(step, 'name', path, true);
      string(step, 'namespace', path, false);
      oneOf(step['propagationPolicy'], `${path}.propagationPolicy`, PROPAGATION_POLICIES);
      break;
    case 'deletePod':
      string(step, 'name', path, true);
      string(step, 'namespace', path, false);
      break;
    case 'rolloutUndo':
      string(step, 'name', path, true);
      string(step, 'namespace', path, false);
      if (step['toRevision'] !== undefined) integer(step['toRevision'], `${path}.toRevision`, 0);
      break;
    case 'enableFault':
    case 'disableFault':
      string(step, 'rule', path, true);
      break;
    case 'crashController':
      if (step['controller'] === undefined) requiredField(`${path}.controller`);
      oneOf(step['controller'], `${path}.controller`, ['daemonset']);
      if (step['afterWrites'] !== undefined) integer(step['afterWrites'], `${path}.afterWrites`, 0);
      oneOf(step['relist'], `${path}.relist`, ['fresh', 'stale']);
      break;
    case 'advance':
      if (step['duration'] === undefined) requiredField(`${path}.duration`);
      duration(step['duration'], `${path}.duration`);
      break;
    case 'runUntilQuiet':
      if (step['limit'] !== undefined) duration(step['limit'], `${path}.limit`);
      break;
    case 'expect':
      if (step['daemonSet'] === undefined && step['pods'] === undefined)
        requiredField(`${path}.daemonSet`, 'one of daemonSet or pods is required');
      if (step['daemonSet'] !== undefined)
        daemonSetExpectation(object(step['daemonSet'], `${path}.daemonSet`), `${path}.daemonSet`);
      if (step['pods'] !== undefined) podsExpectation(object(step['pods'], `${path}.pods`), `${path}.pods`);
      break;
    case 'print':
      if (step['resource'] === undefined) requiredField(`${path}.resource`);
      oneOf(step['resource'], `${path}.resource`, PRINT_RESOURCES);
      string(step, 'namespace', path, false);
      boolean(step, 'allNamespaces', path);
      boolean(step, 'wide', path);
      if (step['allNamespaces'] === true && step['namespace'] !== undefined)
        forbiddenField(`${path}.namespace`, 'may not be set together with allNamespaces');
      break;
  }
  return step as unknown as Step;
}

function daemonSetExpectation(e: Obj, path: string): void {
  allowOnly(e, path, [
    'name',
    'namespace',
    'exists',
    'nodes',
    'nodeCount',
    'notOnNodes',
    'readyPods',
    'revisions',
    'status',
  ]);
  string(e, 'name', path, true);
  string(e, 'namespace', path, false);
  boolean(e, 'exists', path);
  if (e['nodes'] !== undefined) stringList(e['nodes'], `${path}.nodes`, false);
  if (e['notOnNodes'] !== undefined) stringList(e['notOnNodes'], `${path}.notOnNodes`, false);
  if (e['nodeCount'] !== undefined) integer(e['nodeCount'], `${path}.nodeCount`, 0);
  if (e['readyPods'] !== undefined) integer(e['readyPods'], `${path}.readyPods`, 0);
  if (e['revisions'] !== undefined) {
    const revisions = e['revisions'];
    if (!Array.isArray(revisions))
      invalidField(`${path}.revisions`, revisions, 'must be a list of revision numbers');
    revisions.forEach((r, i) => integer(r, `${path}.revisions[${i}]`, 1));
  }
  if (e['status'] !== undefined) {
    const status = object(e['status'], `${path}.status`);
    for (const key of Object.keys(status)) {
      if (!(DAEMONSET_STATUS_FIELDS as readonly string[]).includes(key))
        unsupportedField(`${path}.status`, key, DAEMONSET_STATUS_FIELDS);
      integer(status[key], `${path}.status.${key}`, 0);
    }
  }
  if (e['exists'] === false) {
    for (const key of ['nodes', 'nodeCount', 'notOnNodes', 'readyPods', 'revisions', 'status']) {
      if (e[key] !== undefined) forbiddenField(`${path}.${key}`, 'may not be set when exists is false');
    }
  }
}

function podsExpectation(e: Obj, path: string): void {
  allowOnly(e, path, [
    'namespace',
    'allNamespaces',
    'labels',
    'matchExpressions',
    'phase',
    'node',
    'ready',
    'image',
    'includeTerminating',
    'count',
  ]);
  string(e, 'namespace', path, false);
  boolean(e, 'allNamespaces', path);
  if (e['allNamespaces'] === true && e['namespace'] !== undefined)
    forbiddenField(`${path}.namespace`, 'may not be set together with allNamespaces');
  stringMap(e['labels'], `${path}.labels`, false);
  if (e['matchExpressions'] !== undefined) {
    const list = e['matchExpressions'];
    if (!Array.isArray(list)) invalidField(`${path}.matchExpressions`, list, 'must be a list');
    list.forEach((item, i) => {
      const p = `${path}.matchExpressions[${i}]`;
      const r = object(item, p);
      allowOnly(r, p, ['key', 'operator', 'values']);
      string(r, 'key', p, true);
      if (r['operator'] === undefined) requiredField(`${p}.operator`);
      oneOf(r['operator'], `${p}.operator`, SELECTOR_OPERATORS);
      if (r['values'] !== undefined) stringList(r['values'], `${p}.values`, false, true);
      const needsValues = r['operator'] === 'In' || r['operator'] === 'NotIn';
      const count = Array.isArray(r['values']) ? r['values'].length : 0;
      if (needsValues && count === 0)
        requiredField(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'");
      if (!needsValues && count > 0)
        forbiddenField(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
    });
  }
  oneOf(e['phase'], `${path}.phase`, POD_PHASES);
  string(e, 'node', path, false);
  boolean(e, 'ready', path);
  string(e, 'image', path, false);
  boolean(e, 'includeTerminating', path);
  if (e['count'] === undefined) requiredField(`${path}.count`);
  integer(e['count'], `${path}.count`, 0);
}

function manifests(value: unknown, path: string): void {
  if (value === undefined) requiredField(path);
  if (typeof value === 'string') {
    try {
      parseManifests(value);
    } catch (error) {
      if (error instanceof SimulationError)
        throw new SimulationError(error.code, `${path}: ${error.message}`, {
          path: error.path === undefined ? path : `${path}.${error.path}`,
          causes: error.causes,
        });
      throw error;
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((m, i) => object(m, `${path}[${i}]`));
    return;
  }
  object(value, path);
}

function taints(value: unknown, path: string, effectRequired: boolean): void {
  if (!Array.isArray(value)) invalidField(path, value, 'must be a list of taints');
  if (value.length === 0) requiredField(path);
  value.forEach((item, i) => {
    const p = `${path}[${i}]`;
    const taint = object(item, p);
    allowOnly(taint, p, effectRequired ? ['key', 'value', 'effect'] : ['key', 'effect']);
    string(taint, 'key', p, true);
    string(taint, 'value', p, false);
    if (effectRequired && taint['effect'] === undefined) requiredField(`${p}.effect`);
    oneOf(taint['effect'], `${p}.effect`, TAINT_EFFECTS);
  });
}
