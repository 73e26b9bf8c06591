import type { ServerResponse } from 'node:http';
import {
  decodeManifest,
  decodeObject,
  definitionNameOf,
  findDuplicateFields,
  formatInvalidError,
  notSupported,
  SimulationError,
  strictDecodingError,
} from '@daemonsim/core';
import type { FieldValidation } from '@daemonsim/core';
import type { BodyFormat } from './mediaType.js';
import { StatusError, toStatusError } from './status.js';

const DIRECTIVES: readonly FieldValidation[] = ['Ignore', 'Warn', 'Strict'];

/**
 * The `fieldValidation` query parameter of a create, update or patch: `Warn` when absent or
 * empty, as upstream defaults (kubectl 1.32 sends `Strict` unless `--validate` says otherwise).
 * Throws the 422 upstream answers for another value:
 * `CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "x": supported values: "Ignore", "Warn", "Strict"`.
 * Mirrors `fieldValidation` (apiserver/pkg/endpoints/handlers/rest.go) and `ValidateFieldValidation`
 * (apimachinery/pkg/apis/meta/v1/validation/validation.go).
 */
export function fieldValidationOf(
  query: URLSearchParams,
  options: 'CreateOptions' | 'UpdateOptions' | 'PatchOptions',
): FieldValidation {
  const value = query.get('fieldValidation') ?? '';
  if (value === '') return 'Warn';
  if ((DIRECTIVES as readonly string[]).includes(value)) return value as FieldValidation;
  const cause = notSupported('fieldValidation', value, DIRECTIVES);
  throw toStatusError(
    new SimulationError('Invalid', formatInvalidError(options, 'meta.k8s.io', '', [cause]), {
      causes: [cause],
    }),
  );
}

/** The apiVersion and kind of a served resource, as a body of it carries them. */
export interface ResourceKind {
  readonly apiVersion: string;
  readonly kind: string;
}

/** The apiVersion and kind a body of the target's resource carries. */
export function kindOf(t: { readonly def: { readonly group: string; readonly kind: string } }): ResourceKind {
  return { apiVersion: t.def.group === '' ? 'v1' : `${t.def.group}/v1`, kind: t.def.kind };
}

/** The body's text when it is JSON (where duplicate fields need finding in the text), else undefined. */
export function jsonText(body: Buffer, format: BodyFormat): string | undefined {
  return format === 'yaml' ? undefined : body.toString('utf8');
}

/**
 * Decodes a create or update body as the API server does: typed against the resource's upstream
 * schema, unknown fields and (for a JSON body) duplicate fields handled per `directive`. Returns
 * the decoded object and the warnings a `Warn` decode reports. Throws a 400 worded as upstream:
 * `DaemonSet in version "v1" cannot be handled as a DaemonSet: strict decoding error: unknown field "spec.foo"`.
 * Mirrors the decode in the create and update handlers (apiserver/pkg/endpoints/handlers/create.go, update.go).
 */
export function decodeBody(
  target: ResourceKind,
  body: Record<string, unknown>,
  text: string | undefined,
  directive: FieldValidation,
): { readonly object: Record<string, unknown>; readonly warnings: readonly string[] } {
  const duplicateFields = text === undefined || directive === 'Ignore' ? [] : findDuplicateFields(text);
  try {
    const decoded = decodeManifest(
      { ...body, apiVersion: target.apiVersion, kind: target.kind },
      { fieldValidation: directive, duplicateFields },
    );
    return { object: decoded.manifest as Record<string, unknown>, warnings: decoded.warnings };
  } catch (error) {
    throw toStatusError(error);
  }
}

/**
 * Decodes the object a patch produced, as the patch handler does: a type error, or with `Strict`
 * an unknown field, is a 422 naming the patch:
 * ` "" is invalid: patch: Invalid value: "{...}": strict decoding error: unknown field "spec.foo"`.
 * Returns the decoded object and the warnings of a `Warn` decode.
 * Mirrors `jsonPatcher.applyPatchToCurrentObject` and `smpPatcher` (apiserver/pkg/endpoints/handlers/patch.go).
 * Deviation: the patched object is echoed truncated (see `truncateEcho`), not whole.
 */
export function decodePatched(
  target: ResourceKind,
  patched: Record<string, unknown>,
  directive: FieldValidation,
): { readonly object: Record<string, unknown>; readonly warnings: readonly string[] } {
  const definition = definitionNameOf(target.apiVersion, target.kind);
  if (definition === undefined) return { object: patched, warnings: [] };
  let decoded;
  try {
    decoded = decodeObject(definition, patched);
  } catch (error) {
    if (error instanceof SimulationError && error.causes.length === 0)
      throw patchInvalid(patched, error.message);
    throw toStatusError(error);
  }
  if (directive === 'Strict' && decoded.strictErrors.length > 0)
    throw patchInvalid(patched, strictDecodingError(decoded.strictErrors));
  return {
    object: decoded.value as Record<string, unknown>,
    warnings: directive === 'Warn' ? decoded.strictErrors : [],
  };
}

/** The longest echo of a bad value in a message; longer ones are cut with ` ...`, as upstream's `summarizeData`. */
export const MAX_ECHO = 256;

/**
 * `text` cut to {@link MAX_ECHO} characters plus ` ...` when longer.
 * Mirrors `summarizeData` (apiserver/pkg/endpoints/handlers/rest.go), which cuts at 30 bytes.
 */
export function truncateEcho(text: string, max = MAX_ECHO): string {
  return text.length > max ? `${text.slice(0, max)} ...` : text;
}

function patchInvalid(patched: unknown, detail: string): StatusError {
  const echo = truncateEcho(JSON.stringify(patched));
  const message = `patch: Invalid value: ${JSON.stringify(echo)}: ${detail}`;
  return new StatusError(422, 'Invalid', ` "" is invalid: ${message}`, {
    causes: [
      {
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(echo)}: ${detail}`,
        field: 'patch',
      },
    ],
  });
}

/**
 * Sets the `Warning` headers of a response, one per warning: `299 - "unknown field \"spec.foo\""`,
 * which kubectl prints as `Warning: unknown field "spec.foo"`.
 * Mirrors `warning.AddWarning` with the `299` warning code (apiserver/pkg/endpoints/filters/warning.go).
 */
export function setWarnings(res: ServerResponse, warnings: readonly string[]): void {
  if (warnings.length === 0) return;
  res.setHeader(
    'Warning',
    warnings.map((w) => `299 - ${JSON.stringify(w)}`),
  );
}
