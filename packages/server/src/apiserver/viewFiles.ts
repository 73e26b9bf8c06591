import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { StatusError } from './status.js';

/** The path the browser view is served under. */
export const VIEW_PREFIX = '/ui/';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

/**
 * Where the built view is: `dist/view/` beside the compiled server (the package's build copies
 * `@daemonsim/ui`'s dist there), or `packages/ui/dist/` when the server runs from its source in
 * the workspace. Undefined when neither holds an `index.html`.
 */
export function defaultViewRoot(): string | undefined {
  for (const candidate of ['../view/', '../../../ui/dist/']) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${dir}index.html`)) return dir;
  }
  return undefined;
}

/**
 * Answers a GET of `path` (a URL path under {@link VIEW_PREFIX}) with one file of the built view (`/ui/` is its
 * `index.html`): flat names only, so no path leaves `root`. A 404 Status names what is missing.
 * Upstream has no counterpart (closest: the Kubernetes Dashboard, served apart).
 */
export function serveViewFile(root: string | undefined, path: string, res: ServerResponse): void {
  if (root === undefined)
    throw new StatusError(
      404,
      'NotFound',
      'the browser view is not built: pnpm --filter @daemonsim/ui build (an installed @daemonsim/server ships it)',
    );
  const name = path === VIEW_PREFIX ? 'index.html' : path.slice(VIEW_PREFIX.length);
  const type = CONTENT_TYPES[name.slice(name.lastIndexOf('.'))];
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || type === undefined || !existsSync(`${root}${name}`))
    throw new StatusError(404, 'NotFound', `the browser view has no file ${JSON.stringify(name)}`);
  const body = readFileSync(`${root}${name}`);
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-cache' });
  res.end(body);
}
