import { SimulationError } from '../errors.js';

// strconv.Atoi: an optional sign and decimal digits.
const ATOI_PATTERN = /^[+-]?[0-9]+$/;

/**
 * Resolves an int-or-percent (`maxUnavailable`, `maxSurge`) against a total: an integer as is,
 * `'N%'` as N% of the total, rounded up (ceil) or down (floor).
 * Mirrors `intstr.GetScaledValueFromIntOrPercent` (apimachinery pkg/util/intstr/intstr.go);
 * a string without a trailing `%` is an error, as in upstream's "safe" parser.
 * Deviation: undefined gives 0 (upstream errors on nil; the DaemonSet callers either default the
 * field or treat nil as 0 before calling).
 * @throws SimulationError `Invalid`, worded as upstream and naming the value, for a bad string.
 */
export function getScaledValueFromIntOrPercent(
  value: number | string | undefined,
  total: number,
  roundUp: boolean,
): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (!value.endsWith('%')) {
    throw new SimulationError(
      'Invalid',
      `invalid value for IntOrString: invalid type: string is not a percentage: ${JSON.stringify(value)}`,
    );
  }
  const digits = value.slice(0, -1);
  if (!ATOI_PATTERN.test(digits)) {
    throw new SimulationError(
      'Invalid',
      `invalid value for IntOrString: invalid value ${JSON.stringify(value)}: strconv.Atoi: parsing ${JSON.stringify(digits)}: invalid syntax`,
    );
  }
  const percent = Number(digits);
  const scaled = (percent * total) / 100;
  const result = roundUp ? Math.ceil(scaled) : Math.floor(scaled);
  return result === 0 ? 0 : result;
}
