import type { Simulation } from '@daemonsim/core';
import { runScenario } from '../runScenario.js';
import { quiescentViolations } from '../testing/invariants.js';
import type { RunFigures } from './runFigures.js';
import { watchRunFigures } from './runFigures.js';
import { runProperty } from './sweepProperty.js';
import type { SweepTarget } from './sweepTarget.js';
import type { SweepValue, SweepVariant } from './sweepVariant.js';
import { applyVariant } from './sweepVariant.js';

/** How a run ended: every expect met and no invariant violated, or not, or a step or component threw. */
export type SweepOutcome = 'pass' | 'fail' | 'error';

/** One run of a sweep, as its NDJSON line holds it. */
export interface SweepRecord {
  /** The target as the command line named it (library name, `property:NAME` or file). */
  readonly scenario: string;
  readonly seed: number;
  /** The variant's number among the sweep's variants (the first `--vary` axis slowest). */
  readonly variant: number;
  /** The variant's values by path. */
  readonly vary: Readonly<Record<string, SweepValue>>;
  readonly outcome: SweepOutcome;
  readonly failedExpects: readonly {
    readonly step: number;
    readonly at: number;
    readonly failures: readonly string[];
  }[];
  readonly violations: readonly string[];
  /** The exception that ended the run early, for outcome `error`. */
  readonly error: string | null;
  /** Whether the cluster went quiet after the last step (the invariants are checked only then). */
  readonly quiet: boolean;
  readonly figures: RunFigures;
  /** For a property's failure: the smallest failing value fast-check shrank it to, and its violations. */
  readonly counterexample?: { readonly value: unknown; readonly violations: readonly string[] };
}

/** How long after its last step a scenario may take to go quiet before its invariants are skipped. */
const SETTLE_LIMIT_MS = 10 * 60_000;
const SETTLE_MAX_STEPS = 200_000;

const message = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** Runs to quiescence within the settle limit; whether it got there. */
function settle(sim: Simulation): boolean {
  try {
    sim.runUntilQuiet(SETTLE_LIMIT_MS, SETTLE_MAX_STEPS);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs one (target, seed, variant) of a sweep and returns its record. A scenario runs with its
 * expects collected rather than thrown, the trace off, then settles (up to 10 simulated
 * minutes) and is checked against the testing kit's quiescent invariants; a property checks
 * the seed's value and shrinks a failure. Pure and deterministic: the same arguments give the
 * same record, whichever process or thread runs it. Upstream has no counterpart.
 */
export function runSweepRecord(
  target: SweepTarget,
  seed: number,
  variantIndex: number,
  variant: SweepVariant,
): SweepRecord {
  let figures: (() => RunFigures) | undefined;
  const watch = (sim: Simulation): void => {
    figures = watchRunFigures(sim);
  };
  const head = { scenario: target.ref, seed, variant: variantIndex, vary: Object.fromEntries(variant) };
  const noFigures = (): RunFigures => ({
    timeToConvergeMs: null,
    maxUnavailableDuringRollout: null,
    unconverged: 0,
    podsCreated: 0,
    podsDeleted: 0,
    events: 0,
    kubeEvents: 0,
  });
  if (target.kind === 'property') {
    const run = runProperty(target.property, seed, watch);
    return {
      ...head,
      outcome: run.error !== undefined ? 'error' : run.violations.length > 0 ? 'fail' : 'pass',
      failedExpects: [],
      violations: run.violations,
      error: run.error ?? null,
      quiet: run.error === undefined,
      figures: (figures ?? noFigures)(),
      ...(run.counterexample === undefined ? {} : { counterexample: run.counterexample }),
    };
  }
  try {
    const result = runScenario(applyVariant(target.scenarioFor(seed), variant), {
      seed,
      expectations: 'collect',
      simulationDefaults: { trace: false },
      onStart: watch,
    });
    const quiet = settle(result.simulation);
    const violations = quiet ? quiescentViolations(result.simulation) : [];
    const failedExpects = result.failedExpectations.map((f) => ({
      step: f.index,
      at: f.at,
      failures: f.failures,
    }));
    return {
      ...head,
      outcome: failedExpects.length > 0 || violations.length > 0 ? 'fail' : 'pass',
      failedExpects,
      violations,
      error: null,
      quiet,
      figures: (figures ?? noFigures)(),
    };
  } catch (error) {
    return {
      ...head,
      outcome: 'error',
      failedExpects: [],
      violations: [],
      error: message(error),
      quiet: false,
      figures: (figures ?? noFigures)(),
    };
  }
}

/** A record as its NDJSON line (no newline): fields in the record's fixed order, so equal records give equal bytes. */
export function formatSweepLine(record: SweepRecord): string {
  const { figures: f } = record;
  return JSON.stringify({
    scenario: record.scenario,
    seed: record.seed,
    variant: record.variant,
    vary: record.vary,
    outcome: record.outcome,
    failedExpects: record.failedExpects,
    violations: record.violations,
    error: record.error,
    quiet: record.quiet,
    figures: {
      timeToConvergeMs: f.timeToConvergeMs,
      maxUnavailableDuringRollout: f.maxUnavailableDuringRollout,
      unconverged: f.unconverged,
      podsCreated: f.podsCreated,
      podsDeleted: f.podsDeleted,
      events: f.events,
      kubeEvents: f.kubeEvents,
    },
    ...(record.counterexample === undefined ? {} : { counterexample: record.counterexample }),
  });
}
