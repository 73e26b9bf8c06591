import { SimulationError } from '@daemonsim/core';
import type { Scenario } from '../scenario.js';

/**
 * A value a variant puts at a path: what a `--vary` value reads as in JSON, else the text
 * itself; a JSON object or array replaces a whole part of the scenario (a `rollingUpdate`
 * whose `maxSurge` and `maxUnavailable` change together, as validation wants one of them 0).
 */
export type SweepValue =
  string | number | boolean | null | readonly SweepValue[] | { readonly [key: string]: SweepValue };

/** One `--vary path=v1,v2,...`: a path into the scenario and the values it takes in turn. */
export interface VaryAxis {
  readonly path: string;
  readonly values: readonly SweepValue[];
}

/** One combination of the axes' values, as `[path, value]` pairs in the axes' order. */
export type SweepVariant = readonly (readonly [path: string, value: SweepValue])[];

function badVary(text: string, rule: string): SimulationError {
  return new SimulationError('BadRequest', `--vary: Invalid value: ${JSON.stringify(text)}: ${rule}`, {
    path: 'vary',
  });
}

/**
 * `1` and `0.5` are numbers, `true`/`false`/`null` themselves, `{...}` and `[...]` JSON, anything
 * else (`10%`) a string.
 */
function parseValue(whole: string, text: string): SweepValue {
  if (/^-?\d+(\.\d+)?$/.test(text) || text === 'true' || text === 'false' || text === 'null')
    return JSON.parse(text) as SweepValue;
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      return JSON.parse(text) as SweepValue;
    } catch (error) {
      throw badVary(whole, `${text} is not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return text;
}

/** The values of `v1,v2,...`: split at the commas outside JSON brackets and strings. */
function splitValues(text: string): string[] {
  const values: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"' && depth > 0) quoted = true;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      values.push(text.slice(start, i));
      start = i + 1;
    }
  }
  values.push(text.slice(start));
  return values;
}

/** A value as a label, a replay command and a table heading show it: JSON for an object or array. */
export function formatSweepValue(value: SweepValue): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/**
 * Parses `--vary path=v1,v2,...`. The path is dot-separated keys into the scenario, with array
 * indices as `[2]` or `.2` and `*` for every element or key at that level:
 * `steps.*.manifests.spec.updateStrategy.rollingUpdate.maxSurge=1,2,50%`, or with JSON values
 * `...rollingUpdate={"maxSurge":0,"maxUnavailable":1},{"maxSurge":"10%","maxUnavailable":0}`.
 * Upstream has no counterpart.
 */
export function parseVary(text: string): VaryAxis {
  const eq = text.indexOf('=');
  if (eq <= 0) throw badVary(text, 'must be path=value[,value...]');
  const path = text.slice(0, eq);
  const values = splitValues(text.slice(eq + 1));
  if (values.some((v) => v === '')) throw badVary(text, 'values must not be empty');
  if (new Set(values).size !== values.length) throw badVary(text, 'values must be distinct');
  if (pathSegments(path).some((s) => s === '')) throw badVary(text, 'path segments must not be empty');
  return { path, values: values.map((v) => parseValue(text, v)) };
}

/** The path's segments: `a.b[2].c` is `a`, `b`, `2`, `c`. */
function pathSegments(path: string): string[] {
  return path.replace(/\[([^\]]*)\]/g, '.$1').split('.');
}

/**
 * Every combination of the axes' values, the first axis slowest, as a sweep numbers its
 * variants; one empty variant without axes. Two axes on one path are refused.
 */
export function sweepVariants(axes: readonly VaryAxis[]): SweepVariant[] {
  const paths = axes.map((a) => a.path);
  const twice = paths.find((p, i) => paths.indexOf(p) !== i);
  if (twice !== undefined) throw badVary(twice, 'each path may be varied once');
  let out: SweepVariant[] = [[]];
  for (const axis of axes)
    out = out.flatMap((v) => axis.values.map((value) => [...v, [axis.path, value] as const]));
  return out;
}

/** A variant as one short label: `path=value` pairs joined by spaces, `base` for the empty one. */
export function variantLabel(variant: SweepVariant): string {
  return variant.length === 0 ? 'base' : variant.map(([p, v]) => `${p}=${formatSweepValue(v)}`).join(' ');
}

type Json = unknown;

/** Sets `value` at `segments` under `node` wherever the path leads; returns how many places it set. */
function setAt(node: Json, segments: readonly string[], value: SweepValue): number {
  if (node === null || typeof node !== 'object') return 0;
  const [head, ...rest] = segments as [string, ...string[]];
  const container = node as Record<string, Json>;
  const keys =
    head === '*'
      ? Object.keys(container).sort((a, b) => (Array.isArray(node) ? Number(a) - Number(b) : a < b ? -1 : 1))
      : [head];
  let set = 0;
  for (const key of keys) {
    if (Array.isArray(node) && !/^\d+$/.test(key)) continue;
    if (rest.length === 0) {
      if (Array.isArray(node) && Number(key) >= node.length) continue;
      // Each place gets its own copy of an object, as if the scenario had spelled it there.
      container[key] = typeof value === 'object' && value !== null ? structuredClone(value) : value;
      set++;
    } else set += setAt(container[key], rest, value);
  }
  return set;
}

/**
 * The scenario with each of the variant's values set at its path (a copy; the scenario is left
 * alone). A path's last key may be new (a `maxSurge` the manifest did not have); the objects
 * before it must exist. A path that reaches nothing is refused, naming it.
 * Upstream has no counterpart.
 */
export function applyVariant(scenario: Scenario, variant: SweepVariant): Scenario {
  if (variant.length === 0) return scenario;
  const copy = structuredClone(scenario) as Scenario;
  for (const [path, value] of variant) {
    if (setAt(copy, pathSegments(path), value) === 0)
      throw new SimulationError(
        'BadRequest',
        `--vary: Invalid value: ${JSON.stringify(path)}: reaches nothing in scenario ${JSON.stringify(scenario.name)}`,
        { path: 'vary' },
      );
  }
  return copy;
}
