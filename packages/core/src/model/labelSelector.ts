import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1.js';

/** A label map as stored in `metadata.labels`; absent means no labels. */
export type Labels = Readonly<Record<string, string>>;

// Own-property lookup: a plain `labels[key]` would find `constructor` or `__proto__` on
// Object.prototype and treat it as a label.
function lookupLabel(labels: Labels | undefined, key: string): string | undefined {
  return labels !== undefined && Object.hasOwn(labels, key) ? labels[key] : undefined;
}

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Whether a string is a valid label key: an optional DNS-subdomain prefix and `/`, then a name
 * of at most 63 alphanumerics, `-`, `_` or `.` that starts and ends alphanumeric.
 * Mirrors `validation.IsQualifiedName` (apimachinery pkg/util/validation/validation.go).
 */
export function isValidLabelKey(key: string): boolean {
  const slash = key.indexOf('/');
  let name = key;
  if (slash !== -1) {
    const prefix = key.slice(0, slash);
    name = key.slice(slash + 1);
    if (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) return false;
    if (name.includes('/')) return false;
  }
  return name.length > 0 && name.length <= 63 && QUALIFIED_NAME.test(name);
}

/**
 * Whether a string is a valid label value: empty, or up to 63 characters as in a label name.
 * Mirrors `validation.IsValidLabelValue` (apimachinery pkg/util/validation/validation.go).
 */
export function isValidLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && QUALIFIED_NAME.test(value));
}

// Parse results per selector object. Stored objects are never mutated, so a selector's
// validity is computed once instead of on every match (this runs millions of times).
const selectorValidity = new WeakMap<LabelSelector, boolean>();

/**
 * Whether `metav1.LabelSelectorAsSelector` would accept the selector (an undefined selector is valid).
 * Mirrors its checks and those of `labels.NewRequirement` (apimachinery pkg/apis/meta/v1/helpers.go,
 * pkg/labels/selector.go): valid label keys and values, known operators, value counts.
 * The answer is cached per selector object, so selectors must not be mutated after use.
 */
export function isValidLabelSelector(selector: LabelSelector | undefined): boolean {
  if (selector === undefined) return true;
  const cached = selectorValidity.get(selector);
  if (cached !== undefined) return cached;
  let valid = true;
  const matchLabels = selector.matchLabels;
  if (matchLabels !== undefined) {
    for (const key of Object.keys(matchLabels)) {
      if (!isValidLabelKey(key) || !isValidLabelValue(matchLabels[key] ?? '')) valid = false;
    }
  }
  for (const requirement of selector.matchExpressions ?? []) {
    if (!isValidLabelSelectorRequirement(requirement)) valid = false;
  }
  selectorValidity.set(selector, valid);
  return valid;
}

/**
 * Whether one `matchExpressions` entry is well formed, so a selector containing it selects anything.
 * Mirrors the operator and value-count checks of `labels.NewRequirement` as reached from
 * `metav1.LabelSelectorAsSelector` (apimachinery pkg/labels/selector.go, pkg/apis/meta/v1/helpers.go).
 */
export function isValidLabelSelectorRequirement(requirement: LabelSelectorRequirement): boolean {
  if (!isValidLabelKey(requirement.key)) return false;
  const values = requirement.values ?? [];
  for (const value of values) {
    if (!isValidLabelValue(value)) return false;
  }
  const count = values.length;
  switch (requirement.operator) {
    case 'In':
    case 'NotIn':
      return count > 0;
    case 'Exists':
    case 'DoesNotExist':
      return count === 0;
    default:
      return false;
  }
}

function requirementMatches(requirement: LabelSelectorRequirement, labels: Labels | undefined): boolean {
  const value = lookupLabel(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && (requirement.values?.includes(value) ?? false);
    case 'NotIn':
      return value === undefined || !(requirement.values?.includes(value) ?? false);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    default:
      return false;
  }
}

/**
 * Whether a label selector selects an object with the given labels.
 * Mirrors `metav1.LabelSelectorAsSelector(selector).Matches(labels.Set(labels))`
 * (apimachinery pkg/apis/meta/v1/helpers.go, pkg/labels/selector.go): an undefined (nil)
 * selector matches nothing, an empty one everything, and `matchLabels` and every
 * `matchExpressions` entry must all hold; `NotIn` and `DoesNotExist` hold when the label is absent.
 * Deviation: where upstream returns a parse error for an invalid selector (see
 * {@link isValidLabelSelector}) this returns false, as the controllers treat that error as
 * "selects nothing".
 */
export function labelSelectorMatches(
  selector: LabelSelector | undefined,
  labels: Labels | undefined,
): boolean {
  if (selector === undefined || !isValidLabelSelector(selector)) return false;
  const matchLabels = selector.matchLabels;
  if (matchLabels !== undefined) {
    for (const key in matchLabels) {
      if (lookupLabel(labels, key) !== matchLabels[key]) return false;
    }
  }
  const expressions = selector.matchExpressions;
  if (expressions === undefined) return true;
  for (let i = 0; i < expressions.length; i++) {
    if (!requirementMatches(expressions[i] as LabelSelectorRequirement, labels)) return false;
  }
  return true;
}

/**
 * Whether a selector has neither `matchLabels` nor `matchExpressions`, i.e. selects everything.
 * Mirrors `metav1.LabelSelectorAsSelector(selector).Empty()` (apimachinery pkg/apis/meta/v1/helpers.go).
 * Deviation: none; note that an undefined (nil) selector is NOT empty, as upstream turns it
 * into `labels.Nothing()`, whose `Empty()` is false.
 */
export function isEmptyLabelSelector(selector: LabelSelector | undefined): boolean {
  if (selector === undefined) return false;
  return (
    !hasOwnKeys(selector.matchLabels) &&
    (selector.matchExpressions === undefined || selector.matchExpressions.length === 0)
  );
}

function hasOwnKeys(record: Labels | undefined): boolean {
  if (record === undefined) return false;
  for (const key in record) {
    if (Object.hasOwn(record, key)) return true;
  }
  return false;
}

// Go's sort.Strings orders by bytes; for the ASCII that label keys and values are limited to,
// plain UTF-16 comparison gives the same order (localeCompare would not).
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function formatRequirement(requirement: LabelSelectorRequirement): string {
  const values = requirement.values ?? [];
  const joined = values.length === 1 ? (values[0] as string) : [...values].sort(compareStrings).join(',');
  switch (requirement.operator) {
    case 'In':
      return `${requirement.key} in (${joined})`;
    case 'NotIn':
      return `${requirement.key} notin (${joined})`;
    case 'Exists':
      return requirement.key;
    default:
      return `!${requirement.key}`;
  }
}

/**
 * Renders a label selector the way kubectl prints it (`app=web,tier in (a,b),!legacy`).
 * Mirrors `metav1.FormatLabelSelector` (apimachinery pkg/apis/meta/v1/helpers.go) and
 * `Requirement.String` (pkg/labels/selector.go): requirements sorted by key (stably, so a
 * `matchLabels` entry precedes an expression on the same key), values sorted inside the
 * parentheses, `<none>` for an empty or undefined selector, `<error>` for an invalid one.
 */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  if (selector === undefined) return '<none>';
  if (!isValidLabelSelector(selector)) return '<error>';
  const parts: { key: string; text: string }[] = [];
  const matchLabels = selector.matchLabels;
  if (matchLabels !== undefined) {
    for (const key of Object.keys(matchLabels).sort(compareStrings)) {
      parts.push({ key, text: `${key}=${matchLabels[key] ?? ''}` });
    }
  }
  for (const requirement of selector.matchExpressions ?? []) {
    parts.push({ key: requirement.key, text: formatRequirement(requirement) });
  }
  if (parts.length === 0) return '<none>';
  // Array.prototype.sort is stable, which keeps matchLabels before expressions on equal keys.
  parts.sort((a, b) => compareStrings(a.key, b.key));
  return parts.map((part) => part.text).join(',');
}

/**
 * Renders a label map as kubectl prints it: `k=v` pairs, sorted, comma-joined, `<none>` when empty.
 * Mirrors `labels.FormatLabels` and `labels.Set.String` (apimachinery pkg/labels/labels.go).
 * Upstream sorts the joined `k=v` strings rather than the keys, so `a.b=1` comes before `a=1`;
 * this does the same.
 */
export function formatLabels(labels: Labels | undefined): string {
  if (labels === undefined) return '<none>';
  const pairs: string[] = [];
  for (const key of Object.keys(labels)) pairs.push(`${key}=${labels[key] ?? ''}`);
  if (pairs.length === 0) return '<none>';
  return pairs.sort(compareStrings).join(',');
}

/**
 * Builds the selector that matches exactly the objects carrying every given label.
 * Mirrors `metav1.SetAsLabelSelector` (apimachinery pkg/apis/meta/v1/helpers.go).
 */
export function labelSelectorFromLabels(labels: Labels): LabelSelector {
  return { matchLabels: { ...labels } };
}
