import { parseScenario } from '@daemonsim/scenarios';
import type { SweepTarget, SweepVariant } from '@daemonsim/scenarios/sweep';
import {
  formatSweepLine,
  runSweepRecord,
  scenarioSweepTarget,
  sweepTargetByName,
} from '@daemonsim/scenarios/sweep';

/** What a sweep's target is, as plain data a worker receives: a name, or a file's name and text. */
export interface SweepTargetSpec {
  readonly ref: string;
  /** The scenario file's YAML, when `ref` names a file rather than a library scenario or property. */
  readonly yaml?: string;
}

/** One run for a worker: the target, the seed, and the variant with its number. */
export interface SweepTask {
  readonly target: SweepTargetSpec;
  readonly seed: number;
  readonly variant: number;
  readonly vary: SweepVariant;
}

/** The target a spec stands for; throws for an unknown name, as the command checked it first. */
export function resolveSweepTarget(spec: SweepTargetSpec): SweepTarget {
  if (spec.yaml !== undefined) return scenarioSweepTarget(spec.ref, parseScenario(spec.yaml));
  const target = sweepTargetByName(spec.ref);
  if (target === undefined) throw new Error(`sweep: unknown scenario ${JSON.stringify(spec.ref)}`);
  return target;
}

/** What a pool's worker returns for a task: its line, and a child process's CPU time so far. */
export interface SweepTaskResult {
  readonly line: string;
  readonly cpu?: { readonly pid: number; readonly micros: number };
}

const targets = new Map<string, SweepTarget>();

/**
 * Runs one task and returns its NDJSON line: the worker's whole job, and the same
 * function a single-threaded caller (the bench's baseline, a test) calls in-process. A worker
 * resolves each target once. Upstream has no counterpart.
 */
export function runSweepTask(task: SweepTask): string {
  const key = JSON.stringify(task.target);
  let target = targets.get(key);
  if (target === undefined) {
    target = resolveSweepTarget(task.target);
    targets.set(key, target);
  }
  return formatSweepLine(runSweepRecord(target, task.seed, task.variant, task.vary));
}
