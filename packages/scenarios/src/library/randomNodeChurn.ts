import { Rng } from '@daemonsim/core';
import type { Scenario } from '../scenario.js';
import type { Step } from '../steps.js';
import { EKS_SYSTEM_DAEMONSETS } from './eksWalkthrough.js';

/** Options of {@link randomNodeChurn}. */
export interface RandomNodeChurnOptions {
  /** @defaultValue 42 */
  readonly seed?: number;
  /** Nodes at the start. @defaultValue 10 */
  readonly nodes?: number;
  /** Join or leave events. @defaultValue 20 */
  readonly events?: number;
  /** Simulated milliseconds between events, drawn up to this. @defaultValue 60000 */
  readonly maxGap?: number;
}

/**
 * A seeded random node churn under the EKS system DaemonSets: nodes join and leave at random
 * times, and at the end every node runs exactly one pod of each. The same seed gives the same
 * scenario, step for step.
 */
export function randomNodeChurn(options: RandomNodeChurnOptions = {}): Scenario {
  const seed = options.seed ?? 42;
  const rng = Rng.fromSeed(`churn-${seed}`);
  const maxGap = options.maxGap ?? 60_000;
  let next = 1;
  const live: string[] = [];
  const name = (): string => `node-${String(next++).padStart(4, '0')}`;
  const initial = Array.from({ length: options.nodes ?? 10 }, name);
  live.push(...initial);
  const steps: Step[] = [
    { kind: 'addNodes', names: initial },
    { kind: 'apply', manifests: EKS_SYSTEM_DAEMONSETS },
    { kind: 'runUntilQuiet' },
  ];
  for (let i = 0; i < (options.events ?? 20); i++) {
    steps.push({ kind: 'advance', duration: rng.between(0, maxGap) });
    if (live.length > 1 && rng.next() < 0.5) {
      const [gone] = live.splice(rng.int(live.length), 1);
      steps.push({ kind: 'removeNodes', names: [gone!] });
    } else {
      const joined = name();
      live.push(joined);
      steps.push({ kind: 'addNodes', names: [joined] });
    }
  }
  live.sort();
  steps.push(
    { kind: 'runUntilQuiet' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'kube-proxy',
        namespace: 'kube-system',
        nodes: [...live],
        status: { desiredNumberScheduled: live.length, numberAvailable: live.length },
      },
    },
    { kind: 'expect', daemonSet: { name: 'aws-node', namespace: 'kube-system', nodes: [...live] } },
    { kind: 'expect', pods: { namespace: 'kube-system', count: 2 * live.length } },
  );
  return {
    name: `random-node-churn-${seed}`,
    description: 'nodes join and leave at random; every node ends with one pod of each DaemonSet',
    seed,
    steps,
  };
}
