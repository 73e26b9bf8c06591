import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { StatusError } from './status.js';

/**
 * The paths a request with no credentials may read: the `system:public-info-viewer` ClusterRole's
 * non-resource URLs, which a cluster grants `system:unauthenticated`.
 */
const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz', '/version']);

/** A fresh bearer token: 32 random bytes, base64url (43 characters). */
export function newBearerToken(): string {
  return randomBytes(32).toString('base64url');
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * Admits a request that carries `Authorization: Bearer <token>` with the server's token, and one
 * with no `Authorization` header to the public paths; throws 401 Unauthorized for the rest.
 * Mirrors the API server's `WithAuthentication` filter with the static token authenticator
 * (`bearertoken.Authenticator`: scheme case-insensitive, the token the second space-separated
 * field) and anonymous requests authorised by `system:public-info-viewer` only: as upstream, a
 * wrong token is refused on the public paths too. Deviation: anonymous requests elsewhere get 401,
 * as with `--anonymous-auth=false`, not 403. Tokens are compared through their SHA-256, in
 * constant time. The browser view's static files under `/ui/` are public too (they hold no
 * cluster data; the page asks for the token before it reads any).
 */
export function authenticateRequest(req: IncomingMessage, token: string, path: string): void {
  const header = req.headers.authorization;
  if (header === undefined) {
    if (PUBLIC_PATHS.has(path) || path === '/ui' || path.startsWith('/ui/')) return;
    throw unauthorized();
  }
  const parts = header.trim().split(' ');
  const given = parts[0]?.toLowerCase() === 'bearer' ? parts[1] : undefined;
  if (given === undefined || given === '' || !timingSafeEqual(digest(given), digest(token)))
    throw unauthorized();
}

function unauthorized(): StatusError {
  return new StatusError(401, 'Unauthorized', 'Unauthorized');
}
