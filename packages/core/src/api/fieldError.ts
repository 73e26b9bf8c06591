import type { FieldError } from '../errors.js';
import { canonicalJson } from './canonicalJson.js';

/**
 * A bad value paired with the text Go's `fmt` would print for it, for values whose Go type
 * decides the printing (an `IntOrString` prints through its `String()` method, a nil map as
 * `map[string]string(nil)`), which a bare JavaScript value cannot tell apart.
 * Upstream has no counterpart: Go carries the type in the value itself.
 */
export class GoValue {
  readonly value: unknown;
  readonly text: string;

  constructor(value: unknown, text: string) {
    this.value = value;
    this.text = text;
  }
}

/**
 * Wraps an `IntOrString` so that it prints unquoted, as upstream's `*IntOrString` Stringer does.
 * Mirrors `intstr.IntOrString.String` (apimachinery/pkg/util/intstr/intstr.go).
 */
export function intOrStringValue(value: number | string): GoValue {
  return new GoValue(value, String(value));
}

/**
 * Wraps a `map[string]string` (labels, node selectors) so that an absent map prints as Go's nil map.
 * Mirrors `fmt`'s `%#v` for `map[string]string`, which sorts keys.
 */
export function stringMapValue(map: Readonly<Record<string, string>> | undefined): GoValue {
  return new GoValue(map, map === undefined ? 'map[string]string(nil)' : goStringMap(map));
}

/** An `Invalid value` error. Mirrors `field.Invalid` (apimachinery/pkg/util/validation/field/errors.go). */
export function invalid(field: string, badValue: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, badValue, detail };
}

/**
 * A `Required value` error. Mirrors `field.Required` (apimachinery/pkg/util/validation/field/errors.go),
 * which stores `""` as the bad value; it is never printed.
 */
export function required(field: string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field, badValue: '', detail };
}

/**
 * An `Unsupported value` error listing the supported values, each quoted.
 * Mirrors `field.NotSupported` (apimachinery/pkg/util/validation/field/errors.go).
 */
export function notSupported(field: string, badValue: unknown, validValues: readonly string[]): FieldError {
  const detail = validValues.length > 0 ? `supported values: ${validValues.map(goQuote).join(', ')}` : '';
  return { type: 'FieldValueNotSupported', field, badValue, detail };
}

/** A `Forbidden` error. Mirrors `field.Forbidden` (apimachinery/pkg/util/validation/field/errors.go). */
export function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, badValue: '', detail };
}

/** A `Duplicate value` error. Mirrors `field.Duplicate` (apimachinery/pkg/util/validation/field/errors.go). */
export function duplicate(field: string, badValue: unknown, detail = ''): FieldError {
  return { type: 'FieldValueDuplicate', field, badValue, detail };
}

const TYPE_TEXT: Record<FieldError['type'], string> = {
  FieldValueInvalid: 'Invalid value',
  FieldValueRequired: 'Required value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueDuplicate: 'Duplicate value',
};

/**
 * The message of one field error without its field: `Invalid value: "x": detail`.
 * Mirrors `field.Error.ErrorBody` (apimachinery/pkg/util/validation/field/errors.go).
 * Deviation: values print as {@link formatBadValue} describes, close to but not always Go's `%#v`.
 */
export function errorBody(error: FieldError): string {
  let s = TYPE_TEXT[error.type];
  if (error.type !== 'FieldValueRequired' && error.type !== 'FieldValueForbidden') {
    s += `: ${formatBadValue(error.badValue)}`;
  }
  if (error.detail.length > 0) s += `: ${error.detail}`;
  return s;
}

/**
 * The full message of one field error: `spec.selector: Invalid value: ...: detail`.
 * Mirrors `field.Error.Error` (apimachinery/pkg/util/validation/field/errors.go).
 */
export function formatFieldError(error: FieldError): string {
  return `${error.field}: ${errorBody(error)}`;
}

/**
 * The API server's message for a rejected object: `DaemonSet.apps "foo" is invalid: <cause>`, or
 * `[cause1, cause2]` for several causes, duplicates dropped.
 * Mirrors `errors.NewInvalid` (apimachinery/pkg/api/errors/errors.go) with `ErrorList.ToAggregate`
 * and `aggregate.Error` (apimachinery/pkg/util/errors/errors.go).
 */
export function formatInvalidError(
  kind: string,
  group: string,
  name: string,
  causes: readonly FieldError[],
): string {
  const qualifiedKind = group === '' ? kind : `${kind}.${group}`;
  const messages = [...new Set(causes.map(formatFieldError))];
  const aggregate = messages.length === 1 ? (messages[0] ?? '') : `[${messages.join(', ')}]`;
  return `${qualifiedKind} ${goQuote(name)} is invalid: ${aggregate}`;
}

/**
 * Renders a bad value the way `field.Error.ErrorBody` prints it: strings quoted (`%q`), numbers
 * and booleans plain, null and undefined as `null`, a {@link GoValue} as its text, an object whose
 * values are all strings as `map[string]string{"k":"v"}`, and an array of strings as
 * `[]string{"a", "b"}`.
 * Mirrors the value printing in `field.Error.ErrorBody` (apimachinery/pkg/util/validation/field/errors.go).
 * Deviation: other objects (structs in Go, printed with `%#v` and their Go type names) print as
 * canonical JSON with sorted keys, since the Go type names are not known here.
 */
export function formatBadValue(value: unknown): string {
  if (value instanceof GoValue) return value.text;
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return goQuote(value);
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      break;
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return `[]string{${value.map(goQuote).join(', ')}}`;
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.every(([, v]) => typeof v === 'string')) return goStringMap(value as Record<string, string>);
  }
  return canonicalJson(value);
}

function goStringMap(map: Readonly<Record<string, string>>): string {
  const keys = Object.keys(map).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(map[k] ?? '')}`).join(', ')}}`;
}

const GO_ESCAPES: Record<string, string> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\u000b': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/**
 * Quotes a string as Go's `%q` / `strconv.Quote` does for the characters that occur in manifests.
 * Mirrors `strconv.Quote` (Go standard library).
 * Deviation: only C0/C1 controls, DEL and the line/paragraph separators are escaped; Go also
 * escapes other non-printable Unicode (unassigned code points, some format characters).
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const escaped = GO_ESCAPES[ch];
    if (escaped !== undefined) {
      out += escaped;
      continue;
    }
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if ((cp >= 0x80 && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029)
      out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
