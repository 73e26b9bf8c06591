import type { ClusterView, Simulation } from '@daemonsim/core';
import type { Taint } from 'kubernetes-types/core/v1.js';
import { runStep } from '../runScenario.js';
import type { ScenarioTaint, Step } from '../steps.js';
import type { ClusterOp } from './clusterOps.js';
import { DAEMONSET_TEMPLATES, rolledDaemonSet } from './clusterOps.js';

/**
 * The scenario step a {@link ClusterOp} amounts to on a cluster now: its indices resolved to the
 * node, DaemonSet or pod they pick (modulo the count), `addNode` named `node-NNN` from
 * `nodeCounter`. Undefined for an op that names nothing (no nodes, no DaemonSets, no pods) and
 * for a DaemonSet applied while its namesake is being deleted (the API server would answer
 * 409 Conflict; a user retries later), so every step it returns runs without error and a
 * recorded sequence replays as a scenario file. Upstream has no counterpart.
 */
export function clusterOpStep(
  view: ClusterView,
  op: ClusterOp,
  nodeCounter: { next: number },
): Step | undefined {
  const pick = <T>(list: readonly T[], i: number): T | undefined =>
    list.length === 0 ? undefined : list[i % list.length];
  const node = (index: number): string | undefined => pick(view.nodeNames(), index);
  switch (op.op) {
    case 'addNode':
      return {
        kind: 'addNodes',
        names: [`node-${String(nodeCounter.next++).padStart(3, '0')}`],
        // A scenario file refuses an empty taint list; empty and absent add the same node.
        ...(Object.keys(op.labels).length === 0 ? {} : { labels: op.labels }),
        ...(op.taints.length === 0 ? {} : { taints: op.taints.map(scenarioTaint) }),
      };
    case 'removeNode': {
      const name = node(op.index);
      return name === undefined ? undefined : { kind: 'removeNodes', names: [name] };
    }
    case 'labelNode': {
      const name = node(op.index);
      return name === undefined
        ? undefined
        : { kind: 'labelNode', node: name, labels: { [op.key]: op.value } };
    }
    case 'taintNode': {
      const name = node(op.index);
      return name === undefined
        ? undefined
        : { kind: 'taintNode', node: name, taints: [scenarioTaint(op.taint)] };
    }
    case 'untaintNode': {
      const name = node(op.index);
      return name === undefined ? undefined : { kind: 'untaintNode', node: name, taints: [{ key: op.key }] };
    }
    case 'cordon': {
      const name = node(op.index);
      if (name === undefined) return undefined;
      return op.unschedulable ? { kind: 'cordon', node: name } : { kind: 'uncordon', node: name };
    }
    case 'applyDaemonSet':
    case 'rollDaemonSet': {
      const manifest = (
        op.op === 'rollDaemonSet' ? rolledDaemonSet(op) : DAEMONSET_TEMPLATES[op.template]
      ) as {
        metadata: { name: string; namespace: string };
      };
      const existing = view.getDaemonSet(`${manifest.metadata.namespace}/${manifest.metadata.name}`);
      if (existing?.metadata.deletionTimestamp !== undefined) return undefined;
      return { kind: 'apply', manifests: manifest as unknown as Readonly<Record<string, unknown>> };
    }
    case 'deleteDaemonSet': {
      const key = pick(view.daemonSetKeys(), op.index);
      if (key === undefined) return undefined;
      const [namespace, name] = key.split('/') as [string, string];
      return { kind: 'deleteDaemonSet', namespace, name, propagationPolicy: op.propagationPolicy };
    }
    case 'deletePod': {
      const pod = pick(view.allPods(), op.index);
      return pod === undefined
        ? undefined
        : { kind: 'deletePod', namespace: pod.metadata.namespace, name: pod.metadata.name };
    }
    case 'advance':
      return { kind: 'advance', duration: op.ms };
  }
}

function scenarioTaint(t: Taint): ScenarioTaint {
  return {
    key: t.key,
    ...(t.value === undefined ? {} : { value: t.value }),
    effect: t.effect as ScenarioTaint['effect'],
  };
}

/**
 * Performs one op on a simulation at its current time, as the scenario step
 * {@link clusterOpStep} resolves it to (none for an op that names nothing, or a DaemonSet
 * re-applied while being deleted: a user would retry later); returns that step.
 */
export function applyClusterOp(
  sim: Simulation,
  op: ClusterOp,
  nodeCounter: { next: number },
): Step | undefined {
  const step = clusterOpStep(sim.view, op, nodeCounter);
  if (step !== undefined) runStep(sim, step, 0, () => {});
  return step;
}

/** Performs ops in order on a simulation; returns the scenario steps they amounted to. */
export function applyClusterOps(sim: Simulation, ops: readonly ClusterOp[]): Step[] {
  const counter = { next: 0 };
  const steps: Step[] = [];
  for (const op of ops) {
    const step = applyClusterOp(sim, op, counter);
    if (step !== undefined) steps.push(step);
  }
  return steps;
}
