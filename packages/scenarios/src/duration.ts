import { SimulationError } from '@daemonsim/core';

/** A span of simulated time: integer milliseconds, or a Go duration string such as `'1h30m'` or `'500ms'`. */
export type Duration = number | string;

const NS_PER_UNIT: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1_000n],
  ['µs', 1_000n], // U+00B5 micro sign
  ['μs', 1_000n], // U+03BC Greek small letter mu
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
]);

const NS_PER_MS = 1_000_000n;
const MAX_NS = (1n << 63n) - 1n;

/**
 * Parses a duration string in Go's `time.ParseDuration` syntax (`'300ms'`, `'-1.5h'`, `'2h45m'`,
 * units `ns`, `us`/`µs`, `ms`, `s`, `m`, `h`) into milliseconds.
 * Mirrors `time.ParseDuration` (Go standard library) and its error messages
 * (`time: invalid duration "x"`, `time: missing unit in duration "1"`, `time: unknown unit "d" in duration "1d"`).
 * Deviation: the result must be a whole number of milliseconds (the simulator's clock resolution),
 * otherwise it throws `SimulationError('Invalid')` too.
 */
export function parseDuration(text: string): number {
  const quoted = JSON.stringify(text);
  const invalid = (why = `time: invalid duration ${quoted}`): never => {
    throw new SimulationError('Invalid', why);
  };
  let s = text;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') invalid();
  let total = 0n;
  while (s !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(s);
    const whole = number?.[1] ?? '';
    const fraction = number?.[2] ?? '';
    if (whole === '' && fraction === '') invalid();
    s = s.slice(number?.[0].length ?? 0);
    const unitMatch = /^[^\d.]*/.exec(s);
    const unit = unitMatch?.[0] ?? '';
    if (unit === '') invalid(`time: missing unit in duration ${quoted}`);
    const perUnit = NS_PER_UNIT.get(unit);
    if (perUnit === undefined) invalid(`time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`);
    s = s.slice(unit.length);
    let ns = BigInt(whole === '' ? '0' : whole) * perUnit!;
    // Go keeps the fraction's digits, scaled and truncated to nanoseconds.
    if (fraction !== '') ns += (BigInt(fraction) * perUnit!) / 10n ** BigInt(fraction.length);
    total += ns;
    if (total > MAX_NS) invalid();
  }
  if (total % NS_PER_MS !== 0n) invalid(`time: duration ${quoted} is not a whole number of milliseconds`);
  const ms = Number(total / NS_PER_MS);
  return negative ? -ms : ms;
}

/**
 * Formats milliseconds as Go's `time.Duration.String` does (`'1h30m0s'`, `'1.5s'`, `'250ms'`,
 * `'0s'`), so that {@link parseDuration} gives the same number back.
 * Mirrors `time.Duration.String` (Go standard library) for whole milliseconds.
 */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms))
    throw new SimulationError(
      'Invalid',
      `formatDuration: Invalid value: ${ms}: must be a safe integer number of milliseconds`,
    );
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${abs}ms`;
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const millis = abs % 60_000;
  const seconds = Math.floor(millis / 1000);
  const fraction = String(millis % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  const secondsText = `${seconds}${fraction === '' ? '' : `.${fraction}`}s`;
  if (hours > 0) return `${sign}${hours}h${minutes}m${secondsText}`;
  if (minutes > 0) return `${sign}${minutes}m${secondsText}`;
  return `${sign}${secondsText}`;
}

/**
 * Milliseconds of a {@link Duration}: a number as it is, a string through {@link parseDuration}.
 * Throws `SimulationError('Invalid')` with `path` for a negative, fractional or unparsable value.
 */
export function durationToMs(value: Duration, path: string): number {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else {
    try {
      ms = parseDuration(value);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new SimulationError('Invalid', `${path}: Invalid value: ${JSON.stringify(value)}: ${detail}`, {
        path,
      });
    }
  }
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new SimulationError(
      'Invalid',
      `${path}: Invalid value: ${JSON.stringify(value)}: must be a non-negative whole number of milliseconds`,
      { path },
    );
  }
  return ms;
}
