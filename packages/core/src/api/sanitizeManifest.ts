import { SimulationError } from '../errors.js';
import { forbidden, formatFieldError, invalid } from './fieldError.js';
import type { FieldError } from '../errors.js';

/** The deepest nesting a manifest may have; real Kubernetes objects stay far below it. */
export const MAX_MANIFEST_DEPTH = 100;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A deep copy of parsed JSON or YAML as plain objects, arrays, strings, finite numbers, booleans
 * and nulls, rejecting anything that could reach an object prototype or is not JSON data.
 * Throws `SimulationError('BadRequest')` naming the field: for the keys `__proto__`, `constructor`
 * and `prototype` (`metadata.labels.__proto__: Forbidden: key is not allowed`), for functions,
 * symbols, bigints, NaN and infinities, class instances, Maps and Sets, `undefined` array entries,
 * and nesting deeper than {@link MAX_MANIFEST_DEPTH}. Object properties that are `undefined` are
 * dropped, as JSON would, and valid `Date`s (YAML timestamps) become RFC 3339 strings at second
 * precision when they have no milliseconds, as `metav1.Time` renders them.
 * Upstream has no counterpart: Go decodes into typed structs, so unknown shapes never reach
 * code; this is the simulator's stand-in for that decoding step.
 */
export function toPlainData(value: unknown, path = ''): unknown {
  return copy(value, path, 0);
}

function copy(value: unknown, path: string, depth: number): unknown {
  if (depth > MAX_MANIFEST_DEPTH)
    reject(invalid(label(path), '', `nesting is deeper than ${MAX_MANIFEST_DEPTH} levels`));
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) reject(invalid(label(path), String(value), 'must be a finite number'));
    return value;
  }
  if (typeof value !== 'object') reject(invalid(label(path), typeof value, 'is not JSON data'));
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()))
      reject(invalid(label(path), 'Invalid Date', 'is not a valid timestamp'));
    return value.toISOString().replace('.000Z', 'Z');
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === undefined) reject(invalid(`${path}[${i}]`, 'undefined', 'is not JSON data'));
      out.push(copy(item, `${path}[${i}]`, depth + 1));
    }
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null)
    reject(
      invalid(
        label(path),
        (value as { constructor?: { name?: string } }).constructor?.name ?? 'object',
        'is not JSON data',
      ),
    );
  if (Object.getOwnPropertySymbols(value).length > 0)
    reject(invalid(label(path), 'symbol', 'symbol keys are not JSON data'));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const keyPath = path === '' ? key : `${path}.${key}`;
    if (FORBIDDEN_KEYS.has(key)) reject(forbidden(keyPath, 'key is not allowed'));
    const item: unknown = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    out[key] = copy(item, keyPath, depth + 1);
  }
  return out;
}

// The root has no field name; upstream's field.Path renders an empty path as "<nil>".
function label(path: string): string {
  return path === '' ? '<nil>' : path;
}

function reject(cause: FieldError): never {
  throw new SimulationError('BadRequest', formatFieldError(cause), { path: cause.field, causes: [cause] });
}
