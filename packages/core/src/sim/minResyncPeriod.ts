import { SimulationError } from '../errors.js';
import { HOUR } from '../model/time.js';

/** kube-controller-manager's `--min-resync-period` default (`RecommendedDefaultGenericControllerManagerConfiguration`). */
export const MIN_RESYNC_PERIOD = 12 * HOUR;

/**
 * Checks `minResyncPeriod` (milliseconds; 0 turns the resync off, as a resync period of 0 does
 * in client-go) and fills in upstream's default. Throws `SimulationError('BadRequest')` naming
 * the option for a value that is not a non-negative whole number.
 */
export function minResyncPeriodSetting(value: unknown): number {
  if (value === undefined) return MIN_RESYNC_PERIOD;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new SimulationError(
      'BadRequest',
      `createSimulation: minResyncPeriod: Invalid value: ${JSON.stringify(value) ?? String(value)}: must be greater than or equal to 0`,
      { path: 'minResyncPeriod' },
    );
  return value;
}
