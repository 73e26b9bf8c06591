import {
  BINARY_SUFFIXES as BINARY_SUFFIXES_BY_NAME,
  DECIMAL_SUFFIXES as DECIMAL_SUFFIXES_BY_NAME,
} from '../model/quantity.js';
/** How a quantity was written, which decides how it is printed back (`resource.Format`). */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** An exact quantity: an integer count of nano-units and the format it prints in. */
export interface ExactQuantity {
  /** The value in units of 10^-9, rounded up as upstream rounds to nano precision. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

// The suffix tables are the model's: one definition of what a quantity suffix means.
const DECIMAL_EXPONENTS = DECIMAL_SUFFIXES_BY_NAME;
const BINARY_EXPONENTS = BINARY_SUFFIXES_BY_NAME;
const DECIMAL_SUFFIXES: ReadonlyMap<number, string> = new Map(
  Object.entries(DECIMAL_EXPONENTS).map(([suffix, exponent]) => [exponent, suffix]),
);
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'] as const;
const QUANTITY = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const NANO = 1_000_000_000n;

/**
 * Parses a quantity exactly, keeping its format, or returns undefined when it does not parse.
 * Mirrors `resource.ParseQuantity` (apimachinery pkg/api/resource/quantity.go) including the
 * rounding up to nano precision.
 * Deviation: no range limit (upstream caps at about 2^63 nano-units with its inf.Dec fallback).
 */
export function parseExactQuantity(value: string | number): ExactQuantity | undefined {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const parts = QUANTITY.exec(text);
  if (parts === null) return undefined;
  const [, sign = '', whole = '', fraction = '', suffix = ''] = parts;
  if (whole === '' && fraction === '') return undefined;
  let format: QuantityFormat;
  let exponent10 = 0;
  let exponent2 = 0;
  if (Object.hasOwn(DECIMAL_EXPONENTS, suffix)) {
    format = 'DecimalSI';
    exponent10 = DECIMAL_EXPONENTS[suffix] ?? 0;
  } else if (Object.hasOwn(BINARY_EXPONENTS, suffix)) {
    format = 'BinarySI';
    exponent2 = BINARY_EXPONENTS[suffix] ?? 0;
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    format = 'DecimalExponent';
    exponent10 = Number(suffix.slice(1));
  } else {
    return undefined;
  }
  // digits × 10^(exponent10 − fraction length) × 2^exponent2, in nano-units, rounded up.
  let numerator = BigInt(`${whole}${fraction}` || '0') * 2n ** BigInt(exponent2);
  let denominator = 1n;
  const shift = exponent10 - fraction.length + 9;
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator = 10n ** BigInt(-shift);
  let nanos = numerator / denominator;
  if (nanos * denominator !== numerator) nanos += 1n;
  if (sign === '-') nanos = -nanos;
  return { nanos, format };
}

/**
 * Renders a quantity in canonical form, as `Quantity.String()` prints it (`100m`, `1Gi`, `1500`, `0`).
 * Mirrors `Quantity.CanonicalizeBytes` (apimachinery pkg/api/resource/quantity.go): decimal
 * quantities take the largest exponent that is a multiple of 3 keeping an integer mantissa;
 * binary ones a power of 1024 when the value is an integer of at least 1024, else decimal.
 * Deviation: an unparsable input is returned unchanged instead of failing at decode time.
 */
export function formatQuantity(value: string | number | ExactQuantity): string {
  const quantity = typeof value === 'object' ? value : parseExactQuantity(value);
  if (quantity === undefined) return String(value);
  const { nanos, format } = quantity;
  if (nanos === 0n) return '0';
  if (format === 'BinarySI' && (nanos >= 1024n * NANO || nanos <= -1024n * NANO) && nanos % NANO === 0n) {
    let amount = nanos / NANO;
    let times = 0;
    while (times < BINARY_SUFFIXES.length - 1 && amount % 1024n === 0n) {
      amount /= 1024n;
      times++;
    }
    return `${amount}${BINARY_SUFFIXES[times] ?? ''}`;
  }
  let mantissa = nanos;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  while (((exponent % 3) + 3) % 3 !== 0) {
    mantissa *= 10n;
    exponent--;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  const suffix = DECIMAL_SUFFIXES.get(exponent);
  return suffix === undefined ? `${mantissa}e${exponent}` : `${mantissa}${suffix}`;
}

/**
 * Adds two quantities, keeping the first one's format.
 * Mirrors `Quantity.Add` (apimachinery pkg/api/resource/quantity.go).
 */
export function addQuantities(a: ExactQuantity, b: ExactQuantity): ExactQuantity {
  return { nanos: a.nanos + b.nanos, format: a.format };
}

/**
 * The quantity in whole units, rounded up (`Quantity.Value`), or in thousandths (`MilliValue`).
 * Mirrors `Quantity.Value`/`Quantity.MilliValue` (apimachinery pkg/api/resource/quantity.go).
 */
export function quantityValue(quantity: ExactQuantity | undefined, milli = false): number {
  if (quantity === undefined) return 0;
  const unit = milli ? 1_000_000n : NANO;
  let value = quantity.nanos / unit;
  if (value * unit < quantity.nanos) value += 1n;
  return Number(value);
}
