import { forbidden, invalid, notSupported, required } from '../api/fieldError.js';
import type { FieldError } from '../errors.js';
import type { WatchedKind } from './simEvent.js';
import type { LatencyRange } from './simulationOptions.js';

/** What a watch fault does to the deliveries of its kind: `break` drops them until a relist, `delay` adds lag. */
export type WatchFaultType = 'break' | 'delay';

/** The kinds whose informers a watch fault can perturb, in documentation order. */
export const WATCH_FAULT_KINDS: readonly WatchedKind[] = ['Pod', 'Node', 'DaemonSet', 'ControllerRevision'];
/** Every {@link WatchFaultType}, in documentation order. */
export const WATCH_FAULT_TYPES: readonly WatchFaultType[] = ['break', 'delay'];

/**
 * A seeded, declarative fault of the controllers' informer watch of one kind (`watch`), in the
 * `informer` observation model. `break`: the watch is broken and the writes of that kind are
 * not delivered (dropped, traced `WatchEventDropped`); the informer then relists after the
 * reflector's backoff (traced `InformerRelist`, then `WatchRelisted` with what it found), its
 * cache made equal to the API server's and its handlers shown each difference as an add, update
 * or delete, so intermediate states are coalesced away. With `probability` (per write of the
 * kind) or `nth` (the nth write, 1-based) the watch breaks at that write and stays broken until
 * the relist; with neither it is broken for as long as the rule is enabled, and the relist
 * follows `disableFault`. `delay`: each write of the kind that the rule takes (all, with
 * `probability`, or the `nth`) reaches the cache `delayMs` later (drawn in `[min, max]`),
 * deliveries of one kind staying in write order, so kinds overtake one another as separate
 * informers do (traced `WatchEventDelayed`).
 * Upstream counterpart: a reflector whose watch ends (a dropped connection, `410 Gone` for an
 * expired resourceVersion) and whose `ListAndWatch` runs again after `wait.BackoffUntil`'s
 * backoff (staging/src/k8s.io/client-go/tools/cache/reflector.go), the LIST going through
 * `DeltaFIFO.Replace`; and the per-informer watch connections that are ordered within a
 * resource and not across resources.
 * Deviation: the controllers, scheduler and kubelets share one cache, so a broken pod watch blinds
 * them all; the kinds share one delivery order while no delay fault holds them.
 */
export interface WatchFaultRule {
  /** The rule's name, unique among the rules. @defaultValue `fault-<index>` */
  readonly rule?: string;
  readonly watch: WatchedKind;
  readonly fault: WatchFaultType;
  /** The chance in [0, 1] that a write of the kind breaks the watch, or is delayed. */
  readonly probability?: number;
  /** Only the nth write of the kind (counting from 1 while the rule is enabled) breaks the watch, or is delayed. */
  readonly nth?: number;
  /** `delay` only: the extra lag in milliseconds, drawn uniformly from `[min, max]`. */
  readonly delayMs?: LatencyRange;
  /** @defaultValue true */
  readonly enabled?: boolean;
}

/** The fields a watch fault rule may have, in documentation order. */
export const WATCH_RULE_FIELDS = ['rule', 'watch', 'fault', 'probability', 'nth', 'delayMs', 'enabled'];

/**
 * Checks the fields of a watch fault rule at `p` (`faults[2]`) that API fault rules do not have
 * (`watch`, `fault`, `delayMs`), calling `fail` with the first bad one. Upstream has no counterpart.
 */
export function validateWatchFields(
  r: Readonly<Record<string, unknown>>,
  p: string,
  fail: (error: FieldError) => never,
): void {
  for (const [key, supported] of [
    ['watch', WATCH_FAULT_KINDS],
    ['fault', WATCH_FAULT_TYPES],
  ] as const) {
    const v = r[key];
    if (v === undefined) fail(required(`${p}.${key}`));
    if (typeof v !== 'string' || !(supported as readonly string[]).includes(v))
      fail(notSupported(`${p}.${key}`, v, supported));
  }
  const delay = r['delayMs'];
  if (r['fault'] === 'break') {
    if (delay !== undefined) fail(forbidden(`${p}.delayMs`, 'may only be set with fault delay'));
    return;
  }
  if (delay === undefined) return fail(required(`${p}.delayMs`, 'a delay fault needs {min, max} in ms'));
  if (delay === null || typeof delay !== 'object' || Array.isArray(delay))
    fail(invalid(`${p}.delayMs`, delay, 'must be an object with min and max in ms'));
  const range = delay as Record<string, unknown>;
  for (const key of Object.keys(range))
    if (key !== 'min' && key !== 'max')
      fail(forbidden(`${p}.delayMs.${key}`, 'unknown field; supported fields: "min", "max"'));
  for (const key of ['min', 'max']) {
    const v = range[key];
    if (v === undefined) fail(required(`${p}.delayMs.${key}`));
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
      fail(invalid(`${p}.delayMs.${key}`, v, 'must be a whole number of ms, greater than or equal to 0'));
  }
  if ((range['min'] as number) > (range['max'] as number))
    fail(invalid(`${p}.delayMs.max`, range['max'], 'must be greater than or equal to min'));
}

/** Whether a rule of `faults` is a {@link WatchFaultRule} (it has `watch`) rather than an API fault rule. */
export function isWatchFaultRule(rule: object): rule is WatchFaultRule {
  return (rule as { watch?: unknown }).watch !== undefined;
}
