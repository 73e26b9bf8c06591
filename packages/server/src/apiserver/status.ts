import type { FieldError } from '@daemonsim/core';
import { formatFieldError, SimulationError } from '@daemonsim/core';

/** The `details` of a Kubernetes `Status`. Mirrors `metav1.StatusDetails`. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: { reason: string; message: string; field: string }[];
}

/** A Kubernetes `Status` object, the body of every error. Mirrors `metav1.Status`. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  /** Empty, except the fresh `continue` of a 410 for a stale continue token. */
  metadata: { continue?: string };
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/**
 * An error the API server answers with a `Status` body and its HTTP code.
 * Mirrors apimachinery's `StatusError` (k8s.io/apimachinery/pkg/api/errors).
 */
export class StatusError extends Error {
  override readonly name = 'StatusError';
  readonly status: Status;

  constructor(code: number, reason: string, message: string, details?: StatusDetails) {
    super(message);
    this.status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      ...(details === undefined ? {} : { details }),
      code,
    };
  }
}

/** The field error's message without its field, as `StatusCause.message` carries it. */
function causeMessage(error: FieldError): string {
  const full = formatFieldError(error);
  const prefix = `${error.field}: `;
  return full.startsWith(prefix) ? full.slice(prefix.length) : full;
}

const HTTP_CODES: Record<string, number> = {
  Invalid: 422,
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  BadRequest: 400,
  TimeInPast: 400,
  ExpectationFailed: 500,
  ControllerPanic: 500,
  Livelock: 500,
};

/**
 * Converts a thrown error into a `StatusError`: a `SimulationError` keeps its code as the
 * reason and its causes as `details.causes`; anything else becomes 500 InternalError.
 * Mirrors `errors.NewInvalid`, `NewNotFound`, `NewAlreadyExists`, `NewConflict`, `NewBadRequest`.
 */
export function toStatusError(error: unknown, details: StatusDetails = {}): StatusError {
  if (error instanceof StatusError) return error;
  if (error instanceof SimulationError) {
    const code = HTTP_CODES[error.code] ?? 500;
    const reason =
      error.code === 'TimeInPast'
        ? 'BadRequest'
        : error.code === 'ExpectationFailed' || error.code === 'ControllerPanic' || error.code === 'Livelock'
          ? 'InternalError'
          : error.code;
    const causes = error.causes.map((c) => ({ reason: c.type, message: causeMessage(c), field: c.field }));
    return new StatusError(code, reason, error.message, {
      ...details,
      ...(causes.length > 0 ? { causes } : {}),
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new StatusError(500, 'InternalError', `Internal error occurred: ${message}`, details);
}

/** A 404 for an object: `daemonsets.apps "x" not found`. Mirrors `errors.NewNotFound`. */
export function notFound(resource: string, group: string, name: string): StatusError {
  const qualified = group === '' ? resource : `${resource}.${group}`;
  return new StatusError(404, 'NotFound', `${qualified} "${name}" not found`, {
    name,
    ...(group === '' ? {} : { group }),
    kind: resource,
  });
}

/** A 409 for a create of an existing object. Mirrors `errors.NewAlreadyExists`. */
export function alreadyExists(resource: string, group: string, name: string): StatusError {
  const qualified = group === '' ? resource : `${resource}.${group}`;
  return new StatusError(409, 'AlreadyExists', `${qualified} "${name}" already exists`, {
    name,
    ...(group === '' ? {} : { group }),
    kind: resource,
  });
}

/** A 400 with reason BadRequest. Mirrors `errors.NewBadRequest`. */
export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}

/** A 405 for a verb a resource does not support. Mirrors `errors.NewMethodNotSupported`. */
export function methodNotSupported(resource: string, group: string, verb: string): StatusError {
  const qualified = group === '' ? resource : `${resource}.${group}`;
  return new StatusError(
    405,
    'MethodNotAllowed',
    `${verb} is not supported on resources of kind "${qualified}"`,
    { kind: resource, ...(group === '' ? {} : { group }) },
  );
}
