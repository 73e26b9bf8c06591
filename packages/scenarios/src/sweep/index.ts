// @daemonsim/scenarios/sweep: the pure half of `daemonsim sweep`, one run's record and the merge of many.
export type { RunFigures } from './runFigures.js';
export { watchRunFigures } from './runFigures.js';
export type { SweepValue, SweepVariant, VaryAxis } from './sweepVariant.js';
export { applyVariant, formatSweepValue, parseVary, sweepVariants, variantLabel } from './sweepVariant.js';
export type { PropertyRun, SweepProperty } from './sweepProperty.js';
export { runProperty, SWEEP_PROPERTIES } from './sweepProperty.js';
export type { SweepTarget } from './sweepTarget.js';
export { scenarioSweepTarget, sweepTargetByName, sweepTargetNames } from './sweepTarget.js';
export type { SweepOutcome, SweepRecord } from './sweepRecord.js';
export { formatSweepLine, runSweepRecord } from './sweepRecord.js';
export type { SweepFile } from './sweepMerge.js';
export { compareSweepRuns, mergeSweepFiles } from './sweepMerge.js';
export { percentile, replayCommand, sweepSummary } from './sweepSummary.js';
