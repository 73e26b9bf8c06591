/**
 * One node's contribution to a DaemonSet's status, as bit flags, so that status can be kept by
 * counters and a pass that looked at a few nodes updates only their contributions.
 * Upstream has no counterpart: `updateDaemonSetStatus` recounts every node on every pass.
 */
export const NodeStatusFlags = {
  shouldRun: 1,
  scheduled: 2,
  ready: 4,
  available: 8,
  updated: 16,
} as const;

/** The status counters a DaemonSet's per-node contributions add up to. */
export interface StatusCounts {
  desiredNumberScheduled: number;
  currentNumberScheduled: number;
  numberMisscheduled: number;
  numberReady: number;
  numberAvailable: number;
  updatedNumberScheduled: number;
}

/** Adds (`sign` 1) or removes (`sign` -1) one node's flags to or from the counters, in place. */
export function addNodeStatus(counts: StatusCounts, flags: number, sign: 1 | -1): void {
  const F = NodeStatusFlags;
  if (flags & F.shouldRun) {
    counts.desiredNumberScheduled += sign;
    if (flags & F.scheduled) counts.currentNumberScheduled += sign;
    if (flags & F.ready) counts.numberReady += sign;
    if (flags & F.available) counts.numberAvailable += sign;
    if (flags & F.updated) counts.updatedNumberScheduled += sign;
  } else if (flags & F.scheduled) {
    counts.numberMisscheduled += sign;
  }
}

/** Counters of no nodes at all. */
export function emptyStatusCounts(): StatusCounts {
  return {
    desiredNumberScheduled: 0,
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    numberReady: 0,
    numberAvailable: 0,
    updatedNumberScheduled: 0,
  };
}
