import type { SimulationOptions } from '@daemonsim/core';

/**
 * The simulation options `daemonsim run` starts every scenario with, beneath the scenario's own
 * `options`. Today they are the library's defaults (the full trace is kept). The bench's
 * `heapMiBAt150kPods` builds its cluster with this same constant, so a change of the CLI's
 * defaults (for example a bounded trace) moves that figure with it.
 * Upstream has no counterpart.
 */
export const RUN_DEFAULTS: SimulationOptions = {};
