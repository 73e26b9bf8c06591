import { eksWalkthrough, runScenario } from '@daemonsim/scenarios';

/**
 * Lesson 1: the DaemonSets every EKS cluster runs, on a simulated two-node cluster. Returns
 * the transcript of `kubectl get` views the lesson prints as nodes join and leave and as
 * kube-proxy is deleted.
 */
export function walkthrough(): string {
  const result = runScenario(eksWalkthrough);
  return result.output;
}
