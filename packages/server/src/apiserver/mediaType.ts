import { StatusError } from './status.js';

/** How an object body is written: the two serializations daemonsim decodes. */
export type BodyFormat = 'json' | 'yaml';

/** The patch types of a built-in resource, in the order upstream's installer lists them. */
export const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
] as const;

/** One of {@link PATCH_TYPES}. */
export type PatchType = (typeof PATCH_TYPES)[number];

const INPUT_TYPES: Readonly<Record<string, BodyFormat>> = {
  'application/json': 'json',
  'application/yaml': 'yaml',
};

function unsupported(accepted: readonly string[]): StatusError {
  return new StatusError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );
}

/**
 * The serialization of a create, update, eviction or delete body from its `Content-Type`: an
 * absent one is JSON, the media type is compared without its parameters and case-insensitively;
 * anything else is upstream's 415 `the body of the request was in an unknown format - accepted
 * media types include: ...`. Mirrors `negotiation.NegotiateInputSerializerForMediaType` (with Go's
 * `mime.ParseMediaType` reduced to its type).
 * Deviation: protobuf is not decoded, so `application/vnd.kubernetes.protobuf` is a 415 too and
 * the list names only JSON and YAML.
 */
export function inputFormat(contentType: string | undefined): BodyFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === '') return 'json';
  const format = INPUT_TYPES[type];
  if (format === undefined) throw unsupported(Object.keys(INPUT_TYPES));
  return format;
}

/**
 * The patch type of a `PATCH` from its `Content-Type`, checked as upstream checks it twice:
 * first go-restful's route match (each comma-separated type without parameters, trimmed, compared
 * exactly; an absent type counts as `application/octet-stream`), whose 415 says only `415:
 * Unsupported Media Type`; then `PatchResource`'s own check of the text before the first `;`,
 * whose 415 lists the patch types. Mirrors go-restful `Route.matchesContentType` and the
 * `patchTypes` check of `handlers.PatchResource`.
 */
export function patchTypeOf(contentType: string | undefined): PatchType {
  const header = contentType ?? '';
  if (!routeConsumes(header === '' ? 'application/octet-stream' : header))
    throw new StatusError(415, 'UnsupportedMediaType', '415: Unsupported Media Type');
  const semicolon = header.indexOf(';');
  const type = semicolon > 0 ? header.slice(0, semicolon) : header;
  if (!(PATCH_TYPES as readonly string[]).includes(type)) throw unsupported(PATCH_TYPES);
  return type as PatchType;
}

function routeConsumes(header: string): boolean {
  for (const part of header.split(',')) {
    const type = part.split(';')[0]!.replace(/^ +| +$/g, '');
    if (type === '') return false;
    if ((PATCH_TYPES as readonly string[]).includes(type)) return true;
  }
  return false;
}
