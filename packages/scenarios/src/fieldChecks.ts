import type { Duration } from './duration.js';
import { durationToMs } from './duration.js';
import { forbiddenField, invalidField, requiredField, unsupportedField } from './fieldErrors.js';

/**
 * The scenario language's field checks, each throwing the API server's `field.Error` wording for
 * the first bad field (see fieldErrors.ts). Upstream has no counterpart: the API server gets these
 * from its typed decoding and `validation.Validate*` helpers.
 */

/** A decoded YAML or JSON mapping, before its fields are checked. */
export type Obj = Record<string, unknown>;

/** The value at `path` as an object, or an Invalid error saying it must be one. */
export function object(value: unknown, path: string): Obj {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    invalidField(path, value, 'must be an object');
  return value as Obj;
}

/** Forbids any key of `obj` outside `allowed`, naming the supported fields as the API server does for unknown fields. */
export function allowOnly(obj: Obj, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key))
      forbiddenField(
        path === '' ? key : `${path}.${key}`,
        `unknown field; supported fields: ${allowed.map((a) => JSON.stringify(a)).join(', ')}`,
      );
  }
}

/** Checks that `obj[key]` is a string (non-empty when `required`). */
export function string(obj: Obj, key: string, path: string, required: boolean): void {
  const p = path === '' ? key : `${path}.${key}`;
  const value = obj[key];
  if (value === undefined) {
    if (required) requiredField(p);
    return;
  }
  if (typeof value !== 'string') invalidField(p, value, 'must be a string');
  if (required && value === '') requiredField(p);
}

/** Checks that `obj[key]`, when set, is a boolean. */
export function boolean(obj: Obj, key: string, path: string): void {
  const value = obj[key];
  if (value !== undefined && typeof value !== 'boolean')
    invalidField(`${path}.${key}`, value, 'must be a boolean');
}

/** The value at `path` as a safe integer of at least `min`. */
export function integer(value: unknown, path: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    invalidField(path, value, 'must be an integer');
  if (value < min) invalidField(path, value, `must be greater than or equal to ${min}`);
  return value;
}

/** The value at `path` as milliseconds: a number of milliseconds or a duration string such as "30s". */
export function duration(value: unknown, path: string): number {
  if (typeof value !== 'number' && typeof value !== 'string')
    invalidField(path, value, 'must be a number of milliseconds or a duration string such as "30s"');
  return durationToMs(value as Duration, path);
}

/** Checks that the value at `path`, when set, is one of `supported` (an Unsupported value error otherwise). */
export function oneOf(value: unknown, path: string, supported: readonly string[]): void {
  if (value !== undefined && (typeof value !== 'string' || !supported.includes(value)))
    unsupportedField(path, value, supported);
}

/** Checks that the value at `path` is a list of strings (non-empty when `nonEmpty`; empty items only when `emptyItems`). */
export function stringList(value: unknown, path: string, nonEmpty: boolean, emptyItems = false): void {
  if (!Array.isArray(value)) invalidField(path, value, 'must be a list of strings');
  if (nonEmpty && value.length === 0) requiredField(path);
  value.forEach((item, i) => {
    if (typeof item !== 'string' || (item === '' && !emptyItems))
      invalidField(`${path}[${i}]`, item, emptyItems ? 'must be a string' : 'must be a non-empty string');
  });
}

/** Checks that the value at `path`, when set, maps keys to strings (or to null when `allowNull`, to remove a label). */
export function stringMap(value: unknown, path: string, allowNull: boolean): void {
  if (value === undefined) return;
  const map = object(value, path);
  for (const [key, v] of Object.entries(map)) {
    if (typeof v === 'string' || (allowNull && v === null)) continue;
    invalidField(
      `${path}.${key}`,
      v,
      allowNull ? 'must be a string, or null to remove the label' : 'must be a string',
    );
  }
}
