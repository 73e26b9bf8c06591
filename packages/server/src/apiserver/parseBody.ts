import { parse as parseYaml } from 'yaml';
import { badRequest } from './status.js';
import { shiftTimes } from './wallClock.js';

/**
 * Where every request body enters the write path: the body parsed as JSON (or YAML for a
 * `yaml` content type) into an object, its timestamps moved back from the presented clock by
 * `shift`. Throws a 400 Status for an empty or malformed body or one that is not an object.
 * Mirrors the handlers' `runtime.Decode` of the body.
 */
export function parseBody(body: Buffer, contentType: string, shift: number): Record<string, unknown> {
  const text = body.toString('utf8');
  if (text.trim() === '') throw badRequest('the request body is empty');
  let value: unknown;
  try {
    value = /yaml/i.test(contentType) ? parseYaml(text, { maxAliasCount: 100 }) : JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw badRequest(
      /yaml/i.test(contentType)
        ? `error converting YAML to JSON: ${detail}`
        : `the object provided is unrecognized (malformed JSON: ${detail})`,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw badRequest('the body of the request was in an unknown format: expected a JSON object');
  return shiftTimes(value, -shift) as Record<string, unknown>;
}

/** The body of a `application/json-patch+json` request: a list of operations. Mirrors `jsonpatch.DecodePatch`. */
export function parseJsonPatch(body: Buffer, shift: number): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw badRequest(
      `the object provided is unrecognized (malformed JSON: ${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!Array.isArray(value))
    throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  return shiftTimes(value, -shift) as unknown[];
}
