/** A JSON value as a patch reads and writes it. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A fresh plain object without a prototype chain that `__proto__` keys could reach. */
function plain(): Record<string, Json> {
  return Object.create(null) as Record<string, Json>;
}

function clone(v: Json): Json {
  return structuredClone(v);
}

/**
 * Applies a JSON merge patch: objects merge key by key, `null` deletes, anything else replaces.
 * Mirrors RFC 7386 as `application/merge-patch+json` (evanphx/json-patch `MergePatch`).
 */
export function jsonMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch as Json);
  const out = plain();
  if (isObject(target)) for (const [k, v] of Object.entries(target)) out[k] = v;
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = jsonMergePatch(out[k], v) as Json;
  }
  return out;
}

/** List fields that strategic merge patch merges by a key, as upstream's `patchMergeKey` tags say. */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  ownerReferences: 'uid',
  hostAliases: 'ip',
  conditions: 'type',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
};

/** Primitive lists that strategic merge patch unions instead of replacing. */
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

function mergeList(
  field: string,
  target: Json[] | undefined,
  patch: Json[],
  order: Json[] | undefined,
): Json[] {
  const key = MERGE_KEYS[field];
  if (key === undefined) {
    if (MERGED_PRIMITIVE_LISTS.has(field)) {
      const out = [...(target ?? [])];
      for (const v of patch) if (!out.includes(v)) out.push(v);
      return out;
    }
    return patch.filter((v) => !(isObject(v) && v.$patch !== undefined)).map(clone);
  }
  if (patch.some((v) => isObject(v) && v.$patch === 'replace')) {
    return patch.filter((v) => !(isObject(v) && v.$patch === 'replace')).map(clone);
  }
  const out: Json[] = [...(target ?? [])];
  for (const item of patch) {
    if (!isObject(item)) continue;
    const id = item[key];
    const index = out.findIndex((t) => isObject(t) && t[key] === id);
    if (item.$patch === 'delete') {
      if (index >= 0) out.splice(index, 1);
      continue;
    }
    if (index >= 0) out[index] = strategicMergePatch(out[index], item) as Json;
    else out.push(strategicMergePatch(undefined, item) as Json);
  }
  if (order !== undefined) {
    const rank = (v: Json): number => {
      const i = order.findIndex((o) => isObject(o) && isObject(v) && o[key] === v[key]);
      return i < 0 ? order.length : i;
    };
    out.sort((a, b) => rank(a) - rank(b));
  }
  return out;
}

/**
 * Applies a strategic merge patch: as a JSON merge patch, except that lists of containers,
 * volumes, env, ports and the like merge element by element on their merge key, `finalizers`
 * unions, and the directives `$patch` (replace, delete), `$setElementOrder/<list>`,
 * `$deleteFromPrimitiveList/<list>` and `$retainKeys` are honoured.
 * Mirrors `strategicpatch.StrategicMergePatch` (apimachinery/pkg/util/strategicpatch/patch.go).
 * Deviation: merge keys come from a table keyed by field name, not from the Go struct tags of
 * the exact type, and `$retainKeys` is dropped rather than enforced.
 */
export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch as Json);
  if (patch.$patch === 'replace') {
    const out = plain();
    for (const [k, v] of Object.entries(patch)) if (k !== '$patch') out[k] = clone(v);
    return out;
  }
  if (patch.$patch === 'delete') return undefined;
  const out = plain();
  if (isObject(target)) for (const [k, v] of Object.entries(target)) out[k] = v;
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith('$setElementOrder/')) continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const current = out[field];
      if (Array.isArray(current) && Array.isArray(v)) out[field] = current.filter((x) => !v.includes(x));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    if (Array.isArray(v)) {
      const current = out[k];
      const order = patch[`$setElementOrder/${k}`];
      out[k] = mergeList(
        k,
        Array.isArray(current) ? current : undefined,
        v,
        Array.isArray(order) ? order : undefined,
      );
      continue;
    }
    const merged = strategicMergePatch(out[k], v);
    if (merged === undefined) delete out[k];
    else out[k] = merged as Json;
  }
  return out;
}
