import { canonicalJson, SimulationError } from '@daemonsim/core';

// Field errors in the API server's words (apimachinery's field.Error), thrown as SimulationError('Invalid').

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return canonicalJson(value);
}

/** Throws `<path>: Invalid value: <value>: <detail>`. Mirrors `field.Invalid`. */
export function invalidField(path: string, value: unknown, detail: string): never {
  throw new SimulationError('Invalid', `${path}: Invalid value: ${formatValue(value)}: ${detail}`, { path });
}

/** Throws `<path>: Required value`. Mirrors `field.Required`. */
export function requiredField(path: string, detail = ''): never {
  throw new SimulationError('Invalid', `${path}: Required value${detail === '' ? '' : `: ${detail}`}`, {
    path,
  });
}

/** Throws `<path>: Unsupported value: <value>: supported values: "a", "b"`. Mirrors `field.NotSupported`. */
export function unsupportedField(path: string, value: unknown, supported: readonly string[]): never {
  throw new SimulationError(
    'Invalid',
    `${path}: Unsupported value: ${formatValue(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
    { path },
  );
}

/** Throws `<path>: Forbidden: <detail>`. Mirrors `field.Forbidden`. */
export function forbiddenField(path: string, detail: string): never {
  throw new SimulationError('Invalid', `${path}: Forbidden: ${detail}`, { path });
}
