import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  eventuallyStable,
  incrementalEqualsFull,
  noDuplicateDaemonPods,
  sameSpecSameEndState,
} from '../../src/testing/index.js';

// FC_RUNS is the one source of every property's run count (vitest.setup.ts sets it globally, and
// lint refuses a numRuns in test files); these check the two halves: the global setting follows
// FC_RUNS in this very process, and no built-in property brings a count of its own.
const expected = process.env.FC_RUNS === undefined ? 100 : Number(process.env.FC_RUNS);

describe('FC_RUNS', () => {
  it('sets the global run count of fast-check (100 when unset)', () => {
    expect(fc.readConfigureGlobal().numRuns).toBe(expected);
  });

  it('is how many cases every built-in property runs', () => {
    const properties = {
      noDuplicateDaemonPods: noDuplicateDaemonPods({ maxLength: 1 }),
      incrementalEqualsFull: incrementalEqualsFull({ maxLength: 1 }),
      eventuallyStable: eventuallyStable({ rollouts: false, maxLength: 1, options: { minResyncPeriod: 0 } }),
      sameSpecSameEndState: sameSpecSameEndState(),
    };
    const runs = Object.fromEntries(
      Object.entries(properties).map(([name, property]) => {
        const details = fc.check(property as fc.IProperty<[unknown]>);
        expect(details.failed, `${name} failed`).toBe(false);
        return [name, details.numRuns];
      }),
    );
    expect(runs).toEqual({
      noDuplicateDaemonPods: expected,
      incrementalEqualsFull: expected,
      eventuallyStable: expected,
      sameSpecSameEndState: expected,
    });
  });
});
