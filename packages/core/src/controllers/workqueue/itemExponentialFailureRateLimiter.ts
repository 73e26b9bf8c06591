import { SECOND } from '../../model/time.js';

/** The first retry delay of a failed work item: `DefaultControllerRateLimiter`'s base, 5 ms. */
export const FAILURE_BASE_DELAY = 5;

/** The longest retry delay of a failed work item: `DefaultControllerRateLimiter`'s cap, 1000 s. */
export const FAILURE_MAX_DELAY = 1000 * SECOND;

/**
 * How long a work item waits before its retry after `failures` earlier failures in a row:
 * 5 ms doubled per failure, capped at 1000 s.
 * Mirrors `ItemExponentialFailureRateLimiter.When` of client-go's workqueue as
 * `DefaultControllerRateLimiter` configures it (`NewItemExponentialFailureRateLimiter(5*time.Millisecond, 1000*time.Second)`).
 * Deviation: the overall token bucket of the default limiter (10 qps, burst 100) is not
 * modelled; it only matters when more than 100 items fail at once.
 */
export function itemExponentialFailureDelay(failures: number): number {
  // 2^28 * 5 ms is far past the cap; stopping there keeps the power finite.
  const delay = FAILURE_BASE_DELAY * 2 ** Math.min(failures, 28);
  return delay > FAILURE_MAX_DELAY ? FAILURE_MAX_DELAY : delay;
}
