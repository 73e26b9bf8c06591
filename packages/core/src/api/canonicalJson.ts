/**
 * Serialises plain data as JSON with object keys sorted and no whitespace, so equal data gives
 * equal text on every run; `undefined` properties are left out, as `JSON.stringify` does.
 * Upstream has no counterpart: Go's `encoding/json` writes struct fields in declaration order
 * and sorts only map keys; sorting everything is this simulator's stand-in for that fixed order.
 */
export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
      // A null prototype keeps a `__proto__` key an ordinary property instead of a prototype change.
      const sorted = Object.create(null) as Record<string, unknown>;
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }) ?? 'null'
  );
}
