/**
 * Renders JSON data as `kubectl get -o json` prints it: keys sorted at every level (kubectl
 * holds server objects as unstructured maps, which Go's encoder sorts), four-space indent,
 * `<`, `>`, `&`, U+2028 and U+2029 escaped as `\u003c`-style sequences, and a final newline.
 * Mirrors `JSONPrinter.PrintObj` (staging/src/k8s.io/cli-runtime/pkg/printers/json.go), i.e.
 * `json.MarshalIndent(obj, "", "    ")` of an `unstructured.Unstructured`.
 * Deviations: keys sort by UTF-16 code unit (Go: bytes; identical for ASCII keys); numbers print
 * as JavaScript does; `undefined` members are dropped.
 */
export function toJson(obj: unknown): string {
  const text = JSON.stringify(sortKeys(obj), null, 4) ?? 'null';
  return `${text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

/**
 * A copy of JSON data with every object's keys in sorted order, as Go's encoder emits maps.
 * Mirrors the key ordering of `encoding/json` for `map[string]interface{}`.
 */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined)
        Object.defineProperty(out, key, {
          value: sortKeys(v),
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return out;
  }
  return value;
}
