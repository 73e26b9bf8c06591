import { forbiddenField, invalidField, requiredField } from './fieldErrors.js';
import type { Obj } from './fieldChecks.js';
import { allowOnly, boolean, duration, integer, object, oneOf, string, stringList } from './fieldChecks.js';

/**
 * Checks a scenario's `options` section: the simulation settings a scenario may set, with the
 * API server's field-error wording. Upstream has no counterpart (it mirrors the controllers' flags).
 */
export function validateOptions(options: Obj): void {
  allowOnly(options, 'options', [
    'syncMode',
    'podNetwork',
    'observation',
    'expectations',
    'latencies',
    'podGCPeriod',
    'podGCQuarantine',
    'terminatedPodGCThreshold',
    'minResyncPeriod',
    'images',
    'priorityClasses',
    'nodeMonitorGracePeriod',
    'fieldValidation',
    'burstReplicas',
    'slowStartInitialBatchSize',
    'failedPodsBackoff',
    'staleControllerConsistency',
  ]);
  boolean(options, 'staleControllerConsistency', 'options');
  if (options['burstReplicas'] !== undefined) integer(options['burstReplicas'], 'options.burstReplicas', 1);
  if (options['slowStartInitialBatchSize'] !== undefined)
    integer(options['slowStartInitialBatchSize'], 'options.slowStartInitialBatchSize', 1);
  if (options['failedPodsBackoff'] !== undefined) {
    const p = 'options.failedPodsBackoff';
    const backoff = object(options['failedPodsBackoff'], p);
    allowOnly(backoff, p, ['initial', 'max']);
    const initial = backoff['initial'] === undefined ? 1000 : duration(backoff['initial'], `${p}.initial`);
    if (initial === 0) invalidField(`${p}.initial`, backoff['initial'], 'must be greater than 0');
    if (backoff['max'] !== undefined && duration(backoff['max'], `${p}.max`) < initial)
      invalidField(`${p}.max`, backoff['max'], 'must not be less than initial');
  }
  oneOf(options['fieldValidation'], 'options.fieldValidation', ['Strict', 'Ignore']);
  if (options['nodeMonitorGracePeriod'] !== undefined)
    duration(options['nodeMonitorGracePeriod'], 'options.nodeMonitorGracePeriod');
  if (options['images'] !== undefined) {
    const images = object(options['images'], 'options.images');
    for (const [image, value] of Object.entries(images))
      imageBehaviour(
        object(value, `options.images[${JSON.stringify(image)}]`),
        `options.images[${JSON.stringify(image)}]`,
      );
  }
  if (options['priorityClasses'] !== undefined) {
    const classes = object(options['priorityClasses'], 'options.priorityClasses');
    for (const [name, value] of Object.entries(classes)) {
      const p = `options.priorityClasses[${JSON.stringify(name)}]`;
      const c = object(value, p);
      allowOnly(c, p, ['value', 'preemptionPolicy']);
      if (c['value'] === undefined) requiredField(`${p}.value`);
      integer(c['value'], `${p}.value`, -2147483648);
      oneOf(c['preemptionPolicy'], `${p}.preemptionPolicy`, ['PreemptLowerPriority', 'Never']);
    }
  }
  oneOf(options['syncMode'], 'options.syncMode', ['incremental', 'full']);
  oneOf(options['podNetwork'], 'options.podNetwork', ['overlay', 'vpc']);
  oneOf(options['observation'], 'options.observation', ['instant', 'informer']);
  if (options['expectations'] !== undefined && typeof options['expectations'] !== 'boolean') {
    invalidField('options.expectations', options['expectations'], 'must be a boolean');
  }
  if (options['podGCPeriod'] !== undefined) {
    if (duration(options['podGCPeriod'], 'options.podGCPeriod') === 0)
      invalidField('options.podGCPeriod', options['podGCPeriod'], 'must be greater than 0');
  }
  if (options['podGCQuarantine'] !== undefined)
    duration(options['podGCQuarantine'], 'options.podGCQuarantine');
  if (options['minResyncPeriod'] !== undefined)
    duration(options['minResyncPeriod'], 'options.minResyncPeriod');
  if (options['terminatedPodGCThreshold'] !== undefined)
    integer(options['terminatedPodGCThreshold'], 'options.terminatedPodGCThreshold', 0);
  if (options['latencies'] !== undefined) {
    const latencies = object(options['latencies'], 'options.latencies');
    const names = ['scheduling', 'containerStart', 'readiness', 'termination', 'informer'];
    allowOnly(latencies, 'options.latencies', names);
    for (const name of names) {
      if (latencies[name] === undefined) continue;
      const p = `options.latencies.${name}`;
      const range = object(latencies[name], p);
      allowOnly(range, p, ['min', 'max']);
      if (range['min'] === undefined) requiredField(`${p}.min`);
      if (range['max'] === undefined) requiredField(`${p}.max`);
      const min = duration(range['min'], `${p}.min`);
      const max = duration(range['max'], `${p}.max`);
      if (max < min) invalidField(`${p}.max`, range['max'], 'must not be less than min');
    }
  }
}

function latencyRange(value: unknown, p: string): void {
  const range = object(value, p);
  allowOnly(range, p, ['min', 'max']);
  if (range['min'] === undefined) requiredField(`${p}.min`);
  if (range['max'] === undefined) requiredField(`${p}.max`);
  const min = duration(range['min'], `${p}.min`);
  const max = duration(range['max'], `${p}.max`);
  if (max < min) invalidField(`${p}.max`, range['max'], 'must not be less than min');
}

function imageBehaviour(b: Obj, path: string): void {
  allowOnly(b, path, [
    'pull',
    'pullLatency',
    'startLatency',
    'readinessDelay',
    'ready',
    'probeOutput',
    'live',
    'liveFor',
    'started',
    'startupDelay',
    'crashAfter',
    'exitCode',
    'stopLatency',
    'failOnNode',
    'logs',
  ]);
  oneOf(b['pull'], `${path}.pull`, ['succeed', 'fail']);
  for (const k of ['pullLatency', 'startLatency', 'readinessDelay'])
    if (b[k] !== undefined) latencyRange(b[k], `${path}.${k}`);
  boolean(b, 'ready', path);
  string(b, 'probeOutput', path, false);
  boolean(b, 'live', path);
  boolean(b, 'started', path);
  if (b['liveFor'] !== undefined) {
    duration(b['liveFor'], `${path}.liveFor`);
    // `live: false` fails from the start: a time it passes for would contradict it.
    if (b['live'] !== undefined) forbiddenField(`${path}.liveFor`, 'may not be set together with live');
  }
  if (b['startupDelay'] !== undefined) {
    duration(b['startupDelay'], `${path}.startupDelay`);
    if (b['started'] !== undefined)
      forbiddenField(`${path}.startupDelay`, 'may not be set together with started');
  }
  if (b['crashAfter'] !== undefined) duration(b['crashAfter'], `${path}.crashAfter`);
  if (b['stopLatency'] !== undefined) duration(b['stopLatency'], `${path}.stopLatency`);
  if (b['exitCode'] !== undefined) integer(b['exitCode'], `${path}.exitCode`, 0);
  const fail = b['failOnNode'];
  if (fail !== undefined && typeof fail !== 'boolean') {
    const f = object(fail, `${path}.failOnNode`);
    allowOnly(f, `${path}.failOnNode`, ['reason', 'message', 'nodes']);
    string(f, 'reason', `${path}.failOnNode`, false);
    string(f, 'message', `${path}.failOnNode`, false);
    if (f['nodes'] !== undefined) stringList(f['nodes'], `${path}.failOnNode.nodes`, false);
  }
  if (b['logs'] !== undefined) {
    const logs = b['logs'];
    if (!Array.isArray(logs)) invalidField(`${path}.logs`, logs, 'must be a list of log lines');
    logs.forEach((l, i) => {
      const p = `${path}.logs[${i}]`;
      const line = object(l, p);
      allowOnly(line, p, ['after', 'text']);
      if (line['after'] === undefined) requiredField(`${p}.after`);
      duration(line['after'], `${p}.after`);
      string(line, 'text', p, true);
    });
  }
}
