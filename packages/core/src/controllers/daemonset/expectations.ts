import type { SimTime } from '../../model/time.js';

/** How long a recorded expectation may go unobserved before the controller stops waiting (`ExpectationsTimeout`). */
export const EXPECTATIONS_TIMEOUT = 5 * 60 * 1000;

/** The creates and deletes a DaemonSet's last pass issued and has not yet seen in its informer. */
export interface ControlleeExpectations {
  readonly add: number;
  readonly del: number;
  /** When the record was set: after {@link EXPECTATIONS_TIMEOUT} it no longer gates. */
  readonly timestamp: SimTime;
}

/**
 * Whether a DaemonSet's pass may act: no record, every expected create and delete observed,
 * or the record expired. Mirrors `ControllerExpectations.SatisfiedExpectations` and
 * `ControlleeExpectations.Fulfilled` / `isExpired` (pkg/controller/controller_utils.go).
 */
export function satisfiedExpectations(
  expectations: ControlleeExpectations | undefined,
  now: SimTime,
): boolean {
  if (expectations === undefined) return true;
  if (expectations.add <= 0 && expectations.del <= 0) return true;
  return now - expectations.timestamp > EXPECTATIONS_TIMEOUT;
}

/**
 * The record after observing `adds` creations and `dels` deletions (counts may go negative).
 * Mirrors `ControllerExpectations.LowerExpectations` via `CreationObserved` / `DeletionObserved`.
 */
export function lowerExpectations(
  expectations: ControlleeExpectations | undefined,
  adds: number,
  dels: number,
): ControlleeExpectations | undefined {
  if (expectations === undefined) return undefined;
  return { add: expectations.add - adds, del: expectations.del - dels, timestamp: expectations.timestamp };
}
