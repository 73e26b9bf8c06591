import { parse as parseYaml } from 'yaml';
import { jsonDepthExceeded, MAX_BODY_DEPTH, yamlDepthExceeded } from './bodyDepth.js';
import type { BodyFormat } from './mediaType.js';
import type { StatusError } from './status.js';
import { badRequest } from './status.js';
import { shiftTimes } from './wallClock.js';

/** What a body is, for the words of its errors: an object of a kind, or a patch. */
export type BodyRole = { readonly kind: string } | 'patch';

/**
 * Where every request body enters the write path: its nesting depth checked on the text, then
 * the body parsed as JSON or YAML into an object, its timestamps moved back from the presented
 * clock by `shift`. Throws a 400 Status for an empty, too deep or malformed body or one that is
 * not an object; a too deep one in upstream's words for `role` (`the object provided is
 * unrecognized (must be of type DaemonSet): couldn't get version/kind; json parse error: exceeded
 * max depth ({"a":{"a":... ...)`, or `error decoding patch: exceeded max depth`).
 * Mirrors the handlers' `runtime.Decode` of the body and `transformDecodeError`.
 * Deviation: the depth limit is {@link MAX_BODY_DEPTH}, not Go's 10,000.
 */
export function parseBody(
  body: Buffer,
  format: BodyFormat,
  shift: number,
  role: BodyRole,
): Record<string, unknown> {
  const text = body.toString('utf8');
  if (text.trim() === '') throw badRequest('the request body is empty');
  checkDepth(text, format, role);
  let value: unknown;
  try {
    value = format === 'yaml' ? parseYaml(text, { maxAliasCount: 100 }) : JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw badRequest(
      format === 'yaml'
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
  const text = body.toString('utf8');
  checkDepth(text, 'json', 'patch');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badRequest(
      `the object provided is unrecognized (malformed JSON: ${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!Array.isArray(value))
    throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  return shiftTimes(value, -shift) as unknown[];
}

function checkDepth(text: string, format: BodyFormat, role: BodyRole): void {
  if (format === 'json') {
    if (jsonDepthExceeded(text) === undefined) return;
    throw depthError(role, "couldn't get version/kind; json parse error: exceeded max depth", text);
  }
  const line = yamlDepthExceeded(text);
  if (line === undefined) return;
  // yaml.v2 names the line only past the first (its marks count from 0).
  const where = line > 1 ? `line ${line}: ` : '';
  throw depthError(
    role,
    `error converting YAML to JSON: yaml: ${where}exceeded max depth of ${MAX_BODY_DEPTH}`,
    text,
  );
}

function depthError(role: BodyRole, detail: string, text: string): StatusError {
  if (role === 'patch')
    return badRequest(
      detail.startsWith('error converting YAML')
        ? `error decoding YAML: ${detail}`
        : 'error decoding patch: exceeded max depth',
    );
  return badRequest(
    `the object provided is unrecognized (must be of type ${role.kind}): ${detail} (${summarizeData(text)})`,
  );
}

/** The first 30 bytes of a body, as text when it opens an object, else in hex. Mirrors `summarizeData`. */
function summarizeData(text: string): string {
  const data = Buffer.from(text, 'utf8');
  const head = data.subarray(0, 30);
  const more = data.length > 30 ? ' ...' : '';
  return data[0] === 123 /* { */ ? `${head.toString('utf8')}${more}` : `${head.toString('hex')}${more}`;
}
