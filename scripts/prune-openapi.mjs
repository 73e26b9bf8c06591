// Writes the subset of upstream's OpenAPI v2 document (api/openapi-spec/swagger.json) that
// daemonsim serves and decodes with: the definitions reachable from the kinds it stores and the
// request options it reads, and the paths of the resources it serves.
// Usage: node scripts/prune-openapi.mjs <swagger.json> <out.json> <source note>, then pnpm format.
// The source used: kubernetes-client/python v32.0.1 (commit bc4fd671bfa702007e090ae3ae28bf28bc9c3a6e),
// kubernetes/swagger.json.unprocessed, which is kubernetes/kubernetes release-1.32
// api/openapi-spec/swagger.json as the client generator downloaded it.
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output, source] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(input, 'utf8'));
const roots = [
  'io.k8s.api.apps.v1.DaemonSet',
  'io.k8s.api.apps.v1.DaemonSetList',
  'io.k8s.api.apps.v1.ControllerRevision',
  'io.k8s.api.apps.v1.ControllerRevisionList',
  'io.k8s.api.core.v1.Pod',
  'io.k8s.api.core.v1.PodList',
  'io.k8s.api.core.v1.Node',
  'io.k8s.api.core.v1.NodeList',
  'io.k8s.api.core.v1.Namespace',
  'io.k8s.api.core.v1.NamespaceList',
  'io.k8s.api.core.v1.Event',
  'io.k8s.api.core.v1.EventList',
  'io.k8s.api.coordination.v1.Lease',
  'io.k8s.api.coordination.v1.LeaseList',
  'io.k8s.api.policy.v1.Eviction',
  'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Status',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Patch',
  'io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent',
  'io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList',
];
const resources = [
  ['/api/v1/', ['namespaces', 'nodes', 'pods', 'events']],
  ['/apis/apps/v1/', ['daemonsets', 'controllerrevisions']],
  ['/apis/coordination.k8s.io/v1/', ['leases']],
];
const served = (path) =>
  resources.some(([prefix, names]) =>
    names.some(
      (n) =>
        path === `${prefix}${n}` ||
        path.startsWith(`${prefix}${n}/`) ||
        path === `${prefix}namespaces/{namespace}/${n}` ||
        path.startsWith(`${prefix}namespaces/{namespace}/${n}/`),
    ),
  ) && !/\/(proxy|binding|ephemeralcontainers|resize|attach|exec|portforward|finalize)(\/|$)/.test(path);

const definitions = {};
const parameters = {};
const walk = (value) => {
  if (Array.isArray(value)) return value.forEach(walk);
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (k === '$ref' && typeof v === 'string') {
      const [, section, name] = v.split('/');
      if (section === 'definitions' && !(name in definitions)) {
        definitions[name] = doc.definitions[name];
        walk(definitions[name]);
      } else if (section === 'parameters' && !(name in parameters)) {
        parameters[name] = doc.parameters[name];
        walk(parameters[name]);
      }
    } else walk(v);
  }
};
for (const r of roots) walk({ $ref: `#/definitions/${r}` });
const paths = {};
for (const [p, item] of Object.entries(doc.paths)) {
  if (!served(p)) continue;
  paths[p] = item;
  walk(item);
}
const sorted = (o) =>
  Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );
const out = {
  swagger: doc.swagger,
  info: { title: doc.info.title, version: 'v1.32.0' },
  'x-daemonsim-source': source,
  paths: sorted(paths),
  definitions: sorted(definitions),
  parameters: sorted(parameters),
};
writeFileSync(output, JSON.stringify(out) + '\n');
console.log(
  `${Object.keys(definitions).length} definitions, ${Object.keys(paths).length} paths, ${Object.keys(parameters).length} parameters`,
);
