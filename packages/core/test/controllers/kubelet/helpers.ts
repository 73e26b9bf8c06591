import { podStatusReason } from '../../../src/index.js';
import type { Pod, SimTime } from '../../../src/index.js';

export {
  createSimulation,
  CRASH_LOOP_INITIAL_BACKOFF,
  CRASH_LOOP_MAX_BACKOFF,
  MINUTE,
  nextBackOff,
  restartAt,
  SECOND,
} from '../../../src/index.js';

/** kubectl's STATUS column for a pod. */
export function summarizePodForTest(pod: Pod, now: SimTime): { status: string } {
  return { status: podStatusReason(pod, now) };
}
