import type { DaemonSetControllerOptions } from '../controllers/daemonset/daemonSetControllerOptions.js';
import { DEFAULT_DAEMONSET_CONTROLLER_OPTIONS } from '../controllers/daemonset/daemonSetControllerOptions.js';
import { SimulationError } from '../errors.js';
import type { SimulationOptions } from './simulationOptions.js';

/**
 * The DaemonSet controller's settings from a simulation's options, defaults filled in; throws
 * `SimulationError('BadRequest')` naming the option for a value that is not a positive whole
 * number (milliseconds for the backoff) or a backoff cap below its first delay.
 * Upstream counterpart: kube-controller-manager's flag checks before `NewDaemonSetsController`.
 */
export function daemonSetControllerSettings(options: SimulationOptions): DaemonSetControllerOptions {
  const d = DEFAULT_DAEMONSET_CONTROLLER_OPTIONS;
  const burstReplicas = positive(options.burstReplicas, 'burstReplicas', d.burstReplicas);
  const slowStartInitialBatchSize = positive(
    options.slowStartInitialBatchSize,
    'slowStartInitialBatchSize',
    d.slowStartInitialBatchSize,
  );
  const backoff = options.failedPodsBackoff as unknown;
  if (backoff !== undefined && (backoff === null || typeof backoff !== 'object' || Array.isArray(backoff)))
    throw new SimulationError(
      'BadRequest',
      `createSimulation: failedPodsBackoff: Invalid value: ${JSON.stringify(backoff)}: must be an object with initial and max`,
      { path: 'failedPodsBackoff' },
    );
  const initial = positive(
    options.failedPodsBackoff?.initial,
    'failedPodsBackoff.initial',
    d.failedPodsBackoff.initial,
  );
  const max = positive(
    options.failedPodsBackoff?.max,
    'failedPodsBackoff.max',
    Math.max(d.failedPodsBackoff.max, initial),
  );
  if (max < initial)
    throw new SimulationError(
      'BadRequest',
      `createSimulation: failedPodsBackoff.max: Invalid value: ${max}: must be at least failedPodsBackoff.initial (${initial})`,
      { path: 'failedPodsBackoff.max' },
    );
  return { burstReplicas, slowStartInitialBatchSize, failedPodsBackoff: { initial, max } };
}

function positive(value: unknown, path: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new SimulationError(
      'BadRequest',
      `createSimulation: ${path}: Invalid value: ${JSON.stringify(value) ?? String(value)}: must be a positive integer`,
      { path },
    );
  return value;
}
