import type { FieldError } from '@daemonsim/core';
import {
  forbidden,
  formatFieldError,
  invalid,
  notSupported,
  required,
  SimulationError,
} from '@daemonsim/core';

// Scenario validation reuses the API server's field errors from core, thrown one at a time.

function fail(error: FieldError): never {
  throw new SimulationError('Invalid', formatFieldError(error), { causes: [error] });
}

/** Throws `<path>: Invalid value: <value>: <detail>`. Mirrors `field.Invalid`. */
export function invalidField(path: string, value: unknown, detail: string): never {
  return fail(invalid(path, value, detail));
}

/** Throws `<path>: Required value`. Mirrors `field.Required`. */
export function requiredField(path: string, detail = ''): never {
  return fail(required(path, detail));
}

/** Throws `<path>: Unsupported value: <value>: supported values: "a", "b"`. Mirrors `field.NotSupported`. */
export function unsupportedField(path: string, value: unknown, supported: readonly string[]): never {
  return fail(notSupported(path, value, supported));
}

/** Throws `<path>: Forbidden: <detail>`. Mirrors `field.Forbidden`. */
export function forbiddenField(path: string, detail: string): never {
  return fail(forbidden(path, detail));
}
