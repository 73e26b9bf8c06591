import type { SimulationErrorCode } from '@daemonsim/core';
import type { StepKind } from './steps.js';

/**
 * A failed `expect` step: the message names the step (`steps[4] (expect)`), what was expected,
 * what was found, and shows the relevant cluster state as kubectl tables.
 * Upstream has no counterpart; it plays the part of a failed e2e framework assertion.
 */
export class ScenarioExpectationError extends Error {
  override readonly name = 'ScenarioExpectationError';
  /** Always `ExpectationFailed`, as core's code for an unmet expectation. */
  readonly code: SimulationErrorCode = 'ExpectationFailed';
  readonly stepIndex: number;
  readonly stepKind: StepKind;
  /** Each unmet assertion, as `expected ..., found ...`. */
  readonly failures: readonly string[];
  /** The kubectl views of the relevant state. */
  readonly state: string;

  constructor(stepIndex: number, failures: readonly string[], state: string, at: string) {
    super(
      `steps[${stepIndex}] (expect) failed at ${at}:\n${failures.map((f) => `  - ${f}`).join('\n')}\n\n${state}`,
    );
    this.stepIndex = stepIndex;
    this.stepKind = 'expect';
    this.failures = failures;
    this.state = state;
  }
}

/**
 * A step the simulation rejected, or could not run: core's `SimulationError` wrapped with the
 * step's index and kind in the message (`steps[2] (apply): DaemonSet.apps "x" is invalid: ...`),
 * keeping its `code` and `path`, and the original error as `cause`.
 */
export class ScenarioStepError extends Error {
  override readonly name = 'ScenarioStepError';
  readonly code: SimulationErrorCode;
  readonly path: string | undefined;
  readonly stepIndex: number;
  readonly stepKind: StepKind;

  constructor(
    stepIndex: number,
    stepKind: StepKind,
    code: SimulationErrorCode,
    message: string,
    options: { path?: string | undefined; cause?: unknown } = {},
  ) {
    super(
      `steps[${stepIndex}] (${stepKind}): ${message}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.path = options.path;
    this.stepIndex = stepIndex;
    this.stepKind = stepKind;
  }
}
