import { isQualifiedName, isValidLabelValue } from '@daemonsim/core';
import type { LabelSelectorRequirement } from 'kubernetes-types/meta/v1.js';
import { badRequest } from './status.js';

/** A parsed label selector: a predicate over an object's labels. */
export type LabelPredicate = (labels: Readonly<Record<string, string>> | undefined) => boolean;

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** Go's `%q` of a string, as `field.Invalid` prints the value. */
const quoted = (value: string): string => JSON.stringify(value);

/**
 * The requirement's key and values checked as `labels.Parse` checks them: the key first on its
 * own (`validateLabelKey` in parseKeyAndInferOperator, a field error with no path, printed
 * `<nil>`), then each value of the sorted set (`validateLabelValue` in NewRequirement, at
 * `values[i][key]`), aggregated as Go's `utilerrors.NewAggregate` prints them.
 */
function validated(req: LabelSelectorRequirement): LabelSelectorRequirement {
  const keyErrors = isQualifiedName(req.key);
  if (keyErrors.length > 0)
    throw badRequest(
      `unable to parse requirement: <nil>: Invalid value: ${quoted(req.key)}: ${keyErrors.join('; ')}`,
    );
  const values = [...new Set(req.values ?? [])].sort();
  const valueErrors = values.flatMap((v, i) => {
    const errs = isValidLabelValue(v);
    return errs.length === 0
      ? []
      : [`values[${i}][${req.key}]: Invalid value: ${quoted(v)}: ${errs.join('; ')}`];
  });
  if (valueErrors.length > 0)
    throw badRequest(
      `unable to parse requirement: ${valueErrors.length === 1 ? valueErrors[0]! : `[${valueErrors.join(', ')}]`}`,
    );
  return req;
}

function requirement(term: string): LabelSelectorRequirement {
  let m = /^([^\s!=(),]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
  if (m !== null) {
    const values = m[3]!
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    return { key: m[1]!, operator: m[2] === 'in' ? 'In' : 'NotIn', values };
  }
  m = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(term);
  if (m !== null) return { key: m[1]!, operator: m[2] === '!=' ? 'NotIn' : 'In', values: [m[3]!] };
  m = /^!\s*([^\s!=(),]+)$/.exec(term);
  if (m !== null) return { key: m[1]!, operator: 'DoesNotExist' };
  m = /^([^\s!=(),]+)$/.exec(term);
  if (m !== null) return { key: m[1]!, operator: 'Exists' };
  throw badRequest(`unable to parse requirement: found '${term}', expected: valid label selector`);
}

/**
 * Parses a `labelSelector` query parameter (`k=v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`,
 * `!k`, comma-joined) into a predicate; throws a 400 Status for malformed text.
 * Mirrors `labels.Parse` (apimachinery/pkg/labels/selector.go).
 * Keys and values are validated as upstream's parser validates them (`validateLabelKey`,
 * `validateLabelValue`), in its words.
 */
export function parseLabelSelector(text: string | null): LabelPredicate {
  if (text === null || text.trim() === '') return () => true;
  const reqs = splitTopLevel(text).map((term) => validated(requirement(term)));
  return (labels) =>
    reqs.every((r) => {
      const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
      const value = has ? labels[r.key] : undefined;
      switch (r.operator) {
        case 'In':
          return has && (r.values ?? []).includes(value!);
        case 'NotIn':
          return !has || !(r.values ?? []).includes(value!);
        case 'Exists':
          return has;
        default:
          return !has;
      }
    });
}

/** A parsed field selector: a predicate over a whole object. */
export type FieldPredicate = (obj: unknown) => boolean;

function fieldValue(obj: unknown, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) return '';
  return typeof cur === 'string' ? cur : String(cur);
}

/**
 * Parses a `fieldSelector` query parameter (`f=v`, `f==v`, `f!=v`, comma-joined) over the fields
 * `supported` allows; throws a 400 Status (`field label not supported: f`) for any other field.
 * Mirrors `fields.ParseSelector` with each resource's field-label conversion functions.
 */
export function parseFieldSelector(text: string | null, supported: readonly string[]): FieldPredicate {
  if (text === null || text.trim() === '') return () => true;
  const reqs = text.split(',').map((term) => {
    const m = /^\s*([^\s!=]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(term);
    if (m === null) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    const field = m[1]!;
    if (!supported.includes(field)) throw badRequest(`field label not supported: ${field}`);
    return { field, negate: m[2] === '!=', value: m[3]! };
  });
  return (obj) => reqs.every((r) => (fieldValue(obj, r.field) === r.value) !== r.negate);
}
