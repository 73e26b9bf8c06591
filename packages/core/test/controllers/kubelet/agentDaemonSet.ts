import type { ImageBehaviours, Simulation } from '../../../src/index.js';
import { createSimulation } from '../../../src/index.js';

/** The image the kubelet tests' agent runs; its behaviour is what each test varies. */
export const AGENT_IMAGE = 'example.com/agent:1.0';

/** The pod spec of the agent: one container `agent` on AGENT_IMAGE, with `container`'s extra fields (probes, ports). */
export function agentPodSpec(container: Record<string, unknown>): Record<string, unknown> {
  return { containers: [{ name: 'agent', image: AGENT_IMAGE, ...container }] };
}

/** The DaemonSet `default/agent` (selector app=agent) whose pods run agentPodSpec(container). */
export function agentDaemonSet(container: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: agentPodSpec(container) },
    },
  };
}

/** A one-node cluster (node n1, seed 7) with `manifest` applied and run until quiet. */
export function runningOnOneNode(manifest: Record<string, unknown>, images: ImageBehaviours): Simulation {
  const sim = createSimulation({ seed: 7, images });
  sim.submit({ type: 'NodeAdded', node: { name: 'n1' } });
  sim.submit({ type: 'ManifestApplied', manifest });
  sim.runUntilQuiet();
  return sim;
}

/** Deletes the DaemonSet `default/agent` as `kubectl delete daemonset agent` does (background propagation). */
export function deleteAgentDaemonSet(sim: Simulation): void {
  sim.submit({
    type: 'DaemonSetDeleted',
    namespace: 'default',
    name: 'agent',
    propagationPolicy: 'Background',
  });
}
