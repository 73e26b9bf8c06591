import type { PropagationPolicy } from '@daemonsim/core';
import type { Duration } from './duration.js';

/** What every step may carry: when it runs, and a note for readers. */
export interface StepBase {
  /**
   * Simulated time to run at, from the start of the simulation (ms or a duration string such as
   * `'30s'`). The simulation first runs until then; a time already passed is an error.
   * Absent: the step runs at the current time.
   */
  readonly at?: Duration;
  /** A note for readers; ignored by the runner. */
  readonly description?: string;
}

/** A taint as a scenario writes it. Mirrors core/v1 `Taint` without `timeAdded`. */
export interface ScenarioTaint {
  readonly key: string;
  readonly value?: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/**
 * Nodes join the cluster, Ready at once, one `NodeAdded` event each.
 * Give `names`, or `count` nodes named `<namePrefix><i>` with the smallest free `i` from 1.
 */
export interface AddNodesStep extends StepBase {
  readonly kind: 'addNodes';
  readonly names?: readonly string[];
  readonly count?: number;
  /** @defaultValue 'node-' */
  readonly namePrefix?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly ScenarioTaint[];
  /** Capacity such as `{ cpu: '4', memory: '16Gi', pods: '110' }`; allocatable equals it. */
  readonly capacity?: Readonly<Record<string, string>>;
  /** Join cordoned. */
  readonly unschedulable?: boolean;
}

/** Nodes are deleted from the API, as `kubectl delete node` does; their pods wait for PodGC. */
export interface RemoveNodesStep extends StepBase {
  readonly kind: 'removeNodes';
  readonly names: readonly string[];
}

/** Label edits on one node, as `kubectl label node`; a `null` value removes the label. */
export interface LabelNodeStep extends StepBase {
  readonly kind: 'labelNode';
  readonly node: string;
  readonly labels: Readonly<Record<string, string | null>>;
}

/** Taints added to one node (replacing any with the same key and effect), as `kubectl taint node`. */
export interface TaintNodeStep extends StepBase {
  readonly kind: 'taintNode';
  readonly node: string;
  readonly taints: readonly ScenarioTaint[];
}

/** Taints removed from one node by key and, when given, effect, as `kubectl taint node key:effect-`. */
export interface UntaintNodeStep extends StepBase {
  readonly kind: 'untaintNode';
  readonly node: string;
  readonly taints: readonly { readonly key: string; readonly effect?: ScenarioTaint['effect'] }[];
}

/** One node is marked unschedulable, as `kubectl cordon`. */
export interface CordonStep extends StepBase {
  readonly kind: 'cordon';
  readonly node: string;
}

/** One node is marked schedulable again, as `kubectl uncordon`. */
export interface UncordonStep extends StepBase {
  readonly kind: 'uncordon';
  readonly node: string;
}

/**
 * One node's kubelet stops (`NodeHeartbeatsStopped`): no more heartbeats, its pods stay as the
 * API shows them; after the node monitor grace period the node's conditions turn Unknown and it
 * gets the `unreachable` taints, so pods that do not tolerate them are evicted.
 */
export interface FailNodeStep extends StepBase {
  readonly kind: 'failNode';
  readonly node: string;
}

/** One failed node's kubelet is back (`NodeHeartbeatsResumed`): healthy conditions, taints removed, pods resumed. */
export interface RecoverNodeStep extends StepBase {
  readonly kind: 'recoverNode';
  readonly node: string;
}

/** The kubelet reports a node condition, such as `MemoryPressure=True` or `Ready=False`. */
export interface SetNodeConditionStep extends StepBase {
  readonly kind: 'setNodeCondition';
  readonly node: string;
  /** `Ready`, `MemoryPressure`, `DiskPressure`, `PIDPressure`, `NetworkUnavailable`, ... */
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason?: string;
  readonly message?: string;
}

/**
 * One node is drained, as `kubectl drain <node> --ignore-daemonsets [--force]`: cordoned, and
 * every pod not managed by a DaemonSet deleted; daemon pods stay.
 */
export interface DrainStep extends StepBase {
  readonly kind: 'drain';
  readonly node: string;
  /** `--force`: also delete pods no controller manages. @defaultValue false */
  readonly force?: boolean;
}

/**
 * Manifests applied in order, as `kubectl apply`: YAML text (several documents allowed), one
 * object, or a list of objects. Supported kinds: apps/v1 DaemonSet, v1 Node, Namespace and Pod.
 */
export interface ApplyStep extends StepBase {
  readonly kind: 'apply';
  readonly manifests:
    string | Readonly<Record<string, unknown>> | readonly Readonly<Record<string, unknown>>[];
}

/** A DaemonSet is deleted, as `kubectl delete ds --cascade=...`. */
export interface DeleteDaemonSetStep extends StepBase {
  readonly kind: 'deleteDaemonSet';
  readonly name: string;
  /** @defaultValue 'default' */
  readonly namespace?: string;
  /** @defaultValue 'Background' */
  readonly propagationPolicy?: PropagationPolicy;
}

/** A pod is deleted, as `kubectl delete pod`, with its grace period. */
export interface DeletePodStep extends StepBase {
  readonly kind: 'deletePod';
  readonly name: string;
  /** @defaultValue 'default' */
  readonly namespace?: string;
}

/**
 * A DaemonSet goes back to an earlier template, as `kubectl rollout undo ds/<name>
 * [--to-revision=N]`: the template stored in its ControllerRevision is applied. The controller
 * then makes that revision current again under a new, highest revision number.
 */
export interface RolloutUndoStep extends StepBase {
  readonly kind: 'rolloutUndo';
  readonly name: string;
  /** @defaultValue 'default' */
  readonly namespace?: string;
  /** The revision number to go back to. @defaultValue the revision before the newest */
  readonly toRevision?: number;
}

/** A rule of the scenario's `faults` is switched on from this step's time, as `Simulation.enableFault`. */
export interface EnableFaultStep extends StepBase {
  readonly kind: 'enableFault';
  /** The rule's name (`faults[i].rule`). */
  readonly rule: string;
}

/** A rule of the scenario's `faults` is switched off from this step's time, as `Simulation.disableFault`. */
export interface DisableFaultStep extends StepBase {
  readonly kind: 'disableFault';
  /** The rule's name (`faults[i].rule`). */
  readonly rule: string;
}

/**
 * A controller crashes and restarts, as `Simulation.crashController`: its memory and queue are
 * lost and its informers list again; with `afterWrites`, after that many more of its requests.
 */
export interface CrashControllerStep extends StepBase {
  readonly kind: 'crashController';
  /** Only `daemonset`. */
  readonly controller: 'daemonset';
  /** Crash after this many more requests, in the middle of a pass if need be. @defaultValue crash now */
  readonly afterWrites?: number;
  /** `fresh`: the restarted informers list the API server's state; `stale`: the lagging cache's. @defaultValue 'fresh' */
  readonly relist?: 'fresh' | 'stale';
}

/** Simulated time moves on by `duration`, processing what falls due. */
export interface AdvanceStep extends StepBase {
  readonly kind: 'advance';
  readonly duration: Duration;
}

/** The simulation runs until nothing but PodGC's idle periods is left. */
export interface RunUntilQuietStep extends StepBase {
  readonly kind: 'runUntilQuiet';
  /** Give up (an error) if still busy after this much simulated time. @defaultValue '24h' */
  readonly limit?: Duration;
}

/** The DaemonSet status fields an `expect` step may compare. Mirrors apps/v1 `DaemonSetStatus`. */
export type DaemonSetStatusField =
  | 'currentNumberScheduled'
  | 'numberMisscheduled'
  | 'desiredNumberScheduled'
  | 'numberReady'
  | 'observedGeneration'
  | 'updatedNumberScheduled'
  | 'numberAvailable'
  | 'numberUnavailable'
  | 'collisionCount';

/**
 * Assertions about one DaemonSet. Its daemon pods are the pods it controls that are neither
 * terminating nor Succeeded/Failed, placed on the node they are bound to (or target, if pending).
 */
export interface DaemonSetExpectation {
  readonly name: string;
  /** @defaultValue 'default' */
  readonly namespace?: string;
  /** `false`: the DaemonSet must be gone. @defaultValue true */
  readonly exists?: boolean;
  /** Exactly these nodes have a daemon pod (order does not matter). */
  readonly nodes?: readonly string[];
  /** This many nodes have a daemon pod. */
  readonly nodeCount?: number;
  /** None of these nodes has a daemon pod. */
  readonly notOnNodes?: readonly string[];
  /** This many daemon pods are Ready. */
  readonly readyPods?: number;
  /** Its ControllerRevisions have exactly these revision numbers (order does not matter). */
  readonly revisions?: readonly number[];
  /** Status fields equal these values; absent counts read as 0, as kubectl prints them. */
  readonly status?: Readonly<Partial<Record<DaemonSetStatusField, number>>>;
}

/** A label selector requirement. Mirrors meta/v1 `LabelSelectorRequirement`. */
export interface ScenarioSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

/** Assertions about how many pods match a filter; all given filters must hold. */
export interface PodsExpectation {
  /** @defaultValue 'default' */
  readonly namespace?: string;
  /** Every namespace; `namespace` must then be absent. */
  readonly allNamespaces?: boolean;
  /** Labels the pods carry (a `matchLabels` selector). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Set-based requirements (`matchExpressions`). */
  readonly matchExpressions?: readonly ScenarioSelectorRequirement[];
  /** Pod phase: Pending, Running, Succeeded, Failed, Unknown. */
  readonly phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  /** Bound to (or, when pending, targeting) this node. */
  readonly node?: string;
  /** Ready (`true`) or not (`false`). */
  readonly ready?: boolean;
  /** Some container of the pod runs this image. */
  readonly image?: string;
  /** Terminating pods (with a deletionTimestamp) count only when `true`. @defaultValue false */
  readonly includeTerminating?: boolean;
  /** How many pods must match. */
  readonly count: number;
}

/** Assertions on the cluster now; a failure throws {@link ScenarioExpectationError}. At least one of the fields. */
export interface ExpectStep extends StepBase {
  readonly kind: 'expect';
  readonly daemonSet?: DaemonSetExpectation;
  readonly pods?: PodsExpectation;
}

/** The resources a `print` step can show. */
export type PrintResource = 'daemonsets' | 'pods' | 'nodes' | 'controllerrevisions';

/**
 * A `kubectl get` view appended to the run's output, after a `$ kubectl get ...` line.
 * Rendered with core's `printTable` over `daemonSetTable`, `podTable` or `nodeTable`.
 */
/** Prints a `kubectl get` view into the run's output; its `description` is printed above it as `# ...`. */
export interface PrintStep extends StepBase {
  readonly kind: 'print';
  readonly resource: PrintResource;
  /** @defaultValue 'default' (ignored for nodes) */
  readonly namespace?: string;
  /** `-A`. */
  readonly allNamespaces?: boolean;
  /** `-o wide`. */
  readonly wide?: boolean;
}

/** One thing a scenario does, discriminated by `kind`. */
export type Step =
  | AddNodesStep
  | RemoveNodesStep
  | LabelNodeStep
  | TaintNodeStep
  | UntaintNodeStep
  | CordonStep
  | UncordonStep
  | FailNodeStep
  | RecoverNodeStep
  | SetNodeConditionStep
  | DrainStep
  | ApplyStep
  | DeleteDaemonSetStep
  | DeletePodStep
  | RolloutUndoStep
  | EnableFaultStep
  | DisableFaultStep
  | CrashControllerStep
  | AdvanceStep
  | RunUntilQuietStep
  | ExpectStep
  | PrintStep;

/** The kind of a {@link Step}. */
export type StepKind = Step['kind'];

/** Every step kind, in documentation order. */
export const STEP_KINDS: readonly StepKind[] = [
  'addNodes',
  'removeNodes',
  'labelNode',
  'taintNode',
  'untaintNode',
  'cordon',
  'uncordon',
  'failNode',
  'recoverNode',
  'setNodeCondition',
  'drain',
  'apply',
  'deleteDaemonSet',
  'deletePod',
  'rolloutUndo',
  'enableFault',
  'disableFault',
  'crashController',
  'advance',
  'runUntilQuiet',
  'expect',
  'print',
];

/** The DaemonSet status fields an `expect` step may compare, in apps/v1 order. */
export const DAEMONSET_STATUS_FIELDS: readonly DaemonSetStatusField[] = [
  'currentNumberScheduled',
  'numberMisscheduled',
  'desiredNumberScheduled',
  'numberReady',
  'observedGeneration',
  'updatedNumberScheduled',
  'numberAvailable',
  'numberUnavailable',
  'collisionCount',
];
