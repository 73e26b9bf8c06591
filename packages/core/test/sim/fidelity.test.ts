import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/sim/simulation.js';
import { formatTrace } from '../../src/sim/trace.js';

const agent = (finalizers?: string[]) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'kube-system', ...(finalizers === undefined ? {} : { finalizers }) },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
  },
});

const podWithFinalizer = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'kept', namespace: 'default', finalizers: ['example.com/keep'] },
  spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'i' }] },
};

function cluster() {
  const sim = createSimulation({ seed: 5 });
  sim.submit({ type: 'NodeAdded', node: { name: 'node-1' } });
  return sim;
}

describe("the API server's delete of an object with finalizers", () => {
  it('a forced pod delete keeps the pod, marked for deletion with grace period 0, while a finalizer holds it', () => {
    const sim = cluster();
    sim.submit({ type: 'ManifestApplied', manifest: podWithFinalizer });
    sim.runUntilQuiet();
    sim.submit({ type: 'PodDeleted', namespace: 'default', name: 'kept', force: true });
    const pod = sim.view.getPod('default/kept');
    expect(pod?.metadata.deletionTimestamp).toBeDefined();
    expect(pod?.metadata.deletionGracePeriodSeconds).toBe(0);
    sim.runUntilQuiet();
    expect(sim.view.getPod('default/kept')).toBeDefined();
  });

  it('a graceful pod delete ends, after the kubelet stops it, in the same kept state rather than a removal', () => {
    const sim = cluster();
    sim.submit({ type: 'ManifestApplied', manifest: podWithFinalizer });
    sim.runUntilQuiet();
    sim.submit({ type: 'PodDeleted', namespace: 'default', name: 'kept' });
    sim.runUntilQuiet();
    expect(sim.view.getPod('default/kept')?.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(formatTrace(sim.trace)).not.toMatch(/- delete Pod default\/kept/);
  });

  it('a Background DaemonSet delete with a finalizer of its own marks the DaemonSet and keeps it and its pods', () => {
    const sim = cluster();
    sim.submit({ type: 'ManifestApplied', manifest: agent(['example.com/keep']) });
    sim.runUntilQuiet();
    sim.submit({
      type: 'DaemonSetDeleted',
      namespace: 'kube-system',
      name: 'agent',
      propagationPolicy: 'Background',
    });
    sim.runUntilQuiet();
    const ds = sim.view.getDaemonSet('kube-system/agent');
    expect(ds?.metadata.deletionTimestamp).toBeDefined();
    expect(ds?.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(sim.view.allPods().length).toBe(1);
  });
});

describe("the DaemonSet controller's DaemonSet handlers (updateDaemonset, deleteDaemonset)", () => {
  it('wakes the DaemonSet after its own status write, as updateDaemonset enqueues on every update', () => {
    const sim = cluster();
    sim.submit({ type: 'ManifestApplied', manifest: agent() });
    sim.runUntilQuiet();
    const lines = formatTrace(sim.trace).split('\n');
    const status = lines.findIndex((l) => l.includes('~ status DaemonSet kube-system/agent'));
    expect(status).toBeGreaterThan(0);
    const next = lines.slice(status + 1).find((l) => !l.startsWith(' '));
    expect(next).toMatch(/DaemonSetSync kube-system\/agent$/);
  });

  it('queues the key of a deleted DaemonSet, whose pass then writes nothing', () => {
    const sim = cluster();
    sim.submit({ type: 'ManifestApplied', manifest: agent() });
    sim.runUntilQuiet();
    const before = sim.trace.length;
    sim.submit({
      type: 'DaemonSetDeleted',
      namespace: 'kube-system',
      name: 'agent',
      propagationPolicy: 'Orphan',
    });
    sim.runUntilQuiet();
    const after = formatTrace(sim.trace.slice(before)).split('\n');
    const removed = after.findIndex((l) => /- delete DaemonSet kube-system\/agent/.test(l));
    expect(removed).toBeGreaterThan(0);
    const rest = after.slice(removed + 1);
    expect(rest.some((l) => /DaemonSetSync kube-system\/agent$/.test(l))).toBe(true);
    expect(rest.some((l) => l.includes('[daemonset-controller]'))).toBe(false);
  });
});
