import { SimulationError } from '../errors.js';
import type { SimTime } from '../model/time.js';

/**
 * Checks a span of simulated time given to one of the simulation's calls (`advance`'s
 * duration, `runUntilQuiet`'s limit): a finite, non-negative, whole number of milliseconds that
 * keeps the clock a safe integer when added to `now`. Anything else (NaN, Infinity, 0.5, -1, a
 * string such as `'90s'`) is a `SimulationError('BadRequest')` naming the call and the argument,
 * so that no call loops on a time it can never reach or leaves the clock between milliseconds.
 * Upstream has no counterpart: a real cluster's clock is not an argument.
 */
export function checkDuration(call: string, name: string, value: unknown, now: SimTime): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new SimulationError(
      'BadRequest',
      `${call}: ${name}: Invalid value: ${renderTime(value)}: must be a non-negative integer number of milliseconds${hintFor(value)}`,
      { path: name },
    );
  if (!Number.isSafeInteger(now + value))
    throw new SimulationError(
      'BadRequest',
      `${call}: ${name}: Invalid value: ${value}: takes the clock past ${Number.MAX_SAFE_INTEGER} ms`,
      { path: name },
    );
  return value;
}

/**
 * Checks an instant of simulated time given to `schedule` or `runUntil`: a safe, non-negative,
 * whole number of milliseconds (`BadRequest` otherwise, as {@link checkDuration}), not before
 * `now` (`TimeInPast`).
 */
export function checkInstant(call: string, name: string, value: unknown, now: SimTime): SimTime {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new SimulationError(
      'BadRequest',
      `${call}: ${name}: Invalid value: ${renderTime(value)}: must be an integer number of milliseconds not before the current time ${now}${hintFor(value)}`,
      { path: name },
    );
  if (value < now)
    throw new SimulationError(
      'TimeInPast',
      `${call}: ${name}: Invalid value: ${value}: must be an integer number of milliseconds not before the current time ${now}`,
      { path: name },
    );
  return value;
}

/** A bad time value as an error message shows it: numbers as JavaScript prints them, strings quoted and truncated. */
function renderTime(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string')
    return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}...` : value);
  if (typeof value === 'bigint') return `${value}n`;
  return value === null ? 'null' : typeof value;
}

function hintFor(value: unknown): string {
  return typeof value === 'string'
    ? ' (Go duration strings are for scenarios, the CLI and the HTTP API; pass milliseconds here)'
    : '';
}
