import type { SimulationOptions } from '@daemonsim/core';

/**
 * The simulation options `daemonsim run` starts every scenario with, beneath the scenario's own
 * `options`: no trace kept in memory, because `run` streams every entry as it is recorded (to
 * stdout, and as NDJSON to `--trace-file`), so a long run's memory does not grow with its trace.
 * The bench's `heapMiBAt150kPods` builds its cluster with this same constant, so a change of the
 * CLI's defaults moves that figure with it.
 * Upstream has no counterpart.
 */
export const RUN_DEFAULTS: SimulationOptions = { trace: false };
