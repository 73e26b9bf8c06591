/**
 * The codes a {@link SimulationError} carries, so callers can branch without parsing messages.
 * `Invalid`, `NotFound`, `AlreadyExists` and `Conflict` are the Kubernetes `Status` reasons.
 */
export type SimulationErrorCode =
  | 'Invalid'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'BadRequest'
  | 'TimeInPast'
  | 'ExpectationFailed'
  /** A component threw while processing an item; its writes were taken back and the item re-queued with backoff. */
  | 'ControllerPanic'
  /** A component kept the clock still; the item was set aside with backoff. */
  | 'Livelock';

/** One field-level problem, worded as the API server's `field.Error`. */
export interface FieldError {
  /** `Invalid value`, `Required value`, `Unsupported value`, `Forbidden`, `Duplicate value`. */
  readonly type:
    | 'FieldValueInvalid'
    | 'FieldValueRequired'
    | 'FieldValueNotSupported'
    | 'FieldValueForbidden'
    | 'FieldValueDuplicate';
  /** Field path such as `spec.template.metadata.labels`. */
  readonly field: string;
  /** The offending value, rendered in the message when present. */
  readonly badValue?: unknown;
  readonly detail: string;
}

/**
 * An error thrown for programmer and input mistakes; domain outcomes are data, not errors.
 * Mirrors apimachinery's `StatusError`: a `code` (the Status reason), a field `path` and a
 * message in the API server's words.
 */
export class SimulationError extends Error {
  override readonly name = 'SimulationError';
  readonly code: SimulationErrorCode;
  /** Field path of the first cause, when the error is about one field. */
  readonly path: string | undefined;
  readonly causes: readonly FieldError[];

  constructor(
    code: SimulationErrorCode,
    message: string,
    options: { path?: string; causes?: readonly FieldError[] } = {},
  ) {
    super(message);
    this.code = code;
    this.path = options.path ?? options.causes?.[0]?.field;
    this.causes = options.causes ?? [];
  }
}
