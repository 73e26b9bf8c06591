import { NAMED_GROUPS } from './discovery.js';
import type { ApiGroup, ResourceDef } from './resources.js';
import { lookupResource } from './resources.js';
import { StatusError } from './status.js';

/** Parsed request target: which resource, namespace, name and subresource. */
export interface Target {
  readonly def: ResourceDef;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly subresource: string | undefined;
}

/** The 404 of a path no resource serves, as the API server's mux answers it. */
export function pathNotFound(): StatusError {
  return new StatusError(404, 'NotFound', 'the server could not find the requested resource', {
    causes: [{ reason: 'UnexpectedServerResponse', message: '404 page not found', field: '' }],
  });
}

/**
 * The resource, namespace, name and subresource a REST path names
 * (`/api/v1/namespaces/{ns}/pods/{name}/log`, `/apis/apps/v1/daemonsets`), or undefined for a
 * path that names none. Mirrors the request-info resolver (`RequestInfoFactory.NewRequestInfo`).
 */
export function parseTarget(path: string): Target | undefined {
  let group: ApiGroup | undefined;
  let rest = '';
  if (path.startsWith('/api/v1/')) {
    group = '';
    rest = path.slice('/api/v1/'.length);
  } else {
    for (const g of NAMED_GROUPS) {
      if (path.startsWith(`/apis/${g}/v1/`)) {
        group = g;
        rest = path.slice(`/apis/${g}/v1/`.length);
      }
    }
  }
  if (group === undefined) return undefined;
  const parts = rest.split('/').map((p) => decodeURIComponent(p));
  let namespace: string | undefined;
  if (parts[0] === 'namespaces' && parts.length >= 3) {
    namespace = parts[1];
    parts.splice(0, 2);
  }
  const [resource, name, subresource, ...extra] = parts;
  if (resource === undefined || extra.length > 0) return undefined;
  const def = lookupResource(group, resource);
  if (def === undefined) throw pathNotFound();
  if (namespace !== undefined && !def.namespaced) return undefined;
  return { def, namespace, name: name === '' ? undefined : name, subresource };
}
