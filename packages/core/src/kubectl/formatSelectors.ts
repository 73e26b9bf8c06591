import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1.js';

/**
 * Renders a label map as sorted `k=v` pairs joined by commas, or `<none>` when empty.
 * Mirrors `labels.FormatLabels` (staging/src/k8s.io/apimachinery/pkg/labels/labels.go), which
 * sorts the rendered `k=v` strings (not the keys), so `a.b=1` sorts before `a=1` as upstream.
 * Deviation: strings compare by UTF-16 code unit rather than byte; identical for label syntax.
 */
export function formatLabels(labelMap: Readonly<Record<string, string>> | undefined): string {
  const pairs = Object.entries(labelMap ?? {}).map(([key, value]) => `${key}=${value}`);
  pairs.sort(compareStrings);
  const l = pairs.join(',');
  return l === '' ? '<none>' : l;
}

/**
 * Renders a label selector the way kubectl's wide SELECTOR column does: requirements sorted by
 * key and joined by commas (`k=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`), `<none>` for a
 * nil or empty selector, `<error>` for one that does not convert.
 * Mirrors `metav1.FormatLabelSelector` with `LabelSelectorAsSelector` and `Requirement.String`
 * (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go, pkg/labels/selector.go).
 * Deviation: requirements with equal keys keep input order (matchLabels first), where Go's
 * unstable `sort.Sort` leaves it unspecified.
 */
export function formatLabelSelector(selector: LabelSelector | null | undefined): string {
  const requirements = labelSelectorRequirementStrings(selector);
  if (requirements === undefined) return '<error>';
  const l = requirements.join(',');
  return l === '' ? '<none>' : l;
}

interface RenderedRequirement {
  readonly key: string;
  readonly text: string;
}

function labelSelectorRequirementStrings(selector: LabelSelector | null | undefined): string[] | undefined {
  if (selector === undefined || selector === null) return [];
  const rendered: RenderedRequirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (!isQualifiedName(key) || !isValidLabelValue(value)) return undefined;
    rendered.push({ key, text: `${key}=${value}` });
  }
  for (const expression of selector.matchExpressions ?? []) {
    const text = renderExpression(expression);
    if (text === undefined) return undefined;
    rendered.push({ key: expression.key, text });
  }
  // Array.prototype.sort is stable, so equal keys keep their input order.
  rendered.sort((a, b) => compareStrings(a.key, b.key));
  return rendered.map((r) => r.text);
}

function renderExpression(expression: LabelSelectorRequirement): string | undefined {
  const { key, operator } = expression;
  const values = expression.values ?? [];
  if (!isQualifiedName(key)) return undefined;
  switch (operator) {
    case 'In':
    case 'NotIn': {
      if (values.length === 0 || !values.every(isValidLabelValue)) return undefined;
      // Requirement.String sorts a copy of the values; the selector itself keeps their order.
      const sorted = [...values].sort(compareStrings);
      return `${key} ${operator === 'In' ? 'in' : 'notin'} (${sorted.join(',')})`;
    }
    case 'Exists':
      return values.length === 0 ? key : undefined;
    case 'DoesNotExist':
      return values.length === 0 ? `!${key}` : undefined;
    default:
      return undefined;
  }
}

const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** `validation.IsQualifiedName`: an optional DNS-subdomain prefix and a 63-character name. */
function isQualifiedName(value: string): boolean {
  const parts = value.split('/');
  const name = parts.length === 1 ? parts[0] : parts.length === 2 ? parts[1] : undefined;
  if (name === undefined || name.length === 0 || name.length > 63 || !QUALIFIED_NAME_PART.test(name))
    return false;
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) return false;
  }
  return true;
}

/** `validation.IsValidLabelValue`: empty, or up to 63 characters of the qualified-name alphabet. */
function isValidLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && QUALIFIED_NAME_PART.test(value));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
