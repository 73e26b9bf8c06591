import { KUBERNETES_VERSION } from '@daemonsim/core';
/** The media type kubectl asks `/openapi/v2` for: gnostic's `openapi_v2.Document` as protobuf. */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';

/** The `Content-Type` kube-openapi answers it with (Go's mime parser rejects the `@` form). */
export const OPENAPI_V2_PROTOBUF_RESPONSE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

function field(number: number, bytes: Uint8Array): Uint8Array {
  // Every length here is under 128, so the length is one varint byte.
  return Uint8Array.from([(number << 3) | 2, bytes.length, ...bytes]);
}

function text(number: number, value: string): Uint8Array {
  return field(number, new TextEncoder().encode(value));
}

/**
 * `GET /openapi/v2` in protobuf: an `openapi_v2.Document` with `swagger: "2.0"` and its `info`
 * and no definitions. kubectl needs it to validate, on the client, a manifest whose kind the
 * server's OpenAPI v3 does not describe (a Deployment, a Service): with no schema for the kind it
 * skips validation, as for a missing CRD, and then prints its own
 * `no matches for kind "Deployment" in version "apps/v1"` from discovery instead of
 * `failed to download openapi`.
 * Mirrors kube-apiserver's protobuf `/openapi/v2`. Deviation: no definitions (the JSON form, where
 * served, is the schema); hand-encoded, since two string fields need no protobuf library.
 */
export function openApiV2Protobuf(): Uint8Array {
  const info = Uint8Array.from([...text(1, 'Kubernetes'), ...text(2, KUBERNETES_VERSION)]);
  return Uint8Array.from([...text(1, '2.0'), ...field(2, info)]);
}
