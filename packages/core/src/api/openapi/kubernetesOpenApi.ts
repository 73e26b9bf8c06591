import swagger from './swagger-1.32.json' with { type: 'json' };

/** One schema of an OpenAPI v2 document, as far as daemonsim reads it. */
export interface OpenApiSchema {
  readonly $ref?: string;
  readonly type?: string;
  readonly format?: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, OpenApiSchema>>;
  readonly additionalProperties?: OpenApiSchema | boolean;
  readonly items?: OpenApiSchema;
  readonly required?: readonly string[];
  readonly 'x-kubernetes-group-version-kind'?: readonly {
    readonly group: string;
    readonly version: string;
    readonly kind: string;
  }[];
}

/** The parts of upstream's OpenAPI v2 document that daemonsim serves and decodes with. */
export interface OpenApiV2Document {
  readonly swagger: string;
  readonly info: { readonly title: string; readonly version: string };
  readonly paths: Readonly<Record<string, unknown>>;
  readonly definitions: Readonly<Record<string, OpenApiSchema>>;
  readonly parameters: Readonly<Record<string, unknown>>;
}

/**
 * Upstream's OpenAPI v2 document of Kubernetes 1.32 (`api/openapi-spec/swagger.json`), cut to the
 * definitions reachable from the kinds daemonsim stores and the paths of the resources it serves
 * (`scripts/prune-openapi.mjs` makes it; the source is named in `x-daemonsim-source`).
 * Upstream counterpart: the document kube-apiserver serves at `/openapi/v2`.
 */
export const kubernetesOpenApi: OpenApiV2Document = swagger as unknown as OpenApiV2Document;

const byKind = new Map<string, string>();
for (const [name, schema] of Object.entries(kubernetesOpenApi.definitions)) {
  for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
    const apiVersion = gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
    if (!byKind.has(`${apiVersion} ${gvk.kind}`)) byKind.set(`${apiVersion} ${gvk.kind}`, name);
  }
}

/**
 * The definition name of a kind (`io.k8s.api.apps.v1.DaemonSet` for `apps/v1`, `DaemonSet`), from
 * the definitions' `x-kubernetes-group-version-kind`; undefined for a kind not in the document.
 */
export function definitionNameOf(apiVersion: string, kind: string): string | undefined {
  return byKind.get(`${apiVersion} ${kind}`);
}
