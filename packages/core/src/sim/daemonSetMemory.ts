import type { ControlleeExpectations } from '../controllers/daemonset/expectations.js';
import type { StatusCounts } from '../controllers/daemonset/nodeStatusFlags.js';
import type { RolloutLedger } from '../controllers/daemonset/rolloutLedger.js';
import type { SimTime } from '../model/time.js';
import type { Journal } from './journal.js';
import { JournaledMap } from './journal.js';

/** The DaemonSet controller's memory as the simulator writes it. */
export interface MutableDaemonSetMemory {
  ledger: Map<string, number>;
  backoff: Map<string, { delay: number; lastUpdate: number }>;
  counts: StatusCounts | undefined;
  expectations: ControlleeExpectations | undefined;
  rollout: RolloutLedger | undefined;
  availabilityDue: Map<string, SimTime>;
}

/** A DaemonSet's controller memory whose every change is recorded in the store's {@link Journal}. */
export class JournaledDaemonSetMemory implements MutableDaemonSetMemory {
  ledger: Map<string, number>;
  backoff: Map<string, { delay: number; lastUpdate: number }>;
  private savedCounts: StatusCounts | undefined = undefined;
  availabilityDue: Map<string, SimTime>;
  private savedExpectations: ControlleeExpectations | undefined = undefined;
  private savedRollout: RolloutLedger | undefined = undefined;

  constructor(private readonly journal: Journal) {
    this.ledger = new JournaledMap(journal);
    this.backoff = new JournaledMap(journal);
    this.availabilityDue = new JournaledMap(journal);
  }

  /**
   * The rollout ledger is updated in place by a pass, so a rolled-back event drops it instead of
   * restoring it: the next pass rebuilds it from the store, which gives the same ledger (the
   * incremental-vs-full property).
   */
  get rollout(): RolloutLedger | undefined {
    if (this.journal.active && this.savedRollout !== undefined)
      this.journal.onRollback(() => (this.savedRollout = undefined));
    return this.savedRollout;
  }

  set rollout(value: RolloutLedger | undefined) {
    // Clearing a ledger that is not there (every pass outside a rollout) changes nothing.
    if (value === undefined && this.savedRollout === undefined) return;
    if (this.journal.active) this.journal.onRollback(() => (this.savedRollout = undefined));
    this.savedRollout = value;
  }

  get counts(): StatusCounts | undefined {
    return this.savedCounts;
  }

  set counts(value: StatusCounts | undefined) {
    // A pass that looked at no node hands the same counters back: nothing to undo.
    if (value === this.savedCounts) return;
    if (this.journal.active) {
      const old = this.savedCounts;
      this.journal.onRollback(() => (this.savedCounts = old));
    }
    this.savedCounts = value;
  }

  get expectations(): ControlleeExpectations | undefined {
    return this.savedExpectations;
  }

  set expectations(value: ControlleeExpectations | undefined) {
    // Every pass sets its expectations; most set the ones already there (nothing to create or
    // delete, at the same instant): an undo closure per pass for nothing.
    const old = this.savedExpectations;
    if (
      value === old ||
      (value !== undefined &&
        old !== undefined &&
        value.add === old.add &&
        value.del === old.del &&
        value.timestamp === old.timestamp)
    )
      return;
    if (this.journal.active) {
      this.journal.onRollback(() => (this.savedExpectations = old));
    }
    this.savedExpectations = value;
  }
}
