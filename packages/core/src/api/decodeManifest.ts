import { SimulationError } from '../errors.js';
import { decodeObject } from './decodeObject.js';
import type { DecodeOptions, FieldValidation } from './decodeObject.js';
import { definitionNameOf } from './openapi/kubernetesOpenApi.js';
import { toPlainData } from './sanitizeManifest.js';

/** Options of {@link decodeManifest}. */
export interface DecodeManifestOptions extends DecodeOptions {
  /** What unknown and duplicate fields do. @defaultValue `'Strict'` */
  readonly fieldValidation?: FieldValidation;
  /** Strict decoding errors found before the object was parsed (duplicate fields in the JSON text). */
  readonly duplicateFields?: readonly string[];
}

/** A decoded manifest and the warnings a `Warn` decode reports (`unknown field "spec.foo"`). */
export interface DecodedManifest {
  readonly manifest: unknown;
  readonly warnings: readonly string[];
}

/**
 * Decodes a manifest as the API server decodes a request body: the kind from `apiVersion` and
 * `kind`, then {@link decodeObject} against that kind's upstream OpenAPI definition, with unknown
 * and duplicate fields handled per `fieldValidation`. A decode error is a 400 `BadRequest` worded as
 * upstream: `DaemonSet in version "v1" cannot be handled as a DaemonSet: json: cannot unmarshal ...`,
 * or `... cannot be handled as a DaemonSet: strict decoding error: unknown field "spec.foo"`.
 * A manifest that is not an object of a known kind is only copied as plain data (as
 * {@link toPlainData}); the checks that follow reject it in their own words.
 * Mirrors the create and update handlers' decode with `transformDecodeError`
 * (apiserver/pkg/endpoints/handlers/create.go, rest.go).
 */
export function decodeManifest(manifest: unknown, options: DecodeManifestOptions = {}): DecodedManifest {
  const m = manifest as { apiVersion?: unknown; kind?: unknown } | null;
  const definition =
    m !== null && typeof m === 'object' && typeof m.apiVersion === 'string' && typeof m.kind === 'string'
      ? definitionNameOf(m.apiVersion, m.kind)
      : undefined;
  if (definition === undefined) return { manifest: toPlainData(manifest), warnings: [] };
  const kind = m!.kind as string;
  const apiVersion = m!.apiVersion as string;
  const handledAs = `${kind} in version "${apiVersion.slice(apiVersion.indexOf('/') + 1)}" cannot be handled as a ${kind}`;
  let decoded;
  try {
    decoded = decodeObject(definition, manifest, options);
  } catch (error) {
    // Field errors (a forbidden key) keep their own words; Go's decode errors are wrapped.
    if (error instanceof SimulationError && error.code === 'BadRequest' && error.causes.length === 0)
      throw new SimulationError('BadRequest', `${handledAs}: ${error.message}`, { ...pathOf(error.path) });
    throw error;
  }
  const strictErrors = [...(options.duplicateFields ?? []), ...decoded.strictErrors];
  switch (options.fieldValidation ?? 'Strict') {
    case 'Strict':
      if (strictErrors.length > 0)
        throw new SimulationError(
          'BadRequest',
          `${handledAs}: ${strictDecodingError(strictErrors)}`,
          pathOf(strictErrorPath(strictErrors[0]!)),
        );
      return { manifest: decoded.value, warnings: [] };
    case 'Warn':
      return { manifest: decoded.value, warnings: strictErrors };
    case 'Ignore':
      return { manifest: decoded.value, warnings: [] };
  }
}

/**
 * `strict decoding error: unknown field "a", duplicate field "b"`.
 * Mirrors `runtime.NewStrictDecodingError` (apimachinery/pkg/runtime/error.go).
 */
export function strictDecodingError(errors: readonly string[]): string {
  return `strict decoding error: ${errors.join(', ')}`;
}

/**
 * The field path a strict decoding error names: `spec.foo` for `unknown field "spec.foo"`.
 * Go's quoting escapes like JSON's for the usual characters; a path it cannot read back
 * (Go's `\x` escapes) is returned as quoted.
 */
export function strictErrorPath(error: string): string | undefined {
  const quoted = /^(?:\S+ )?(?:unknown|duplicate) field (".*")$/.exec(error);
  if (quoted === null) return undefined;
  try {
    return JSON.parse(quoted[1]!) as string;
  } catch {
    return quoted[1]!.slice(1, -1);
  }
}

function pathOf(path: string | undefined): { path?: string } {
  return path === undefined || path === '' ? {} : { path };
}
