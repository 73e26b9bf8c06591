import { SimulationError } from '../errors.js';
import { parseQuantity } from '../model/quantity.js';
import { forbidden, formatFieldError, goQuote } from './fieldError.js';
import { kubernetesOpenApi } from './openapi/kubernetesOpenApi.js';
import type { OpenApiSchema } from './openapi/kubernetesOpenApi.js';
import { toPlainData } from './sanitizeManifest.js';

/**
 * What a decode does with fields the schema does not know and with duplicate fields:
 * `Strict` rejects the object, `Warn` drops them and reports them as warnings, `Ignore` drops them.
 * Mirrors `metav1.FieldValidation*` (the `fieldValidation` query parameter).
 */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** Options of {@link decodeObject}. */
export interface DecodeOptions {
  /**
   * The most values (objects, arrays and scalars) one object may hold; larger input is rejected
   * before it can cost more. @defaultValue 1,000,000
   */
  readonly maxValues?: number;
}

/** The result of {@link decodeObject}: the typed copy and the strict decoding errors it found. */
export interface DecodeResult {
  /** A plain copy holding only the fields the schema knows, with `null` fields dropped. */
  readonly value: unknown;
  /** `unknown field "spec.foo"`, in document order, deduplicated, at most 100 (as upstream). */
  readonly strictErrors: readonly string[];
}

/** The largest number of values one decoded object may hold unless {@link DecodeOptions.maxValues} says otherwise. */
export const DEFAULT_MAX_VALUES = 1_000_000;

const MAX_STRICT_ERRORS = 100;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const INT64 = { min: -(2 ** 63), max: 2 ** 63 - 1 };
// The expression in upstream's ErrFormatWrong, which RFC 3339 `metav1.Time` values must parse as.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** A schema compiled for decoding: the Go type the API server decodes the field into. */
type Decoder =
  | { readonly k: 'struct'; readonly go: string; readonly name: string; readonly props: Map<string, Decoder> }
  | { readonly k: 'map'; readonly go: string; readonly elem: Decoder; readonly nullable: boolean }
  | { readonly k: 'array'; readonly go: string; readonly elem: Decoder }
  | { readonly k: 'string' | 'bool' | 'float64' | 'int32' | 'int64' | 'bytes'; readonly go: string }
  | { readonly k: 'quantity' | 'intOrString' | 'time' | 'raw'; readonly go: string };

const SPECIAL: Record<string, Decoder> = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { k: 'quantity', go: 'resource.Quantity' },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { k: 'intOrString', go: 'intstr.IntOrString' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { k: 'time', go: 'v1.Time' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { k: 'time', go: 'v1.MicroTime' },
  'io.k8s.apimachinery.pkg.runtime.RawExtension': { k: 'raw', go: 'runtime.RawExtension' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': { k: 'raw', go: 'v1.FieldsV1' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Patch': { k: 'raw', go: 'v1.Patch' },
};

// Compiled once per definition and kept: decoding runs on every write.
const compiled = new Map<string, Decoder>();

function compileRef(ref: string): Decoder {
  const name = ref.slice(ref.lastIndexOf('/') + 1);
  return compileDefinition(name);
}

function compileDefinition(name: string): Decoder {
  const cached = compiled.get(name);
  if (cached !== undefined) return cached;
  const special = SPECIAL[name];
  if (special !== undefined) return special;
  const schema = kubernetesOpenApi.definitions[name];
  if (schema === undefined) throw new Error(`decodeObject: no OpenAPI definition ${name}`);
  const segments = name.split('.');
  const typeName = segments[segments.length - 1] ?? name;
  const go = `${segments[segments.length - 2] ?? ''}.${typeName}`;
  if (schema.properties === undefined) {
    const scalar = compileSchema(schema);
    compiled.set(name, scalar);
    return scalar;
  }
  const props = new Map<string, Decoder>();
  const decoder: Decoder = { k: 'struct', go, name: typeName, props };
  // Stored before the properties compile, so a definition that refers to itself terminates.
  compiled.set(name, decoder);
  for (const [prop, sub] of Object.entries(schema.properties)) props.set(prop, compileSchema(sub));
  return decoder;
}

/**
 * Compiles a schema that may be inline (a field's own schema) rather than a named definition.
 * `x-daemonsim-nullable` on a map's value schema lets `null` through (a label edit that removes).
 */
function compileSchema(schema: OpenApiSchema, structName = 'Object'): Decoder {
  if (schema.$ref !== undefined) return compileRef(schema.$ref);
  switch (schema.type) {
    case 'string':
      if (schema.format === 'byte') return { k: 'bytes', go: '[]uint8' };
      if (schema.format === 'date-time') return { k: 'time', go: 'v1.Time' };
      if (schema.format === 'int-or-string') return { k: 'intOrString', go: 'intstr.IntOrString' };
      return { k: 'string', go: 'string' };
    case 'boolean':
      return { k: 'bool', go: 'bool' };
    case 'number':
      return { k: 'float64', go: 'float64' };
    case 'integer':
      return schema.format === 'int32' ? { k: 'int32', go: 'int32' } : { k: 'int64', go: 'int64' };
    case 'array': {
      const elem = compileSchema(schema.items ?? {});
      return { k: 'array', go: `[]${elem.go}`, elem };
    }
    case 'object': {
      if (schema.properties !== undefined) {
        const props = new Map<string, Decoder>();
        for (const [prop, sub] of Object.entries(schema.properties)) props.set(prop, compileSchema(sub));
        return { k: 'struct', go: structName, name: structName, props };
      }
      const extra = schema.additionalProperties;
      if (typeof extra === 'object') {
        const elem = compileSchema(extra);
        const go = elem.k === 'quantity' ? 'v1.ResourceList' : `map[string]${elem.go}`;
        return {
          k: 'map',
          go,
          elem,
          nullable: (extra as { 'x-daemonsim-nullable'?: boolean })['x-daemonsim-nullable'] === true,
        };
      }
      return { k: 'raw', go: 'interface {}' };
    }
    default:
      return { k: 'raw', go: 'interface {}' };
  }
}

interface State {
  /** The innermost struct a field was read from, and the JSON names of the fields down to here (Go's errorContext). */
  struct: string;
  readonly fieldStack: string[];
  readonly strictErrors: string[];
  readonly seenStrict: Set<string>;
  budget: number;
  readonly maxValues: number;
}

type JsonKind = 'null' | 'string' | 'number' | 'bool' | 'array' | 'object';

function jsonKind(value: unknown, path: string): JsonKind {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      if (Number.isFinite(value)) return 'number';
      break;
    case 'object': {
      if (Array.isArray(value)) return 'array';
      const proto: unknown = Object.getPrototypeOf(value);
      if ((proto === Object.prototype || proto === null) && Object.getOwnPropertySymbols(value).length === 0)
        return 'object';
      break;
    }
    default:
      break;
  }
  // Not JSON data: toPlainData throws its field error for it.
  toPlainData(value, path);
  throw new Error(`decodeObject: ${path} is not JSON data`);
}

function typeError(state: State, value: string, go: string, path: string): never {
  const message =
    state.fieldStack.length > 0
      ? `json: cannot unmarshal ${value} into Go struct field ${state.struct}.${state.fieldStack.join('.')} of type ${go}`
      : `json: cannot unmarshal ${value} into Go value of type ${go}`;
  throw new SimulationError('BadRequest', message, { path });
}

function strictError(state: State, error: string): void {
  if (state.strictErrors.length >= MAX_STRICT_ERRORS || state.seenStrict.has(error)) return;
  state.seenStrict.add(error);
  state.strictErrors.push(error);
}

function zeroValue(d: Decoder): unknown {
  switch (d.k) {
    case 'string':
    case 'bytes':
    case 'time':
      return '';
    case 'bool':
      return false;
    case 'int32':
    case 'int64':
    case 'float64':
    case 'intOrString':
      return 0;
    case 'array':
      return [];
    case 'struct':
    case 'map':
      return {};
    default:
      return null;
  }
}

function decodeValue(d: Decoder, value: unknown, path: string, state: State): unknown {
  if (--state.budget < 0)
    throw new SimulationError('BadRequest', `the object holds more than ${state.maxValues} values`, { path });
  if (value instanceof Date && (d.k === 'time' || d.k === 'string' || d.k === 'raw'))
    return toPlainData(value, path);
  const kind = jsonKind(value, path);
  if (kind === 'null') return undefined;
  switch (d.k) {
    case 'struct': {
      if (kind !== 'object') return typeError(state, kind, d.go, path);
      const out: Record<string, unknown> = {};
      const source = value as Record<string, unknown>;
      for (const key of Object.keys(source)) {
        const keyPath = path === '' ? key : `${path}.${key}`;
        const prop = d.props.get(key);
        if (prop === undefined) {
          strictError(state, `unknown field ${goQuote(keyPath)}`);
          continue;
        }
        const item = source[key];
        if (item === undefined) continue;
        const outerStruct = state.struct;
        state.struct = d.name;
        state.fieldStack.push(key);
        const decoded = decodeValue(prop, item, keyPath, state);
        state.fieldStack.pop();
        state.struct = outerStruct;
        if (decoded !== undefined) out[key] = decoded;
      }
      return out;
    }
    case 'map': {
      if (kind !== 'object') return typeError(state, kind, d.go, path);
      const out: Record<string, unknown> = {};
      const source = value as Record<string, unknown>;
      for (const key of Object.keys(source)) {
        const keyPath = path === '' ? key : `${path}.${key}`;
        if (FORBIDDEN_KEYS.has(key)) {
          const cause = forbidden(keyPath, 'key is not allowed');
          throw new SimulationError('BadRequest', formatFieldError(cause), {
            path: keyPath,
            causes: [cause],
          });
        }
        const item = source[key];
        if (item === undefined) continue;
        if (item === null && d.nullable) {
          out[key] = null;
          continue;
        }
        const decoded = decodeValue(d.elem, item, keyPath, state);
        out[key] = decoded === undefined ? zeroValue(d.elem) : decoded;
      }
      return out;
    }
    case 'array': {
      if (kind !== 'array') return typeError(state, kind, d.go, path);
      const source = value as unknown[];
      const out: unknown[] = [];
      for (let i = 0; i < source.length; i++) {
        const itemPath = `${path}[${i}]`;
        if (source[i] === undefined) toPlainData(source, path);
        const decoded = decodeValue(d.elem, source[i], itemPath, state);
        out.push(decoded === undefined ? zeroValue(d.elem) : decoded);
      }
      return out;
    }
    case 'string':
    case 'bytes':
      return kind === 'string' ? value : typeError(state, kind, d.go, path);
    case 'bool':
      return kind === 'bool' ? value : typeError(state, kind, d.go, path);
    case 'float64':
      return kind === 'number' ? value : typeError(state, kind, d.go, path);
    case 'int32':
    case 'int64':
      return decodeInteger(state, d.k === 'int32' ? INT32 : INT64, d.go, kind, value, path);
    case 'intOrString':
      // IntOrString.UnmarshalJSON: a JSON string is the string form, anything else decodes as int32.
      return kind === 'string' ? value : decodeInteger(state, INT32, 'int32', kind, value, path);
    case 'quantity':
      return decodeQuantity(kind, value, path);
    case 'time':
      // Time.UnmarshalJSON decodes a string, then parses it as RFC 3339.
      if (kind !== 'string') return typeError(state, kind, 'string', path);
      if (!RFC3339.test(value as string))
        throw new SimulationError(
          'BadRequest',
          `parsing time ${JSON.stringify(value)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(value)} as "2006"`,
          { path },
        );
      return value;
    case 'raw':
      return toPlainData(value, path);
  }
}

function decodeInteger(
  state: State,
  range: { readonly min: number; readonly max: number },
  go: string,
  kind: JsonKind,
  value: unknown,
  path: string,
): unknown {
  if (kind !== 'number') return typeError(state, kind, go, path);
  const n = value as number;
  // Go reports the number's literal when it does not fit the integer type.
  if (!Number.isInteger(n) || n < range.min || n > range.max)
    return typeError(state, `number ${String(n)}`, go, path);
  return n;
}

function decodeQuantity(kind: JsonKind, value: unknown, path: string): unknown {
  // Quantity.UnmarshalJSON parses any JSON text other than a string as the quantity's text.
  const text =
    kind === 'string'
      ? (value as string).trim()
      : kind === 'number'
        ? String(value)
        : kind === 'bool'
          ? String(value)
          : '{';
  try {
    parseQuantity(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SimulationError('BadRequest', message, { path });
  }
  return value;
}

/**
 * Decodes `value` as the API server decodes a JSON body into the Go type of OpenAPI definition
 * `definition` (`io.k8s.api.apps.v1.DaemonSet`): every known field typed (strings, booleans,
 * int32/int64 in range, quantities, int-or-strings, RFC 3339 times, arrays, maps, structs),
 * `null` read as absent, unknown fields dropped and listed as strict decoding errors.
 * Throws `SimulationError('BadRequest')` with Go's message and the field path
 * (`json: cannot unmarshal number into Go struct field LabelSelector.spec.selector.matchLabels of type string`);
 * values that are not JSON data (functions, cycles, class instances) throw as {@link toPlainData} does.
 * Mirrors the JSON serializer's decode (apimachinery runtime/serializer/json with sigs.k8s.io/json's
 * case-sensitive, strict `UnmarshalStrict`).
 * Deviations: an out-of-range number prints as JavaScript prints it (`1e+300`); a field whose Go type
 * is a named type (an enum such as `v1.RestartPolicy`) names its underlying type (`string`);
 * `required` is left to validation, as upstream's decoder leaves it.
 */
export function decodeObject(definition: string, value: unknown, options: DecodeOptions = {}): DecodeResult {
  return decodeWith(compileDefinition(definition), value, options);
}

/**
 * Decodes `value` against an inline schema built from upstream's definitions (daemonsim's own
 * inputs such as a `NodeAdded` node), as {@link decodeObject} does; `structName` names the root
 * struct in messages.
 */
export function decodeWithSchema(
  schema: OpenApiSchema,
  structName: string,
  value: unknown,
  options: DecodeOptions = {},
): DecodeResult {
  return decodeWith(compileSchema(schema, structName), value, options);
}

function decodeWith(decoder: Decoder, value: unknown, options: DecodeOptions): DecodeResult {
  const maxValues = options.maxValues ?? DEFAULT_MAX_VALUES;
  const state: State = {
    struct: '',
    fieldStack: [],
    strictErrors: [],
    seenStrict: new Set(),
    budget: maxValues,
    maxValues,
  };
  const decoded = decodeValue(decoder, value, '', state);
  return { value: decoded === undefined ? zeroValue(decoder) : decoded, strictErrors: state.strictErrors };
}
