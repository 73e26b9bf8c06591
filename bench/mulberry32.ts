/**
 * mulberry32: the bench's own seeded RNG, so every workload (which nodes leave, which pods are
 * deleted) is the same in every run and on every engine. Not the engine's RNG: drawing from that
 * would change the simulation's own random choices.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
