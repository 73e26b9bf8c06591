// A fuzzer over the decoder and the write path: a random JSON value at a random path of a valid
// DaemonSet. Every input is answered within a bounded number of events, either stored (and then
// decodes strictly again) or rejected with a field error, and a rejection changes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeManifest, Simulation, SimulationError } from '@daemonsim/core';
import { setAt, validDaemonSet } from './hostileCases.js';
import { fingerprint } from './fingerprint.js';

/** Every path of the valid manifest (objects and leaves), plus a new key under each object. */
function paths(value: unknown, prefix: string, out: string[]): string[] {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = prefix === '' ? k : `${prefix}.${k}`;
      out.push(p);
      paths(v, p, out);
    }
    if (!Array.isArray(value)) out.push(prefix === '' ? 'extra' : `${prefix}.extra`);
  }
  return out;
}

const PATHS = paths(validDaemonSet(), '', []).filter((p) => p !== 'apiVersion' && p !== 'kind');
const EVENT_BOUND = 5_000;

function base(): Simulation {
  const sim = new Simulation({ seed: 11 });
  sim.submit({ type: 'NodeAdded', node: { name: 'node-1' } });
  sim.submit({ type: 'NodeAdded', node: { name: 'node-2' } });
  sim.runUntilQuiet();
  return sim;
}

describe('random JSON values at random paths of a valid DaemonSet', () => {
  it('are stored and valid, or rejected with a field error leaving state intact, within a bounded event count', () => {
    const counts = { stored: 0, rejected: 0 };
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), fc.jsonValue({ maxDepth: 3 }), (path, value) => {
        const sim = base();
        const manifest = setAt(validDaemonSet(), path, value);
        const before = fingerprint(sim);
        const start = sim.eventsProcessed;
        try {
          sim.submit({ type: 'ManifestApplied', manifest });
        } catch (error) {
          expect(error).toBeInstanceOf(SimulationError);
          const e = error as SimulationError;
          // NotFound: a namespace that does not exist, as upstream answers it.
          expect(['BadRequest', 'Invalid', 'NotFound']).toContain(e.code);
          // A field error: the message names a field, or the causes do.
          expect(e.path !== undefined || e.causes.length > 0).toBe(true);
          expect(fingerprint(sim)).toBe(before);
          counts.rejected++;
          return;
        }
        sim.runUntilQuiet(60 * 60 * 1000);
        expect(sim.eventsProcessed - start).toBeLessThan(EVENT_BOUND);
        // The name or namespace may have changed to another valid one: check every DaemonSet.
        const stored = [...sim.snapshot().daemonSets.values()];
        expect(stored.length).toBe(1);
        for (const ds of stored)
          expect(() => decodeManifest(ds, { fieldValidation: 'Strict' })).not.toThrow();
        counts.stored++;
      }),
    );
    expect(counts.stored + counts.rejected).toBeGreaterThan(0);
  });
});
