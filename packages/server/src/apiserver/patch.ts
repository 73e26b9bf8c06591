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

/** A JSON Patch operation that could not be applied, with the message the API server gives. */
export class JsonPatchError extends Error {
  override readonly name = 'JsonPatchError';
}

function parsePointer(path: unknown): string[] {
  if (typeof path !== 'string' || (path !== '' && !path.startsWith('/')))
    throw new JsonPatchError(`invalid JSON pointer: ${JSON.stringify(path)}`);
  if (path === '') return [];
  const tokens = path
    .slice(1)
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (tokens.includes('__proto__')) throw new JsonPatchError(`invalid JSON pointer: ${JSON.stringify(path)}`);
  return tokens;
}

function arrayIndex(container: Json[], token: string, forAdd: boolean): number {
  if (forAdd && token === '-') return container.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new JsonPatchError(`invalid array index: ${token}`);
  const i = Number(token);
  if (i > container.length || (!forAdd && i === container.length))
    throw new JsonPatchError(`array index out of bounds: ${token}`);
  return i;
}

function parentOf(doc: Json, tokens: readonly string[], path: string): { parent: Json; last: string } {
  let node: Json = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[arrayIndex(node, t, false)]!;
    else if (isObject(node) && Object.hasOwn(node, t)) node = node[t]!;
    else throw new JsonPatchError(`doc is missing path: "${path}"`);
  }
  return { parent: node, last: tokens[tokens.length - 1]! };
}

function getAt(doc: Json, path: string): Json {
  let node: Json = doc;
  for (const t of parsePointer(path)) {
    if (Array.isArray(node)) node = node[arrayIndex(node, t, false)]!;
    else if (isObject(node) && Object.hasOwn(node, t)) node = node[t]!;
    else throw new JsonPatchError(`doc is missing path: "${path}"`);
  }
  return node;
}

function removeAt(doc: Json, path: string): Json {
  const tokens = parsePointer(path);
  if (tokens.length === 0) throw new JsonPatchError('cannot remove the whole document');
  const { parent, last } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, last, false), 1)[0]!;
  if (!isObject(parent) || !Object.hasOwn(parent, last))
    throw new JsonPatchError(`unable to remove nonexistent key: ${last}: missing value`);
  const value = parent[last]!;
  delete parent[last];
  return value;
}

function addAt(doc: Json, path: string, value: Json, replace: boolean): Json {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const { parent, last } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) {
    const i = arrayIndex(parent, last, !replace);
    parent.splice(i, replace ? 1 : 0, value);
  } else if (isObject(parent)) {
    if (replace && !Object.hasOwn(parent, last))
      throw new JsonPatchError(`replace operation does not apply: doc is missing key: ${path}`);
    parent[last] = value;
  } else throw new JsonPatchError(`doc is missing path: "${path}"`);
  return doc;
}

/**
 * Applies a JSON Patch (RFC 6902: `add`, `remove`, `replace`, `move`, `copy`, `test`) to a copy
 * of `target`; throws {@link JsonPatchError} for a malformed operation, a missing path or a
 * failed `test`. Mirrors `application/json-patch+json` (evanphx/json-patch `Patch.Apply`).
 */
export function jsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) throw new JsonPatchError('a JSON patch must be a list of operations');
  let doc = clone(target as Json);
  for (const raw of operations as unknown[]) {
    if (!isObject(raw)) throw new JsonPatchError('a JSON patch operation must be an object');
    const op = raw.op;
    const path = typeof raw.path === 'string' ? raw.path : undefined;
    if (path === undefined) throw new JsonPatchError(`operation ${String(op)}: missing path`);
    const value = (): Json => {
      if (!Object.hasOwn(raw, 'value')) throw new JsonPatchError(`operation ${String(op)}: missing value`);
      return clone(raw.value!);
    };
    switch (op) {
      case 'add':
        doc = addAt(doc, path, value(), false);
        break;
      case 'replace':
        doc = addAt(doc, path, value(), true);
        break;
      case 'remove':
        removeAt(doc, path);
        break;
      case 'move': {
        const from = typeof raw.from === 'string' ? raw.from : undefined;
        if (from === undefined) throw new JsonPatchError('operation move: missing from');
        doc = addAt(doc, path, removeAt(doc, from), false);
        break;
      }
      case 'copy': {
        const from = typeof raw.from === 'string' ? raw.from : undefined;
        if (from === undefined) throw new JsonPatchError('operation copy: missing from');
        doc = addAt(doc, path, clone(getAt(doc, from)), false);
        break;
      }
      case 'test':
        if (JSON.stringify(canonical(getAt(doc, path))) !== JSON.stringify(canonical(value())))
          throw new JsonPatchError(`testing value ${path} failed: test failed`);
        break;
      default:
        throw new JsonPatchError(`Unexpected kind: ${String(op)}`);
    }
  }
  return doc;
}

function canonical(v: Json): Json {
  if (Array.isArray(v)) return v.map(canonical);
  if (!isObject(v)) return v;
  const out = plain();
  for (const k of Object.keys(v).sort()) out[k] = canonical(v[k]!);
  return out;
}
