import {
  duplicate,
  forbidden,
  formatFieldError,
  invalid,
  notSupported,
  required,
} from '../api/fieldError.js';
import type { FieldError } from '../errors.js';
import { SimulationError } from '../errors.js';
import type { WatchFaultRule } from './watchFaultRule.js';
import { validateWatchFields, WATCH_RULE_FIELDS } from './watchFaultRule.js';

/** The verbs of the API requests a fault rule can fail, as the API server's audit log names them. */
export type FaultVerb = 'create' | 'update' | 'patch' | 'delete' | 'get';

/** The resources a fault rule can fail requests on (`daemonsets/status` is the status subresource). */
export type FaultResource = 'pods' | 'daemonsets' | 'daemonsets/status' | 'controllerrevisions';

/**
 * The errors a fault rule answers with, as apimachinery's `StatusReason`s: `Conflict` (409),
 * `ServerTimeout` (500, as `NewServerTimeout` sets it), `Timeout` (504), `TooManyRequests`
 * (429, with `Retry-After`) and `InternalError` (500).
 */
export type FaultError = 'Conflict' | 'ServerTimeout' | 'Timeout' | 'TooManyRequests' | 'InternalError';

/** Every {@link FaultVerb}, in documentation order. */
export const FAULT_VERBS: readonly FaultVerb[] = ['create', 'update', 'patch', 'delete', 'get'];
/** Every {@link FaultResource}, in documentation order. */
export const FAULT_RESOURCES: readonly FaultResource[] = [
  'pods',
  'daemonsets',
  'daemonsets/status',
  'controllerrevisions',
];
/** Every {@link FaultError}, in documentation order. */
export const FAULT_ERRORS: readonly FaultError[] = [
  'Conflict',
  'ServerTimeout',
  'Timeout',
  'TooManyRequests',
  'InternalError',
];

/**
 * A seeded, declarative API fault: the controllers' requests that match `verb`, `resource` and,
 * when given, `namespace` and `name` fail with `error`, each with `probability` (drawn from the
 * simulation's fault RNG, a stream of its own) or only the `nth` matching request (1-based).
 * Neither: every matching request fails. `rule` names it for `enableFault` / `disableFault`;
 * `enabled: false` makes it start switched off.
 * Upstream counterpart: none in the API server; client-go's fake clientset's `PrependReactor`
 * answering a verb and resource with an error is the closest, and the errors are apimachinery's
 * `NewConflict`, `NewServerTimeout`, `NewTimeoutError`, `NewTooManyRequests`, `NewInternalError`.
 * Deviation: a create with a generated name has no name yet, so a rule with `name` never matches it.
 */
export interface FaultRule {
  /** The rule's name, unique among the rules. @defaultValue `fault-<index>` */
  readonly rule?: string;
  readonly verb: FaultVerb | '*';
  readonly resource: FaultResource | '*';
  readonly namespace?: string;
  readonly name?: string;
  /** The chance in [0, 1] that a matching request fails. */
  readonly probability?: number;
  /** Only the nth matching request (counting from 1 while the rule is enabled) fails. */
  readonly nth?: number;
  readonly error: FaultError;
  /** `Retry-After` of `TooManyRequests` and `ServerTimeout`, in seconds. @defaultValue 1 for TooManyRequests, 0 otherwise */
  readonly retryAfterSeconds?: number;
  /** @defaultValue true */
  readonly enabled?: boolean;
}

const RULE_FIELDS = [
  'rule',
  'verb',
  'resource',
  'namespace',
  'name',
  'probability',
  'nth',
  'error',
  'retryAfterSeconds',
  'enabled',
];

/**
 * Checks a list of {@link FaultRule}s and {@link WatchFaultRule}s (those with `watch`) at `path` (`faults`), returning them with every rule named;
 * throws `SimulationError('Invalid')` for the first bad field, in the API server's `field.Error`
 * words (`faults[0].error: Unsupported value: "Oops": supported values: "Conflict", ...`), the
 * message prefixed with `prefix` when given. Upstream has no counterpart.
 */
export function validateFaultRules(
  value: unknown,
  path = 'faults',
  prefix = '',
): readonly (FaultRule | WatchFaultRule)[] {
  const fail = (error: FieldError): never => {
    throw new SimulationError('Invalid', `${prefix}${formatFieldError(error)}`, { causes: [error] });
  };
  if (!Array.isArray(value)) return fail(invalid(path, value, 'must be a list of fault rules'));
  const names = new Set<string>();
  return value.map((item: unknown, i): FaultRule | WatchFaultRule => {
    const p = `${path}[${i}]`;
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      return fail(invalid(p, item, 'must be an object'));
    const r = item as Record<string, unknown>;
    // A rule with `watch` perturbs an informer's watch rather than failing requests.
    const watch = r['watch'] !== undefined;
    const fields = watch ? WATCH_RULE_FIELDS : RULE_FIELDS;
    for (const key of Object.keys(r))
      if (!fields.includes(key))
        fail(
          forbidden(
            `${p}.${key}`,
            `unknown field; supported fields: ${fields.map((f) => JSON.stringify(f)).join(', ')}`,
          ),
        );
    const rule = r['rule'] ?? `fault-${i}`;
    if (typeof rule !== 'string' || rule === '')
      fail(invalid(`${p}.rule`, rule, 'must be a non-empty string'));
    if (names.has(rule as string)) fail(duplicate(`${p}.rule`, rule));
    names.add(rule as string);
    if (watch) validateWatchFields(r, p, fail);
    else
      for (const [key, supported] of [
        ['verb', ['*', ...FAULT_VERBS]],
        ['resource', ['*', ...FAULT_RESOURCES]],
        ['error', FAULT_ERRORS],
      ] as const) {
        const v = r[key];
        if (v === undefined) fail(required(`${p}.${key}`));
        if (typeof v !== 'string' || !(supported as readonly string[]).includes(v))
          fail(notSupported(`${p}.${key}`, v, supported));
      }
    for (const key of ['namespace', 'name'])
      if (r[key] !== undefined && (typeof r[key] !== 'string' || r[key] === ''))
        fail(invalid(`${p}.${key}`, r[key], 'must be a non-empty string'));
    const probability = r['probability'];
    const nth = r['nth'];
    if (probability !== undefined && nth !== undefined)
      fail(forbidden(`${p}.nth`, 'may not be set together with probability'));
    if (
      probability !== undefined &&
      (typeof probability !== 'number' || !(probability >= 0 && probability <= 1))
    )
      fail(invalid(`${p}.probability`, probability, 'must be a number between 0 and 1'));
    if (nth !== undefined && (typeof nth !== 'number' || !Number.isSafeInteger(nth) || nth < 1))
      fail(invalid(`${p}.nth`, nth, 'must be greater than or equal to 1'));
    const retry = r['retryAfterSeconds'];
    if (retry !== undefined) {
      if (typeof retry !== 'number' || !Number.isSafeInteger(retry) || retry < 0)
        fail(invalid(`${p}.retryAfterSeconds`, retry, 'must be greater than or equal to 0'));
      if (r['error'] !== 'TooManyRequests' && r['error'] !== 'ServerTimeout')
        fail(
          forbidden(`${p}.retryAfterSeconds`, 'may only be set with error TooManyRequests or ServerTimeout'),
        );
    }
    if (r['enabled'] !== undefined && typeof r['enabled'] !== 'boolean')
      fail(invalid(`${p}.enabled`, r['enabled'], 'must be a boolean'));
    if (watch) return { ...(r as unknown as WatchFaultRule), rule: rule as string };
    return { ...(r as unknown as FaultRule), rule: rule as string };
  });
}

/** The API server's answer to a request a fault rule fails: HTTP code, reason, message and Retry-After. */
export interface FaultStatus {
  readonly code: number;
  readonly reason: FaultError;
  readonly message: string;
  readonly retryAfterSeconds: number;
}

/**
 * The `Status` the API server sends for `rule`'s error on a `verb` of `resource` named `name`.
 * Mirrors apimachinery's `NewConflict`, `NewServerTimeout`, `NewTimeoutError`,
 * `NewTooManyRequests` and `NewInternalError` (staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go).
 */
export function faultStatus(
  rule: FaultRule,
  verb: FaultVerb,
  resource: FaultResource,
  name: string,
): FaultStatus {
  const qualified = qualifiedResource(resource);
  const retry = rule.retryAfterSeconds ?? (rule.error === 'TooManyRequests' ? 1 : 0);
  switch (rule.error) {
    case 'Conflict':
      return {
        code: 409,
        reason: 'Conflict',
        message: `Operation cannot be fulfilled on ${qualified} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
        retryAfterSeconds: 0,
      };
    case 'ServerTimeout':
      return {
        code: 500,
        reason: 'ServerTimeout',
        message: `The ${verb} operation against ${qualified} could not be completed at this time, please try again.`,
        retryAfterSeconds: retry,
      };
    case 'Timeout':
      return {
        code: 504,
        reason: 'Timeout',
        message: `Timeout: request did not complete within the allowed duration`,
        retryAfterSeconds: 0,
      };
    case 'TooManyRequests':
      return {
        code: 429,
        reason: 'TooManyRequests',
        message: `Too many requests: please try again later`,
        retryAfterSeconds: retry,
      };
    case 'InternalError':
      return {
        code: 500,
        reason: 'InternalError',
        message: `Internal error occurred: injected fault ${rule.rule ?? ''}`.trimEnd(),
        retryAfterSeconds: 0,
      };
  }
}

/** `pods`, `daemonsets.apps`, `controllerrevisions.apps`: a resource as `GroupResource.String` prints it. */
function qualifiedResource(resource: FaultResource): string {
  if (resource === 'pods') return 'pods';
  return `${resource.split('/')[0]!}.apps`;
}
