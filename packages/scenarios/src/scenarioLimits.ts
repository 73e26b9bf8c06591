import { invalidField } from './fieldErrors.js';

/**
 * Bounds on what one scenario may ask for, so that a typo such as `count: 100000000` is an error
 * at once rather than a run that never ends or exhausts memory. Each is a count, checked before
 * anything runs. Upstream's API server bounds requests the same way (a 3 MiB body, names of 253
 * characters); it has no scenario.
 */
export interface ScenarioLimits {
  /** Steps in the scenario. @defaultValue 100000 */
  readonly maxSteps?: number;
  /** Nodes that all its `addNodes` steps add together (names or count). @defaultValue 100000 */
  readonly maxNodes?: number;
}

/** The limits a scenario runs under unless told otherwise: ten times the largest cluster the bench simulates. */
export const DEFAULT_SCENARIO_LIMITS: Required<ScenarioLimits> = {
  maxSteps: 100_000,
  maxNodes: 100_000,
};

const hint = (name: keyof ScenarioLimits): string =>
  `the scenario limit ${name}; a caller that means it raises it with the limits option`;

/**
 * Throws `SimulationError('Invalid')` at the first step that passes one of `limits`, in the API
 * server's words (`steps[2].count: Invalid value: 100000000: must be less than or equal to
 * 99990 (...)`). `steps` is already checked step by step; only the counts are read here.
 * Upstream has no counterpart.
 */
export function checkScenarioLimits(
  steps: readonly Readonly<Record<string, unknown>>[],
  limits: ScenarioLimits = {},
): void {
  const { maxSteps, maxNodes } = { ...DEFAULT_SCENARIO_LIMITS, ...limits };
  if (steps.length > maxSteps)
    invalidField('steps', steps.length, `must have at most ${maxSteps} items (${hint('maxSteps')})`);
  let nodes = 0;
  steps.forEach((step, i) => {
    if (step['kind'] !== 'addNodes') return;
    const names = step['names'];
    const field = Array.isArray(names) ? 'names' : 'count';
    const adds = Array.isArray(names) ? names.length : (step['count'] as number);
    if (nodes + adds > maxNodes)
      invalidField(
        `steps[${i}].${field}`,
        adds,
        `must be less than or equal to ${maxNodes - nodes} (${hint('maxNodes')}: ${maxNodes} nodes in all, ${nodes} added before this step)`,
      );
    nodes += adds;
  });
}
