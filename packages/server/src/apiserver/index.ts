// The Kubernetes-compatible HTTP API over a running simulation (Node only): `@daemonsim/server`.

export type { ApiServer, ApiServerOptions } from './server.js';
export { MAX_REQUEST_BODY_BYTES, startApiServer } from './server.js';
export type { KubeconfigOptions } from './kubeconfig.js';
export { kubeconfigYaml } from './kubeconfig.js';
export { createDefaultCluster, defaultClusterScenario } from './defaultCluster.js';
export { jsonMergePatch, jsonPatch, JsonPatchError, strategicMergePatch } from './patch.js';
export type { FieldPredicate, LabelPredicate } from './selectors.js';
export { parseFieldSelector, parseLabelSelector } from './selectors.js';
export type { Status, StatusDetails } from './status.js';
export { StatusError, toStatusError } from './status.js';
export { parseLogRequest } from './logs.js';
export type { LogRequest } from './logs.js';
