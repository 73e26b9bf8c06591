import { InvalidArgumentError } from 'commander';
import { SimulationError } from '@daemonsim/core';

/** Which share of a sweep's runs a process takes: run `k` (in the sweep's order) when `k % count === index`. */
export interface SweepShard {
  readonly index: number;
  readonly count: number;
}

/**
 * The environment variable that carries a shard's count beside Kubernetes' `JOB_COMPLETION_INDEX`
 * (an Indexed Job sets the index in each pod, but not its completions: deploy/sweep-job.yaml sets
 * this one to the Job's `completions`).
 */
export const SHARD_COUNT_ENV = 'DAEMONSIM_SHARD_COUNT';
/** The index of an Indexed Job's pod, which Kubernetes sets in each of its containers. */
export const SHARD_INDEX_ENV = 'JOB_COMPLETION_INDEX';

const badShard = (message: string): SimulationError =>
  new SimulationError('BadRequest', message, { path: 'shard' });

function shard(index: number, count: number, what: string): SweepShard {
  if (!Number.isSafeInteger(count) || count < 1)
    throw badShard(`${what}: the shard count must be a positive integer`);
  if (!Number.isSafeInteger(index) || index < 0 || index >= count)
    throw badShard(`${what}: the shard index must be an integer from 0 to ${count - 1}`);
  return { index, count };
}

const integer = (text: string): number => (/^\d+$/.test(text) ? Number(text) : NaN);

/** `--shard I/N`: the I-th (from 0) of N shares of the runs. */
export function shardArg(text: string): SweepShard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (m === null) throw new InvalidArgumentError('must be INDEX/COUNT, e.g. 0/4');
  return shard(Number(m[1]), Number(m[2]), `--shard ${text}`);
}

/**
 * The shard a process runs: `--shard` when given, else the Indexed Job contract
 * (`JOB_COMPLETION_INDEX` with {@link SHARD_COUNT_ENV}), else the whole sweep. An index without
 * a count is refused rather than guessed: a pod that ran every run would duplicate the others.
 */
export function sweepShard(
  flag: SweepShard | undefined,
  env: Readonly<Record<string, string | undefined>>,
): SweepShard {
  if (flag !== undefined) return flag;
  const index = env[SHARD_INDEX_ENV];
  const count = env[SHARD_COUNT_ENV];
  if (index === undefined && count === undefined) return { index: 0, count: 1 };
  if (index === undefined || count === undefined)
    throw badShard(
      `${index === undefined ? SHARD_COUNT_ENV : SHARD_INDEX_ENV} is set without ${index === undefined ? SHARD_INDEX_ENV : SHARD_COUNT_ENV}: set both (or --shard I/N)`,
    );
  return shard(integer(index), integer(count), `${SHARD_INDEX_ENV}=${index} ${SHARD_COUNT_ENV}=${count}`);
}

/** `--seeds A..B` (inclusive) or one seed `N`: non-negative integers, A <= B. */
export function seedsArg(text: string): { readonly from: number; readonly to: number } {
  const m = /^(\d+)(?:\.\.(\d+))?$/.exec(text);
  if (m === null) throw new InvalidArgumentError('must be A..B (inclusive) or one seed N');
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  if (!Number.isSafeInteger(to) || from > to)
    throw new InvalidArgumentError('A..B needs A <= B, both safe integers');
  return { from, to };
}
