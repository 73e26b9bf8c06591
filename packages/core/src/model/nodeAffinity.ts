import type {
  Affinity,
  NodeSelector,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  PodSpec,
} from 'kubernetes-types/core/v1.js';
import type { Node, Pod } from './objects.js';
import { isValidLabelKey, isValidLabelValue, type Labels } from './labelSelector.js';

/** The only node field a `matchFields` requirement can name. Mirrors `metav1.ObjectNameField`. */
export const OBJECT_NAME_FIELD = 'metadata.name';

const INT64_PATTERN = /^[+-]?[0-9]+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
// Up to 15 digits a double holds every integer exactly, so the common case needs no BigInt.
const SAFE_DIGITS = 15;

// strconv.ParseInt(s, 10, 64): an optional sign, decimal digits, within int64.
function parseInt64(s: string): number | bigint | undefined {
  if (!INT64_PATTERN.test(s)) return undefined;
  if (s.length <= SAFE_DIGITS) return Number(s);
  const big = BigInt(s);
  return big < INT64_MIN || big > INT64_MAX ? undefined : big;
}

// Compares as BigInt only when one side is beyond double precision.
function int64Greater(a: number | bigint, b: number | bigint): boolean {
  return typeof a === 'number' && typeof b === 'number' ? a > b : BigInt(a) > BigInt(b);
}

function lookupLabel(labels: Labels | undefined, key: string): string | undefined {
  return labels !== undefined && Object.hasOwn(labels, key) ? labels[key] : undefined;
}

/**
 * Whether one node-affinity `matchExpressions` entry is well formed.
 * Mirrors the checks of `nodeSelectorRequirementsAsSelector` and `labels.NewRequirement`
 * (component-helpers scheduling/corev1/nodeaffinity/nodeaffinity.go, apimachinery pkg/labels/selector.go):
 * a valid label key and values, `In`/`NotIn` need values, `Exists`/`DoesNotExist` none, `Gt`/`Lt`
 * exactly one integer.
 */
export function isValidNodeSelectorRequirement(requirement: NodeSelectorRequirement): boolean {
  if (!isValidLabelKey(requirement.key)) return false;
  const values = requirement.values;
  const count = values === undefined ? 0 : values.length;
  for (let i = 0; i < count; i++) {
    if (!isValidLabelValue((values as string[])[i] as string)) return false;
  }
  switch (requirement.operator) {
    case 'In':
    case 'NotIn':
      return count > 0;
    case 'Exists':
    case 'DoesNotExist':
      return count === 0;
    case 'Gt':
    case 'Lt':
      return count === 1 && parseInt64((values as string[])[0] as string) !== undefined;
    default:
      return false;
  }
}

function nodeSelectorRequirementMatches(
  requirement: NodeSelectorRequirement,
  labels: Labels | undefined,
): boolean {
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
    case 'Gt':
    case 'Lt': {
      if (value === undefined) return false;
      // A label value that is not an integer fails the comparison rather than the selector.
      const actual = parseInt64(value);
      const bound = parseInt64(requirement.values?.[0] ?? '');
      if (actual === undefined || bound === undefined) return false;
      return requirement.operator === 'Gt' ? int64Greater(actual, bound) : int64Greater(bound, actual);
    }
    default:
      return false;
  }
}

/**
 * Whether node labels satisfy every requirement of a term's `matchExpressions`.
 * Mirrors `nodeSelectorRequirementsAsSelector(...).Matches(labels)` (component-helpers
 * scheduling/corev1/nodeaffinity/nodeaffinity.go): an empty list matches nothing
 * (`labels.Nothing()`), `NotIn` and `DoesNotExist` hold for an absent label, `Gt`/`Lt` compare
 * integers and fail for a label that is not one.
 * Deviation: a list that fails to parse returns false instead of an error; validity is cached
 * per list object, so lists must not be mutated after use.
 */
export function nodeSelectorRequirementsMatch(
  requirements: readonly NodeSelectorRequirement[] | undefined,
  labels: Labels | undefined,
): boolean {
  if (requirements === undefined || requirements.length === 0 || !requirementsParse(requirements))
    return false;
  for (let i = 0; i < requirements.length; i++) {
    if (!nodeSelectorRequirementMatches(requirements[i] as NodeSelectorRequirement, labels)) return false;
  }
  return true;
}

// Validity per requirement list: stored objects are never mutated, so the regex checks of
// key and values run once per list rather than on every match.
const requirementsValidity = new WeakMap<readonly NodeSelectorRequirement[], boolean>();

function requirementsParse(requirements: readonly NodeSelectorRequirement[]): boolean {
  const cached = requirementsValidity.get(requirements);
  if (cached !== undefined) return cached;
  let valid = true;
  for (const requirement of requirements) {
    if (!isValidNodeSelectorRequirement(requirement)) valid = false;
  }
  requirementsValidity.set(requirements, valid);
  return valid;
}

/**
 * Whether a node name satisfies every requirement of a term's `matchFields`.
 * Mirrors `nodeSelectorRequirementsAsFieldSelector(...).Matches(fields)` (component-helpers
 * scheduling/corev1/nodeaffinity/nodeaffinity.go): only `In` and `NotIn` with exactly one value
 * parse; a key other than `metadata.name` reads as the empty string, as `fields.Set.Get` does.
 * Deviation: a list that fails to parse returns false instead of an error.
 */
export function nodeSelectorFieldsMatch(
  requirements: readonly NodeSelectorRequirement[] | undefined,
  nodeName: string,
): boolean {
  if (requirements === undefined || requirements.length === 0) return false;
  let matches = true;
  for (let i = 0; i < requirements.length; i++) {
    const requirement = requirements[i] as NodeSelectorRequirement;
    const values = requirement.values;
    if (values === undefined || values.length !== 1) return false;
    const actual = requirement.key === OBJECT_NAME_FIELD ? nodeName : '';
    if (requirement.operator === 'In') {
      if (actual !== values[0]) matches = false;
    } else if (requirement.operator === 'NotIn') {
      if (actual === values[0]) matches = false;
    } else {
      return false;
    }
  }
  return matches;
}

/**
 * Whether one node selector term selects the node: all its expressions and all its fields hold.
 * Mirrors `nodeSelectorTerm.match` (component-helpers scheduling/corev1/nodeaffinity/nodeaffinity.go):
 * a term with no requirements matches nothing, a term that fails to parse matches nothing, and
 * `matchFields` is skipped for a node without a name (upstream's field set is then empty).
 */
export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions;
  const fields = term.matchFields;
  const hasExpressions = expressions !== undefined && expressions.length > 0;
  const hasFields = fields !== undefined && fields.length > 0;
  if (!hasExpressions && !hasFields) return false;
  if (hasExpressions && !nodeSelectorRequirementsMatch(expressions, node.metadata.labels)) return false;
  if (hasFields) {
    // Upstream only evaluates fields when the node has a name, but still rejects a term whose fields do not parse.
    const nodeName = node.metadata.name;
    if (nodeName === '' ? !fieldsParse(fields) : !nodeSelectorFieldsMatch(fields, nodeName)) return false;
  }
  return true;
}

function fieldsParse(requirements: readonly NodeSelectorRequirement[]): boolean {
  for (let i = 0; i < requirements.length; i++) {
    const requirement = requirements[i] as NodeSelectorRequirement;
    if (requirement.values === undefined || requirement.values.length !== 1) return false;
    if (requirement.operator !== 'In' && requirement.operator !== 'NotIn') return false;
  }
  return true;
}

/**
 * Whether a node selector (terms ORed) selects the node.
 * Mirrors `LazyErrorNodeSelector.Match` (component-helpers scheduling/corev1/nodeaffinity/nodeaffinity.go):
 * no terms, or only empty or unparsable terms, select nothing.
 * Deviation: parse errors are dropped, as `GetRequiredNodeAffinity(...).Match` callers do.
 */
export function nodeSelectorMatches(selector: NodeSelector, node: Node): boolean {
  // Parsed manifests may omit the field although the type requires it; Go reads that as nil.
  const terms = selector.nodeSelectorTerms as NodeSelector['nodeSelectorTerms'] | undefined;
  if (terms === undefined) return false;
  for (let i = 0; i < terms.length; i++) {
    if (nodeSelectorTermMatches(terms[i] as NodeSelectorTerm, node)) return true;
  }
  return false;
}

/**
 * Whether a pod's `nodeSelector` and required node affinity both allow the node.
 * Mirrors `GetRequiredNodeAffinity(pod).Match(node)` (component-helpers
 * scheduling/corev1/nodeaffinity/nodeaffinity.go): every `nodeSelector` key must be on the node
 * with exactly that value, and `requiredDuringSchedulingIgnoredDuringExecution` terms are ORed.
 * Preferred node affinity and pod (anti-)affinity are not considered.
 * Deviation: takes the pod spec rather than the pod; parse errors count as no match.
 */
export function requiredNodeAffinityMatches(podSpec: PodSpec, node: Node): boolean {
  const nodeSelector = podSpec.nodeSelector;
  if (nodeSelector !== undefined) {
    const labels = node.metadata.labels;
    for (const key in nodeSelector) {
      if (lookupLabel(labels, key) !== nodeSelector[key]) return false;
    }
  }
  const required = podSpec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return required === undefined || nodeSelectorMatches(required, node);
}

/**
 * A copy of the affinity whose required node affinity is exactly one term,
 * `matchFields: metadata.name In [nodeName]`; preferred node affinity and pod (anti-)affinity are kept.
 * Mirrors `ReplaceDaemonSetPodNodeNameNodeAffinity` (pkg/controller/daemon/util/daemonset_util.go),
 * which drops any user-provided required terms from daemon pods.
 * Deviation: returns a new object and leaves the input untouched (upstream edits it in place).
 */
export function replaceDaemonSetPodNodeNameNodeAffinity(
  affinity: Affinity | undefined,
  nodeName: string,
): Affinity {
  const nodeSelectorTerms: NodeSelectorTerm[] = [
    { matchFields: [{ key: OBJECT_NAME_FIELD, operator: 'In', values: [nodeName] }] },
  ];
  const nodeAffinity = affinity?.nodeAffinity;
  const required = nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return {
    ...affinity,
    nodeAffinity: {
      ...nodeAffinity,
      requiredDuringSchedulingIgnoredDuringExecution: { ...required, nodeSelectorTerms },
    },
  };
}

/**
 * The node a daemon pod is on or meant for: `spec.nodeName`, else the single value of the first
 * `matchFields metadata.name In [...]` requirement of its required node affinity.
 * Mirrors `GetTargetNodeName` (pkg/controller/daemon/util/daemonset_util.go), including that the
 * first such requirement decides: if it does not have exactly one value there is no target.
 * Deviation: returns undefined where upstream returns an error.
 */
export function getTargetNodeName(pod: Pod): string | undefined {
  const nodeName = pod.spec.nodeName;
  if (nodeName !== undefined && nodeName !== '') return nodeName;
  const terms =
    pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms === undefined) return undefined;
  for (const term of terms) {
    for (const requirement of term.matchFields ?? []) {
      if (requirement.key === OBJECT_NAME_FIELD && requirement.operator === 'In') {
        const values = requirement.values;
        return values !== undefined && values.length === 1 ? values[0] : undefined;
      }
    }
  }
  return undefined;
}
