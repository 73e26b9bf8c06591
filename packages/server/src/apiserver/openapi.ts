import { fnv32a, kubernetesOpenApi } from '@daemonsim/core';

/** The group versions served, by their `/openapi/v3/<key>` key, with their path prefix. */
const GROUP_VERSIONS: Readonly<Record<string, string>> = {
  'api/v1': '/api/v1/',
  'apis/apps/v1': '/apis/apps/v1/',
  'apis/coordination.k8s.io/v1': '/apis/coordination.k8s.io/v1/',
};

/**
 * `GET /openapi/v2`: upstream's OpenAPI v2 document of Kubernetes 1.32, cut to the resources
 * daemonsim serves (see `kubernetesOpenApi` in core).
 * Mirrors kube-apiserver's `/openapi/v2`. Deviation: JSON only; a client that accepts only the
 * protobuf form is answered 406 (the caller checks `Accept`).
 */
export function openApiV2Document(): unknown {
  const { swagger, info, paths, definitions, parameters } = kubernetesOpenApi;
  return { swagger, info, paths, definitions, parameters };
}

/** Whether an `Accept` header takes JSON: absent, any type, `application/*` or `application/json`. */
export function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((part) => {
    const type = part.split(';')[0]!.trim();
    return type === '*/*' || type === 'application/*' || type === 'application/json';
  });
}

const v3Documents = new Map<string, unknown>();

/**
 * `GET /openapi/v3`: the index of per-group-version documents, each URL carrying a hash of its
 * document so that kubectl's cache notices a change.
 * Mirrors kube-apiserver's OpenAPI v3 discovery (`/openapi/v3` with `serverRelativeURL`s).
 */
export function openApiV3Index(): unknown {
  const paths: Record<string, unknown> = {};
  for (const key of Object.keys(GROUP_VERSIONS)) {
    const text = JSON.stringify(openApiV3Document(key));
    const hash = fnv32a(new TextEncoder().encode(text)).toString(16).toUpperCase().padStart(8, '0');
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
  }
  return { paths };
}

/**
 * The OpenAPI v3 document of one group version (`apis/apps/v1`): its paths and the schemas they
 * reach, converted from the v2 document as kube-apiserver builds its v3 documents: references under
 * `#/components/schemas/`, a reference with siblings wrapped in `allOf`, parameters inlined with a
 * `schema`, bodies as `requestBody`, responses under `content`. kubectl reads it for `explain`,
 * for the patch metadata of `apply`, and to learn that PATCH takes `fieldValidation`.
 * Mirrors kube-apiserver's `/openapi/v3/<group>/<version>`; undefined for a group version not served.
 */
export function openApiV3Document(groupVersion: string): unknown {
  const cached = v3Documents.get(groupVersion);
  if (cached !== undefined) return cached;
  const prefix = GROUP_VERSIONS[groupVersion];
  if (prefix === undefined) return undefined;
  const paths: Record<string, unknown> = {};
  const reached = new Set<string>();
  for (const [path, item] of Object.entries(kubernetesOpenApi.paths)) {
    if (!path.startsWith(prefix)) continue;
    paths[path] = convertPathItem(item as Record<string, unknown>, reached);
  }
  const schemas: Record<string, unknown> = {};
  const queue = [...reached];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (name in schemas) continue;
    const found = new Set<string>();
    schemas[name] = V3_ONE_OF[name] ?? convertSchema(kubernetesOpenApi.definitions[name], found);
    for (const n of found) if (!(n in schemas)) queue.push(n);
  }
  const sorted = Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((k) => [k, schemas[k]]),
  );
  const doc = {
    openapi: '3.0.0',
    info: kubernetesOpenApi.info,
    paths,
    components: {
      schemas: sorted,
      securitySchemes: { BearerToken: { type: 'apiKey', name: 'authorization', in: 'header' } },
    },
  };
  v3Documents.set(groupVersion, doc);
  return doc;
}

// Types whose v3 schema is a oneOf (their Go types' `OpenAPIV3OneOfTypes`) where v2 has a string.
const V3_ONE_OF: Readonly<Record<string, unknown>> = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    ...kubernetesOpenApi.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'],
    type: undefined,
    oneOf: [{ type: 'integer' }, { type: 'string' }],
  },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': {
    ...kubernetesOpenApi.definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'],
    type: undefined,
    oneOf: [{ type: 'string' }, { type: 'number' }],
  },
};

const OPERATIONS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

function convertPathItem(item: Record<string, unknown>, reached: Set<string>): unknown {
  const out: Record<string, unknown> = {};
  if (Array.isArray(item.parameters))
    out.parameters = item.parameters.map((p) => convertParameter(p, reached)).filter((p) => p !== undefined);
  for (const op of OPERATIONS) {
    const operation = item[op] as Record<string, unknown> | undefined;
    if (operation === undefined) continue;
    const { consumes, produces, parameters, responses, schemes: _schemes, ...rest } = operation;
    const converted: Record<string, unknown> = { ...rest };
    const params = (parameters as unknown[] | undefined) ?? [];
    const body = params.map(resolveParameter).find((p) => p.in === 'body');
    if (body !== undefined) {
      const schema = convertSchema(body.schema, reached);
      converted.requestBody = {
        content: Object.fromEntries(
          ((consumes as string[] | undefined) ?? ['*/*']).map((t) => [t, { schema }]),
        ),
        required: body.required === true,
      };
    }
    const inline = params.map((p) => convertParameter(p, reached)).filter((p) => p !== undefined);
    if (inline.length > 0) converted.parameters = inline;
    const answers: Record<string, unknown> = {};
    for (const [code, response] of Object.entries(
      (responses as Record<string, Record<string, unknown>>) ?? {},
    )) {
      answers[code] =
        response.schema === undefined
          ? { description: response.description }
          : {
              description: response.description,
              content: Object.fromEntries(
                ((produces as string[] | undefined) ?? ['application/json']).map((t) => [
                  t,
                  { schema: convertSchema(response.schema, reached) },
                ]),
              ),
            };
    }
    converted.responses = answers;
    out[op] = converted;
  }
  return out;
}

function resolveParameter(p: unknown): Record<string, unknown> {
  const ref = (p as { $ref?: string }).$ref;
  if (ref === undefined) return p as Record<string, unknown>;
  return kubernetesOpenApi.parameters[ref.slice('#/parameters/'.length)] as Record<string, unknown>;
}

function convertParameter(p: unknown, reached: Set<string>): unknown {
  const param = resolveParameter(p);
  if (param.in === 'body') return undefined;
  const { name, in: where, description, required, type, uniqueItems, ...schemaRest } = param;
  return {
    name,
    in: where,
    ...(description === undefined ? {} : { description }),
    ...(required === undefined ? {} : { required }),
    schema: convertSchema({ type, uniqueItems, ...schemaRest }, reached),
  };
}

function convertSchema(schema: unknown, reached: Set<string>): unknown {
  if (Array.isArray(schema)) return schema.map((s) => convertSchema(s, reached));
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  let ref: string | undefined;
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') {
      const name = value.slice('#/definitions/'.length);
      reached.add(name);
      ref = `#/components/schemas/${name}`;
    } else if (key === 'properties' && value !== null && typeof value === 'object') {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, convertSchema(v, reached)]),
      );
    } else if (value !== undefined) out[key] = convertSchema(value, reached);
  }
  if (ref === undefined) return out;
  return Object.keys(out).length === 0 ? { $ref: ref } : { allOf: [{ $ref: ref }], ...out };
}
