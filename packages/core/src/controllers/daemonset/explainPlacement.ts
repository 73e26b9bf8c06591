import type { NodeSelectorTerm, Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { nodeSelectorTermMatches } from '../../model/nodeAffinity.js';
import type { DaemonSet, Node } from '../../model/objects.js';
import { formatTaint, toleratesTaint } from '../../model/taints.js';
import { TAINT_NODE_UNSCHEDULABLE } from '../../model/wellKnownTaints.js';
import type { NodeUsage } from '../scheduler/nodeUsage.js';
import { EMPTY_NODE_USAGE } from '../scheduler/nodeUsage.js';
import { podRequests } from '../scheduler/podRequests.js';
import { insufficientResources } from '../scheduler/schedulePod.js';
import { daemonPodTolerations } from './daemonPodTolerations.js';
import type { ShouldRun } from './nodeShouldRunDaemonPod.js';

/** The predicates {@link explainPlacement} reports, in the order it evaluates them. */
export type PlacementPredicate =
  'NodeName' | 'NodeSelector' | 'NodeAffinity' | 'Taints' | 'Unschedulable' | 'NotReady' | 'Resources';

/**
 * One predicate's verdict: `Pass`, `Fail` (no daemon pod here), `ContinueOnly` (no new pod, an
 * existing one may stay) or `Info` for what the DaemonSet controller does not decide on but a
 * reader asks about (the scheduler's resource fit, cordoning, readiness).
 */
export type PlacementVerdict = 'Pass' | 'Fail' | 'ContinueOnly' | 'Info';

/** One row of a placement explanation. */
export interface PlacementCheck {
  readonly predicate: PlacementPredicate;
  readonly verdict: PlacementVerdict;
  /** What was compared, in a sentence. */
  readonly reason: string;
}

/** One node taint and which of the daemon pod's tolerations, if any, tolerates it. */
export interface TaintCheck {
  readonly taint: Taint;
  /** The first tolerating toleration, as in the daemon pod's list. */
  readonly toleratedBy?: Toleration;
  /** Whether that toleration is one every daemon pod gets rather than one of the template's. */
  readonly automatic: boolean;
  /** Whether the taint's effect enters the decision (NoSchedule and NoExecute do). */
  readonly considered: boolean;
}

/** Why a DaemonSet does or does not place a pod on a node, predicate by predicate. */
export interface PlacementExplanation extends ShouldRun {
  readonly nodeName: string;
  /** `namespace/name` of the DaemonSet. */
  readonly daemonSet: string;
  readonly checks: readonly PlacementCheck[];
  readonly taints: readonly TaintCheck[];
}

/** Options of {@link explainPlacement}. */
export interface ExplainPlacementOptions {
  /**
   * What the node's bound pods already request, for the scheduler's resource fit.
   * @defaultValue an empty node
   */
  readonly usage?: NodeUsage;
}

const considered = (t: Taint): boolean => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

function keyOf(ds: DaemonSet): string {
  return `${ds.metadata.namespace}/${ds.metadata.name}`;
}

function termText(term: NodeSelectorTerm): string {
  const parts = [
    ...(term.matchExpressions ?? []).map(
      (r) => `${r.key} ${r.operator}${r.values === undefined ? '' : ` [${r.values.join(',')}]`}`,
    ),
    ...(term.matchFields ?? []).map((r) => `${r.key} ${r.operator} [${(r.values ?? []).join(',')}]`),
  ];
  return parts.length === 0 ? '{}' : `{${parts.join('; ')}}`;
}

// The automatic tolerations are added as new objects (replacing a matching template one), so
// a toleration of the daemon pod that is not one of the template's own objects is automatic.
function tolerationIsAutomatic(toleration: Toleration, ds: DaemonSet): boolean {
  return !(ds.spec.template.spec?.tolerations ?? []).includes(toleration);
}

/**
 * Explains the placement decision for one node and one DaemonSet: the template's nodeName,
 * nodeSelector and required node affinity, each NoSchedule/NoExecute taint against the daemon
 * pod's tolerations (the template's plus the automatic ones), and beside them what the controller
 * does not decide on but the scheduler and the node lifecycle controller do: cordoning, readiness
 * (its taints enter through the taint check) and the resource fit.
 * Mirrors the decision of `NodeShouldRunDaemonPod` and `predicates`
 * (pkg/controller/daemon/daemon_controller.go) and agrees with {@link nodeShouldRunDaemonPod} on
 * `shouldRun` and `shouldContinueRunning` (a property test checks it).
 * Deviation: upstream has no explanation; it returns three booleans (`fitsNodeName`,
 * `fitsNodeAffinity`, `fitsTaints`), which this splits further and gives reasons for.
 */
export function explainPlacement(
  node: Node,
  ds: DaemonSet,
  options: ExplainPlacementOptions = {},
): PlacementExplanation {
  const spec = ds.spec.template.spec;
  const nodeName = node.metadata.name;
  const checks: PlacementCheck[] = [];
  let fitsNodeName = true;
  let fitsNodeAffinity = true;

  const wanted = spec?.nodeName ?? '';
  if (spec === undefined) {
    fitsNodeName = false;
    checks.push({ predicate: 'NodeName', verdict: 'Fail', reason: 'the template has no pod spec' });
  } else if (wanted === '') {
    checks.push({ predicate: 'NodeName', verdict: 'Pass', reason: 'the template sets no spec.nodeName' });
  } else {
    fitsNodeName = wanted === nodeName;
    checks.push({
      predicate: 'NodeName',
      verdict: fitsNodeName ? 'Pass' : 'Fail',
      reason: `the template's spec.nodeName is ${wanted}`,
    });
  }

  const labels = node.metadata.labels ?? {};
  const selector = spec?.nodeSelector;
  if (selector === undefined || Object.keys(selector).length === 0) {
    checks.push({ predicate: 'NodeSelector', verdict: 'Pass', reason: 'the template has no nodeSelector' });
  } else {
    const missing = Object.keys(selector)
      .sort()
      .filter((k) => !Object.hasOwn(labels, k) || labels[k] !== selector[k]);
    if (missing.length > 0) fitsNodeAffinity = false;
    checks.push({
      predicate: 'NodeSelector',
      verdict: missing.length === 0 ? 'Pass' : 'Fail',
      reason:
        missing.length === 0
          ? `the node has every label of the nodeSelector (${Object.keys(selector).sort().join(', ')})`
          : `the node lacks ${missing.map((k) => `${k}=${selector[k] ?? ''}`).join(', ')}` +
            ` (it has ${missing.map((k) => (Object.hasOwn(labels, k) ? `${k}=${labels[k] ?? ''}` : `no ${k}`)).join(', ')})`,
    });
  }

  const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required === undefined) {
    checks.push({
      predicate: 'NodeAffinity',
      verdict: 'Pass',
      reason: 'the template has no required node affinity',
    });
  } else {
    const terms = (required.nodeSelectorTerms as NodeSelectorTerm[] | undefined) ?? [];
    const matching = terms.findIndex((term) => nodeSelectorTermMatches(term, node));
    if (matching < 0) fitsNodeAffinity = false;
    checks.push({
      predicate: 'NodeAffinity',
      verdict: matching >= 0 ? 'Pass' : 'Fail',
      reason:
        matching >= 0
          ? `term ${matching} ${termText(terms[matching] as NodeSelectorTerm)} matches`
          : terms.length === 0
            ? 'the required node affinity has no terms, which match no node'
            : `none of the ${terms.length} terms matches (${terms.map(termText).join(' or ')})`,
    });
  }

  const tolerations = spec === undefined ? [] : daemonPodTolerations(ds);
  const taints: TaintCheck[] = (node.spec.taints ?? []).map((taint) => {
    const toleratedBy = tolerations.find((t) => toleratesTaint(t, taint));
    return {
      taint,
      ...(toleratedBy === undefined ? {} : { toleratedBy }),
      automatic: toleratedBy !== undefined && tolerationIsAutomatic(toleratedBy, ds),
      considered: considered(taint),
    };
  });
  const blocking = taints.filter((t) => t.considered && t.toleratedBy === undefined);
  const fitsTaints = blocking.length === 0;
  const evicting = blocking.some((t) => t.taint.effect === 'NoExecute');
  checks.push({
    predicate: 'Taints',
    verdict: fitsTaints ? 'Pass' : evicting ? 'Fail' : 'ContinueOnly',
    reason:
      taints.length === 0
        ? 'the node has no taints'
        : fitsTaints
          ? `every NoSchedule and NoExecute taint is tolerated (${taints.length} taint${taints.length === 1 ? '' : 's'})`
          : `not tolerated: ${blocking.map((t) => formatTaint(t.taint)).join(', ')}` +
            (evicting ? '' : ' (NoSchedule only: an existing pod may stay)'),
  });

  if (node.spec.unschedulable === true) {
    const tolerated = tolerations.some((t) =>
      toleratesTaint(t, { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' }),
    );
    checks.push({
      predicate: 'Unschedulable',
      verdict: 'Info',
      reason: tolerated
        ? `cordoned; daemon pods tolerate ${TAINT_NODE_UNSCHEDULABLE}:NoSchedule, so cordoning does not keep them off`
        : `cordoned, and the daemon pod does not tolerate ${TAINT_NODE_UNSCHEDULABLE}:NoSchedule`,
    });
  } else {
    checks.push({ predicate: 'Unschedulable', verdict: 'Info', reason: 'not cordoned' });
  }

  const ready = node.status.conditions?.find((c) => c.type === 'Ready');
  checks.push({
    predicate: 'NotReady',
    verdict: 'Info',
    reason:
      ready === undefined || ready.status === 'True'
        ? 'the node is Ready'
        : `Ready is ${ready.status}${ready.reason === undefined ? '' : ` (${ready.reason})`}; the node lifecycle controller's taints decide, through the taint check`,
  });

  const insufficient =
    spec === undefined
      ? []
      : insufficientResources(podRequests(spec), node, options.usage ?? EMPTY_NODE_USAGE);
  checks.push({
    predicate: 'Resources',
    verdict: 'Info',
    reason:
      insufficient.length === 0
        ? 'the pod fits the node allocatable'
        : `${insufficient.join(', ')}: the controller still creates the pod and the scheduler leaves it Pending`,
  });

  const placed = fitsNodeName && fitsNodeAffinity;
  return {
    nodeName,
    daemonSet: keyOf(ds),
    shouldRun: placed && fitsTaints,
    shouldContinueRunning: placed && !evicting,
    checks,
    taints,
  };
}
