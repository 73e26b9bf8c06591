import { SimulationError } from '../errors.js';

/** Mirrors apimachinery's `resource.ErrFormatWrong`. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** Mirrors apimachinery's `resource.ErrSuffix`. */
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";
/** Mirrors apimachinery's `resource.ErrNumeric`. */
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';

/** Decimal suffixes of a quantity to their power of 10 (`resource.suffixer`). */
export const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
/** Binary suffixes of a quantity to their power of 2. */
export const BINARY_SUFFIXES: Readonly<Record<string, number>> = {
  Ki: 10,
  Mi: 20,
  Gi: 30,
  Ti: 40,
  Pi: 50,
  Ei: 60,
};
const SUFFIX_CHARS = 'eEinumkKMGTP';
const EXPONENT_PATTERN = /^[+-]?[0-9]+$/;

/** A quantity split into its decimal number and a power of 10 or of 2. */
interface ParsedQuantity {
  /** The numeric part as written, e.g. `-1.5`; always something `Number()` reads exactly. */
  readonly number: string;
  readonly base: 10 | 2;
  readonly exponent: number;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function invalid(message: string): SimulationError {
  return new SimulationError('Invalid', message);
}

// A port of apimachinery's parseQuantityString scanner plus suffix interpretation, so exactly
// the strings upstream accepts are accepted.
function parseQuantityParts(str: string): ParsedQuantity {
  if (str.length === 0) throw invalid(QUANTITY_FORMAT_ERROR);
  const end = str.length;
  let pos = 0;
  if (str[0] === '-' || str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  // Upstream returns zero at once when only a sign and zeros remain.
  if (pos >= end) return { number: '0', base: 10, exponent: 0 };
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end && str[pos] === '.') {
    pos++;
    while (pos < end && isDigit(str[pos])) pos++;
  }
  const number = str.slice(0, pos);
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos] as string)) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) throw invalid(QUANTITY_FORMAT_ERROR);
  // A lone "." (or "-.") passes the scanner but is no number; upstream's decimal parse rejects it.
  if (!/[0-9]/.test(number)) throw invalid(QUANTITY_NUMERIC_ERROR);
  const suffix = str.slice(suffixStart);
  const decimal = DECIMAL_SUFFIXES[suffix];
  if (decimal !== undefined && Object.hasOwn(DECIMAL_SUFFIXES, suffix))
    return { number, base: 10, exponent: decimal };
  const binary = BINARY_SUFFIXES[suffix];
  if (binary !== undefined && Object.hasOwn(BINARY_SUFFIXES, suffix))
    return { number, base: 2, exponent: binary };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const exponent = suffix.slice(1);
    if (EXPONENT_PATTERN.test(exponent)) return { number, base: 10, exponent: Number(exponent) };
  }
  throw invalid(QUANTITY_SUFFIX_ERROR);
}

function toParts(value: string | number): ParsedQuantity {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid(QUANTITY_FORMAT_ERROR);
    // String(n) is either plain decimal or `1e-7` style, both of which the scanner reads.
    return parseQuantityParts(String(value));
  }
  return parseQuantityParts(value);
}

// Number() of a decimal string with an `e` exponent is correctly rounded, so decimal shifts are exact.
function scaled(parts: ParsedQuantity, extraDecimalExponent: number): number {
  const result =
    parts.base === 10
      ? Number(`${parts.number}e${parts.exponent + extraDecimalExponent}`)
      : Number(`${parts.number}e${extraDecimalExponent}`) * 2 ** parts.exponent;
  // Normalise -0 so sums and equality checks behave.
  return result === 0 ? 0 : result;
}

/**
 * The value of a Kubernetes quantity (`100m`, `1Gi`, `1e3`, `1.5`) as a number in base units.
 * Mirrors `resource.ParseQuantity` (apimachinery pkg/api/resource/quantity.go): the same scanner
 * and the suffixes n u m k M G T P E, Ki Mi Gi Ti Pi Ei and `e<int>`/`E<int>`.
 * Deviation: the result is a double, not an exact decimal, and upstream's rounding up to
 * nano precision is not applied; numbers are accepted as they are (if finite).
 * @throws SimulationError `Invalid` with upstream's message (`quantities must match the regular
 * expression ...`, `unable to parse quantity's suffix`, `unable to parse numeric part of quantity`).
 */
export function parseQuantity(value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid(QUANTITY_FORMAT_ERROR);
    return value === 0 ? 0 : value;
  }
  return scaled(parseQuantityParts(value), 0);
}

/**
 * The quantity in thousandths, rounded up to an integer: `100m` is 100, `1` is 1000, `0.1m` is 1.
 * Mirrors `Quantity.MilliValue` (apimachinery pkg/api/resource/quantity.go), which rounds up.
 * Computed from the decimal text, so `1.1` gives 1100 (not 1101 as `Math.ceil(1.1 * 1000)` would).
 * @throws SimulationError `Invalid` as {@link parseQuantity} does.
 */
export function milliValue(value: string | number): number {
  const result = Math.ceil(scaled(toParts(value), 3));
  return result === 0 ? 0 : result;
}
