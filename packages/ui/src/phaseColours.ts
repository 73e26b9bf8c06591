import type { TimelinePodPhase } from '@daemonsim/core';

/** The colour of a pod bar in each phase, and of a KubeEvent mark by type. */
export const PHASE_COLOURS: Readonly<Record<TimelinePodPhase, string>> = {
  Pending: '#f2c14e',
  ContainerCreating: '#7fb7e6',
  Running: '#3c8dbc',
  Ready: '#3aa655',
  Terminating: '#9b6fc3',
  Failed: '#d64541',
  Succeeded: '#8a8a8a',
};

export const EVENT_COLOURS: Readonly<Record<string, string>> = { Normal: '#222', Warning: '#d64541' };
