import { RESOURCES } from './resources.js';

/**
 * `GET /openapi/v3`: the index of per-group-version documents. Mirrors kube-apiserver's OpenAPI
 * v3 discovery (`/openapi/v3` with `serverRelativeURL`s).
 * Deviation: the documents are minimal (see {@link openApiV3Document}).
 */
export function openApiV3Index(): unknown {
  return {
    paths: {
      'api/v1': { serverRelativeURL: '/openapi/v3/api/v1?hash=daemonsim' },
      'apis/apps/v1': { serverRelativeURL: '/openapi/v3/apis/apps/v1?hash=daemonsim' },
    },
  };
}

/**
 * A minimal OpenAPI v3 document for a group version: one PATCH operation per writable kind that
 * declares the `fieldValidation` query parameter, which is what kubectl 1.32 reads to learn that
 * the server validates fields (so it skips client-side schema validation). No schemas: kubectl
 * then computes strategic merge patches from its compiled-in types.
 * Mirrors the shape of kube-apiserver's `/openapi/v3/apis/<group>/<version>`; returns undefined
 * for a group version not served.
 */
export function openApiV3Document(groupVersion: string): unknown {
  const group = groupVersion === 'api/v1' ? '' : groupVersion === 'apis/apps/v1' ? 'apps' : undefined;
  if (group === undefined) return undefined;
  const paths: Record<string, unknown> = {};
  for (const def of RESOURCES.values()) {
    if (def.group !== group || !def.verbs.includes('patch')) continue;
    const prefix = group === '' ? '/api/v1' : '/apis/apps/v1';
    const path = def.namespaced
      ? `${prefix}/namespaces/{namespace}/${def.name}/{name}`
      : `${prefix}/${def.name}/{name}`;
    paths[path] = {
      patch: {
        operationId: `patch${def.kind}`,
        parameters: [
          { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } },
          { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } },
        ],
        responses: { '200': { description: 'OK' } },
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group, version: 'v1', kind: def.kind },
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths,
    components: { schemas: {} },
  };
}
