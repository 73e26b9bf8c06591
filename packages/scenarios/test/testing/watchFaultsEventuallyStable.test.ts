import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { WatchFaultRule } from '@daemonsim/core';
import { WATCH_FAULT_KINDS } from '@daemonsim/core';
import type { FaultsHook } from '../../src/testing/index.js';
import { eventuallyStable } from '../../src/testing/index.js';

// Anvil's "eventually stable reconciliation" under Sieve's watch perturbations: whatever watch
// events of whatever kinds are dropped (a broken watch, healed by a relist after the reflector's
// backoff), coalesced or delayed during a prefix, once the faults stop the cluster converges
// and stays converged.

const watchRuleArbitrary: fc.Arbitrary<WatchFaultRule> = fc.oneof(
  fc.record({
    watch: fc.constantFrom(...WATCH_FAULT_KINDS),
    fault: fc.constant('break' as const),
    probability: fc.integer({ min: 2, max: 40 }).map((n) => n / 100),
  }),
  // A window: broken from the start until the prefix ends.
  fc.record({ watch: fc.constantFrom(...WATCH_FAULT_KINDS), fault: fc.constant('break' as const) }),
  fc.record({
    watch: fc.constantFrom(...WATCH_FAULT_KINDS),
    fault: fc.constant('delay' as const),
    probability: fc.integer({ min: 10, max: 100 }).map((n) => n / 100),
    delayMs: fc
      .tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 }))
      .map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) })),
  }),
);

/** Watch fault rules for the built-in property: declared in the scenario's `faults`, each switched off after the prefix. */
const watchFaults: FaultsHook<readonly WatchFaultRule[]> = {
  arbitrary: fc
    .array(watchRuleArbitrary, { minLength: 1, maxLength: 3 })
    .map((rules) => rules.map((r, i) => ({ ...r, rule: `w${i}` }))),
  declare: (scenario, faults) => ({ ...scenario, faults }),
  stop: (faults) => faults.map((f) => ({ kind: 'disableFault', rule: f.rule! })),
};

describe('watch faults during a prefix, then none', () => {
  it('eventuallyStable holds when watch events are dropped, coalesced by relists and delayed, rollouts included', () => {
    fc.assert(
      eventuallyStable({
        maxLength: 15,
        faults: watchFaults,
        options: { observation: 'informer', latencies: { informer: { min: 1, max: 300 } } },
      }),
    );
  });
});
