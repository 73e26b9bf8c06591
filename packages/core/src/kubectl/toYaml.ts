import { sortKeys } from './toJson.js';

/**
 * Renders JSON data as `kubectl get -o yaml` prints it: keys sorted, two-space indent, sequence
 * items at their key's indentation (`- name: x`), `{}`/`[]` for empty collections, strings plain
 * unless YAML 1.1 would read them as something else (`"true"`, `"123"`, `""`, timestamps: double
 * quotes) or plain style cannot hold them (leading indicator, `: `, ` #`, edge spaces: single
 * quotes; control characters: double quotes), multi-line strings as literal blocks (`|`, `|-`, `|+`).
 * Mirrors `YAMLPrinter.PrintObj` (staging/src/k8s.io/cli-runtime/pkg/printers/yaml.go) via
 * `sigs.k8s.io/yaml` and go-yaml v2's `encoder.stringv` and `yaml_emitter_analyze_scalar`.
 * Deviations: no folding of plain scalars longer than 80 columns; numbers print as JavaScript
 * does for integers and with Go's `%g` exponent rule otherwise; `undefined` members are dropped.
 */
export function toYaml(obj: unknown): string {
  const value = sortKeys(obj);
  if (isCollection(value) && !isEmptyCollection(value)) return `${emitCollection(value, 0).join('\n')}\n`;
  return `${inlineValue(value, 0)}\n`;
}

type Collection = readonly unknown[] | Readonly<Record<string, unknown>>;

function isCollection(value: unknown): value is Collection {
  return value !== null && typeof value === 'object';
}

function isEmptyCollection(value: Collection): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

/** Lines of a non-empty map or sequence at `indent`. */
function emitCollection(value: Collection, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value as readonly unknown[]) {
      if (isCollection(item) && !isEmptyCollection(item)) {
        const inner = emitCollection(item, indent + 2);
        lines.push(`${pad}- ${(inner[0] ?? '').slice(indent + 2)}`, ...inner.slice(1));
      } else {
        const scalar = scalarLines(item, indent + 2);
        lines.push(`${pad}- ${scalar[0] ?? ''}`, ...scalar.slice(1));
      }
    }
    return lines;
  }
  for (const [key, item] of Object.entries(value)) {
    const k = formatString(key, indent, true)[0] ?? '""';
    if (isCollection(item) && !isEmptyCollection(item)) {
      lines.push(`${pad}${k}:`, ...emitCollection(item, Array.isArray(item) ? indent : indent + 2));
    } else {
      const scalar = scalarLines(item, indent + 2);
      lines.push(`${pad}${k}: ${scalar[0] ?? ''}`, ...scalar.slice(1));
    }
  }
  return lines;
}

function inlineValue(value: unknown, indent: number): string {
  return scalarLines(value, indent + 2).join('\n');
}

/** A scalar (or empty collection): its first line, then any block-scalar lines at `blockIndent`. */
function scalarLines(value: unknown, blockIndent: number): string[] {
  if (value === null || value === undefined) return ['null'];
  if (Array.isArray(value)) return ['[]'];
  if (typeof value === 'object') return ['{}'];
  if (typeof value === 'boolean') return [String(value)];
  if (typeof value === 'number') return [formatNumber(value)];
  return formatString(String(value), blockIndent, false);
}

function formatNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  // strconv.FormatFloat(f, 'g', -1, 64): exponent form when exp < -4 || exp >= 21 (shortest digits).
  const [mantissa = '', exp = '0'] = n.toExponential().split('e');
  const e = Number(exp);
  if (e < -4 || e >= 21) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(n);
}

const BOOL_OR_NULL =
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL)$/;
const SPECIAL_FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT = /^[-+]?(?:[0-9]+|0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const GO_FLOAT_WORDS = /^[-+]?(?:inf|infinity|nan)$/i;
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/;

/** Whether go-yaml v2's `resolve("", s)` gives a tag other than `!!str` (or `isBase60Float`). */
function resolvesToNonString(s: string): boolean {
  if (s === '' || BOOL_OR_NULL.test(s) || SPECIAL_FLOAT.test(s) || BASE60.test(s) || TIMESTAMP.test(s))
    return true;
  if (!/^[-+0-9.]/.test(s)) return false;
  const plain = s.replace(/_/g, '');
  return INT.test(plain) || FLOAT.test(plain) || GO_FLOAT_WORDS.test(plain);
}

const FLOW_OR_BLOCK_INDICATOR_START = /^[#,[\]{}&*!|>'"%@`]/;

/** `yaml_emitter_analyze_scalar`: whether plain style may hold a single-line string. */
function plainAllowed(s: string): boolean {
  if (s.startsWith('---') || s.startsWith('...')) return false;
  if (FLOW_OR_BLOCK_INDICATOR_START.test(s)) return false;
  if (/^[-?:](?: |$)/.test(s)) return false;
  if (s.includes(': ') || s.endsWith(':') || s.includes(' #')) return false;
  if (s.startsWith(' ') || s.endsWith(' ')) return false;
  return true;
}

/** Characters go-yaml's emitter treats as special: not printable (tab and CR included). */
function hasSpecialCharacters(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufeff\ufffe\uffff]|[\ud800-\udfff]/.test(
    s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''),
  );
}

function formatString(s: string, blockIndent: number, isKey: boolean): string[] {
  if (!isKey && s.includes('\n')) return literalOrQuoted(s, blockIndent);
  if (resolvesToNonString(s) || hasSpecialCharacters(s) || s.includes('\n')) return [doubleQuoted(s)];
  if (!plainAllowed(s)) return [`'${s.replace(/'/g, "''")}'`];
  return [s];
}

function literalOrQuoted(s: string, indent: number): string[] {
  const lines = s.split('\n');
  const spaceBreak = lines.slice(0, -1).some((line) => line.endsWith(' '));
  if (hasSpecialCharacters(s) || spaceBreak || s.endsWith(' ')) return [doubleQuoted(s)];
  let chomp = '';
  if (!s.endsWith('\n')) chomp = '-';
  else if (s.length === 1 || s.endsWith('\n\n')) chomp = '+';
  const hint = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
  const body = s.endsWith('\n') ? lines.slice(0, -1) : lines;
  const pad = ' '.repeat(indent);
  return [`|${hint}${chomp}`, ...body.map((line) => (line === '' ? '' : `${pad}${line}`))];
}

const ESCAPES: Readonly<Record<string, string>> = {
  '\0': '\\0',
  '\u0007': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\u000b': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\u001b': '\\e',
  '"': '\\"',
  '\\': '\\\\',
  '\u0085': '\\N',
  '\u00a0': '\\_',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

function doubleQuoted(s: string): string {
  let out = '"';
  for (const c of s) {
    const escape = ESCAPES[c];
    const code = c.codePointAt(0) ?? 0;
    if (escape !== undefined) out += escape;
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f))
      out += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (code === 0xfeff || (code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff)
      out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += c;
  }
  return `${out}"`;
}
