import { posix } from 'node:path';
import { badRequest } from './status.js';

/** A decoded `continue` token: where the next page starts and at which `resourceVersion` (-1: the latest). */
export interface ContinueToken {
  readonly startKey: string;
  readonly resourceVersion: number;
}

/**
 * The opaque `continue` of a list page: base64url (unpadded) of `{"v","rv","start"}` with the
 * start key relative to the list's key prefix. Mirrors `storage.EncodeContinue`.
 */
export function encodeContinue(key: string, keyPrefix: string, resourceVersion: number): string {
  const start = key.startsWith(keyPrefix) ? key.slice(keyPrefix.length) : key;
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: resourceVersion, start }), 'utf8').toString(
    'base64url',
  );
}

const INVALID = 'continue key is not valid';

/**
 * Decodes a `continue` token for a list under `keyPrefix`; throws the 400 Status the API server
 * answers for a malformed one (`invalid continue token: continue key is not valid: ...`).
 * Mirrors `storage.DecodeContinue` as the etcd3 store's `GetList` reports its errors.
 * Deviation: a JSON syntax error is worded by JavaScript's parser, not Go's.
 */
export function decodeContinue(token: string, keyPrefix: string): ContinueToken {
  const fail = (detail: string): never => {
    throw badRequest(`invalid continue token: ${detail}`);
  };
  if (!/^[A-Za-z0-9_-]*$/.test(token) || token.length % 4 === 1)
    fail(`${INVALID}: illegal base64 data at input byte ${Math.max(0, token.search(/[^A-Za-z0-9_-]/))}`);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch (error) {
    fail(`${INVALID}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    fail(
      `${INVALID}: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type storage.continueToken`,
    );
  const { v, rv, start } = value as { v?: unknown; rv?: unknown; start?: unknown };
  if (v !== 'meta.k8s.io/v1')
    fail(`${INVALID}: server does not recognize this encoded version ${typeof v === 'string' ? v : ''}`);
  if (rv === undefined || rv === 0 || rv === null)
    fail(`${INVALID}: incorrect encoded start resourceVersion (version meta.k8s.io/v1)`);
  if (typeof rv !== 'number' || !Number.isSafeInteger(rv))
    fail(
      `${INVALID}: json: cannot unmarshal ${typeof rv} into Go struct field continueToken.rv of type int64`,
    );
  if (typeof start !== 'string')
    fail(
      `${INVALID}: json: cannot unmarshal ${typeof start} into Go struct field continueToken.start of type string`,
    );
  if (start === '') fail(`${INVALID}: encoded start key empty (version meta.k8s.io/v1)`);
  const key = (start as string).startsWith('/') ? (start as string) : `/${start as string}`;
  if (posix.normalize(key) !== key || (key.length > 1 && key.endsWith('/')))
    fail(`${INVALID}: ${start as string}`);
  return { startKey: keyPrefix + key.slice(1), resourceVersion: rv as number };
}
