import { EventQueue } from '../packages/core/src/index.js';
import { startMeter } from './meter.js';
import { mulberry32 } from './mulberry32.js';

/**
 * One bare heap loop: the core EventQueue pre-filled to `pending` entries, then `events` times pop
 * one and push one a random delay after it ("hold"). Delays are drawn up front. It is the floor of
 * a discrete-event engine: what an event costs when handling it costs nothing.
 */
function heapLoop(events: number, pending: number, meanDelay: number): void {
  const q = new EventQueue<{ readonly type: string }>();
  const payload = { type: 'Hold' };
  const rng = mulberry32(7);
  const delays = new Float64Array(1 << 16);
  for (let i = 0; i < delays.length; i++) delays[i] = Math.round(rng() * 2 * meanDelay);
  for (let i = 0; i < pending; i++) q.push(Math.round(rng() * 2 * meanDelay), payload);
  const mask = delays.length - 1;
  for (let i = 0; i < events; i++) {
    const top = q.pop()!;
    q.push(top.at + delays[i & mask]!, top.item);
  }
}

/**
 * CPU ms of one heap loop of `events` events over a queue of `pending` entries: the median of 5
 * rounds, each repeating the loop as often as fits in about 50 ms (counted from a first, timed
 * loop), after a warm-up. The CPU clock is read only around each round: a read costs up to
 * half a ms in this process (see `Budget`), which read after every loop inflated the floor.
 */
export function medianHeapLoopMs(events: number, pending: number, meanDelay: number): number {
  heapLoop(Math.min(events, 200_000), pending, meanDelay);
  const probe = startMeter();
  heapLoop(events, pending, meanDelay);
  const reps = Math.max(1, Math.ceil(50 / Math.max(0.01, probe().cpuMs)));
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const elapsed = startMeter();
    for (let k = 0; k < reps; k++) heapLoop(events, pending, meanDelay);
    rounds.push(elapsed().cpuMs / reps);
  }
  return rounds.sort((a, b) => a - b)[2]!;
}
