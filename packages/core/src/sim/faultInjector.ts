import type { Action } from '../controllers/plan.js';
import { SimulationError } from '../errors.js';
import { objectKey } from '../model/objects.js';
import { Rng } from '../random/rng.js';
import type { FaultResource, FaultRule, FaultStatus, FaultVerb } from './faultRule.js';
import { faultStatus } from './faultRule.js';
import type { Journal } from './journal.js';
import { JournaledMap } from './journal.js';
import type { SimulationCore } from './simulationCore.js';
import { switchWatchRule } from './watchFaults.js';

/** One API request a controller makes, as a fault rule matches it. */
export interface FaultRequest {
  readonly verb: FaultVerb;
  readonly resource: FaultResource;
  readonly namespace: string;
  /** `''` for a create whose name the server generates. */
  readonly name: string;
  /** What the trace shows in place of a generated name, such as `node=node-1`. */
  readonly detail?: string;
}

/** A request a rule failed: the rule's name and the API server's answer. */
export interface InjectedFault {
  readonly rule: string;
  readonly status: FaultStatus;
}

/**
 * The simulation's fault rules and their state: which are enabled, how many requests each has
 * matched (for `nth`), and the fault RNG, a stream of its own seeded from the simulation's seed so
 * that a run without faults draws exactly what it drew before. All of it is taken back with an
 * event that is rolled back. Upstream has no counterpart (see {@link FaultRule}).
 */
export class FaultInjector {
  readonly rng: Rng;
  private readonly rules: readonly FaultRule[];
  private readonly enabled: Map<string, boolean>;
  private readonly matched: Map<string, number>;

  constructor(rules: readonly FaultRule[], seed: string | number, journal: Journal) {
    this.rules = rules;
    this.rng = Rng.fromSeed(`faults/${String(seed)}`);
    this.enabled = new JournaledMap(journal);
    this.matched = new JournaledMap(journal);
    for (const r of rules) this.enabled.set(r.rule!, r.enabled ?? true);
  }

  /** Switches rule `name` on or off; throws `SimulationError('NotFound')` naming the field for a rule that does not exist. */
  setEnabled(name: string, on: boolean, caller: string): void {
    if (!this.enabled.has(name))
      throw new SimulationError('NotFound', `${caller}: rule: Not found: ${JSON.stringify(name)}`, {
        path: 'rule',
      });
    this.enabled.set(name, on);
  }

  /** Whether rule `name` is enabled now. */
  isEnabled(name: string): boolean {
    return this.enabled.get(name) === true;
  }

  /**
   * The fault the first firing rule injects into `request`, or undefined. Every enabled rule that
   * matches counts the request (for `nth`); probability rules draw only until one has fired.
   */
  check(request: FaultRequest): InjectedFault | undefined {
    let hit: InjectedFault | undefined;
    for (const r of this.rules) {
      const name = r.rule!;
      if (this.enabled.get(name) !== true || !matches(r, request)) continue;
      const count = (this.matched.get(name) ?? 0) + 1;
      this.matched.set(name, count);
      if (hit !== undefined) continue;
      const fires =
        r.nth !== undefined
          ? count === r.nth
          : r.probability === undefined || this.rng.next() < r.probability;
      if (fires)
        hit = {
          rule: name,
          status: faultStatus(r, request.verb, request.resource, request.name === '' ? '' : request.name),
        };
    }
    return hit;
  }
}

function matches(r: FaultRule, q: FaultRequest): boolean {
  return (
    (r.verb === '*' || r.verb === q.verb) &&
    (r.resource === '*' || r.resource === q.resource) &&
    (r.namespace === undefined || r.namespace === q.namespace) &&
    (r.name === undefined || r.name === q.name)
  );
}

/**
 * Asks the fault rules about a request `by` a component makes; a failed one is traced as a
 * rejected request with the rule's name and the API server's answer, and returned.
 */
export function injectFault(
  core: SimulationCore,
  request: FaultRequest,
  by: string,
): InjectedFault | undefined {
  const fault = core.faults?.check(request);
  if (fault === undefined) return undefined;
  const s = fault.status;
  core.recordRejected(
    `${request.verb} ${request.resource} ${request.namespace}/${request.name === '' ? (request.detail ?? '') : request.name} [${by}]`,
    `${s.reason} (${s.code}): ${s.message}${s.retryAfterSeconds > 0 ? ` (Retry-After: ${s.retryAfterSeconds})` : ''} [fault ${fault.rule}]`,
  );
  return fault;
}

/**
 * The API request a controller's action is, as fault rules match it; undefined for what no
 * rule can fail (KubeEvents, whose recorder drops failures, and other components' writes).
 * Upstream counterpart: the clientset call behind each action (`PodControl.CreatePods`,
 * `DeletePod`, `PatchPod`, the history client's Create/Update/Patch/Delete, `UpdateStatus`).
 */
export function requestOf(action: Action): FaultRequest | undefined {
  switch (action.type) {
    case 'createPod':
      return {
        verb: 'create',
        resource: 'pods',
        namespace: action.pod.metadata.namespace,
        name: '',
        detail: `${action.pod.metadata.generateName ?? ''}<generated> node=${action.nodeName}`,
      };
    case 'deletePod':
      return { verb: 'delete', resource: 'pods', ...split(action.key) };
    case 'updatePod':
      return { verb: 'patch', resource: 'pods', ...split(objectKey(action.pod.metadata)) };
    case 'createRevision':
      return {
        verb: 'create',
        resource: 'controllerrevisions',
        namespace: action.revision.metadata.namespace,
        name: action.revision.metadata.name,
      };
    case 'updateRevision':
      return {
        verb: action.reason === 'adopt' || action.reason === 'release' ? 'patch' : 'update',
        resource: 'controllerrevisions',
        ...split(objectKey(action.revision.metadata)),
      };
    case 'deleteRevision':
      return { verb: 'delete', resource: 'controllerrevisions', ...split(action.key) };
    case 'updateDaemonSetStatus':
      return { verb: 'update', resource: 'daemonsets/status', ...split(action.key) };
    case 'updateDaemonSet':
      return { verb: 'update', resource: 'daemonsets', ...split(objectKey(action.daemonSet.metadata)) };
    default:
      return undefined;
  }
}

function split(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/**
 * Switches fault rule `rule` on or off from now (`Simulation.enableFault` / `disableFault`),
 * traced as `FaultEnabled` / `FaultDisabled`; throws `SimulationError('NotFound')` for a rule
 * the simulation does not have.
 */
export function switchFaultRule(core: SimulationCore, rule: string, on: boolean): void {
  const caller = on ? 'enableFault' : 'disableFault';
  if (switchWatchRule(core, rule, on)) {
    traceSwitch(core, rule, on);
    return;
  }
  if (core.faults === undefined)
    throw new SimulationError(
      'NotFound',
      `${caller}: rule: Not found: ${JSON.stringify(rule)} (the simulation has no fault rules)`,
      { path: 'rule' },
    );
  core.faults.setEnabled(rule, on, caller);
  traceSwitch(core, rule, on);
}

function traceSwitch(core: SimulationCore, rule: string, on: boolean): void {
  if (core.keepTrace)
    core.traceLog.record({
      entry: 'event',
      at: core.clock,
      seq: -1,
      type: on ? 'FaultEnabled' : 'FaultDisabled',
      detail: rule,
    });
}
