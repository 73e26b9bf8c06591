import { queryBool } from './queryBool.js';
import { badRequest, StatusError } from './status.js';

/** The query parameters of a list or watch, parsed. Mirrors `metav1.ListOptions`. */
export interface ListOptions {
  readonly watch: boolean;
  /** 0 (or less) for no limit, as upstream. */
  readonly limit: number;
  readonly continueToken: string | undefined;
  readonly resourceVersion: string | undefined;
  readonly timeoutSeconds: number | undefined;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * The query parameter `name` as an int64, or undefined when absent; a 400 Status with Go's
 * `strconv.ParseInt` words otherwise. Mirrors `runtime.Convert_Slice_string_To_int64` as the
 * parameter codec reports it. Values beyond 2^53 keep their sign and size, not every digit.
 */
export function int64Parameter(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  if (!/^[+-]?\d+$/.test(text))
    throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
  const value = BigInt(text);
  if (value < INT64_MIN || value > INT64_MAX)
    throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(text)}: value out of range`);
  return Number(value);
}

/**
 * The list options of a request's query: `watch`, `limit`, `continue`, `resourceVersion`,
 * `timeoutSeconds`, each parsed strictly with the API server's error text (400 BadRequest).
 * Mirrors `ParameterCodec.DecodeParameters` into `ListOptions` and `ValidateListOptions`.
 */
export function parseListOptions(query: URLSearchParams): ListOptions {
  const watch = queryBool(query, 'watch');
  const limit = int64Parameter(query, 'limit') ?? 0;
  const timeoutSeconds = int64Parameter(query, 'timeoutSeconds');
  const continueToken = query.get('continue') ?? undefined;
  const resourceVersion = query.get('resourceVersion') ?? undefined;
  const match = query.get('resourceVersionMatch') ?? '';
  if (match !== '') {
    if (match !== 'Exact' && match !== 'NotOlderThan')
      throw listOptionsInvalid(
        `resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`,
      );
    if (resourceVersion === undefined || resourceVersion === '')
      throw listOptionsInvalid(
        'resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
      );
    if (continueToken !== undefined && continueToken !== '')
      throw listOptionsInvalid(
        'resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided',
      );
  }
  return {
    watch,
    limit,
    continueToken: continueToken === '' ? undefined : continueToken,
    resourceVersion: resourceVersion === '' ? undefined : resourceVersion,
    timeoutSeconds,
  };
}

function listOptionsInvalid(detail: string): StatusError {
  return new StatusError(422, 'Invalid', `ListOptions.meta.k8s.io "" is invalid: ${detail}`);
}
